import type { TokenUsage } from '@sightline/core/instrumentation';

/**
 * Tolerant readers for wire objects. The instrumentation supports openai 4 to 7, so it reads requests and
 * responses structurally instead of through one SDK version's types; a missing or odd field is skipped.
 */

/** A JSON-ish object. */
export type Wire = Record<string, unknown>;

export function asObject(value: unknown): Wire | undefined {
  return value !== null && typeof value === 'object' ? (value as Wire) : undefined;
}

export function asArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `gen_ai.output.type` for a requested format type (`json_object`/`json_schema` -> `json`). */
export function outputTypeOf(formatType: unknown): string | undefined {
  if (formatType === 'json_object' || formatType === 'json_schema') return 'json';
  if (formatType === 'text') return 'text';
  return undefined;
}

/** Where one OpenAI API puts its usage counts (chat: `prompt_tokens`...; Responses: `input_tokens`...). */
export interface UsageFields {
  input: string;
  output: string;
  inputDetails: string;
  outputDetails: string;
}

/**
 * Inclusive token usage from an OpenAI `usage` object (OpenAI's input counts already include cached tokens;
 * `cached_tokens` and `reasoning_tokens` are subsets). `undefined` when neither count is there.
 */
export function usageFrom(value: unknown, fields: UsageFields): TokenUsage | undefined {
  const usage = asObject(value);
  if (!usage) return undefined;
  const result: TokenUsage = {
    inputTokens: asNumber(usage[fields.input]),
    outputTokens: asNumber(usage[fields.output]),
  };
  const cached = asNumber(asObject(usage[fields.inputDetails])?.cached_tokens);
  if (cached !== undefined) result.cacheReadInputTokens = cached;
  const reasoning = asNumber(asObject(usage[fields.outputDetails])?.reasoning_tokens);
  if (reasoning !== undefined) result.reasoningOutputTokens = reasoning;
  return result.inputTokens === undefined && result.outputTokens === undefined ? undefined : result;
}
