import type { ModelPricing } from './table.js';

/** Token counts of one call, in the GenAI conventions' inclusive form. */
export interface TokenUsage {
  /** All input tokens, cached ones included. */
  inputTokens?: number;
  outputTokens?: number;
  /** Subset of `inputTokens` read from the cache. */
  cacheReadInputTokens?: number;
  /** Subset of `inputTokens` written to the cache. */
  cacheWriteInputTokens?: number;
  /** Subset of `outputTokens` spent on reasoning. */
  reasoningOutputTokens?: number;
}

/** Cost of one call in USD, split the way the spans report it. */
export interface CallCost {
  totalUsd: number;
  inputUsd: number;
  outputUsd: number;
}

const PER_TOKEN = 1 / 1_000_000;

/**
 * Cost of a call from inclusive usage and per-1M-token prices. Cache reads and writes are charged at their
 * own prices and taken out of the uncached input, so nothing is counted twice; reasoning tokens (a subset of
 * output) are charged at `reasoning` where it differs from `output`. Returns `undefined` when no token count
 * is known (missing usage is not zero cost).
 */
export function computeCost(usage: TokenUsage, pricing: ModelPricing): CallCost | undefined {
  if (usage.inputTokens === undefined && usage.outputTokens === undefined) return undefined;
  const input = usage.inputTokens ?? 0;
  const cacheRead = Math.min(usage.cacheReadInputTokens ?? 0, input);
  const cacheWrite = Math.min(usage.cacheWriteInputTokens ?? 0, input - cacheRead);
  const uncached = input - cacheRead - cacheWrite;
  const output = usage.outputTokens ?? 0;
  const reasoning = Math.min(usage.reasoningOutputTokens ?? 0, output);
  const inputUsd =
    (uncached * pricing.input +
      cacheRead * (pricing.cachedInput ?? pricing.input) +
      cacheWrite * (pricing.cacheWrite ?? pricing.input)) *
    PER_TOKEN;
  const outputUsd =
    ((output - reasoning) * pricing.output + reasoning * (pricing.reasoning ?? pricing.output)) * PER_TOKEN;
  return { totalUsd: inputUsd + outputUsd, inputUsd, outputUsd };
}
