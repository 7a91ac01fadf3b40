import { describe, expect, it } from 'vitest';
import { resolveModelTable } from '../models/index.js';
import { type ChatMessageLike, createTokenCounter } from '../tokenizers/index.js';
import { ContextOverflowError, contextWindowOf, fitContext } from './index.js';

const MODEL = 'gpt-4o';
const counter = createTokenCounter(MODEL);
const words = (n: number, word = 'lorem') => Array.from({ length: n }, () => word).join(' ');

/** A conversation of `turns` user/assistant pairs of ~`size` tokens each, after a system message. */
function conversation(turns: number, size = 50): ChatMessageLike[] {
  const messages: ChatMessageLike[] = [{ role: 'system', content: 'You are terse.' }];
  for (let t = 0; t < turns; t++) {
    messages.push({ role: 'user', content: `question ${t}: ${words(size)}` });
    messages.push({ role: 'assistant', content: `answer ${t}: ${words(size)}` });
  }
  messages.push({ role: 'user', content: 'final question' });
  return messages;
}

const total = (messages: readonly ChatMessageLike[]) => counter.countMessages(messages);

describe('fitContext: nothing to drop', () => {
  it('returns the same array and a zero report', () => {
    const messages = conversation(2);
    const { messages: fitted, report } = fitContext(messages, { model: MODEL, record: false });
    expect(fitted).toBe(messages);
    expect(report).toMatchObject({
      model: MODEL,
      window: 128_000,
      budget: 128_000 - 4096,
      tokensBefore: total(messages),
      tokensAfter: total(messages),
      droppedMessages: 0,
      droppedTokens: 0,
      truncated: false,
      fits: true,
      compacted: false,
      strategy: 'drop-oldest',
      exactCounts: true,
    });
    expect(report.utilization).toBeCloseTo(total(messages) / 128_000, 10);
  });
});

describe('fitContext: drop-oldest', () => {
  it('drops the oldest turns, keeps system and the last user turn, and reports exactly', () => {
    const messages = conversation(10);
    const budget = Math.floor(total(messages) / 2);
    const { messages: fitted, report } = fitContext(messages, {
      model: MODEL,
      maxInputTokens: budget,
      record: false,
    });
    expect(fitted[0]).toBe(messages[0]);
    expect(fitted.at(-1)).toBe(messages.at(-1));
    // What is kept is a suffix of the conversation (after the system message), in order.
    const kept = fitted.slice(1);
    expect(kept).toEqual(messages.slice(messages.length - kept.length));
    expect(report.tokensAfter).toBe(total(fitted));
    expect(report.tokensAfter).toBeLessThanOrEqual(budget);
    // Dropping one message fewer would not have fit: nothing was dropped needlessly.
    const oneMore = [messages[0], messages[messages.length - kept.length - 1], ...kept];
    expect(total(oneMore)).toBeGreaterThan(budget);
    expect(report).toMatchObject({
      droppedMessages: messages.length - fitted.length,
      droppedTokens: report.tokensBefore - report.tokensAfter,
      compacted: true,
      fits: true,
      truncated: false,
    });
    expect(messages).toHaveLength(22); // input untouched
  });

  it('keeps the first N turns when asked', () => {
    const messages = conversation(10);
    const { messages: fitted } = fitContext(messages, {
      model: MODEL,
      maxInputTokens: Math.floor(total(messages) / 2),
      keep: { first: 2 },
      record: false,
    });
    expect(fitted.slice(0, 3)).toEqual(messages.slice(0, 3));
    expect(fitted.at(-1)).toBe(messages.at(-1));
  });

  it('may drop system messages when keep.system is false', () => {
    const messages = [
      { role: 'system', content: words(300) },
      { role: 'user', content: 'hi' },
    ];
    const { messages: fitted } = fitContext(messages, {
      model: MODEL,
      maxInputTokens: 50,
      keep: { system: false },
      record: false,
    });
    expect(fitted).toEqual([messages[1]]);
  });
});

