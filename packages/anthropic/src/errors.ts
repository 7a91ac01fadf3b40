/** How an Anthropic failure is classified on the span. */
import type { FailOptions } from '@sightline/core/instrumentation';

/**
 * Messages Anthropic sends (HTTP 400, `invalid_request_error`) when the input does not fit the model's context
 * window: "prompt is too long: 210000 tokens > 200000 maximum", and "input length and `max_tokens` exceed
 * context limit: 197777 + 21333 > 200000, ...".
 */
const OVERFLOW_MESSAGES = [/prompt is too long/i, /exceed(?:s|ed)? (?:the )?context (?:limit|window)/i];

interface ApiErrorLike {
  status?: unknown;
  message?: unknown;
  error?: { error?: { message?: unknown } };
}

/** Whether `error` says the input overflowed the context window. Pure; never throws. */
export function isContextOverflow(error: unknown): boolean {
  try {
    if (error === null || typeof error !== 'object') return false;
    const like = error as ApiErrorLike;
    if (like.status !== undefined && like.status !== 400 && like.status !== 413) return false;
    const texts = [like.message, like.error?.error?.message].filter(
      (t): t is string => typeof t === 'string',
    );
    return texts.some((text) => OVERFLOW_MESSAGES.some((pattern) => pattern.test(text)));
  } catch {
    return false;
  }
}

/** The kit's failure options for an Anthropic error. */
export function classifyAnthropicError(error: unknown): FailOptions {
  return isContextOverflow(error) ? { contextOverflow: true } : {};
}
