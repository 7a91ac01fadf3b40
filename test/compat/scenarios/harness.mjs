/**
 * The compat scenarios' shared parts: loading the OTel SDK line under test, in-memory tracing and metrics,
 * a tiny PASS/FAIL runner and span assertions. Plain ESM over `node:assert`, so it runs unchanged on every
 * Node version and OTel line of the matrix (no build step, no test framework to install).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The version of a package installed at the top of the temp project (the scenario runs there), read from its
 * package.json file: not every package exports `./package.json`.
 */
export function installedVersion(name) {
  try {
    return JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8'))
      .version;
  } catch {
    return undefined;
  }
}

/**
 * Loads the trace and metrics SDK of the line under test. The 2.x trace SDK is `@opentelemetry/sdk-trace-base`
 * (class `BasicTracerProvider`); 3.x renamed it `@opentelemetry/sdk-trace` (class `TracerProvider`). The run
 * script says which package it installed through SIGHTLINE_COMPAT_TRACE_PKG.
 */
export async function loadOtel() {
  const tracePackage = process.env.SIGHTLINE_COMPAT_TRACE_PKG ?? '@opentelemetry/sdk-trace-base';
  const api = await import('@opentelemetry/api');
  const traceSdk = await import(tracePackage);
  const metricsSdk = await import('@opentelemetry/sdk-metrics');
  const TracerProviderClass = traceSdk.BasicTracerProvider ?? traceSdk.TracerProvider;
  assert.ok(TracerProviderClass, `${tracePackage} exports neither BasicTracerProvider nor TracerProvider`);
  const traceSdkVersion = installedVersion(tracePackage);
  const traceSdkMajor = Number.parseInt(traceSdkVersion ?? '0', 10);
  return {
    api,
    traceSdk,
    metricsSdk,
    tracePackage,
    TracerProviderClass,
    /**
     * A SimpleSpanProcessor of this line: 2.x takes the exporter (`new SimpleSpanProcessor(exporter)`), 3.x an
     * options object (`new SimpleSpanProcessor({ exporter })`; a bare exporter there fails at the first export).
     */
    simpleProcessor: (exporter) =>
      traceSdkMajor >= 3
        ? new traceSdk.SimpleSpanProcessor({ exporter })
        : new traceSdk.SimpleSpanProcessor(exporter),
    versions: {
      api: installedVersion('@opentelemetry/api'),
      traceSdk: traceSdkVersion,
      metricsSdk: installedVersion('@opentelemetry/sdk-metrics'),
    },
  };
}

/** A tracer provider of the line under test that keeps ended spans in memory. */
export function memoryTracing(otel) {
  const exporter = new otel.traceSdk.InMemorySpanExporter();
  const provider = new otel.TracerProviderClass({
    spanProcessors: [otel.simpleProcessor(exporter)],
  });
  return {
    provider,
    exporter,
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
  };
}

/** A meter provider of the line under test with a reader that collects on demand. */
export function memoryMetrics(otel) {
  class CollectOnDemandReader extends otel.metricsSdk.MetricReader {
    async onForceFlush() {}
    async onShutdown() {}
  }
  const reader = new CollectOnDemandReader();
  const provider = new otel.metricsSdk.MeterProvider({ readers: [reader] });
  return {
    provider,
    /**
     * The data points collected now, by metric name, merged across instrumentation scopes (the openai and
     * Anthropic packages each record under their own scope, with the same metric names).
     */
    async collect() {
      const { resourceMetrics, errors } = await reader.collect();
      assert.deepEqual(errors, [], 'metric collection reported errors');
      const byName = new Map();
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          const points = byName.get(metric.descriptor.name) ?? [];
          byName.set(metric.descriptor.name, [...points, ...metric.dataPoints]);
        }
      }
      return byName;
    },
  };
}

const results = [];

/** Runs one scenario, printing `PASS name` or `FAIL name: reason` (never throws). */
export async function scenario(name, run) {
  try {
    await run();
    results.push({ name, ok: true });
    console.log(`PASS ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.log(`FAIL ${name}: ${reason.split('\n').slice(0, 6).join('\n    ')}`);
  }
}

/** Prints `compat: N passed, M failed` and returns the number of failures. */
export function summarize() {
  const failed = results.filter((result) => !result.ok).length;
  console.log(`compat: ${results.length - failed} passed, ${failed} failed`);
  return failed;
}

/** One line per span: name and the attributes that tell what happened. */
export function describeSpans(spans) {
  if (spans.length === 0) return '(no spans)';
  return spans.map((span) => `"${span.name}" ${JSON.stringify(span.attributes)}`).join('; ');
}

/**
 * Waits until `count` spans have ended (stream spans end one macrotask after a `break`), then requires
 * exactly `count`. Bounded: gives up after `timeoutMs` and fails with the spans that were there.
 */
export async function endedSpans(tracing, count, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (tracing.spans().length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await tracing.provider.forceFlush();
  const spans = tracing.spans();
  assert.equal(
    spans.length,
    count,
    `expected exactly ${count} ended span(s), got ${spans.length}: ${describeSpans(spans)}`,
  );
  return spans;
}

/** The only ended span, with the expected name and kind CLIENT. */
export async function onlySpan(tracing, name) {
  const [span] = await endedSpans(tracing, 1);
  assert.equal(span.name, name, `span name (attributes: ${JSON.stringify(span.attributes)})`);
  assert.equal(span.kind, 2, `span "${name}" kind should be CLIENT (2)`);
  return span;
}

/**
 * Checks attributes: a value is compared deeply, `undefined` means "absent", a function is a predicate.
 * The message names the attribute and shows all of them.
 */
export function expectAttributes(span, expected) {
  for (const [key, want] of Object.entries(expected)) {
    const got = span.attributes[key];
    const context = `attribute ${key} on "${span.name}" (all: ${JSON.stringify(span.attributes)})`;
    if (typeof want === 'function') assert.ok(want(got), `${context}: predicate failed for ${String(got)}`);
    else if (want === undefined) assert.equal(got, undefined, `${context}: should be absent`);
    else assert.deepEqual(got, want, context);
  }
}

/** `sightline.cost.usd` equals the expected USD amount (floating point sums: 1e-12 slack). */
export function expectCost(span, usd) {
  const got = span.attributes['sightline.cost.usd'];
  assert.equal(typeof got, 'number', `sightline.cost.usd missing on "${span.name}"`);
  assert.ok(Math.abs(got - usd) < 1e-12, `sightline.cost.usd on "${span.name}" is ${got}, expected ${usd}`);
}

/** The span ended unset/OK (not ERROR). */
export function expectNotFailed(span) {
  assert.notEqual(span.status.code, 2, `span "${span.name}" has ERROR status: ${span.status.message}`);
}

/** The span failed with this `error.type`, ERROR status and an exception event. */
export function expectFailed(span, errorType) {
  assert.equal(span.status.code, 2, `span "${span.name}" should have ERROR status`);
  expectAttributes(span, { 'error.type': errorType });
  assert.ok(
    span.events.some((event) => event.name === 'exception'),
    `span "${span.name}" should have an exception event`,
  );
}

export { assert };
