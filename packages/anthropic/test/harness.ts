/**
 * Test harness: the fake provider over real HTTP, a real OTel tracer provider with an in-memory exporter, an
 * async-hooks context manager, and clients of the REAL Anthropic SDK (1.x, and 0.x via the alias).
 */
import Anthropic from '@anthropic-ai/sdk';
import { type Attributes, context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { type FakeProvider, startFakeProvider } from '@sightline/testkit';
import AnthropicV0 from 'anthropic-sdk-v0';

export { Anthropic, AnthropicV0 };

/** The Sightline instrumentation scope. */
export const SIGHTLINE_SCOPE = '@sightline/anthropic';
/** The SDK's own instrumentation scope. */
export const SDK_SCOPE = 'com.anthropic.sdk.typescript';

export const MODEL = 'claude-haiku-4-5';

export const USER_MESSAGE = { role: 'user' as const, content: 'What is the capital of France?' };

/** Request parameters beyond the basic ones, typed by the SDK so literals check. */
export type ExtraParams = Partial<Anthropic.MessageCreateParams>;

/** A small non-streamed request. */
export function basicParams(extra: ExtraParams = {}): Anthropic.MessageCreateParamsNonStreaming {
  return {
    model: MODEL,
    max_tokens: 256,
    messages: [USER_MESSAGE],
    ...extra,
  } as Anthropic.MessageCreateParamsNonStreaming;
}

/** The same request with `stream: true`. */
export function streamParams(extra: ExtraParams = {}): Anthropic.MessageCreateParamsStreaming {
  return { ...basicParams(extra), stream: true };
}

/** A metric reader tests can `collect()` on demand. */
export class TestMetricReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export interface Harness {
  fake: FakeProvider;
  exporter: InMemorySpanExporter;
  tracerProvider: BasicTracerProvider;
  meterProvider: MeterProvider;
  metricReader: TestMetricReader;
  /** Finished spans, optionally only those of one instrumentation scope. */
  spans(scope?: string): ReadableSpan[];
  /** Sightline's finished spans. */
  sightlineSpans(): ReadableSpan[];
  /** The one Sightline span (fails unless there is exactly one span in total). */
  onlySpan(): ReadableSpan;
  /** A 1.x client against the fake (no retries). */
  client(options?: Record<string, unknown>): Anthropic;
  /** A 0.x client against the fake (no retries). */
  clientV0(options?: Record<string, unknown>): AnthropicV0;
  reset(): void;
  close(): Promise<void>;
}

export async function startHarness(extraProcessors: SpanProcessor[] = []): Promise<Harness> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const fake = await startFakeProvider();
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter), ...extraProcessors],
  });
  const metricReader = new TestMetricReader();
  const meterProvider = new MeterProvider({ readers: [metricReader] });
  const spans = (scope?: string) =>
    exporter.getFinishedSpans().filter((span) => !scope || span.instrumentationScope.name === scope);
  return {
    fake,
    exporter,
    tracerProvider,
    meterProvider,
    metricReader,
    spans,
    sightlineSpans: () => spans(SIGHTLINE_SCOPE),
    onlySpan() {
      const all = spans();
      if (all.length !== 1) {
        throw new Error(`expected exactly one span, got ${all.length}: ${all.map((s) => s.name).join(', ')}`);
      }
      return all[0];
    },
    client: (options = {}) =>
      new Anthropic({ baseURL: fake.anthropicBaseURL, apiKey: 'sk-ant-test', maxRetries: 0, ...options }),
    clientV0: (options = {}) =>
      new AnthropicV0({ baseURL: fake.anthropicBaseURL, apiKey: 'sk-ant-test', maxRetries: 0, ...options }),
    reset() {
      exporter.reset();
      fake.reset();
    },
    async close() {
      await fake.close();
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      trace.disable();
      metrics.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/** Attributes of a span as a plain object (for readable assertions). */
export function attrs(span: ReadableSpan): Attributes {
  return { ...span.attributes };
}

/** Parses a JSON content attribute. */
export function json(span: ReadableSpan, key: string): unknown {
  const value = span.attributes[key];
  if (typeof value !== 'string') throw new Error(`attribute ${key} is not a string: ${String(value)}`);
  return JSON.parse(value);
}

/** Collects metrics and returns the data points of one metric. */
export async function metricPoints(reader: TestMetricReader, name: string): Promise<DataPoint<unknown>[]> {
  const { resourceMetrics } = await reader.collect();
  const points: DataPoint<unknown>[] = [];
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      if (metric.descriptor.name === name) points.push(...(metric.dataPoints as DataPoint<unknown>[]));
    }
  }
  return points;
}

export type { Histogram, ReadableSpan };

/** Reads a stream to the end, collecting its items. */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Awaits `promise`, returning its rejection (or failing when it resolves). */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
