import { describe, expect, it } from 'vitest';
import { countMessageTokens, countTokens, createTokenCounter } from './index.js';

const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');

describe('memoised counts follow in-place edits', () => {
  it('recounts a message whose content array got a new part', () => {
    const counter = createTokenCounter('gpt-4o');
    const message = { role: 'user', content: [{ type: 'text', text: 'hi' }] };
    const before = counter.countMessage(message);
    message.content.push({ type: 'text', text: words(100) });
    expect(counter.countMessage(message)).toBe(before + 100);
  });

  it("recounts a message whose part's text was replaced in place", () => {
    const counter = createTokenCounter('gpt-4o');
    const message = { role: 'user', content: [{ type: 'text', text: 'hi' }] };
    const before = counter.countMessage(message);
    message.content[0].text = `hi ${words(50)}`;
    expect(counter.countMessage(message)).toBe(before + 50);
  });

  it("recounts an assistant message whose tool call's arguments changed in place", () => {
    const counter = createTokenCounter('gpt-4o');
    const call = { id: 'c1', type: 'function', function: { name: 'search', arguments: '{}' } };
    const message = { role: 'assistant', content: null, tool_calls: [call] };
    const before = counter.countMessage(message);
    call.function.arguments = JSON.stringify({ q: words(40) });
    expect(counter.countMessage(message)).toBeGreaterThan(before + 40);
  });

  it('recounts an Anthropic tool_result whose nested blocks changed, and an added image', () => {
    const counter = createTokenCounter('claude-sonnet-4-5');
    const nested = [{ type: 'text', text: 'ok' }];
    const message = {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 't1', content: nested as object[] }],
    };
    const before = counter.countMessage(message as never);
    nested.push({ type: 'text', text: words(100) });
    const afterText = counter.countMessage(message as never);
    expect(afterText).toBeGreaterThanOrEqual(before + 100);
    message.content[0].content.push({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
    });
    expect(counter.countMessage(message as never)).toBe(afterText + 1600);
  });

  it('still answers unchanged messages from the memo, without encoding', () => {
    const counter = createTokenCounter('gpt-4o');
    const messages = [
      { role: 'user', content: [{ type: 'text', text: words(20) }] },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 't', name: 'f', input: { a: [1, 2] } }],
      },
    ];
    const first = counter.countMessages(messages as never);
    const encodes = counter.stats.encodeCalls;
    expect(counter.countMessages(messages as never)).toBe(first);
    expect(counter.stats.encodeCalls).toBe(encodes);
    expect(counter.stats.messageCacheHits).toBe(2);
  });

  it('a shared counter (countMessageTokens) sees a conversation edited in place', () => {
    const history = [{ role: 'user', content: [{ type: 'text', text: 'first question' }] }];
    const before = countMessageTokens(history, 'gpt-4o-mini');
    history[0].content.push({ type: 'text', text: words(30) });
    expect(countMessageTokens(history, 'gpt-4o-mini')).toBe(before + 30);
  });
});

describe('bad input gets a clear error', () => {
  it('rejects a non-string text instead of failing inside the tokenizer', () => {
    expect(() => countTokens(123 as never, 'gpt-4o')).toThrow(
      /countTokens\(gpt-4o\): "text" must be a string \(got number\)/,
    );
    expect(() => countTokens(undefined as never, 'gpt-4o')).toThrow(/"text" must be a string/);
    expect(countTokens('still works', 'gpt-4o')).toBe(2);
  });

  it('rejects a missing model id', () => {
    expect(() => countTokens('hi', undefined as never)).toThrow(/"model" must be a model id string/);
    expect(() => createTokenCounter('  ')).toThrow(/"model" must be a model id string/);
  });

  it('names the message index and field', () => {
    expect(() => countMessageTokens('hi' as never, 'gpt-4o')).toThrow(/"messages" must be an array/);
    expect(() => countMessageTokens([{ role: 'user', content: 'a' }, null] as never, 'gpt-4o')).toThrow(
      /messages\[1\] must be a message object \(got null\)/,
    );
    expect(() => countMessageTokens([{ content: 'hi' }] as never, 'gpt-4o')).toThrow(
      /messages\[0\]\.role must be a string \(got undefined\)/,
    );
  });
});
