import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { estimatePromptTokens, estimateTokens, type FakeProvider, startFakeProvider } from './index.js';

let fake: FakeProvider;
let client: Anthropic;

beforeAll(async () => {
  fake = await startFakeProvider();
  client = new Anthropic({ baseURL: fake.anthropicBaseURL, apiKey: 'sk-ant-test', maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const params = {
  model: 'claude-sonnet-4-6',
  max_tokens: 256,
  system: 'Be terse.',
  messages: [{ role: 'user' as const, content: 'Name a prime number.' }],
};

async function collect(stream: AsyncIterable<RawMessageStreamEvent>): Promise<RawMessageStreamEvent[]> {
  const events: RawMessageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('messages (non-stream)', () => {
  it('answers deterministically with a text block and usage', async () => {
    const message = await client.messages.create(params);
    const again = await client.messages.create(params);
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: Name a prime number.' }]);
    expect(again.id).toBe(message.id);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.model).toBe('claude-sonnet-4-6');
    expect(message.usage).toMatchObject({
      input_tokens: estimatePromptTokens(params),
      output_tokens: estimateTokens('Echo: Name a prime number.'),
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
    expect(message._request_id).toMatch(/^req_/);
  });

  it('sends exclusive input_tokens next to cache read and creation counts', async () => {
    fake.script({
      provider: 'anthropic',
      route: 'messages',
      reply: {
        text: '7',
        usage: { inputTokens: 1000, cachedInputTokens: 800, cacheCreationInputTokens: 150, outputTokens: 3 },
        model: 'claude-sonnet-4-6-20260101',
        finishReason: 'max_tokens',
      },
    });
    const message = await client.messages.create(params);
    expect(message.usage).toMatchObject({
      input_tokens: 50,
      cache_read_input_tokens: 800,
      cache_creation_input_tokens: 150,
      output_tokens: 3,
    });
    expect(message.model).toBe('claude-sonnet-4-6-20260101');
    expect(message.stop_reason).toBe('max_tokens');
  });

  it('returns tool_use and thinking blocks', async () => {
    fake.script({
      route: 'messages',
      reply: {
        thinking: { text: 'User wants weather.', signature: 'sig-1' },
        text: 'Checking.',
        toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: { city: 'Paris' } }],
      },
    });
    const message = await client.messages.create(params);
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'User wants weather.', signature: 'sig-1' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('adds a thinking block by default when thinking is enabled', async () => {
    const message = await client.messages.create({
      ...params,
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    expect(message.content[0]).toMatchObject({
      type: 'thinking',
      thinking: 'Thinking about: Name a prime number.',
    });
    expect(message.content[1]).toMatchObject({ type: 'text' });
  });
});

describe('messages (stream)', () => {
  it('streams message_start, content blocks, message_delta with usage and message_stop', async () => {
    fake.script({ route: 'messages', reply: { text: 'two three five', usage: { cachedInputTokens: 4 } } });
    const events = await collect(await client.messages.create({ ...params, stream: true }));
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const start = events[0] as Extract<RawMessageStreamEvent, { type: 'message_start' }>;
    expect(start.message.usage).toMatchObject({ cache_read_input_tokens: 4, output_tokens: 1 });
    const delta = events.at(-2) as Extract<RawMessageStreamEvent, { type: 'message_delta' }>;
    expect(delta.delta.stop_reason).toBe('end_turn');
    expect(delta.usage.output_tokens).toBe(estimateTokens('two three five'));
    expect(fake.requests().at(-1)).toMatchObject({ provider: 'anthropic', route: 'messages', stream: true });
  });

  it('works with messages.stream(): on("text") and finalMessage()', async () => {
    fake.script({ route: 'messages', reply: { text: 'Hello there friend' } });
    const stream = client.messages.stream(params);
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    const final = await stream.finalMessage();
    expect(texts.join('')).toBe('Hello there friend');
    expect(texts.length).toBe(3);
    expect(final.content).toEqual([{ type: 'text', text: 'Hello there friend' }]);
    expect(final.usage.output_tokens).toBe(estimateTokens('Hello there friend'));
  });

  it('accumulates input_json_delta into the tool_use input', async () => {
    fake.script({
      route: 'messages',
      reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', days: [1, 2] } }] },
      chunks: 4,
    });
    const stream = client.messages.stream(params);
    const partials: string[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
        partials.push(event.delta.partial_json);
      }
    });
    const final = await stream.finalMessage();
    expect(partials.filter((partial) => partial !== '')).toHaveLength(4);
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content).toEqual([
      {
        type: 'tool_use',
        id: expect.stringMatching(/^toolu_/),
        name: 'get_weather',
        input: { city: 'Paris', days: [1, 2] },
      },
    ]);
  });

  it('streams thinking with thinking_delta and signature_delta', async () => {
    fake.script({ route: 'messages', reply: { thinking: 'Primes are odd mostly.', text: '7' } });
    const stream = client.messages.stream({
      ...params,
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    const thinking: string[] = [];
    const signatures: string[] = [];
    stream.on('thinking', (delta) => thinking.push(delta));
    stream.on('signature', (signature) => signatures.push(signature));
    const final = await stream.finalMessage();
    expect(thinking.join('')).toBe('Primes are odd mostly.');
    expect(signatures).toHaveLength(1);
    expect(final.content[0]).toEqual({
      type: 'thinking',
      thinking: 'Primes are odd mostly.',
      signature: signatures[0],
    });
    expect(final.content[1]).toEqual({ type: 'text', text: '7' });
  });
});

describe('count_tokens and models', () => {
  it('counts tokens with the same estimate messages reports', async () => {
    const counted = await client.messages.countTokens({
      model: params.model,
      system: params.system,
      messages: params.messages,
    });
    const message = await client.messages.create(params);
    expect(counted.input_tokens).toBe(message.usage.input_tokens);
    fake.script({ route: 'count_tokens', reply: { usage: { inputTokens: 4242 } } });
    expect(
      (await client.messages.countTokens({ model: params.model, messages: params.messages })).input_tokens,
    ).toBe(4242);
  });

  it('lists models in the Anthropic shape', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('claude-sonnet-4-6');
    expect(fake.requests().at(-1)).toMatchObject({ provider: 'anthropic', route: 'models' });
  });
});