describe('fitContext: drop-middle', () => {
  it('drops from the middle outward, keeping the opening and the latest turns', () => {
    const messages = conversation(10);
    const { messages: fitted, report } = fitContext(messages, {
      model: MODEL,
      maxInputTokens: Math.floor(total(messages) * 0.6),
      strategy: 'drop-middle',
      record: false,
    });
    expect(report.strategy).toBe('drop-middle');
    expect(report.fits).toBe(true);
    // The first exchange and the last exchange survive; the middle does not.
    expect(fitted).toContain(messages[1]);
    expect(fitted).toContain(messages[2]);
    expect(fitted).toContain(messages[messages.length - 2]);
    expect(fitted).not.toContain(messages[11]);
    // Order is preserved.
    const positions = fitted.map((m) => messages.indexOf(m));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

describe('fitContext: tool call units are never split', () => {
  it('drops an OpenAI assistant tool_calls message together with its tool messages', () => {
    const messages: ChatMessageLike[] = [
      { role: 'system', content: 'sys' },
      { role: 'user', content: `old question ${words(40)}` },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'search', arguments: '{"q":"a"}' } },
          { id: 'c2', type: 'function', function: { name: 'search', arguments: '{"q":"b"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: words(200, 'result') },
      { role: 'tool', tool_call_id: 'c2', content: words(10, 'small') },
      { role: 'assistant', content: 'summary' },
      { role: 'user', content: 'new question' },
    ];
    // Budget just below everything but the large tool result: the old question alone would not be enough.
    const budget = total(messages) - counter.countMessage(messages[3]) + 5;
    const { messages: fitted, report } = fitContext(messages, {
      model: MODEL,
      maxInputTokens: budget,
      record: false,
    });
    expect(fitted).toEqual([messages[0], messages[5], messages[6]]);
    expect(report.droppedMessages).toBe(4);
    for (const m of fitted) expect(m.role === 'tool').toBe(false);
  });

  it('drops an Anthropic tool_use message together with the tool_result message', () => {
    const messages: ChatMessageLike[] = [
      { role: 'user', content: `first ${words(30)}` },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'tu1', name: 'fetch', input: { url: 'x' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu1', content: words(300, 'page') }] },
      { role: 'assistant', content: [{ type: 'text', text: 'done' }] },
      { role: 'user', content: 'thanks, next?' },
    ];
    const claude = createTokenCounter('claude-sonnet-4-5');
    const all = claude.countMessages(messages, { system: 'Be helpful.' });
    const budget = all - claude.countMessage(messages[2]) + 10;
    const { messages: fitted, report } = fitContext(messages, {
      model: 'claude-sonnet-4-5',
      maxInputTokens: budget,
      system: 'Be helpful.',
      record: false,
    });
    // Dropping the first user message is not enough; the tool_use/tool_result unit goes as a whole.
    expect(fitted).toEqual([messages[3], messages[4]]);
    expect(report.exactCounts).toBe(false);
    expect(report.tokensAfter).toBe(claude.countMessages(fitted, { system: 'Be helpful.' }));
  });

  it('drops a trailing tool unit whole, keeping the last human turn before it', () => {
    const messages: ChatMessageLike[] = [
      { role: 'user', content: `q ${words(100)}` },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'tu1', name: 'calc', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu1', content: '4' }] },
    ];
    const { messages: fitted } = fitContext(messages, {
      model: 'claude-haiku-4-5',
      maxInputTokens: 60,
      record: false,
    });
    // messages[2] only carries tool results, so the last human turn is messages[0]: protected. The tool unit is
    // the only droppable one, and it goes as a whole.
    expect(fitted).toEqual([messages[0]]);
  });
});

describe('fitContext: truncate-longest', () => {
  it('cuts the longest tool result with a marker instead of dropping messages', () => {
    const big = words(2000, 'data');
    const messages: ChatMessageLike[] = [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'summarise the file' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: big },
      { role: 'tool', tool_call_id: 'c1', content: words(100, 'other') },
    ];
    const budget = 600;
    const { messages: fitted, report } = fitContext(messages, {
      model: MODEL,
      maxInputTokens: budget,
      strategy: 'truncate-longest',
      record: false,
    });
    expect(fitted).toHaveLength(5);
    expect(report).toMatchObject({ truncated: true, compacted: true, fits: true, droppedMessages: 0 });
    expect(report.tokensAfter).toBeLessThanOrEqual(budget);
    const cut = fitted[3].content as string;
    expect(cut).toMatch(/\n…\[truncated \d+ tokens\]$/);
    expect(big.startsWith(cut.replace(/\n….*$/, ''))).toBe(true);
    expect(fitted[4]).toBe(messages[4]);
    expect(messages[3].content).toBe(big); // caller's message untouched
  });

  it('cuts Anthropic tool_result text blocks and text documents', () => {
    const messages: ChatMessageLike[] = [
      {
        role: 'user',
        content: [
          { type: 'document', source: { type: 'text', media_type: 'text/plain', data: words(1500, 'doc') } },
          { type: 'text', text: 'what does it say?' },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'grep', input: {} }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: words(800, 'hit') }] },
        ],
      },
    ];
    const { messages: fitted, report } = fitContext(messages, {
      model: 'claude-sonnet-4-5',
      maxInputTokens: 700,
      strategy: 'truncate-longest',
      record: false,
    });
    expect(report.fits).toBe(true);
    expect(fitted).toHaveLength(3);
    const doc = (fitted[0].content as unknown as { source: { data: string } }[])[0].source.data;
    expect(doc).toContain('…[truncated');
    expect(doc.length).toBeLessThan(words(1500, 'doc').length);
  });

  it('falls back to dropping when nothing is cuttable', () => {
    const messages = conversation(10);
    const { messages: fitted, report } = fitContext(messages, {
      model: MODEL,
      maxInputTokens: Math.floor(total(messages) / 2),
      strategy: 'truncate-longest',
      record: false,
    });
    expect(report).toMatchObject({ truncated: false, fits: true, strategy: 'truncate-longest' });
    expect(fitted.length).toBeLessThan(messages.length);
  });
});

