import { APIUserAbortError } from '@anthropic-ai/sdk';
import { faults } from '@sightline/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import { basicParams, drain, type Harness, json, rejectionOf, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.reset());
afterAll(() => h.close());

function client(captureContent = false) {
  return instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider, captureContent });
}

describe('messages.stream()', () => {
  it('finalMessage(), text events and one span with usage', async () => {
    h.fake.script({
      provider: 'anthropic',
      reply: {
        text: 'Paris is the capital.',
        usage: { inputTokens: 50, cachedInputTokens: 40, outputTokens: 5 },
      },
    });
    const texts: string[] = [];
    const stream = client().messages.stream(basicParams());
    stream.on('text', (delta) => texts.push(delta));
    const message = await stream.finalMessage();
    expect(texts.join('')).toBe('Paris is the capital.');
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Paris is the capital.' });
    const span = h.onlySpan();
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.usage.input_tokens': 50,
      'gen_ai.usage.cache_read.input_tokens': 40,
      'gen_ai.usage.output_tokens': 5,
    });
  });

  it('async iteration of events, done() and finalText()', async () => {
    h.fake.script(
      { provider: 'anthropic', reply: { text: 'a b c' } },
      { provider: 'anthropic', reply: { text: 'd e' } },
    );
    const events = await drain(client().messages.stream(basicParams()));
    expect(events[0].type).toBe('message_start');
    const second = client().messages.stream(basicParams());
    await second.done();
    expect(await second.finalText()).toBe('d e');
    expect(h.spans()).toHaveLength(2);
  });

  it('withResponse() and finalText() work (this SDK has no textStream)', async () => {
    h.fake.script({ provider: 'anthropic', reply: { text: 'hello there' } });
    const stream = client().messages.stream(basicParams());
    const { response } = await stream.withResponse();
    expect(response.status).toBe(200);
    expect(await stream.finalText()).toBe('hello there');
    expect(h.spans()).toHaveLength(1);
  });

  it('stream.abort() ends the span once as abort', async () => {
    h.fake.script({ provider: 'anthropic', reply: { text: 'a b c d e f g' }, delays: { interChunkMs: 5 } });
    const stream = client().messages.stream(basicParams());
    stream.on('text', () => stream.abort());
    const error = await rejectionOf(stream.finalMessage());
    expect(error).toBeInstanceOf(APIUserAbortError);
    await new Promise((resolve) => setImmediate(resolve));
    const span = h.onlySpan();
    expect(span.attributes['sightline.stream.end']).toBe('abort');
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['error']);
  });

  it('a mid-stream error event rejects finalMessage() and fails the span', async () => {
    h.fake.script({ provider: 'anthropic', reply: { text: 'a b c d' }, fault: faults.disconnect(2) });
    const stream = client().messages.stream(basicParams());
    const errors: unknown[] = [];
    stream.on('error', (error) => errors.push(error));
    const error = await rejectionOf(stream.finalMessage());
    expect(errors).toHaveLength(1);
    expect(error).toBe(errors[0]);
    const span = h.onlySpan();
    expect(span.status.code).toBe(2);
    expect(span.attributes['sightline.stream.end']).toBe('error');
  });

  it('an HTTP error rejects finalMessage() and fails the span with the error class', async () => {
    h.fake.script({ provider: 'anthropic', fault: faults.overloaded() });
    const error = await rejectionOf(client().messages.stream(basicParams()).finalMessage());
    expect((error as { status?: number }).status).toBe(529);
    const span = h.onlySpan();
    expect(span.attributes['error.type']).toBe((error as Error).constructor.name);
    expect(span.attributes['http.response.status_code']).toBe(529);
  });

  it('captures thinking as reasoning and tool_use as tool_call in the output message', async () => {
    h.fake.script({
      provider: 'anthropic',
      reply: {
        text: 'Checking.',
        thinking: 'Need the weather tool.',
        toolCalls: [{ id: 'toolu_7', name: 'get_weather', arguments: { city: 'Paris' } }],
      },
    });
    const message = await client(true)
      .messages.stream(basicParams({ thinking: { type: 'enabled', budget_tokens: 1024 } }))
      .finalMessage();
    expect(message.content.map((b) => b.type)).toEqual(['thinking', 'text', 'tool_use']);
    const span = h.onlySpan();
    expect(json(span, 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'Need the weather tool.' },
          { type: 'text', content: 'Checking.' },
          { type: 'tool_call', id: 'toolu_7', name: 'get_weather', arguments: { city: 'Paris' } },
        ],
        finish_reason: 'tool_use',
      },
    ]);
  });
});
