import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { expectEndedOnce, type Harness, harness, USER } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h ??= await harness();
  h.fake.reset();
  h.exporter.reset();
});
afterAll(() => h?.fake.close());

describe('chat.completions.create', () => {
  test('plain call: one CLIENT span with start, request, response, usage, cost and context attributes', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'chat',
      reply: {
        text: 'Hello!',
        usage: { inputTokens: 1000, outputTokens: 200, cachedInputTokens: 400, reasoningTokens: 50 },
      },
    });
    const client = h.client();
    const result = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: USER,
      max_completion_tokens: 300,
      temperature: 0.2,
      top_p: 0.9,
      frequency_penalty: 0.1,
      presence_penalty: 0.3,
      stop: ['END'],
      seed: 42,
      n: 2,
      response_format: { type: 'json_object' },
    });
    expect(result.choices[0].message.content).toBe('Hello!');
    const [span] = h.spans();
    expect(h.spans()).toHaveLength(1);
    expect(span.name).toBe('chat gpt-4o-mini');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    const url = new URL(h.fake.openaiBaseURL);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'server.address': url.hostname,
      'server.port': Number(url.port),
      'gen_ai.request.max_tokens': 300,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.frequency_penalty': 0.1,
      'gen_ai.request.presence_penalty': 0.3,
      'gen_ai.request.stop_sequences': ['END'],
      'gen_ai.request.seed': 42,
      'gen_ai.request.choice.count': 2,
      'gen_ai.output.type': 'json',
      'gen_ai.response.id': result.id,
      'gen_ai.response.model': result.model,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 200,
      'gen_ai.usage.cache_read.input_tokens': 400,
      'gen_ai.usage.reasoning.output_tokens': 50,
      'http.response.status_code': 200,
      'sightline.context.window': 128000,
    });
    // gpt-4o-mini: $0.15 input, $0.075 cached, $0.60 output per 1M (built-in dated table).
    const expectedInput = (600 * 0.15 + 400 * 0.075) / 1e6;
    const expectedOutput = (200 * 0.6) / 1e6;
    expect(span.attributes['sightline.cost.input_usd']).toBeCloseTo(expectedInput, 12);
    expect(span.attributes['sightline.cost.output_usd']).toBeCloseTo(expectedOutput, 12);
    expect(span.attributes['sightline.cost.usd']).toBeCloseTo(expectedInput + expectedOutput, 12);
    expect(span.attributes['sightline.cost.pricing_date']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(span.attributes['sightline.context.utilization']).toBeCloseTo(1000 / 128000, 12);
    expect(span.attributes['gen_ai.request.stream']).toBeUndefined();
    expect(span.attributes['sightline.usage.missing']).toBeUndefined();
    expect(span.attributes['gen_ai.input.messages']).toBeUndefined();
    expectEndedOnce(h.spans());
  });

  test('pricing option overrides the table; unknown-window models get no utilisation', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { usage: { inputTokens: 1_000_000, outputTokens: 0 } },
    });
    const client = h.client({ pricing: { 'my-finetune': { pricing: { input: 2, output: 8 } } } });
    await client.chat.completions.create({ model: 'my-finetune', messages: USER });
    const [span] = h.spans();
    expect(span.attributes['sightline.cost.usd']).toBeCloseTo(2, 9);
    expect(span.attributes['sightline.context.window']).toBeUndefined();
  });

  test('tool calls requested by the model: ids and names without content capture, no arguments', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'chat',
      reply: {
        toolCalls: [
          { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
          { id: 'call_2', name: 'get_time' },
        ],
      },
    });
    const result = await h.client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: USER,
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    });
    expect(result.choices[0].message.tool_calls).toHaveLength(2);
    const [span] = h.spans();
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    expect(span.attributes['sightline.response.tool_call.ids']).toEqual(['call_1', 'call_2']);
    expect(span.attributes['sightline.response.tool_call.names']).toEqual(['get_weather', 'get_time']);
    expect(JSON.stringify(span.attributes)).not.toContain('Paris');
  });

  test('stream: chunks, time to first chunk, finish reasons; usage missing without include_usage', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'one two three' } });
    const stream = await h
      .client()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: USER, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('one two three');
    expect(h.fake.requests()[0].body).not.toHaveProperty('stream_options');
    const [span] = h.spans();
    expect(span.attributes['gen_ai.request.stream']).toBe(true);
    expect(span.attributes['sightline.stream.chunks']).toBe(5);
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
    expect(span.attributes['sightline.usage.missing']).toBe(true);
    expect(span.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expect(span.attributes['sightline.cost.usd']).toBeUndefined();
    expect(span.attributes['sightline.stream.end']).toBeUndefined();
  });

  test('stream with stream_options.include_usage set by the app: usage recorded, request untouched', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { text: 'hi', usage: { inputTokens: 7, outputTokens: 2 } },
    });
    const stream = await h.client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: USER,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const _ of stream);
    const [span] = h.spans();
    expect(span.attributes['gen_ai.usage.input_tokens']).toBe(7);
    expect(span.attributes['gen_ai.usage.output_tokens']).toBe(2);
    expect(span.attributes['sightline.usage.missing']).toBeUndefined();
    expect(span.attributes['sightline.cost.usd']).toBeGreaterThan(0);
  });

  test('includeStreamUsage adds include_usage only to streams that do not set stream_options', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'chat',
      times: 3,
      reply: { text: 'hi', usage: { inputTokens: 3, outputTokens: 1 } },
    });
    const client = h.client({ includeStreamUsage: true });
    for await (const _ of await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: USER,
      stream: true,
    }));
    for await (const _ of await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: USER,
      stream: true,
      stream_options: { include_usage: false },
    }));
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER });
    const bodies = h.fake.requests().map((r) => r.body as Record<string, unknown>);
    expect(bodies[0].stream_options).toEqual({ include_usage: true });
    expect(bodies[1].stream_options).toEqual({ include_usage: false });
    expect(bodies[2]).not.toHaveProperty('stream_options');
    const [first, second] = h.spans();
    expect(first.attributes['gen_ai.usage.input_tokens']).toBe(3);
    expect(second.attributes['sightline.usage.missing']).toBe(true);
  });

  test('streamed tool calls: ids and names recorded once per call', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { toolCalls: [{ id: 'call_a', name: 'lookup', arguments: { q: 'x' } }] },
    });
    const stream = await h
      .client()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: USER, stream: true });
    for await (const _ of stream);
    const [span] = h.spans();
    expect(span.attributes['sightline.response.tool_call.ids']).toEqual(['call_a']);
    expect(span.attributes['sightline.response.tool_call.names']).toEqual(['lookup']);
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
  });
});

