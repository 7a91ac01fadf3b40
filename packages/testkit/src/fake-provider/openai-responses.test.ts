import OpenAI from 'openai';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { estimateTokens, type FakeProvider, startFakeProvider } from './index.js';

let fake: FakeProvider;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeProvider();
  client = new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('responses', () => {
  it('create() returns a completed Response with output_text and usage details', async () => {
    fake.script({
      provider: 'openai',
      route: 'responses',
      reply: {
        text: 'Bonjour',
        usage: { inputTokens: 50, cachedInputTokens: 40, outputTokens: 9, reasoningTokens: 4 },
      },
    });
    const response = await client.responses.create({ model: 'gpt-4.1', input: 'Say hello in French' });
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Bonjour');
    expect(response.usage).toEqual({
      input_tokens: 50,
      input_tokens_details: { cached_tokens: 40 },
      output_tokens: 9,
      output_tokens_details: { reasoning_tokens: 4 },
      total_tokens: 59,
    });
  });

  it('create() echoes the input by default', async () => {
    const response = await client.responses.create({
      model: 'gpt-4.1',
      instructions: 'be brief',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'ping' }] }],
    });
    expect(response.output_text).toBe('Echo: ping');
    expect(response.instructions).toBe('be brief');
  });

  it('streams the documented event sequence with increasing sequence numbers', async () => {
    fake.script({ route: 'responses', reply: { text: 'a b c' } });
    const events: ResponseStreamEvent[] = [];
    for await (const event of await client.responses.create({
      model: 'gpt-4.1',
      input: 'hi',
      stream: true,
    })) {
      events.push(event);
    }
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const completed = events.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>;
    expect(completed.response.usage?.output_tokens).toBe(estimateTokens('a b c'));
  });

  it('streams function_call items with argument deltas', async () => {
    fake.script({
      route: 'responses',
      reply: { toolCalls: [{ id: 'call_9', name: 'lookup', arguments: '{"q":"x"}' }] },
    });
    const events: ResponseStreamEvent[] = [];
    for await (const event of await client.responses.create({
      model: 'gpt-4.1',
      input: 'hi',
      stream: true,
    })) {
      events.push(event);
    }
    const deltas = events.filter((event) => event.type === 'response.function_call_arguments.delta');
    expect(deltas.map((event) => event.delta).join('')).toBe('{"q":"x"}');
    const done = events.find((event) => event.type === 'response.function_call_arguments.done');
    expect(done).toMatchObject({ arguments: '{"q":"x"}' });
    const completed = events.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>;
    expect(completed.response.output).toEqual([
      expect.objectContaining({
        type: 'function_call',
        call_id: 'call_9',
        name: 'lookup',
        arguments: '{"q":"x"}',
      }),
    ]);
  });

  it('works with responses.stream() and finalResponse()', async () => {
    fake.script({
      route: 'responses',
      reply: { text: 'Checking', toolCalls: [{ name: 'lookup', arguments: { q: 'weather' } }] },
    });
    const stream = client.responses.stream({ model: 'gpt-4.1', input: 'weather?' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(deltas.join('')).toBe('Checking');
    // Like with the real API, the helper's final Response has no `output_text` convenience field.
    const message = final.output.find((item) => item.type === 'message');
    expect(message?.type === 'message' && message.content[0]).toMatchObject({
      type: 'output_text',
      text: 'Checking',
    });
    const call = final.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ name: 'lookup', arguments: '{"q":"weather"}' });
    expect(final.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('marks a length finish as incomplete', async () => {
    fake.script({ route: 'responses', reply: { text: 'cut', finishReason: 'length' } });
    const response = await client.responses.create({ model: 'gpt-4.1', input: 'long' });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });
});

describe('embeddings', () => {
  it('float and base64 (the SDK default) decode to the same numbers; dimensions are honoured', async () => {
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['alpha', 'beta'],
      encoding_format: 'float',
      dimensions: 64,
    });
    const decoded = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['alpha', 'beta'],
      dimensions: 64,
    });
    expect(fake.requests().at(-1)!.body).toMatchObject({ encoding_format: 'base64' });
    expect(floats.data).toHaveLength(2);
    expect(floats.data[0].embedding).toHaveLength(64);
    expect(decoded.data[0].embedding).toEqual(floats.data[0].embedding);
    expect(decoded.data[1].embedding).toEqual(floats.data[1].embedding);
    expect(floats.data[0].embedding).not.toEqual(floats.data[1].embedding);
    const norm = Math.sqrt(floats.data[0].embedding.reduce((sum, v) => sum + v * v, 0));
    expect(norm).toBeCloseTo(1, 5);
    // ceil(5/4) + ceil(4/4)
    expect(floats.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
  });

  it('uses the model default dimension and scripted vectors', async () => {
    const large = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'x' });
    expect(large.data[0].embedding).toHaveLength(3072);
    fake.script({ route: 'embeddings', reply: { embeddings: [[0.5, -0.25, 1]] } });
    const scripted = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
    expect(scripted.data[0].embedding).toEqual([0.5, -0.25, 1]);
  });
});

describe('models', () => {
  it('lists and retrieves models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gpt-4o-mini');
    const model = await client.models.retrieve('gpt-anything');
    expect(model).toMatchObject({ id: 'gpt-anything', object: 'model' });
  });
});