describe('fitContext: overflow', () => {
  const huge: ChatMessageLike[] = [
    { role: 'system', content: 'sys' },
    { role: 'user', content: 'earlier' },
    { role: 'user', content: words(5000) },
  ];

  it('returns the best effort with fits=false when a single kept message is too large', () => {
    const { messages: fitted, report } = fitContext(huge, {
      model: MODEL,
      maxInputTokens: 1000,
      record: false,
    });
    expect(fitted).toEqual([huge[0], huge[2]]);
    expect(report).toMatchObject({ fits: false, compacted: true, droppedMessages: 1 });
    expect(report.tokensAfter).toBeGreaterThan(1000);
  });

  it('keeps only the system message when that is all that fits', () => {
    const { report } = fitContext(huge, {
      model: MODEL,
      maxInputTokens: 20,
      keep: { lastUserTurn: false },
      record: false,
    });
    expect(report.fits).toBe(true);
    expect(report.droppedMessages).toBe(2);
  });

  it('keeps an oversized system message and reports fits=false rather than dropping it', () => {
    const messages = [
      { role: 'system', content: words(500) },
      { role: 'assistant', content: 'a' },
    ];
    const { messages: fitted, report } = fitContext(messages, {
      model: MODEL,
      maxInputTokens: 100,
      record: false,
    });
    expect(fitted).toEqual([messages[0]]);
    expect(report).toMatchObject({ fits: false, droppedMessages: 1 });
  });

  it('throws a ContextOverflowError carrying the report with onOverflow: throw', () => {
    let caught: unknown;
    try {
      fitContext(huge, { model: MODEL, maxInputTokens: 1000, onOverflow: 'throw', record: false });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContextOverflowError);
    expect((caught as ContextOverflowError).report.fits).toBe(false);
    expect((caught as Error).message).toMatch(/exceed the budget of 1000/);
  });
});

describe('fitContext: custom strategy', () => {
  it('passes budget and a counting helper, and reports custom', () => {
    const messages = conversation(5);
    const { messages: fitted, report } = fitContext(messages, {
      model: MODEL,
      maxInputTokens: 200,
      strategy: (input, budget, ctx) => {
        expect(budget).toBe(200);
        expect(ctx.count(input)).toBe(total(input));
        const kept = [input[0], input[input.length - 1]];
        return ctx.count(kept) <= budget ? kept : [];
      },
      record: false,
    });
    expect(fitted).toEqual([messages[0], messages.at(-1)]);
    expect(report).toMatchObject({
      strategy: 'custom',
      truncated: false,
      droppedMessages: messages.length - 2,
    });
  });

  it('reports truncated when the strategy rewrote a message', () => {
    const messages = conversation(5);
    const { report } = fitContext(messages, {
      model: MODEL,
      maxInputTokens: 200,
      strategy: (input) => [{ role: 'user', content: 'summary of everything' }, input[input.length - 1]],
      record: false,
    });
    expect(report.truncated).toBe(true);
  });
});

describe('fitContext: options', () => {
  it('derives the budget from the window and reserveOutputTokens, via the model table', () => {
    const table = resolveModelTable({
      tiny: { provider: 'openai', contextWindow: 1000, maxOutputTokens: 100 },
    });
    const { report } = fitContext([{ role: 'user', content: 'hi' }], {
      model: 'tiny',
      models: table,
      record: false,
    });
    expect(report.budget).toBe(900);
    const reserved = fitContext([{ role: 'user', content: 'hi' }], {
      model: 'tiny',
      models: table,
      reserveOutputTokens: 300,
      record: false,
    });
    expect(reserved.report.budget).toBe(700);
    expect(contextWindowOf('tiny', table)).toBe(1000);
    expect(contextWindowOf('gpt-4o-2024-08-06')).toBe(128_000);
    expect(contextWindowOf('unknown-model')).toBeUndefined();
  });

  it('rejects bad options with errors naming the option', () => {
    const messages = [{ role: 'user', content: 'hi' }];
    expect(() => fitContext(messages, { model: 'unknown-model', record: false })).toThrow(/maxInputTokens/);
    expect(() => fitContext(messages, { model: MODEL, maxInputTokens: -1, record: false })).toThrow(
      /options.maxInputTokens must be a positive number/,
    );
    expect(() =>
      fitContext(messages, { model: MODEL, strategy: 'newest' as 'drop-oldest', record: false }),
    ).toThrow(/options.strategy "newest"/);
    expect(() => fitContext(messages, { model: '', record: false })).toThrow(/options.model is required/);
    expect(() => fitContext(messages, { model: MODEL, reserveOutputTokens: 200_000, record: false })).toThrow(
      /reserveOutputTokens/,
    );
  });
});
