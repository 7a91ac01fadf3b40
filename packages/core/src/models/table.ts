/**
 * The one dated table of model facts: prices (USD per 1M tokens), context windows and maximum output tokens.
 *
 * Why dated: prices and windows change, and a drift job must not read a price change as behaviour drift. Every
 * entry says when it was last checked against the provider's public price page; spans carry that date
 * (`sightline.cost.pricing_date`). Nothing is fetched at run time: users override or extend entries with the
 * `pricing` option (see `resolveModelTable`).
 *
 * Token classes follow the inclusive rule of the GenAI conventions: `input` is charged on input tokens that
 * were neither read from nor written to the cache; `cachedInput` on cache reads; `cacheWrite` on cache writes
 * (Anthropic's 5-minute cache: 1.25x input); `output` on output tokens, reasoning included unless `reasoning`
 * says otherwise.
 */

/** Prices in USD per one million tokens. */
export interface ModelPricing {
  /** Uncached input tokens. */
  input: number;
  /** Input tokens read from the prompt cache (defaults to `input` when absent). */
  cachedInput?: number;
  /** Input tokens written to the prompt cache (defaults to `input` when absent). */
  cacheWrite?: number;
  /** Output tokens. */
  output: number;
  /** Reasoning output tokens, where priced differently from `output` (defaults to `output`). */
  reasoning?: number;
}

/** What Sightline knows about one model family. */
export interface ModelInfo {
  /** Canonical id, without date suffix (e.g. `gpt-4o-mini`, `claude-sonnet-4-5`). */
  id: string;
  provider: 'openai' | 'anthropic' | string;
  /** Context window in tokens (input + output). */
  contextWindow?: number;
  /** Maximum output tokens per call. */
  maxOutputTokens?: number;
  pricing?: ModelPricing;
  /** YYYY-MM-DD: when this entry was last checked against the provider's published figures. */
  checked: string;
}

const OPENAI_CHECKED = '2025-11-01';
const ANTHROPIC_CHECKED = '2025-11-01';

const openai = (
  id: string,
  window: number | undefined,
  maxOut: number | undefined,
  input: number,
  cachedInput: number | undefined,
  output: number,
): ModelInfo => ({
  id,
  provider: 'openai',
  contextWindow: window,
  maxOutputTokens: maxOut,
  pricing: { input, cachedInput, output },
  checked: OPENAI_CHECKED,
});

/** Anthropic: cache writes (5-minute TTL) cost 1.25x input, cache reads 0.1x input. */
const anthropic = (id: string, window: number, maxOut: number, input: number, output: number): ModelInfo => ({
  id,
  provider: 'anthropic',
  contextWindow: window,
  maxOutputTokens: maxOut,
  pricing: { input, cachedInput: round(input * 0.1), cacheWrite: round(input * 1.25), output },
  checked: ANTHROPIC_CHECKED,
});

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Built-in entries. Order does not matter: lookup is by exact canonical id after normalisation. */
export const BUILTIN_MODELS: readonly ModelInfo[] = [
  // OpenAI chat / reasoning models
  openai('gpt-5', 400_000, 128_000, 1.25, 0.125, 10),
  openai('gpt-5-mini', 400_000, 128_000, 0.25, 0.025, 2),
  openai('gpt-5-nano', 400_000, 128_000, 0.05, 0.005, 0.4),
  openai('gpt-4.1', 1_047_576, 32_768, 2, 0.5, 8),
  openai('gpt-4.1-mini', 1_047_576, 32_768, 0.4, 0.1, 1.6),
  openai('gpt-4.1-nano', 1_047_576, 32_768, 0.1, 0.025, 0.4),
  openai('gpt-4o', 128_000, 16_384, 2.5, 1.25, 10),
  openai('gpt-4o-mini', 128_000, 16_384, 0.15, 0.075, 0.6),
  openai('o1', 200_000, 100_000, 15, 7.5, 60),
  openai('o3', 200_000, 100_000, 2, 0.5, 8),
  openai('o3-mini', 200_000, 100_000, 1.1, 0.55, 4.4),
  openai('o4-mini', 200_000, 100_000, 1.1, 0.275, 4.4),
  openai('gpt-4-turbo', 128_000, 4_096, 10, undefined, 30),
  openai('gpt-4', 8_192, 8_192, 30, undefined, 60),
  openai('gpt-3.5-turbo', 16_385, 4_096, 0.5, undefined, 1.5),
  // OpenAI embeddings (output is free; window is the input limit)
  openai('text-embedding-3-small', 8_191, undefined, 0.02, undefined, 0),
  openai('text-embedding-3-large', 8_191, undefined, 0.13, undefined, 0),
  openai('text-embedding-ada-002', 8_191, undefined, 0.1, undefined, 0),
  // Anthropic
  anthropic('claude-opus-4-5', 200_000, 64_000, 5, 25),
  anthropic('claude-opus-4-1', 200_000, 32_000, 15, 75),
  anthropic('claude-opus-4', 200_000, 32_000, 15, 75),
  anthropic('claude-sonnet-4-5', 200_000, 64_000, 3, 15),
  anthropic('claude-sonnet-4', 200_000, 64_000, 3, 15),
  anthropic('claude-haiku-4-5', 200_000, 64_000, 1, 5),
  anthropic('claude-3-7-sonnet', 200_000, 64_000, 3, 15),
  anthropic('claude-3-5-sonnet', 200_000, 8_192, 3, 15),
  anthropic('claude-3-5-haiku', 200_000, 8_192, 0.8, 4),
  anthropic('claude-3-opus', 200_000, 4_096, 15, 75),
  anthropic('claude-3-haiku', 200_000, 4_096, 0.25, 1.25),
];
