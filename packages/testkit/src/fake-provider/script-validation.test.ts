import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, faults, type ScriptEntry, startFakeProvider } from './index.js';

let fake: FakeProvider;
let openai: OpenAI;
beforeAll(async () => {
  fake = await startFakeProvider();
  openai = new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(() => fake.close());

/** Scripts `entry` as an untyped caller (plain JS, a cast) would, returning the error message. */
function scriptError(...entries: unknown[]): string {
  try {
    fake.script(...(entries as ScriptEntry[]));
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error(`script() accepted ${JSON.stringify(entries)}`);
}

describe('script() validation', () => {
  it('names misspelt fields with the entry index, the field path and a suggestion', () => {
    expect(scriptError({ provder: 'openai' })).toBe(
      'fake provider script entry [0].provder: unknown field (did you mean "provider"?); allowed: provider, route, match, reply, delays, chunks, fault, times',
    );
    expect(scriptError({ reply: { text: 'ok' } }, { reply: { txt: 'x' } })).toMatch(
      /^fake provider script entry \[1\]\.reply\.txt: unknown field \(did you mean "text"\?\)/,
    );
    expect(scriptError({ delays: { latency: 5 } })).toMatch(
      /entry \[0\]\.delays\.latency: unknown field \(did you mean "latencyMs"\?\)/,
    );
    expect(scriptError({ reply: { usage: { input_tokens: 5 } } })).toMatch(
      /entry \[0\]\.reply\.usage\.input_tokens: unknown field \(did you mean "inputTokens"\?\)/,
    );
    expect(scriptError({ fault: { kind: 'disconnect', afterChunk: 2 } })).toMatch(
      /entry \[0\]\.fault\.afterChunk: unknown field \(did you mean "afterChunks"\?\)/,
    );
  });

  it('rejects wrong values: provider, route, fault kind, uncalled preset, reply shape, counts', () => {
    expect(scriptError({ provider: 'opena' })).toMatch(
      /entry \[0\]\.provider: "opena" is not valid \(did you mean "openai"\?\)/,
    );
    expect(scriptError({ route: 'chat.completions' })).toMatch(
      /entry \[0\]\.route: "chat.completions" does not exist/,
    );
    expect(scriptError({ fault: { kind: 'rateLimit' } })).toMatch(
      /entry \[0\]\.fault\.kind: "rateLimit" is not valid; allowed: error, disconnect/,
    );
    expect(scriptError({ fault: faults.rateLimit })).toMatch(
      /entry \[0\]\.fault: got a function \(did you forget to call it\?\)/,
    );
    expect(scriptError({ fault: { kind: 'error', status: 200 } })).toMatch(
      /fault\.status: expected an HTTP error status 400-599, got 200/,
    );
    expect(scriptError({ reply: 'hello' })).toMatch(/entry \[0\]\.reply: expected an object, got "hello"/);
    expect(scriptError({ reply: { toolCalls: [{ arguments: '{}' }] } })).toMatch(
      /reply\.toolCalls\[0\]\.name: expected a string/,
    );
    expect(scriptError({ match: 'gpt-4o' })).toMatch(/entry \[0\]\.match: expected a function/);
    expect(scriptError({ times: 0 })).toMatch(
      /entry \[0\]\.times: expected a number >= 1 \(or Infinity\), got 0/,
    );
    expect(scriptError({ chunks: Infinity })).toMatch(
      /entry \[0\]\.chunks: expected a number >= 1, got Infinity/,
    );
  });

  it('queues nothing from a call with one bad entry, and accepts every documented shape', async () => {
    scriptError({ reply: { text: 'first' } }, { reply: { txt: 'second' } });
    const ask = async () =>
      (await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }))
        .choices[0].message.content;
    expect(await ask()).toBe('Echo: hi');
    const handles = fake.script(
      {
        provider: 'openai',
        route: 'chat',
        match: () => true,
        reply: {
          text: 't',
          toolCalls: [{ id: 'call_1', name: 'f', arguments: { a: 1 } }],
          thinking: { text: 'hm', signature: 's' },
          finishReason: 'stop',
          usage: { inputTokens: 1, outputTokens: 2, cachedInputTokens: 0, reasoningTokens: 0, raw: {} },
          model: 'm',
          id: 'id',
        },
        delays: { latencyMs: 0, firstChunkMs: 0, interChunkMs: 0 },
        chunks: 2,
        times: Infinity,
      },
      { fault: faults.rateLimit({ retryAfter: 0 }) },
      { fault: faults.disconnect(1) },
      { fault: faults.contextLengthExceeded({ maxContextTokens: 10 }) },
      { fault: { kind: 'error', status: 503, headers: { 'x-a': 'b' } } },
      { provider: 'anthropic', route: 'count_tokens', reply: { usage: { inputTokens: 3 } } },
    );
    expect(handles).toHaveLength(6);
    fake.reset();
  });
});
