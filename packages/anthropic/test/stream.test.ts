import { faults } from '@sightline/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import { drain, type Harness, rejectionOf, startHarness, streamParams } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.reset());
afterAll(() => h.close());

const CACHED_USAGE = {
  inputTokens: 1000,
  cachedInputTokens: 600,
  cacheCreationInputTokens: 200,
  outputTokens: 12,
};

function client() {
  return instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
}

describe('messages.create({ stream: true })', () => {
  it('records usage from message_start + message_delta, finish reason and time to first chunk', async () => {
    h.fake.script({
      provider: 'anthropic',
      reply: { text: 'one two three four', id: 'msg_s', usage: CACHED_USAGE },
    });
    const stream = await client().messages.create(streamParams());
    const events = await drain(stream);
    expect(events[0].type).toBe('message_start');
    expect(events.at(-1)?.type).toBe('message_stop');
    const span = h.onlySpan();
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.id': 'msg_s',
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.cache_read.input_tokens': 600,
      'gen_ai.usage.cache_write.input_tokens': 200,
      'gen_ai.usage.output_tokens': 12,
      'sightline.stream.chunks': events.length,
    });
    expect(span.attributes['sightline.stream.end']).toBeUndefined();
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThanOrEqual(0);
    expect(span.attributes['sightline.cost.usd']).toBeCloseTo((200 + 60 + 250 + 12 * 5) / 1e6, 12);
  });

  it('ends once with sightline.stream.end=break when the consumer breaks', async () => {
    h.fake.script({ provider: 'anthropic', reply: { text: 'a b c d e f g h' } });
    const stream = await client().messages.create(streamParams());
    let seen = 0;
    for await (const _event of stream) {
      if (++seen === 3) break;
    }
    const span = h.onlySpan();
    expect(span.attributes['sightline.stream.end']).toBe('break');
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['error']);
    expect(span.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
  });

  it('ends once when the consumer throws inside the loop', async () => {
    h.fake.script({ provider: 'anthropic', reply: { text: 'a b c d' } });
    const stream = await client().messages.create(streamParams());
    const error = await rejectionOf(
      (async () => {
        for await (const _event of stream) throw new Error('consumer bug');
      })(),
    );
    expect((error as Error).message).toBe('consumer bug');
    const span = h.onlySpan();
    expect(span.attributes['sightline.stream.end']).toBe('break');
    expect(span.status.code).not.toBe(2);
  });

  it('ends once on controller.abort() mid-stream', async () => {
    h.fake.script({ provider: 'anthropic', reply: { text: 'a b c d e f' }, delays: { interChunkMs: 5 } });
    const stream = await client().messages.create(streamParams());
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event.type);
      if (seen.length === 2) stream.controller.abort();
    }
    await new Promise((resolve) => setImmediate(resolve));
    const span = h.onlySpan();
    expect(span.attributes['sightline.stream.end']).toBe('abort');
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['error']);
    expect(span.status.code).not.toBe(2);
  });

  it('ends once when an AbortSignal aborts before iteration', async () => {
    h.fake.script({ provider: 'anthropic', reply: { text: 'a b c' } });
    const controller = new AbortController();
    const stream = await client().messages.create(streamParams(), {
      signal: controller.signal,
    });
    controller.abort();
    await drain(stream);
    await new Promise((resolve) => setImmediate(resolve));
    const span = h.onlySpan();
    expect(span.attributes['sightline.stream.end']).toBe('abort');
  });

  it('fails the span on a mid-stream disconnect', async () => {
    h.fake.script({ provider: 'anthropic', reply: { text: 'a b c d e' }, fault: faults.disconnect(3) });
    const stream = await client().messages.create(streamParams());
    const error = await rejectionOf(drain(stream));
    expect(error).toBeInstanceOf(Error);
    const span = h.onlySpan();
    expect(span.status.code).toBe(2);
    expect(span.attributes['sightline.stream.end']).toBe('error');
    expect(span.attributes['error.type']).toBeTruthy();
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['error']);
    // message_start arrived: input usage is known even though the stream was cut off
    expect(span.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
  });

  it('fails the span on malformed SSE data', async () => {
    h.fake.script({ provider: 'anthropic', reply: { text: 'a b c' }, fault: faults.malformed(2) });
    const stream = await client().messages.create(streamParams());
    const error = await rejectionOf(drain(stream));
    expect(error).toBeInstanceOf(SyntaxError);
    const span = h.onlySpan();
    expect(span.attributes['error.type']).toBe('SyntaxError');
    expect(span.attributes['sightline.stream.end']).toBe('error');
  });

  it('tee(): both branches see every event and the span ends once', async () => {
    h.fake.script({ provider: 'anthropic', reply: { text: 'a b c d', usage: CACHED_USAGE } });
    const stream = await client().messages.create(streamParams());
    const [left, right] = stream.tee();
    const [a, b] = await Promise.all([drain(left), drain(right)]);
    expect(a.map((e) => e.type)).toEqual(b.map((e) => e.type));
    const span = h.onlySpan();
    expect(span.attributes['gen_ai.usage.input_tokens']).toBe(1000);
    expect(span.attributes['sightline.stream.chunks']).toBe(a.length);
  });

  it('toReadableStream() keeps working and ends the span', async () => {
    h.fake.script({ provider: 'anthropic', reply: { text: 'x y z' } });
    const stream = await client().messages.create(streamParams());
    const reader = stream.toReadableStream().getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    const lines = text.trim().split('\n');
    expect(JSON.parse(lines[0]).type).toBe('message_start');
    const span = h.onlySpan();
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['end_turn']);
  });

  it('records tool_use and thinking blocks streamed', async () => {
    h.fake.script({
      provider: 'anthropic',
      reply: {
        text: 'Let me check.',
        thinking: 'The user wants weather.',
        toolCalls: [{ id: 'toolu_9', name: 'get_weather', arguments: { city: 'Paris' } }],
      },
    });
    const stream = await client().messages.create(
      streamParams({ thinking: { type: 'enabled', budget_tokens: 1024 } }),
    );
    await drain(stream);
    const span = h.onlySpan();
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_use']);
    expect(span.attributes['sightline.response.tool_call.ids']).toEqual(['toolu_9']);
    expect(span.attributes['sightline.response.tool_call.names']).toEqual(['get_weather']);
    expect(JSON.stringify(span.attributes)).not.toContain('weather.');
  });
});
