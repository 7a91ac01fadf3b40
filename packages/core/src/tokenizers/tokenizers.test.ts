import { describe, expect, it } from 'vitest';
import {
  countMessageTokens,
  countTokens,
  createTokenCounter,
  registerTokenizer,
  tokenizerFor,
} from './index.js';

/**
 * The OpenAI cookbook "How to count tokens with tiktoken" (openai/openai-cookbook,
 * examples/How_to_count_tokens_with_tiktoken.ipynb, section 6) sends these messages and prints the
 * `usage.prompt_tokens` the API reported: 129 for gpt-3.5-turbo, gpt-4-0613 and gpt-4; 124 for gpt-4o and
 * gpt-4o-mini.
 */
const COOKBOOK_MESSAGES = [
  {
    role: 'system',
    content:
      'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.',
  },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  {
    role: 'system',
    name: 'example_assistant',
    content: 'Things working well together will increase revenue.',
  },
  {
    role: 'system',
    name: 'example_user',
    content:
      "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  {
    role: 'system',
    name: 'example_assistant',
    content: "Let's talk later when we're less busy about how to do better.",
  },
  {
    role: 'user',
    content: "This late pivot means we don't have time to boil the ocean for the client deliverable.",
  },
];

describe('token counts match the API figures quoted by the OpenAI cookbook', () => {
  it.each([
    ['gpt-3.5-turbo', 129],
    ['gpt-4-0613', 129],
    ['gpt-4', 129],
    ['gpt-4o', 124],
    ['gpt-4o-mini', 124],
    ['gpt-4o-mini-2024-07-18', 124],
  ])('%s: %i prompt tokens', (model, expected) => {
    expect(countMessageTokens(COOKBOOK_MESSAGES, model)).toBe(expected);
  });

  it('counts the cookbook example strings', () => {
    // Section 5 of the cookbook: "antidisestablishmentarianism" is 6 tokens in both encodings, "2 + 2 = 4" is 7.
    expect(countTokens('antidisestablishmentarianism', 'gpt-4o')).toBe(6);
    expect(countTokens('antidisestablishmentarianism', 'gpt-4')).toBe(6);
    expect(countTokens('2 + 2 = 4', 'gpt-4o')).toBe(7);
    expect(countTokens('2 + 2 = 4', 'gpt-3.5-turbo')).toBe(7);
    // "お誕生日おめでとう": 9 tokens in cl100k_base, 8 in o200k_base.
    expect(countTokens('お誕生日おめでとう', 'gpt-4')).toBe(9);
    expect(countTokens('お誕生日おめでとう', 'gpt-4o')).toBe(8);
  });

  it('treats special-token text as ordinary text instead of throwing', () => {
    expect(countTokens('<|endoftext|>', 'gpt-4o')).toBeGreaterThan(1);
  });
});

describe('tokenizer registry', () => {
  it('maps model families to encodings', () => {
    for (const model of [
      'gpt-4o',
      'chatgpt-4o-latest',
      'gpt-4.1-mini',
      'gpt-4.5-preview',
      'gpt-5',
      'o1',
      'o3-mini',
      'o4-mini',
    ]) {
      expect(tokenizerFor(model), model).toMatchObject({ encoding: 'o200k_base', exact: true });
    }
    for (const model of [
      'gpt-4',
      'gpt-4-turbo',
      'gpt-3.5-turbo-0125',
      'text-embedding-3-small',
      'text-embedding-ada-002',
    ]) {
      expect(tokenizerFor(model), model).toMatchObject({ encoding: 'cl100k_base', exact: true });
    }
    expect(tokenizerFor('openai/gpt-4o-2024-08-06').encoding).toBe('o200k_base');
    expect(tokenizerFor('claude-sonnet-4-5-20250929')).toMatchObject({
      encoding: 'cl100k_base',
      exact: false,
      scale: 1.1,
    });
    expect(tokenizerFor('my-local-llama')).toMatchObject({ exact: false, source: 'fallback' });
  });

  it('lets users register a tokenizer by prefix, longest prefix first', () => {
    registerTokenizer('acme-', { encoding: 'cl100k_base', exact: false, scale: 2 });
    registerTokenizer('acme-big', { encoding: 'o200k_base' });
    expect(tokenizerFor('acme-small')).toMatchObject({ encoding: 'cl100k_base', scale: 2, source: 'user' });
    expect(tokenizerFor('acme-big-2')).toMatchObject({ encoding: 'o200k_base', scale: 1 });
    expect(() => registerTokenizer('x', { encoding: 'p50k' as 'o200k_base' })).toThrow(/encoding/);
  });
});

