/** Telemetry never breaks a call: a throwing tracer, span processor, meter or redactor leaves the call intact. */
import { DiagLogLevel, diag, type MeterProvider, type TracerProvider } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import { basicParams, drain, type Harness, startHarness, streamParams } from './harness.js';

let h: Harness;
const warnings: string[] = [];
beforeAll(async () => {
  h = await startHarness();
  const sink = (message: string) => warnings.push(message);
  diag.setLogger(
    { error: sink, warn: sink, info: () => {}, debug: () => {}, verbose: () => {} },
    DiagLogLevel.WARN,
  );
});
afterEach(() => {
  h.reset();
  warnings.length = 0;
});
afterAll(async () => {
  diag.disable();
  await h.close();
});

const boom = () => {
  throw new Error('telemetry exploded');
};

/** Runs a plain call, a stream and a helper stream, and returns what the app saw. */
async function exercise(options: Parameters<typeof instrumentAnthropic>[1]) {
  const client = instrumentAnthropic(h.client(), options);
  h.fake.script(
    { provider: 'anthropic', reply: { text: 'plain' } },
    { provider: 'anthropic', reply: { text: 'streamed' } },
    { provider: 'anthropic', reply: { text: 'helper' } },
  );
  const message = await client.messages.create(basicParams());
  const events = await drain(await client.messages.create(streamParams()));
  const text = await client.messages.stream(basicParams()).finalText();
  return { text: (message.content[0] as { text: string }).text, events: events.length, helper: text };
}

const EXPECTED = { text: 'plain', events: expect.any(Number), helper: 'helper' };

describe('telemetry failures are contained', () => {
  it('a tracer provider whose getTracer throws', async () => {
    const tracerProvider = { getTracer: boom } as unknown as TracerProvider;
    expect(await exercise({ tracerProvider })).toEqual(EXPECTED);
    expect(warnings.join('\n')).toMatch(/telemetry failed/);
  });

  it('a span processor that throws on start and end', async () => {
    const exporter = new InMemorySpanExporter();
    const throwing: SpanProcessor = {
      onStart: boom,
      onEnd: boom,
      forceFlush: async () => {},
      shutdown: async () => {},
    };
    const tracerProvider = new BasicTracerProvider({
      spanProcessors: [throwing, new SimpleSpanProcessor(exporter)],
    });
    expect(await exercise({ tracerProvider })).toEqual(EXPECTED);
  });

  it('a meter provider that throws', async () => {
    const meterProvider = { getMeter: boom } as unknown as MeterProvider;
    expect(await exercise({ tracerProvider: h.tracerProvider, meterProvider })).toEqual(EXPECTED);
    expect(h.spans()).toHaveLength(3);
  });

  it('a redactor that throws drops the content, never the call', async () => {
    const result = await exercise({ tracerProvider: h.tracerProvider, captureContent: true, redact: boom });
    expect(result).toEqual(EXPECTED);
    const spans = h.spans();
    expect(spans).toHaveLength(3);
    for (const span of spans) {
      expect(span.attributes['gen_ai.input.messages']).toBeUndefined();
      expect(span.attributes['gen_ai.output.messages']).toBeUndefined();
      expect(span.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    }
  });
});
