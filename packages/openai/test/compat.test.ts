/**
 * The same core scenarios through openai 4, 5 and 6 produce the same spans (openai 7 needs Node 22; see the
 * README for how it is covered).
 */
import { faults } from '@sightline/testkit';
import OpenAIv6 from 'openai';
import OpenAIv4 from 'openai-v4';
import OpenAIv5 from 'openai-v5';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { instrumentOpenAI } from '../src/index.js';
import { expectEndedOnce, type Harness, harness, USER } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h?.fake.close());

const VOLATILE = new Set(['gen_ai.response.time_to_first_chunk', 'gen_ai.response.id']);

interface MinimalClient {
  chat: { completions: { create(body: unknown, options?: unknown): Promise<unknown> } };
  responses: { create(body: unknown): Promise<unknown> };
  embeddings: { create(body: unknown): Promise<unknown> };
}

async function runScenarios(client: MinimalClient): Promise<unknown[]> {
  h.exporter.reset();
  h.fake.reset();
  h.fake.script(
    {
      provider: 'openai',
      route: 'chat',
      reply: { text: 'plain', usage: { inputTokens: 10, outputTokens: 2, cachedInputTokens: 4 } },
    },
    {
      provider: 'openai',
      route: 'chat',
      reply: { text: 'one two three', usage: { inputTokens: 6, outputTokens: 3 } },
    },
    { provider: 'openai', route: 'chat', reply: { text: 'one two three four' } },
    {
      provider: 'openai',
      route: 'chat',
      reply: { toolCalls: [{ id: 'call_c', name: 'tool_a', arguments: { k: 1 } }] },
    },
    { provider: 'openai', route: 'chat', fault: faults.rateLimit() },
    {
      provider: 'openai',
      route: 'responses',
      reply: { text: 'resp', usage: { inputTokens: 8, outputTokens: 1 } },
    },
    { provider: 'openai', route: 'embeddings', reply: { usage: { inputTokens: 2 } } },
  );
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER, temperature: 0.5 });
  const full = (await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: USER,
    stream: true,
    stream_options: { include_usage: true },
  })) as AsyncIterable<unknown>;
  for await (const _ of full);
  const partial = (await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: USER,
    stream: true,
  })) as AsyncIterable<unknown>;
  for await (const _ of partial) break;
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER });
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }).catch(() => {});
  await client.responses.create({ model: 'gpt-4o-mini', input: 'hi' });
  await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x', encoding_format: 'float' });
  expectEndedOnce(h.spans());
  return h.spans().map((span) => ({
    name: span.name,
    kind: span.kind,
    status: span.status.code,
    attributes: Object.fromEntries(Object.entries(span.attributes).filter(([key]) => !VOLATILE.has(key))),
  }));
}

function clientOf(Ctor: new (options: Record<string, unknown>) => object): MinimalClient {
  const raw = new Ctor({ baseURL: h.fake.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 });
  return instrumentOpenAI(raw, {
    tracerProvider: h.tracerProvider,
    meterProvider: h.meterProvider,
  }) as unknown as MinimalClient;
}

test('openai 4, 5 and 6 give the same spans', async () => {
  const v6 = await runScenarios(clientOf(OpenAIv6 as never));
  const v5 = await runScenarios(clientOf(OpenAIv5 as never));
  const v4 = await runScenarios(clientOf(OpenAIv4 as never));
  expect(v6).toHaveLength(7);
  expect(v5).toEqual(v6);
  expect(v4).toEqual(v6);
  expect(v6.map((s) => (s as { name: string }).name)).toEqual([
    'chat gpt-4o-mini',
    'chat gpt-4o-mini',
    'chat gpt-4o-mini',
    'chat gpt-4o-mini',
    'chat gpt-4o-mini',
    'chat gpt-4o-mini',
    'embeddings text-embedding-3-small',
  ]);
});

test('helpers of openai 4 (beta.chat.completions.parse / stream) make one span per call', async () => {
  h.exporter.reset();
  h.fake.reset();
  h.fake.script(
    { provider: 'openai', route: 'chat', reply: { text: '{"a":1}' } },
    { provider: 'openai', route: 'chat', reply: { text: 'streamed' } },
  );
  const client = clientOf(OpenAIv4 as never) as unknown as InstanceType<typeof OpenAIv4>;
  const parsed = await client.beta.chat.completions.parse({
    model: 'gpt-4o-mini',
    messages: USER,
    response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' } } },
  });
  expect(parsed.choices[0].message.parsed).toEqual({ a: 1 });
  const final = await client.beta.chat.completions
    .stream({ model: 'gpt-4o-mini', messages: USER })
    .finalChatCompletion();
  expect(final.choices[0].message.content).toBe('streamed');
  expect(h.spans()).toHaveLength(2);
  expectEndedOnce(h.spans());
});
