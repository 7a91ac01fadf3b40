/**
 * Sightline's spans over the real OTLP exporters: `instrumentOpenAI` (and the chain steps and fitContext) with
 * the OTel SDK's OTLP/HTTP JSON and protobuf trace exporters, into the testkit receiver. Every attribute and
 * event the SDK holds must arrive with the same value and type (ints stay ints, arrays stay arrays).
 */
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { definePrompt, fitContext, task } from '@sightline/core';
import {
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES,
  ATTR_SIGHTLINE_COST_USD,
  ATTR_SIGHTLINE_PROMPT_HASH,
  EVENT_SIGHTLINE_CONTEXT_TRUNCATED,
} from '@sightline/core/semconv';
import { instrumentOpenAI } from '@sightline/openai';
import {
  type FakeProvider,
  type OtlpReceiver,
  type ReceivedSpan,
  startFakeProvider,
  startOtlpReceiver,
} from '@sightline/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let fake: FakeProvider;
let receiver: OtlpReceiver;
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  fake = await startFakeProvider();
  receiver = await startOtlpReceiver();
});

afterAll(async () => {
  await fake?.close();
  await receiver?.close();
  contextManager.disable();
  context.disable();
});

const supportAnswer = definePrompt({
  name: 'support-answer',
  version: '3',
  template: [
    { role: 'system', content: 'You answer questions about {{product}}.' },
    { role: 'user', content: '{{question}}' },
  ],
});

/** A small app: a task that fits a long history, calls gpt-4o-mini with a prompt, then streams a follow-up. */
async function runApp(openai: OpenAI, provider: BasicTracerProvider): Promise<void> {
  const history = Array.from({ length: 30 }, (_, i) => ({
    role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
    content: `Earlier turn ${i}: the customer and the assistant talked about shipping times and tracking numbers at length.`,
  }));
  await task(
    'answer',
    async () => {
      const rendered = supportAnswer.render({ product: 'Acme', question: 'Where is my parcel?' });
      const fitted = fitContext([rendered[0], ...history, rendered[1]], {
        model: 'gpt-4o-mini',
        maxInputTokens: 300,
      });
      await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        temperature: 0.5,
        messages: fitted.messages,
      });
      const stream = await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: 'Write a follow-up.' }],
      });
      for await (const _chunk of stream) {
        // consumed to the end, as an app would
      }
    },
    { tracerProvider: provider, conversationId: 'conv-42' },
  );
}

const exporters: [string, (url: string) => SpanExporter][] = [
  ['OTLP/HTTP JSON', (url) => new OtlpHttpJsonExporter({ url })],
  ['OTLP/HTTP protobuf', (url) => new OtlpProtoExporter({ url })],
];

describe.each(exporters)('Sightline spans through the %s exporter', (label, createExporter) => {
  let sdkSpans: ReadableSpan[];
  let received: ReceivedSpan[];

  beforeAll(async () => {
    receiver.reset();
    fake.reset();
    fake.script(
      {
        provider: 'openai',
        route: 'chat',
        match: (r) => !r.stream,
        reply: {
          text: 'It ships tomorrow.',
          usage: { inputTokens: 250, cachedInputTokens: 128, outputTokens: 6 },
        },
      },
      {
        provider: 'openai',
        route: 'chat',
        match: (r) => r.stream,
        reply: { text: 'Did that help? Let us know.' },
      },
    );
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [
        new SimpleSpanProcessor(memory),
        new SimpleSpanProcessor(createExporter(receiver.endpoints.traces)),
      ],
    });
    const openai = instrumentOpenAI(
      new OpenAI({ apiKey: 'sk-test', baseURL: fake.openaiBaseURL, maxRetries: 0 }),
      {
        tracerProvider: provider,
        includeStreamUsage: true,
      },
    );
    await runApp(openai, provider);
    await provider.forceFlush();
    received = await receiver.waitForSpans(3, { timeoutMs: 10_000 });
    // Copied before shutdown, which empties the in-memory exporter.
    sdkSpans = [...memory.getFinishedSpans()];
    await provider.shutdown();
  });

  it(`arrives as the same spans with the same attributes and events (${label})`, () => {
    expect(sdkSpans).toHaveLength(3);
    expect(received.map((s) => s.spanId).sort()).toEqual(sdkSpans.map((s) => s.spanContext().spanId).sort());
    for (const sdkSpan of sdkSpans) {
      const wire = received.find((s) => s.spanId === sdkSpan.spanContext().spanId);
      expect(wire?.name).toBe(sdkSpan.name);
      expect(wire?.parentSpanId).toBe(sdkSpan.parentSpanContext?.spanId);
      expect(wire?.attributes).toEqual({ ...sdkSpan.attributes });
      expect(wire?.events.map((e) => [e.name, e.attributes])).toEqual(
        sdkSpan.events.map((e) => [e.name, { ...(e.attributes ?? {}) }]),
      );
      expect(wire?.scope.name).toBe(sdkSpan.instrumentationScope.name);
    }
  });

  it(`keeps the types the evaluator relies on (${label})`, () => {
    const chat = received.find((s) => s.name === 'chat gpt-4o-mini' && s.attributes[ATTR_GEN_AI_PROMPT_NAME]);
    expect(chat).toBeDefined();
    const attributes = chat?.attributes ?? {};
    expect(attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS]).toBe(250);
    expect(attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]).toBe(128);
    expect(attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS]).toEqual(['stop']);
    expect(typeof attributes[ATTR_SIGHTLINE_COST_USD]).toBe('number');
    expect(attributes[ATTR_SIGHTLINE_COST_USD]).toBeGreaterThan(0);
    expect(attributes[ATTR_SIGHTLINE_PROMPT_HASH]).toBe(supportAnswer.hash);
    expect(attributes[ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES]).toBeGreaterThan(0);
    expect(attributes['gen_ai.conversation.id']).toBe('conv-42');
    expect(chat?.events.map((e) => e.name)).toContain(EVENT_SIGHTLINE_CONTEXT_TRUNCATED);
    const task = received.find((s) => s.name === 'task answer');
    expect(chat?.parentSpanId).toBe(task?.spanId);
  });
});
