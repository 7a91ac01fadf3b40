import { diag, type MeterProvider, metrics, type TracerProvider } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  ConsoleMetricExporter,
  type IMetricReader,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { NodeSDK, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  globalTracerProvider,
  hasGlobalMeterProvider,
  hasGlobalTracerProvider,
} from './existing-providers.js';
import { installExitHooks } from './exit-hooks.js';
import { OtlpJsonFileMetricExporter } from './file-metric-exporter.js';
import { OtlpJsonFileSpanExporter } from './file-span-exporter.js';
import {
  type ResolvedOptions,
  resolveOptions,
  type SightlineExporterName,
  type SightlineNodeOptions,
} from './options.js';
import { baseResource, resourceDetectors } from './resource.js';

/** What {@link setupSightline} returns. */
export interface SightlineHandle {
  /**
   * Flushes and stops the providers Sightline registered and removes its signal handlers. Idempotent; never
   * rejects (failures go to `diag`). Does nothing to providers the app registered itself.
   */
  shutdown(): Promise<void>;
  /** Exports everything buffered (spans and a metric collection), including the app's providers when reused. Never rejects. */
  forceFlush(): Promise<void>;
  /**
   * The SDK TracerProvider behind the global API proxy: Sightline's, or the app's when `reused.traces` is true
   * (the API's no-op provider when nothing exports traces).
   */
  tracerProvider: TracerProvider;
  /** The global MeterProvider: Sightline's, or the app's when `reused.metrics` is true (else the no-op). */
  meterProvider: MeterProvider;
  /** Absolute folder of the span files, or undefined when Sightline writes no span files. */
  tracesDir: string | undefined;
  /** Absolute folder of the metric files, or undefined when Sightline writes no metric files. */
  metricsDir: string | undefined;
  /** True when the app had registered a TracerProvider or MeterProvider first and Sightline used it. */
  reusedExisting: boolean;
  /** Which signals were already set up by the app (Sightline registered nothing for those). */
  reused: { traces: boolean; metrics: boolean };
  /** The exporters Sightline configured, per signal (empty for a reused signal). */
  exporters: { traces: SightlineExporterName[]; metrics: SightlineExporterName[] };
}

interface Flushable {
  forceFlush?: () => Promise<void>;
}

/**
 * Sets up OpenTelemetry export for the whole process in one call, on top of `NodeSDK`:
 * `setupSightline({ serviceName: 'support-bot' })`.
 *
 * Guarantees:
 * - Traces and metrics go to the configured exporters (default: OTLP/JSON lines under `.sightline/`, plus
 *   OTLP/HTTP when an `OTEL_EXPORTER_OTLP_*ENDPOINT` is set); spans for the `file` exporter are on disk when
 *   `span.end()` returns.
 * - A TracerProvider or MeterProvider the app registered first is reused, never replaced or shut down.
 * - Unless `installSignalHandlers: false`, SIGTERM/SIGINT/`beforeExit` flush before the process ends, and
 *   Node's default behaviour is kept (see `installExitHooks`).
 * - Export failures never throw into the app; they are reported through OTel's `diag` logger.
 *
 * Throws only for invalid configuration (an unknown exporter name).
 */
