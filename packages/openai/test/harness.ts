/**
 * Test harness: the real openai client over real HTTP against the testkit's fake provider, spans from the
 * OTel SDK's InMemorySpanExporter, metrics from a real MeterProvider read on demand.
 */
import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  MeterProvider,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { type FakeProvider, startFakeProvider } from '@sightline/testkit';
import OpenAI from 'openai';
import { instrumentOpenAI, type OpenAIInstrumentationOptions } from '../src/index.js';

/** A metric reader collected by hand: no timers, deterministic. */
export class ManualReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

export interface Telemetry {
  exporter: InMemorySpanExporter;
  tracerProvider: BasicTracerProvider;
  meterProvider: MeterProvider;
  reader: ManualReader;
  spans(): ReadableSpan[];
  metrics(): Promise<ResourceMetrics>;
  points(name: string): Promise<DataPoint<number | Histogram>[]>;
}

export function telemetry(extraProcessors: SpanProcessor[] = []): Telemetry {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter), ...extraProcessors],
  });
  const reader = new ManualReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const metrics = async () => {
    const { resourceMetrics, errors } = await reader.collect();
    if (errors.length > 0) throw errors[0];
    return resourceMetrics;
  };
  return {
    exporter,
    tracerProvider,
    meterProvider,
    reader,
    spans: () => exporter.getFinishedSpans(),
    metrics,
    async points(name) {
      const all = await metrics();
      for (const scope of all.scopeMetrics) {
        for (const metric of scope.metrics) {
          if (metric.descriptor.name === name) return metric.dataPoints as DataPoint<number | Histogram>[];
        }
      }
      return [];
    },
  };
}

export interface Harness extends Telemetry {
  fake: FakeProvider;
  /** A fresh, uninstrumented client pointed at the fake. */
  raw(extra?: Record<string, unknown>): OpenAI;
  /** A fresh client instrumented with the harness's providers (plus `options`). */
  client(options?: OpenAIInstrumentationOptions): OpenAI;
}

export async function harness(): Promise<Harness> {
  const fake = await startFakeProvider();
  const t = telemetry();
  const raw = (extra: Record<string, unknown> = {}) =>
    new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test-key', maxRetries: 0, ...extra });
  return {
    ...t,
    fake,
    raw,
    client: (options = {}) =>
      instrumentOpenAI(raw(), {
        tracerProvider: t.tracerProvider,
        meterProvider: t.meterProvider,
        ...options,
      }),
  };
}

/** Collects diag messages at WARN and above while `fn` runs. */
export async function captureDiag<T>(fn: () => Promise<T>): Promise<{ result: T; messages: string[] }> {
  const messages: string[] = [];
  const push = (message: string, ...args: unknown[]) => {
    messages.push([message, ...args.map((a) => (a instanceof Error ? a.message : String(a)))].join(' '));
  };
  const logger: DiagLogger = { error: push, warn: push, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  try {
    const result = await fn();
    return { result, messages };
  } finally {
    diag.disable();
  }
}

/** Every finished span must have ended exactly once: the SDK exports a span once per end(). */
export function expectEndedOnce(spans: ReadableSpan[]): void {
  const ids = spans.map((span) => span.spanContext().spanId);
  if (new Set(ids).size !== ids.length) throw new Error(`a span was exported twice: ${ids.join(', ')}`);
  for (const span of spans) if (!span.ended) throw new Error(`span ${span.name} not ended`);
}

/** Polls (by event-loop turns, not time) until `predicate` holds or `turns` run out. */
export async function until(predicate: () => boolean, turns = 200): Promise<void> {
  for (let i = 0; i < turns && !predicate(); i++) await new Promise((resolve) => setImmediate(resolve));
}

export const USER = [{ role: 'user' as const, content: 'Say hello' }];
