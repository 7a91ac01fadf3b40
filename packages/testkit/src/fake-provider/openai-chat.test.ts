import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { estimatePromptTokens, estimateTokens, type FakeProvider, startFakeProvider } from './index.js';

let fake: FakeProvider;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeProvider();
  client = new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const messages = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: 'What is the capital of France?' },
];

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('chat completions (non-stream)', () => {
  it('answers unscripted requests deterministically from the last user message', async () => {
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    const second = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(first.choices[0].message.content).toBe('Echo: What is the capital of France?');
    expect(second.choices[0].message.content).toBe(first.choices[0].message.content);
    expect(second.id).toBe(first.id);
    expect(first.object).toBe('chat.completion');
    expect(first.model).toBe('gpt-4o-mini');
    expect(first.choices[0].finish_reason).toBe('stop');
    const body = { model: 'gpt-4o-mini', messages };
    expect(first.usage).toMatchObject({
      prompt_tokens: estimatePromptTokens(body),
      completion_tokens: estimateTokens('Echo: What is the capital of France?'),
      total_tokens: estimatePromptTokens(body) + estimateTokens('Echo: What is the capital of France?'),
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(first._request_id).toMatch(/^req_/);
  });

  it('serves scripted text, model, finish reason and inclusive usage', async () => {
    fake.script({
      provider: 'openai',
      route: 'chat',
      reply: {
        text: 'Paris.',
        model: 'gpt-4o-mini-2024-07-18',
        finishReason: 'length',
        usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100, reasoningTokens: 12 },
      },
    });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(completion.choices[0].message.content).toBe('Paris.');
    expect(completion.model).toBe('gpt-4o-mini-2024-07-18');
    expect(completion.choices[0].finish_reason).toBe('length');
    expect(completion.usage).toEqual({
      prompt_tokens: 120,
      completion_tokens: 30,
      total_tokens: 150,
      prompt_tokens_details: { cached_tokens: 100, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 12,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    });
  });

  it('returns tool calls with content null and finish_reason tool_calls', async () => {
    fake.script({
      route: 'chat',
      reply: { toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
    });
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    const message = completion.choices[0].message;
    expect(message.content).toBeNull();
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(message.tool_calls).toEqual([
      { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
    ]);
  });

  it('parses a JSON-schema response_format with chat.completions.parse()', async () => {
    fake.script({ route: 'chat', reply: { text: '{"city":"Paris","country":"France"}' } });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o',
      messages,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'capital',
          strict: true,
          schema: {
            type: 'object',
            properties: { city: { type: 'string' }, country: { type: 'string' } },
            required: ['city', 'country'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(completion.choices[0].message.parsed).toEqual({ city: 'Paris', country: 'France' });
  });
});

describe('chat completions (stream)', () => {
  it('sends a final choices:[] usage chunk only with stream_options.include_usage', async () => {
    fake.script({ route: 'chat', reply: { text: 'one two three', usage: { inputTokens: 7 } }, times: 2 });
    const withUsage = await collect(
      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    const last = withUsage.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({
      prompt_tokens: 7,
      completion_tokens: estimateTokens('one two three'),
    });
    expect(withUsage.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(withUsage[0].choices[0].delta.role).toBe('assistant');
    expect(withUsage.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('one two three');
    expect(withUsage.at(-2)!.choices[0].finish_reason).toBe('stop');

    const without = await collect(
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }),
    );
    expect(without.every((chunk) => chunk.choices.length === 1)).toBe(true);
    expect(without.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it('splits text into the scripted number of chunks', async () => {
    fake.script({ route: 'chat', reply: { text: 'abcdefghij' }, chunks: 5 });
    const chunks = await collect(
      await client.chat.completions.create({ model: 'm', messages, stream: true }),
    );
    const contentChunks = chunks.filter((chunk) => chunk.choices[0]?.delta.content);
    expect(contentChunks.map((chunk) => chunk.choices[0].delta.content)).toEqual([
      'ab',
      'cd',
      'ef',
      'gh',
      'ij',
    ]);
  });

  it('streams tool calls as index/id/name then argument fragments', async () => {
    fake.script({
      route: 'chat',
      reply: {
        toolCalls: [
          { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'call_b', name: 'get_time', arguments: '{"tz":"Europe/Paris"}' },
        ],
      },
    });
    const chunks = await collect(
      await client.chat.completions.create({ model: 'm', messages, stream: true }),
    );
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(toolDeltas[0]).toEqual({
      index: 0,
      id: 'call_a',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    const fragments = toolDeltas.filter((delta) => delta.index === 0 && !delta.id);
    expect(fragments.length).toBeGreaterThan(1);
    expect(fragments.map((delta) => delta.function?.arguments).join('')).toBe('{"city":"Paris"}');
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe('tool_calls');
  });

  it('works with the stream() helper: events, accumulated tool calls and finalChatCompletion()', async () => {
    fake.script({
      route: 'chat',
      reply: {
        text: 'Let me check.',
        toolCalls: [{ id: 'call_w', name: 'get_weather', arguments: { city: 'Paris', unit: 'c' } }],
        usage: { cachedInputTokens: 2 },
      },
    });
    const stream = client.chat.completions.stream({
      model: 'gpt-4o',
      messages,
      stream_options: { include_usage: true },
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
    });
    const deltas: string[] = [];
    const doneArguments: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));
    stream.on('tool_calls.function.arguments.done', (event) => doneArguments.push(event.arguments));
    const final = await stream.finalChatCompletion();
    expect(deltas.join('')).toBe('Let me check.');
    expect(doneArguments).toEqual(['{"city":"Paris","unit":"c"}']);
    expect(final.choices[0].message.content).toBe('Let me check.');
    expect(final.choices[0].message.tool_calls).toEqual([
      {
        id: 'call_w',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' },
      },
    ]);
    expect(final.usage?.prompt_tokens_details?.cached_tokens).toBe(2);
  });

  it('streams a JSON-schema reply through the stream() helper with parsed content', async () => {
    fake.script({ route: 'chat', reply: { text: '{"answer":42}' } });
    const stream = client.chat.completions.stream({
      model: 'gpt-4o',
      messages,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'a', schema: { type: 'object', properties: { answer: { type: 'number' } } } },
      },
    });
    const final = await stream.finalChatCompletion();
    expect(JSON.parse(final.choices[0].message.content!)).toEqual({ answer: 42 });
  });
});