describe('message shapes', () => {
  const counter = createTokenCounter('gpt-4o');
  const text = (s: string) => counter.countText(s);

  it('counts text parts like string content', () => {
    const asString = counter.countMessage({ role: 'user', content: 'hello there' });
    const asParts = counter.countMessage({ role: 'user', content: [{ type: 'text', text: 'hello there' }] });
    expect(asParts).toBe(asString);
    expect(asString).toBe(3 + text('user') + text('hello there'));
  });

  it('counts OpenAI tool calls and tool results', () => {
    const call = {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
    };
    expect(counter.countMessage(call)).toBe(
      3 + text('assistant') + 3 + text('get_weather') + text('{"city":"Paris"}'),
    );
    const result = { role: 'tool', tool_call_id: 'call_1', content: 'sunny, 21C' };
    expect(counter.countMessage(result)).toBe(3 + text('tool') + text('sunny, 21C'));
  });

  it('counts Anthropic blocks: text, tool_use, tool_result, thinking, image', () => {
    const claude = createTokenCounter('claude-sonnet-4-5');
    const raw = createTokenCounter('gpt-4'); // the same cl100k_base vocabulary, unscaled
    const message = {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'I should look it up', signature: 'sig' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'tu_1', name: 'lookup', input: { q: 'x' } },
      ],
    };
    const rawTokens =
      raw.countText('assistant') +
      raw.countText('I should look it up') +
      raw.countText('Let me check.') +
      raw.countText('lookup') +
      raw.countText('{"q":"x"}');
    expect(claude.countMessage(message)).toBe(4 + Math.ceil(rawTokens * 1.1) + 3);
    const result = {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'tu_1', content: [{ type: 'text', text: 'found it' }] },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
      ],
    };
    expect(claude.countMessage(result)).toBe(
      4 + Math.ceil((raw.countText('user') + raw.countText('found it')) * 1.1) + 3 + 1600,
    );
  });

  it('counts an Anthropic top-level system prompt as one more message', () => {
    const claude = createTokenCounter('claude-haiku-4-5');
    const messages = [{ role: 'user', content: 'hi' }];
    const without = claude.countMessages(messages);
    expect(claude.countMessages(messages, { system: 'Be terse.' })).toBe(
      without + claude.countSystem('Be terse.'),
    );
    expect(claude.countSystem([{ type: 'text', text: 'Be terse.' }])).toBe(claude.countSystem('Be terse.'));
    expect(claude.countSystem('')).toBe(0);
  });
});

describe('memoisation', () => {
  it('re-counting a growing conversation encodes only the new messages', () => {
    const counter = createTokenCounter('gpt-4o-mini');
    const conversation: { role: string; content: string }[] = [];
    let previousEncodes = 0;
    for (let turn = 0; turn < 50; turn++) {
      conversation.push({
        role: turn % 2 ? 'assistant' : 'user',
        content: `turn ${turn}: ${'lorem ipsum '.repeat(turn + 1)}`,
      });
      counter.countMessages(conversation);
      // One new text per turn (roles are cached after the first two turns).
      expect(counter.stats.encodeCalls - previousEncodes).toBeLessThanOrEqual(turn < 2 ? 2 : 1);
      previousEncodes = counter.stats.encodeCalls;
    }
    expect(counter.stats.messageCacheHits).toBe((49 * 50) / 2);
  });

  it('reuses text counts for copied messages and recounts replaced content', () => {
    const counter = createTokenCounter('gpt-4o');
    const message = { role: 'user', content: 'the same long text '.repeat(20) };
    const first = counter.countMessage(message);
    const encodes = counter.stats.encodeCalls;
    expect(counter.countMessage({ ...message })).toBe(first);
    expect(counter.stats.encodeCalls).toBe(encodes);
    expect(counter.stats.textCacheHits).toBeGreaterThan(0);
    message.content = 'short';
    expect(counter.countMessage(message)).toBe(3 + counter.countText('user') + counter.countText('short'));
  });

  it('truncates text on a token boundary', () => {
    const counter = createTokenCounter('gpt-4o');
    const long = 'alpha beta gamma delta '.repeat(50);
    const cut = counter.truncateText(long, 10);
    expect(counter.countText(cut)).toBeLessThanOrEqual(10);
    expect(long.startsWith(cut)).toBe(true);
    expect(counter.truncateText('short', 10)).toBe('short');
  });
});
