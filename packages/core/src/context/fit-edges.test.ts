import { describe, expect, it } from 'vitest';
import type { ChatMessageLike } from '../tokenizers/index.js';
import { fitContext } from './index.js';

const words = (n: number, word = 'lorem') => Array.from({ length: n }, () => word).join(' ');

describe('fitContext sees conversations edited in place', () => {
  it('drops turns once an already-counted message grew in place (no stale memo)', () => {
    const history = [
      { role: 'user', content: [{ type: 'text', text: 'question 0' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'answer 0' }] },
      { role: 'user', content: [{ type: 'text', text: 'question 1' }] },
    ];
    const options = { model: 'gpt-4o', maxInputTokens: 200, record: false } as const;
    const first = fitContext(history, options);
    expect(first.report.compacted).toBe(false);
    // The app streams the assistant's answer into the message it already sent through fitContext.
    history[1].content[0].text += ` ${words(400)}`;
    const second = fitContext(history, options);
    expect(second.report.tokensBefore).toBeGreaterThan(400);
    expect(second.report.fits).toBe(true);
    expect(second.messages).not.toContain(history[1]);
    expect(second.report.droppedMessages).toBe(2);
  });
});

describe('fitContext reports consistently and never mutates its input', () => {
  const openai: ChatMessageLike[] = [
    { role: 'system', content: 'terse' },
    { role: 'user', name: 'ann', content: [{ type: 'text', text: words(60) }] },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'search', arguments: '{"q":"x"}' } }],
    },
    { role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: words(900, 'row') }] },
    { role: 'assistant', content: words(60, 'ok') },
    { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
    { role: 'user', content: 'final' },
  ];
  const anthropic: ChatMessageLike[] = [
    { role: 'user', content: 'start' },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: words(50, 'hmm'), signature: 'sig' },
        { type: 'tool_use', id: 't1', name: 'grep', input: { q: 'x' } },
      ],
    },
    {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 't1',
          content: [
            { type: 'text', text: words(900, 'hit') },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
          ],
        },
      ],
    },
    { role: 'assistant', content: 'found it' },
    { role: 'user', content: 'and now?' },
  ];

  const cases = [
    ['drop-oldest', openai, 'gpt-4o', undefined, 1_000],
    ['drop-middle', openai, 'gpt-4o', undefined, 1_000],
    ['truncate-longest', openai, 'gpt-4o', undefined, 1_000],
    ['drop-oldest', anthropic, 'claude-sonnet-4-5', 'You are a code search agent.', 1_000],
    // The tool result's image alone (1,600) is above 1,000 tokens, so 2,000 leaves room to cut its text.
    ['truncate-longest', anthropic, 'claude-sonnet-4-5', 'You are a code search agent.', 2_000],
  ] as const;

  for (const [strategy, input, model, system, maxInputTokens] of cases) {
    it(`${strategy} on ${model}: tokensBefore - droppedTokens = tokensAfter, input unchanged`, () => {
      const snapshot = JSON.stringify(input);
      const { messages, report } = fitContext(input, {
        model,
        maxInputTokens,
        strategy,
        system,
        record: false,
      });
      expect(report.tokensBefore).toBeGreaterThan(maxInputTokens);
      expect(report.fits).toBe(true);
      expect(report.tokensBefore - report.droppedTokens).toBe(report.tokensAfter);
      expect(report.droppedMessages).toBe(input.length - messages.length);
      expect(JSON.stringify(input)).toBe(snapshot);
      expect(messages.at(-1)).toBe(input.at(-1));
      if (strategy === 'truncate-longest') {
        expect(report.truncated).toBe(true);
        expect(JSON.stringify(messages)).toContain('…[truncated');
      }
    });
  }
});

describe('truncate-longest reports only cuts that are sent', () => {
  it('reports truncated=false when the cut message had to be dropped anyway', () => {
    const big = words(900, 'hit');
    const messages: ChatMessageLike[] = [
      { role: 'user', content: 'start' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'grep', input: {} }] },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 't1',
            // The image (1,600 estimated tokens) cannot be cut, so the unit is dropped after its text was cut.
            content: [
              { type: 'text', text: big },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
            ],
          },
        ],
      },
      { role: 'user', content: 'and now?' },
    ];
    const { messages: fitted, report } = fitContext(messages, {
      model: 'claude-sonnet-4-5',
      maxInputTokens: 1_000,
      strategy: 'truncate-longest',
      record: false,
    });
    // Oldest first: 'start', then the tool unit whose text was cut.
    expect(fitted).toEqual([messages[3]]);
    expect(report.droppedMessages).toBe(3);
    expect(report.truncated).toBe(false);
    expect(report.fits).toBe(true);
  });
});

describe('fitContext rejects what is not a message', () => {
  it('names the index', () => {
    expect(() =>
      fitContext([{ role: 'user', content: 'a' }, null] as never, { model: 'gpt-4o', record: false }),
    ).toThrow('fitContext: messages[1] must be a message object with a string "role"');
  });
});

describe('maxInputTokens beyond the model window', () => {
  it('is capped at the window, so the fitted conversation can actually be sent', () => {
    const messages = [{ role: 'user' as const, content: 'hello there' }];
    const { report } = fitContext(messages, {
      model: 'gpt-4o',
      maxInputTokens: 1e9,
      strategy: 'drop-oldest',
    });
    expect(report.budget).toBe(128_000);
  });
});