describe('helpers keep working and make one span per HTTP call', () => {
  test('chat.completions.stream(): events, finalChatCompletion, one span', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { text: 'streamed helper', usage: { inputTokens: 5, outputTokens: 2 } },
    });
    const client = h.client({ includeStreamUsage: true });
    const runner = client.chat.completions.stream({ model: 'gpt-4o-mini', messages: USER });
    const deltas: string[] = [];
    runner.on('content', (delta) => deltas.push(delta));
    const final = await runner.finalChatCompletion();
    expect(final.choices[0].message.content).toBe('streamed helper');
    expect(deltas.join('')).toBe('streamed helper');
    expect(h.fake.requests()).toHaveLength(1);
    expect(h.spans()).toHaveLength(1);
    expect(h.spans()[0].attributes['gen_ai.usage.input_tokens']).toBe(5);
    expectEndedOnce(h.spans());
  });

  test('chat.completions.parse() with a json_schema response format', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', reply: { text: '{"answer":"yes"}' } });
    const parsed = await h.client().chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: USER,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'reply',
          strict: true,
          schema: { type: 'object', properties: { answer: { type: 'string' } } },
        },
      },
    });
    expect(parsed.choices[0].message.parsed).toEqual({ answer: 'yes' });
    expect(h.spans()).toHaveLength(1);
    expect(h.spans()[0].attributes['gen_ai.output.type']).toBe('json');
  });

  test('runTools: one span per round trip, tools run by the SDK', async () => {
    h.fake.script(
      {
        provider: 'openai',
        route: 'chat',
        reply: { toolCalls: [{ id: 'call_t', name: 'add', arguments: { a: 1, b: 2 } }] },
      },
      { provider: 'openai', route: 'chat', reply: { text: 'The sum is 3' } },
    );
    const seen: unknown[] = [];
    const runner = h.client().chat.completions.runTools({
      model: 'gpt-4o-mini',
      messages: USER,
      tools: [
        {
          type: 'function',
          function: {
            name: 'add',
            description: 'Adds two numbers',
            parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } },
            function: (args: { a: number; b: number }) => {
              seen.push(args);
              return String(args.a + args.b);
            },
            parse: JSON.parse,
          },
        },
      ],
    });
    expect(await runner.finalContent()).toBe('The sum is 3');
    expect(seen).toEqual([{ a: 1, b: 2 }]);
    expect(h.spans()).toHaveLength(2);
    expect(h.spans().map((s) => s.attributes['gen_ai.response.finish_reasons'])).toEqual([
      ['tool_calls'],
      ['stop'],
    ]);
    expectEndedOnce(h.spans());
  });

  test('withResponse() gives data and the raw Response; the span has usage', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { text: 'wr', usage: { inputTokens: 4, outputTokens: 1 } },
    });
    const { data, response } = await h
      .client()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: USER })
      .withResponse();
    expect(data.choices[0].message.content).toBe('wr');
    expect(response.status).toBe(200);
    expect(h.spans()).toHaveLength(1);
    expect(h.spans()[0].attributes['gen_ai.usage.input_tokens']).toBe(4);
  });

  test('asResponse() leaves the body unread for the app; the span ends with the status and no usage', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'raw body' } });
    const response = await h
      .client()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: USER })
      .asResponse();
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0].message.content).toBe('raw body');
    const [span] = h.spans();
    expect(span.attributes['http.response.status_code']).toBe(200);
    expect(span.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expect(span.attributes['sightline.usage.missing']).toBe(true);
  });

  test('asResponse() on a parse() helper promise also works and ends the span', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'x' } });
    const response = await h
      .client()
      .chat.completions.parse({ model: 'gpt-4o-mini', messages: USER })
      .asResponse();
    expect(((await response.json()) as { object: string }).object).toBe('chat.completion');
    expect(h.spans()).toHaveLength(1);
  });

  test('asResponse() on a stream request: the app reads the SSE body itself', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'sse' } });
    const response = await h
      .client()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: USER, stream: true })
      .asResponse();
    expect(await response.text()).toContain('data: [DONE]');
    expect(h.spans()).toHaveLength(1);
  });
});
