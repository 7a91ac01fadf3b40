import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  context,
  type DiagLogger,
  DiagLogLevel,
  diag,
  metrics,
  propagation,
  trace,
} from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  lastSum,
  type OtlpJsonMetricsRequest,
  type OtlpJsonTraceRequest,
  readJsonLines,
  spansOf,
} from '../test/support/otlp-json.js';
import { setupSightline } from './index.js';

let workDir: string;
let diagErrors: string[];

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'sightline-node-setup-'));
  diagErrors = [];
  diag.setLogger(recordingLogger(diagErrors), DiagLogLevel.ERROR);
});

afterEach(() => {
  // Global registration is process-wide: every test starts from an empty API.
  trace.disable();
  metrics.disable();
  context.disable();
  propagation.disable();
  diag.disable();
  rmSync(workDir, { recursive: true, force: true });
});

function signalListeners(): number[] {
  return [
    process.listenerCount('SIGTERM'),
    process.listenerCount('SIGINT'),
    process.listenerCount('beforeExit'),
  ];
}

describe('setupSightline', () => {
  it('registers providers whose spans are on disk as soon as they end, and installs then removes exit hooks', async () => {
    const before = signalListeners();
    const handle = setupSightline({
      serviceName: 'setup-test',
      exporter: 'file',
      tracesDir: join(workDir, 'traces'),
      metricsDir: join(workDir, 'metrics'),
    });
    expect(handle.reusedExisting).toBe(false);
    expect(handle.tracesDir).toBe(join(workDir, 'traces'));
    expect(handle.exporters).toEqual({ traces: ['file'], metrics: ['file'] });
    expect(signalListeners()).toEqual(before.map((count) => count + 1));

    const tracer = trace.getTracer('setup-test-scope');
    tracer.startActiveSpan('outer', (outer) => {
      tracer.startSpan('inner').end();
      outer.end();
    });
    metrics.getMeter('setup-test-scope').createCounter('setup.test.calls').add(4);
    const spans = spansOf(readJsonLines<OtlpJsonTraceRequest>(handle.tracesDir!));
    expect(spans.map((span) => span.name)).toEqual(['inner', 'outer']);
    expect(spans[0].parentSpanId).toBe(spans[1].spanId); // the context manager NodeSDK registered works

    await handle.shutdown();
    await handle.shutdown(); // idempotent
    expect(signalListeners()).toEqual(before);
    // Final collection on shutdown (the 60 s interval never elapsed).
    expect(lastSum(readJsonLines<OtlpJsonMetricsRequest>(handle.metricsDir!), 'setup.test.calls')).toBe(4);
    expect(diagErrors).toEqual([]);
  });

  it('reuses providers the app registered: spans reach the app exporter, nothing is registered twice', async () => {
    const appExporter = new InMemorySpanExporter();
    const appTracerProvider = new NodeTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(appExporter)],
    });
    appTracerProvider.register();
    const appMeterProvider = new MeterProvider();
    metrics.setGlobalMeterProvider(appMeterProvider);
    const before = signalListeners();

    const handle = setupSightline({ serviceName: 'ignored', tracesDir: join(workDir, 'traces') });
    expect(handle.reusedExisting).toBe(true);
    expect(handle.reused).toEqual({ traces: true, metrics: true });
    expect(handle.tracerProvider).toBe(appTracerProvider);
    expect(handle.meterProvider).toBe(appMeterProvider);
    expect(handle.tracesDir).toBeUndefined();
    expect(signalListeners()).toEqual(before);

    trace.getTracer('app').startSpan('through-the-app-provider').end();
    expect(appExporter.getFinishedSpans().map((span) => span.name)).toEqual(['through-the-app-provider']);
    expect(existsSync(join(workDir, 'traces'))).toBe(false);

    await handle.shutdown(); // must leave the app's providers alone
    trace.getTracer('app').startSpan('after-sightline-shutdown').end();
    expect(appExporter.getFinishedSpans().map((span) => span.name)).toContain('after-sightline-shutdown');
    expect(diagErrors.filter((message) => message.includes('duplicate registration'))).toEqual([]);
    await appTracerProvider.shutdown();
  });

  it('reuses only the signal the app set up and adds the other one', async () => {
    const appExporter = new InMemorySpanExporter();
    const appTracerProvider = new NodeTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(appExporter)],
    });
    appTracerProvider.register();

    const handle = setupSightline({
      exporter: 'file',
      tracesDir: join(workDir, 'traces'),
      metricsDir: join(workDir, 'metrics'),
    });
    expect(handle.reused).toEqual({ traces: true, metrics: false });
    expect(handle.exporters).toEqual({ traces: [], metrics: ['file'] });
    expect(handle.tracesDir).toBeUndefined();
    expect(handle.metricsDir).toBe(join(workDir, 'metrics'));
    trace.getTracer('app').startSpan('app-span').end();
    expect(appExporter.getFinishedSpans()).toHaveLength(1);
    metrics.getMeter('app').createCounter('partial.calls').add(1);

    await handle.shutdown();
    expect(lastSum(readJsonLines<OtlpJsonMetricsRequest>(handle.metricsDir!), 'partial.calls')).toBe(1);
    expect(existsSync(join(workDir, 'traces'))).toBe(false);
    // NodeSDK was told not to register a context manager or propagator over the app's.
    expect(diagErrors.filter((message) => message.includes('duplicate registration'))).toEqual([]);
    await appTracerProvider.shutdown();
  });

  it('keeps the app running when the traces folder cannot be created, reporting through diag', async () => {
    const occupied = join(workDir, 'occupied');
    writeFileSync(occupied, 'not a folder');
    const handle = setupSightline({ exporter: 'file', tracesDir: occupied, installSignalHandlers: false });
    const tracer = trace.getTracer('app');
    expect(() => {
      for (let index = 0; index < 3; index++) tracer.startSpan(`span-${index}`).end();
    }).not.toThrow();
    await expect(handle.forceFlush()).resolves.toBeUndefined();
    await expect(handle.shutdown()).resolves.toBeUndefined();
    expect(
      diagErrors.some((message) => /OtlpJsonFileSpanExporter: export failed.*(ENOTDIR|EEXIST)/.test(message)),
    ).toBe(true);
  });

  it('rejects an unknown exporter name with a message naming where it came from', () => {
    expect(() => setupSightline({ exporter: ['file', 'jaeger' as 'file'] })).toThrow(
      /unknown exporter "jaeger" in the `exporter` option; expected one of file, otlp, console, none/,
    );
    expect(trace.getTracerProvider().getTracer('x').startSpan('noop').isRecording()).toBe(false);
  });
});

function recordingLogger(errors: string[]): DiagLogger {
  const ignore = (): void => {};
  return {
    error: (message: string) => errors.push(message),
    warn: ignore,
    info: ignore,
    debug: ignore,
    verbose: ignore,
  };
}