export function setupSightline(options: SightlineNodeOptions = {}): SightlineHandle {
  const resolved = resolveOptions(options);
  const reused = { traces: hasGlobalTracerProvider(), metrics: hasGlobalMeterProvider() };
  const traceExporters = reused.traces ? [] : [...resolved.traceExporters];
  const metricExporters = reused.metrics ? [] : [...resolved.metricExporters];
  const spanProcessors = traceExporters.map((name) => spanProcessorFor(name, resolved));
  const metricReaders = metricExporters.map((name) => metricReaderFor(name, resolved));

  let sdk: NodeSDK | undefined;
  if (reused.traces && reused.metrics) {
    if (options.instrumentations?.length) {
      diag.warn(
        '@sightline/node: the app registered its own OTel providers; register instrumentations there.',
      );
    }
  } else {
    sdk = new NodeSDK({
      resource: baseResource(resolved),
      resourceDetectors: resourceDetectors(),
      serviceName: resolved.serviceName,
      spanProcessors,
      metricReaders,
      instrumentations: options.instrumentations ?? [],
      sampler: options.sampler,
      // When the app owns tracing it also owns context propagation: `null` tells NodeSDK to register neither.
      ...(reused.traces ? { contextManager: null, textMapPropagator: null } : {}),
    } as Partial<NodeSDKConfiguration>);
    startWithoutImplicitLogs(sdk);
  }

  const ownsTraces = spanProcessors.length > 0 && hasGlobalTracerProvider();
  const ownsMetrics = metricReaders.length > 0 && hasGlobalMeterProvider();
  const tracerProvider = globalTracerProvider();
  const meterProvider = metrics.getMeterProvider();

  const forceFlush = async (): Promise<void> => {
    const targets = [tracerProvider, meterProvider] as Flushable[];
    await Promise.all(
      targets.map((provider) =>
        provider
          .forceFlush?.()
          .catch((error: unknown) => diag.error(`@sightline/node: flush failed: ${String(error)}`)),
      ),
    );
  };
  let removeExitHooks = (): void => {};
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    shuttingDown ??= (async () => {
      removeExitHooks();
      await sdk
        ?.shutdown()
        .catch((error: unknown) => diag.error(`@sightline/node: shutdown failed: ${String(error)}`));
    })();
    return shuttingDown;
  };
  if (resolved.installSignalHandlers && (ownsTraces || ownsMetrics)) {
    removeExitHooks = installExitHooks({ forceFlush, shutdown });
  }

  return {
    shutdown,
    forceFlush,
    tracerProvider,
    meterProvider,
    tracesDir: ownsTraces && resolved.traceExporters.has('file') ? resolved.tracesDir : undefined,
    metricsDir: ownsMetrics && resolved.metricExporters.has('file') ? resolved.metricsDir : undefined,
    reusedExisting: reused.traces || reused.metrics,
    reused,
    exporters: { traces: traceExporters, metrics: metricExporters },
  };
}

function spanProcessorFor(name: SightlineExporterName, options: ResolvedOptions): SpanProcessor {
  switch (name) {
    case 'file':
      // Simple (not batch): with synchronous appends the span is on disk when `span.end()` returns, which is
      // what survives `process.exit()` and crashes; one small write per span is cheap next to an LLM call.
      return new SimpleSpanProcessor(
        new OtlpJsonFileSpanExporter({
          dir: options.tracesDir,
          maxFileBytes: options.maxFileBytes,
          maxFiles: options.maxFiles,
        }),
      );
    case 'otlp':
      // The exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS, _TIMEOUT and _COMPRESSION itself.
      return new BatchSpanProcessor(new OTLPTraceExporter());
    case 'console':
      return new SimpleSpanProcessor(new ConsoleSpanExporter());
    case 'none':
      throw new Error('unreachable: `none` is removed while resolving options');
  }
}

function metricReaderFor(name: SightlineExporterName, options: ResolvedOptions): IMetricReader {
  let exporter: PushMetricExporter;
  switch (name) {
    case 'file':
      exporter = new OtlpJsonFileMetricExporter({
        dir: options.metricsDir,
        maxFileBytes: options.maxFileBytes,
        maxFiles: options.maxFiles,
      });
      break;
    case 'otlp':
      exporter = new OTLPMetricExporter();
      break;
    case 'console':
      exporter = new ConsoleMetricExporter();
      break;
    case 'none':
      throw new Error('unreachable: `none` is removed while resolving options');
  }
  return new PeriodicExportingMetricReader({
    exporter,
    exportIntervalMillis: options.metricIntervalMs,
    exportTimeoutMillis: Math.min(30_000, options.metricIntervalMs),
  });
}

/**
 * NodeSDK configures a logs pipeline from the environment whenever it is not given one, and its default is an
 * OTLP exporter to localhost. Sightline handles traces and metrics only, so unless the user asked for logs
 * (`OTEL_LOGS_EXPORTER` set), `start()` runs with `OTEL_LOGS_EXPORTER=none`. The variable is restored
 * right after the synchronous `start()`; no other code can observe it.
 */
function startWithoutImplicitLogs(sdk: NodeSDK): void {
  const userSetLogs = process.env.OTEL_LOGS_EXPORTER?.trim();
  if (userSetLogs) {
    sdk.start();
    return;
  }
  const previous = process.env.OTEL_LOGS_EXPORTER;
  process.env.OTEL_LOGS_EXPORTER = 'none';
  try {
    sdk.start();
  } finally {
    if (previous === undefined) delete process.env.OTEL_LOGS_EXPORTER;
    else process.env.OTEL_LOGS_EXPORTER = previous;
  }
}
