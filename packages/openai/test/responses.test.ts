import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { expectEndedOnce, type Harness, harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h ??= await harness();
  h.fake.reset();
  h.exporter.reset();
});
afterAll(() => h?.fake.close());

describe('responses', () => {
  test('create: span with request, response, usage (cached + reasoning) and output_text intact', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'responses',
      reply: {
        text: 'Bonjour',
        usage: { inputTokens: 50, outputTokens: 20, cachedInputTokens: 10, reasoningTokens: 5 },
      },
    });
    const response = await h.client().responses.create({
      model: 'gpt-4o-mini',
      input: 'Say hello in French',
      instructions: 'Be brief',
      max_output_tokens: 100,
      temperature: 0.5,
      text: { format: { type: 'json_object' } },
    });
    expect(response.output_text).toBe('Bonjour');
    const [span] = h.spans();
    expect(span.name).toBe('chat gpt-4o-mini');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.max_tokens': 100,
      'gen_ai.request.temperature': 0.5,
      'gen_ai.output.type': 'json',
      'gen_ai.response.id': response.id,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 50,
      'gen_ai.usage.output_tokens': 20,
      'gen_ai.usage.cache_read.input_tokens': 10,
      'gen_ai.usage.reasoning.output_tokens': 5,
    });
    expect(span.attributes['sightline.cost.usd']).toBeGreaterThan(0);
  });

  test('create with stream: true: events pass through, usage from response.completed', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'responses',
      reply: { text: 'a b c', usage: { inputTokens: 9, outputTokens: 3 } },
    });
    const stream = await h.client().responses.create({ model: 'gpt-4o-mini', input: 'hi', stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    const [span] = h.spans();
    expect(span.attributes['sightline.stream.chunks']).toBe(types.length);
    expect(span.attributes['gen_ai.usage.input_tokens']).toBe(9);
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
    expect(span.attributes['sightline.usage.missing']).toBeUndefined();
  });

  test('responses.stream() helper: finalResponse and one span', async () => {
    h.fake.script({ provider: 'openai', route: 'responses', reply: { text: 'helper text' } });
    const runner = h.client().responses.stream({ model: 'gpt-4o-mini', input: 'hi' });
    const deltas: string[] = [];
    runner.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await runner.finalResponse();
    const message = final.output.find((item) => item.type === 'message');
    expect(
      message?.type === 'message' && message.content[0].type === 'output_text' && message.content[0].text,
    ).toBe('helper text');
    expect(deltas.join('')).toBe('helper text');
    expect(h.spans()).toHaveLength(1);
    expectEndedOnce(h.spans());
  });

  test('responses.parse() and function tool calls', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'responses',
      reply: { toolCalls: [{ id: 'call_r', name: 'search', arguments: { q: 'otel' } }] },
    });
    const parsed = await h.client().responses.parse({
      model: 'gpt-4o-mini',
      input: 'find',
      tools: [
        { type: 'function', name: 'search', parameters: { type: 'object', properties: {} }, strict: false },
      ],
    });
    expect(parsed.output.some((item) => item.type === 'function_call')).toBe(true);
    const [span] = h.spans();
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    expect(span.attributes['sightline.response.tool_call.ids']).toEqual(['call_r']);
    expect(span.attributes['sightline.response.tool_call.names']).toEqual(['search']);
  });

  test('incomplete response (max_output_tokens) reads as length', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'responses',
      reply: { text: 'cut', finishReason: 'max_output_tokens' },
    });
    await h.client().responses.create({ model: 'gpt-4o-mini', input: 'hi' });
    expect(h.spans()[0].attributes['gen_ai.response.finish_reasons']).toEqual(['length']);
  });
});

describe('embeddings', () => {
  test('default (SDK asks for base64 and decodes): floats for the app, dimension and input tokens on the span', async () => {
    h.fake.script({ provider: 'openai', route: 'embeddings', reply: { usage: { inputTokens: 8 } } });
    const result = await h
      .client()
      .embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 16 });
    expect(result.data).toHaveLength(2);
    expect(
      Array.from(result.data[0].embedding as ArrayLike<number>).every((x) => typeof x === 'number'),
    ).toBe(true);
    const [span] = h.spans();
    expect(span.name).toBe('embeddings text-embedding-3-small');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.embeddings.dimension.count': 16,
      'gen_ai.usage.input_tokens': 8,
    });
    expect(span.attributes['gen_ai.request.encoding_formats']).toBeUndefined();
    expect(span.attributes['sightline.context.utilization']).toBeUndefined();
    expect(span.attributes['sightline.cost.usd']).toBeGreaterThan(0);
  });

  test('encoding_format float and base64 chosen by the app', async () => {
    h.fake.script({ provider: 'openai', route: 'embeddings', times: 2, reply: {} });
    const client = h.client();
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'x',
      encoding_format: 'float',
    });
    const base64 = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'x',
      encoding_format: 'base64',
    });
    expect(Array.isArray(floats.data[0].embedding)).toBe(true);
    expect(typeof base64.data[0].embedding).toBe('string');
    const [floatSpan, base64Span] = h.spans();
    expect(floatSpan.attributes['gen_ai.request.encoding_formats']).toEqual(['float']);
    expect(floatSpan.attributes['gen_ai.embeddings.dimension.count']).toBe(floats.data[0].embedding.length);
    expect(base64Span.attributes['gen_ai.request.encoding_formats']).toEqual(['base64']);
    expect(base64Span.attributes['gen_ai.embeddings.dimension.count']).toBeUndefined();
  });
});
