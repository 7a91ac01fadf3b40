/**
 * Anthropic usage -> the GenAI conventions' INCLUSIVE token counts.
 *
 * Anthropic reports `input_tokens` EXCLUDING the prompt cache: the tokens read from the cache
 * (`cache_read_input_tokens`) and written to it (`cache_creation_input_tokens`) are counted separately. The
 * conventions (and Sightline's cost arithmetic) want `gen_ai.usage.input_tokens` to include both, with the cache
 * counts as subsets. Adding them here, once, is what keeps cost exact: the price table charges cache reads and
 * writes at their own prices and takes them OUT of the inclusive input, so nothing is counted twice.
 */
import type { TokenUsage } from '@sightline/core/instrumentation';
import { numberOf, type WireUsage } from './wire.js';

/**
 * Inclusive usage from an Anthropic `usage` object, or `undefined` when it holds no token count at all.
 * Cache counts are set whenever the provider sent them as numbers (0 included: "no cache hit" is a fact);
 * `reasoningOutputTokens` comes from `output_tokens_details.thinking_tokens` when present. Pure.
 */
export function inclusiveUsage(usage: WireUsage | null | undefined): TokenUsage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const uncached = numberOf(usage.input_tokens);
  const cacheRead = numberOf(usage.cache_read_input_tokens);
  const cacheWrite = numberOf(usage.cache_creation_input_tokens);
  const output = numberOf(usage.output_tokens);
  const thinking = numberOf(usage.output_tokens_details?.thinking_tokens);
  const out: TokenUsage = {};
  if (uncached !== undefined || cacheRead !== undefined || cacheWrite !== undefined) {
    out.inputTokens = (uncached ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
  }
  if (output !== undefined) out.outputTokens = output;
  if (cacheRead !== undefined) out.cacheReadInputTokens = cacheRead;
  if (cacheWrite !== undefined) out.cacheWriteInputTokens = cacheWrite;
  if (thinking !== undefined) out.reasoningOutputTokens = thinking;
  return out.inputTokens === undefined && out.outputTokens === undefined ? undefined : out;
}

/**
 * The running usage of a stream: `message_start` carries input and cache counts (and a provisional
 * `output_tokens`), each `message_delta` carries cumulative counters that REPLACE earlier ones field by field
 * (as the SDK's own `MessageStream` merges them; null or absent fields keep the earlier value). O(1).
 */
export class StreamUsage {
  readonly #fields: WireUsage = {};
  #seen = false;

  /** Merges one usage object (from `message_start.message.usage` or `message_delta.usage`). */
  merge(usage: WireUsage | null | undefined): void {
    if (!usage || typeof usage !== 'object') return;
    this.#seen = true;
    const fields = this.#fields;
    if (numberOf(usage.input_tokens) !== undefined) fields.input_tokens = usage.input_tokens;
    if (numberOf(usage.output_tokens) !== undefined) fields.output_tokens = usage.output_tokens;
    if (numberOf(usage.cache_read_input_tokens) !== undefined) {
      fields.cache_read_input_tokens = usage.cache_read_input_tokens;
    }
    if (numberOf(usage.cache_creation_input_tokens) !== undefined) {
      fields.cache_creation_input_tokens = usage.cache_creation_input_tokens;
    }
    const thinking = numberOf(usage.output_tokens_details?.thinking_tokens);
    if (thinking !== undefined) fields.output_tokens_details = { thinking_tokens: thinking };
  }

  /** The inclusive usage so far, or `undefined` when no usage arrived. */
  inclusive(): TokenUsage | undefined {
    return this.#seen ? inclusiveUsage(this.#fields) : undefined;
  }
}
