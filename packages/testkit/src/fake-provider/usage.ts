/**
 * Deterministic token accounting. The fake has no tokenizer on purpose: a documented, trivially reproducible
 * estimate lets tests compute the exact numbers they should see in spans and metrics.
 */
import type { UsageOverride } from './types.js';

/**
 * The fake's token estimate: `ceil(characters / 4)` over the text, where characters are Unicode code points.
 * Empty text is 0 tokens.
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  return Math.ceil(Array.from(text).length / 4);
}

/**
 * Collects the text a request sends to the model: every string value under the prompt-bearing fields
 * (`messages`, `input`, `instructions`, `system`, `tools`, `prompt`), joined with newlines, in document order.
 * Object keys are not counted, so `{"role":"user","content":"hi"}` contributes `user` and `hi`.
 */
export function requestPromptText(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  for (const field of ['system', 'instructions', 'messages', 'input', 'prompt', 'tools']) {
    collectStrings(record[field], parts);
  }
  return parts.join('\n');
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') {
    into.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectStrings(item, into);
  }
}

/** The default prompt token count of a request: `estimateTokens(requestPromptText(body))`, at least 1. */
export function estimatePromptTokens(body: unknown): number {
  return Math.max(1, estimateTokens(requestPromptText(body)));
}

/** Resolved usage in neutral terms (see `UsageOverride` for the meaning of each field). */
export interface ResolvedUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheCreationInputTokens: number;
  reasoningTokens: number;
  raw?: Record<string, unknown>;
}

/**
 * Default usage: input = prompt estimate, output = estimate of everything generated (text, tool names and
 * arguments, thinking), reasoning = estimate of the thinking text, cache counts 0. `override` wins field by field.
 */
export function resolveUsage(
  promptTokens: number,
  generated: { text: string; thinking: string },
  override: UsageOverride | undefined,
): ResolvedUsage {
  const reasoningDefault = estimateTokens(generated.thinking);
  const outputDefault = estimateTokens(generated.text) + reasoningDefault;
  return {
    inputTokens: override?.inputTokens ?? promptTokens,
    outputTokens: override?.outputTokens ?? outputDefault,
    cachedInputTokens: override?.cachedInputTokens ?? 0,
    cacheCreationInputTokens: override?.cacheCreationInputTokens ?? 0,
    reasoningTokens: override?.reasoningTokens ?? reasoningDefault,
    raw: override?.raw,
  };
}

/** OpenAI Chat Completions usage (inclusive counts). */
export function openaiChatUsage(usage: ResolvedUsage): Record<string, unknown> {
  if (usage.raw) return usage.raw;
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** OpenAI Responses usage (inclusive counts). */
export function openaiResponsesUsage(usage: ResolvedUsage): Record<string, unknown> {
  if (usage.raw) return usage.raw;
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/** Anthropic usage: `input_tokens` excludes cache reads and cache writes. */
export function anthropicUsage(usage: ResolvedUsage): Record<string, unknown> {
  if (usage.raw) return usage.raw;
  const uncached = Math.max(0, usage.inputTokens - usage.cachedInputTokens - usage.cacheCreationInputTokens);
  return {
    input_tokens: uncached,
    cache_creation_input_tokens: usage.cacheCreationInputTokens,
    cache_read_input_tokens: usage.cachedInputTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: usage.cacheCreationInputTokens,
      ephemeral_1h_input_tokens: 0,
    },
    output_tokens: usage.outputTokens,
    service_tier: 'standard',
  };
}
