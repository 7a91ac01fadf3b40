import { describe, expect, it } from 'vitest';
import { canonicalModelIds, computeCost, resolveModelTable } from './index.js';

describe('model table', () => {
  const table = resolveModelTable();

  it('matches dated snapshots and aliases to their family', () => {
    expect(table.lookup('gpt-4o-mini-2024-07-18')?.id).toBe('gpt-4o-mini');
    expect(table.lookup('gpt-4o-2024-08-06')?.id).toBe('gpt-4o');
    expect(table.lookup('claude-3-5-sonnet-20241022')?.id).toBe('claude-3-5-sonnet');
    expect(table.lookup('claude-3-5-haiku-latest')?.id).toBe('claude-3-5-haiku');
    expect(table.lookup('gpt-3.5-turbo-0125')?.id).toBe('gpt-3.5-turbo');
    expect(table.lookup('anthropic.claude-3-haiku-20240307-v1:0')?.id).toBe('claude-3-haiku');
    expect(table.lookup('openai/gpt-4.1-mini')?.id).toBe('gpt-4.1-mini');
  });

  it('does not guess unknown models', () => {
    expect(table.lookup('my-finetune')).toBeUndefined();
    expect(table.lookup(undefined)).toBeUndefined();
    expect(canonicalModelIds('GPT-4o')).toContain('gpt-4o');
  });

  it('merges overrides over built-in entries and adds new ones', () => {
    const custom = resolveModelTable({
      'gpt-4o-2024-08-06': { pricing: { input: 1, output: 2 } },
      'my-model': { provider: 'openai', contextWindow: 1000, pricing: { input: 3, output: 4 } },
    });
    expect(custom.lookup('gpt-4o')?.pricing).toMatchObject({ input: 1, output: 2, cachedInput: 1.25 });
    expect(custom.lookup('gpt-4o')?.contextWindow).toBe(128_000);
    expect(custom.lookup('my-model')?.contextWindow).toBe(1000);
    expect(table.lookup('gpt-4o')?.pricing?.input).toBe(2.5);
  });
});

describe('computeCost', () => {
  it('charges cached and uncached input separately (inclusive counts)', () => {
    // gpt-4o-mini: input 0.15, cached 0.075, output 0.6 per 1M.
    const pricing = resolveModelTable().lookup('gpt-4o-mini')!.pricing!;
    const cost = computeCost(
      { inputTokens: 1_000_000, cacheReadInputTokens: 400_000, outputTokens: 500_000 },
      pricing,
    )!;
    expect(cost.inputUsd).toBeCloseTo(0.6 * 0.15 + 0.4 * 0.075, 10);
    expect(cost.outputUsd).toBeCloseTo(0.3, 10);
    expect(cost.totalUsd).toBeCloseTo(cost.inputUsd + cost.outputUsd, 12);
  });

  it('charges Anthropic cache writes at 1.25x and reads at 0.1x', () => {
    const pricing = resolveModelTable().lookup('claude-sonnet-4-5-20250929')!.pricing!;
    const cost = computeCost(
      { inputTokens: 3_000, cacheReadInputTokens: 1_000, cacheWriteInputTokens: 1_000, outputTokens: 0 },
      pricing,
    )!;
    expect(cost.inputUsd).toBeCloseTo((1000 * 3 + 1000 * 0.3 + 1000 * 3.75) / 1e6, 12);
  });

  it('returns undefined rather than zero when no usage is known', () => {
    expect(computeCost({}, { input: 1, output: 1 })).toBeUndefined();
  });
});
