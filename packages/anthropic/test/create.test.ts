import { ATTR_GEN_AI_USAGE_INPUT_TOKENS } from '@sightline/core/semconv';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import { attrs, basicParams, type ExtraParams, type Harness, MODEL, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.reset());
afterAll(() => h.close());

describe('messages.create (non-streamed)', () => {
  it('records one CLIENT span with the GenAI attributes', async () => {
    const client = instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
    h.fake.script({
      provider: 'anthropic',
      reply: { text: 'Paris.', id: 'msg_1', usage: { inputTokens: 20, outputTokens: 3 } },
    });
    const message = await client.messages.create(
      // temperature/top_p/top_k are no longer in the 1.14 types; the API and Sightline still take them.
      basicParams({ temperature: 0.2, top_p: 0.9, top_k: 40, stop_sequences: ['END'] } as ExtraParams),
    );
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Paris.' });
    const span = h.onlySpan();
    expect(span.name).toBe(`chat ${MODEL}`);
    expect(span.kind).toBe(2); // CLIENT
    const url = new URL(h.fake.anthropicBaseURL);
    expect(attrs(span)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': MODEL,
      'server.address': url.hostname,
      'server.port': Number(url.port),
      'gen_ai.request.max_tokens': 256,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.top_k': 40,
      'gen_ai.request.stop_sequences': ['END'],
      'gen_ai.response.id': 'msg_1',
      'gen_ai.response.model': MODEL,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.usage.input_tokens': 20,
      'gen_ai.usage.output_tokens': 3,
      'http.response.status_code': 200,
    });
    expect(span.attributes['gen_ai.request.stream']).toBeUndefined();
    expect(span.attributes['gen_ai.input.messages']).toBeUndefined();
    expect(span.attributes['gen_ai.output.messages']).toBeUndefined();
    expect(span.status.code).not.toBe(2);
  });

  it('counts cached tokens INCLUSIVELY and prices each class exactly once', async () => {
    const client = instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
    // wire: input_tokens = 1000 - 600 - 200 = 200, cache_read 600, cache_creation 200
    h.fake.script({
      provider: 'anthropic',
      reply: {
        text: 'ok',
        usage: { inputTokens: 1000, cachedInputTokens: 600, cacheCreationInputTokens: 200, outputTokens: 50 },
      },
    });
    const message = await client.messages.create(basicParams());
    expect(message.usage).toMatchObject({
      input_tokens: 200,
      cache_read_input_tokens: 600,
      cache_creation_input_tokens: 200,
    });
    const span = h.onlySpan();
    expect(span.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS]).toBe(1000);
    expect(span.attributes['gen_ai.usage.cache_read.input_tokens']).toBe(600);
    expect(span.attributes['gen_ai.usage.cache_write.input_tokens']).toBe(200);
    expect(span.attributes['gen_ai.usage.output_tokens']).toBe(50);
    // claude-haiku-4-5: input $1/M, cache read $0.10/M, cache write $1.25/M, output $5/M
    const inputUsd = (200 * 1 + 600 * 0.1 + 200 * 1.25) / 1e6;
    const outputUsd = (50 * 5) / 1e6;
    expect(span.attributes['sightline.cost.input_usd']).toBeCloseTo(inputUsd, 12);
    expect(span.attributes['sightline.cost.output_usd']).toBeCloseTo(outputUsd, 12);
    expect(span.attributes['sightline.cost.usd']).toBeCloseTo(inputUsd + outputUsd, 12);
    expect(span.attributes['sightline.cost.usd']).toBeCloseTo(0.00076, 12);
    expect(span.attributes['sightline.context.window']).toBe(200_000);
    expect(span.attributes['sightline.context.utilization']).toBeCloseTo(1000 / 200_000, 12);
  });

  it('records tool_use calls by id and name; arguments only with content capture', async () => {
    const client = instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
    h.fake.script({
      provider: 'anthropic',
      reply: { text: '', toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
    });
    const message = await client.messages.create(
      basicParams({
        tools: [
          { name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: {} } },
        ],
      }),
    );
    expect(message.stop_reason).toBe('tool_use');
    const span = h.onlySpan();
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_use']);
    expect(span.attributes['sightline.response.tool_call.ids']).toEqual(['toolu_1']);
    expect(span.attributes['sightline.response.tool_call.names']).toEqual(['get_weather']);
    expect(JSON.stringify(span.attributes)).not.toContain('Paris');
  });

  it('supports withResponse() and asResponse() with the span ending once', async () => {
    const client = instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
    h.fake.script(
      { provider: 'anthropic', reply: { text: 'one' } },
      { provider: 'anthropic', reply: { text: 'two' } },
    );
    const { data, response, request_id } = await client.messages.create(basicParams()).withResponse();
    expect(data.content[0]).toMatchObject({ text: 'one' });
    expect(response.status).toBe(200);
    expect(request_id).toBeTruthy();
    expect(h.spans()).toHaveLength(1);
    expect(h.spans()[0].attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);

    const raw = await client.messages.create(basicParams()).asResponse();
    const body = (await raw.json()) as { content: { text: string }[] };
    expect(body.content[0].text).toBe('two');
    const spans = h.spans();
    expect(spans).toHaveLength(2);
    expect(spans[1].attributes['http.response.status_code']).toBe(200);
    expect(spans[1].attributes['gen_ai.usage.input_tokens']).toBeUndefined();
  });

  it('parents the span under the active span', async () => {
    const client = instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
    const tracer = h.tracerProvider.getTracer('app');
    await tracer.startActiveSpan('workflow', async (parent) => {
      await client.messages.create(basicParams());
      parent.end();
    });
    const llm = h.sightlineSpans()[0];
    const parent = h.spans('app')[0];
    expect(llm.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(llm.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  });

  it('instrumenting twice returns the same client and does not double spans', async () => {
    const raw = h.client();
    const once = instrumentAnthropic(raw, { tracerProvider: h.tracerProvider });
    const twice = instrumentAnthropic(once, { tracerProvider: h.tracerProvider });
    expect(once).toBe(raw);
    expect(twice).toBe(raw);
    await twice.messages.create(basicParams());
    expect(h.spans()).toHaveLength(1);
  });

  it('instruments withOptions() copies with the same options', async () => {
    const client = instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
    const copy = client.withOptions({ timeout: 30_000 });
    expect(copy).not.toBe(client);
    await copy.messages.create(basicParams());
    expect(h.sightlineSpans()).toHaveLength(1);
    expect(h.spans()).toHaveLength(1);
  });

  it('rejects what is not a client, and bad options, naming the field', () => {
    expect(() => instrumentAnthropic({} as never)).toThrow(/expected an @anthropic-ai\/sdk client/);
    expect(() => instrumentAnthropic(h.client(), { maxContentLength: -1 })).toThrow(/maxContentLength/);
  });
});
