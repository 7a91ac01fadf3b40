/**
 * The instrumentation variants of the overhead benchmark. `setupVariant(name)` must run BEFORE `openai` is
 * required: the peers patch the `openai` module through require-in-the-middle hooks installed by
 * registerInstrumentations().
 *
 * Every instrumented variant gets the same OpenTelemetry setup: an AsyncLocalStorage context manager, a
 * BasicTracerProvider with a SimpleSpanProcessor into an exporter that only counts (so exporting costs the same,
 * and next to nothing, for everyone) and a MeterProvider with a manual reader (so recorded metrics really land in
 * aggregation storage). Content capture is off for all (the default of Sightline and of the OTel
 * contrib instrumentation; Traceloop's `traceContent` is set to false to match).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { context, createContextKey, metrics, ROOT_CONTEXT, trace } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { AggregationTemporality, MeterProvider, MetricReader } = require('@opentelemetry/sdk-metrics');
const { BasicTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');

/** Variant names, in the order they run and print. */
const VARIANTS = ['none', 'none+als', 'sightline', 'otel-contrib', 'traceloop'];
/** Variants that are third-party instrumentations (the "peers" Sightline is compared with). */
const PEERS = ['otel-contrib', 'traceloop'];

/** Counts exported spans and keeps the last one (to show what a variant records); retains nothing else. */
class CountingExporter {
  constructor() {
    this.count = 0;
    this.last = undefined;
  }
  export(spans, resultCallback) {
    this.count += spans.length;
    this.last = spans[spans.length - 1];
    resultCallback({ code: 0 });
  }
  shutdown() {
    return Promise.resolve();
  }
  forceFlush() {
    return Promise.resolve();
  }
}

/** Collected on demand only: no timers run during the measurement. */
class ManualReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  onShutdown() {
    return Promise.resolve();
  }
  onForceFlush() {
    return Promise.resolve();
  }
}

/** Installed version of a package (its exports map may hide package.json, so walk up from its entry). */
function packageVersion(name) {
  let dir = path.dirname(require.resolve(name));
  while (dir !== path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (manifest.name === name) return manifest.version;
    }
    dir = path.dirname(dir);
  }
  return '?';
}

/** What a span says about usage and cost, whatever attribute names the instrumentation uses. */
function describeSpan(span) {
  if (!span) return { name: undefined, usage: false, cost: false };
  const keys = Object.keys(span.attributes);
  return {
    name: span.name,
    usage: keys.some((key) => key.includes('usage') && key.includes('token')),
    cost: keys.some((key) => key.includes('cost')),
  };
}

/**
 * Sets up one variant; resolves to `{ instrument(client), version, telemetry() }`. `instrument` wraps a client (only
 * Sightline needs it: the peers patched the module); `telemetry()` counts spans and metric data points.
 */
async function setupVariant(name) {
  if (!VARIANTS.includes(name))
    throw new Error(`bench: unknown variant "${name}" (expected ${VARIANTS.join(', ')})`);
  const none = {
    instrument: (client) => client,
    version: '',
    telemetry: async () => ({ spans: 0, points: 0 }),
  };
  if (name === 'none') return none;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  // Node enables its promise hooks (a cost on every promise) only once an AsyncLocalStorage is first entered.
  // Every instrumentation here enters it on each call (context.with); `none+als` enters it once, as an app whose
  // OTel SDK already traces something (an HTTP server span) would: it is the context-propagation baseline.
  context.with(ROOT_CONTEXT.setValue(createContextKey('sightline.bench'), true), () => undefined);
  if (name === 'none+als') return none;

  const exporter = new CountingExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new ManualReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);

  const telemetry = async () => {
    const { resourceMetrics } = await reader.collect();
    let points = 0;
    const names = [];
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        names.push(metric.descriptor.name);
        points += metric.dataPoints.length;
      }
    }
    return { spans: exporter.count, points, metricNames: names, lastSpan: describeSpan(exporter.last) };
  };

  if (name === 'sightline') {
    // The CommonJS build by default (what a require() app gets); BENCH_SIGHTLINE_BUILD=esm loads the ESM build.
    const esm = process.env.BENCH_SIGHTLINE_BUILD === 'esm';
    const load = esm ? import('@sightline/openai') : Promise.resolve(require('@sightline/openai'));
    const { instrumentOpenAI } = await load;
    return {
      instrument: (client) => instrumentOpenAI(client, { tracerProvider, meterProvider }),
      version: `${packageVersion('@sightline/openai')}${esm ? ' (esm)' : ''}`,
      telemetry,
    };
  }

  const { registerInstrumentations } = require('@opentelemetry/instrumentation');
  let instrumentation;
  let version;
  if (name === 'otel-contrib') {
    const { OpenAIInstrumentation } = require('@opentelemetry/instrumentation-openai');
    instrumentation = new OpenAIInstrumentation({ captureMessageContent: false });
    version = packageVersion('@opentelemetry/instrumentation-openai');
  } else {
    const { OpenAIInstrumentation } = require('@traceloop/instrumentation-openai');
    instrumentation = new OpenAIInstrumentation({ traceContent: false });
    version = packageVersion('@traceloop/instrumentation-openai');
  }
  registerInstrumentations({ instrumentations: [instrumentation], tracerProvider, meterProvider });
  return { instrument: (client) => client, version, telemetry };
}

module.exports = { VARIANTS, PEERS, setupVariant };
