/**
 * Produces REAL Sightline spans for the Jaeger tests: the real `openai` client over real HTTP against the
 * testkit's fake provider, instrumented by `instrumentOpenAI`, inside `@sightline/core` chains (workflow,
 * task, tool) with `fitContext` and a versioned prompt, exported by the real `OtlpJsonFileSpanExporter`.
 * Two tracer providers stand for two services sharing one trace (`support-bot` and `kb-service`).
 *
 * The calls cover what a record carries: tokens (cached, reasoning), cost, models, prompt name/version/hash,
 * finish reasons (stop, length, tool_calls), output text, error type, context truncation, TTFT of a stream,
 * a stream without usage, an embeddings call, conversation id, chain steps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { definePrompt, fitContext, task, tool, workflow } from '@sightline/core';
import { OtlpJsonFileSpanExporter } from '@sightline/node';
import { instrumentOpenAI } from '@sightline/openai';
import { faults, startFakeProvider } from '@sightline/testkit';
import OpenAI from 'openai';
import type { OtlpJsonRequest } from './jaeger-fixture.js';

/** What `produceRealSpans` wrote. */
export interface RealSpans {
  /** The OTLP/JSON lines file(s) folder. */
  dir: string;
  /** Every export request, parsed, in file order. */
  requests: OtlpJsonRequest[];
}

const longConversation = () => [
  { role: 'system' as const, content: 'You are a support agent.' },
  ...Array.from({ length: 16 }, (_, i) => ({
    role: i % 2 ? ('assistant' as const) : ('user' as const),
    content: `earlier message ${i} `.repeat(25),
  })),
];

const answerPrompt = definePrompt({
  name: 'support-answer',
  version: '3',
  template: [
    { role: 'system', content: 'You answer for {{company}}. Use <b>bold</b> & be brief.' },
    { role: 'user', content: '{{question}}' },
  ],
});

function tracerProvider(service: string, dir: string): BasicTracerProvider {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'deployment.environment.name': 'test' }),
    spanProcessors: [new SimpleSpanProcessor(new OtlpJsonFileSpanExporter({ dir }))],
  });
}

/** Runs the calls, exports the spans to `dir`, and returns the parsed export requests. */
export async function produceRealSpans(dir: string): Promise<RealSpans> {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const bot = tracerProvider('support-bot', dir);
  const kb = tracerProvider('kb-service', dir);
  // Chain steps use the global tracer provider.
  trace.setGlobalTracerProvider(bot);
  const fake = await startFakeProvider();
  try {
    const raw = () => new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test-key', maxRetries: 0 });
    const openai = instrumentOpenAI(raw(), {
      tracerProvider: bot,
      captureContent: true,
      includeStreamUsage: true,
    });
    const plain = instrumentOpenAI(raw(), { tracerProvider: bot });
    const kbClient = instrumentOpenAI(raw(), { tracerProvider: kb });

    await workflow(
      'answer-ticket',
      async () => {
        await task('draft', async () => {
          const { messages } = fitContext(longConversation(), { model: 'gpt-4o-mini', maxInputTokens: 300 });
          fake.script({ route: 'chat', reply: { text: 'Your order ships <today> & arrives soon.' } });
          await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
        });
        await tool('lookup-order', async () => 'order 42', { arguments: { id: 42 } });
        fake.script({
          route: 'chat',
          reply: {
            text: 'A long answer cut short',
            finishReason: 'length',
            usage: { inputTokens: 1200, outputTokens: 64, cachedInputTokens: 1024, reasoningTokens: 16 },
          },
        });
        const stream = await openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: answerPrompt.render({ company: 'Acme', question: 'Where is my order?' }),
          stream: true,
        });
        for await (const _chunk of stream) {
          // drain
        }
      },
      { conversationId: 'conv-1' },
    );

    await workflow('summarise', async () => {
      fake.script({ route: 'chat', fault: faults.rateLimit() });
      await plain.chat.completions
        .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
        .catch(() => undefined);
      await kbClient.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['order status', 'refunds'],
      });
      fake.script({ route: 'chat', reply: { toolCalls: [{ name: 'lookup_order', arguments: { id: 7 } }] } });
      await plain.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Where is order 7?' }],
        tools: [{ type: 'function', function: { name: 'lookup_order', parameters: { type: 'object' } } }],
      });
      // A stream without usage: the client below does not add stream_options.
      const bare = await plain.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'stream please' }],
        stream: true,
      });
      for await (const _chunk of bare) {
        // drain
      }
    });
  } finally {
    await fake.close();
    await bot.forceFlush();
    await kb.forceFlush();
    await bot.shutdown();
    await kb.shutdown();
    trace.disable();
    context.disable();
  }
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  const requests: OtlpJsonRequest[] = [];
  for (const file of files) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.trim()) requests.push(JSON.parse(line) as OtlpJsonRequest);
    }
  }
  return { dir, requests };
}
