import type { FailOptions } from '@sightline/core/instrumentation';
import { asObject, asString } from './values.js';

const OVERFLOW_MESSAGE = /maximum context length|context_length_exceeded|context window|too many tokens in/i;

/**
 * Whether an OpenAI error means the input did not fit the model's context window: the API's
 * `context_length_exceeded` code, or its wording ("This model's maximum context length is … tokens").
 */
export function isContextOverflow(error: unknown): boolean {
  const e = asObject(error);
  if (!e) return false;
  const nested = asObject(e.error);
  if (e.code === 'context_length_exceeded' || nested?.code === 'context_length_exceeded') return true;
  const message = asString(e.message) ?? asString(nested?.message);
  return message !== undefined && OVERFLOW_MESSAGE.test(message);
}

/** Classification of an OpenAI failure for `LlmCall.fail`. */
export function classifyOpenAIError(error: unknown): FailOptions {
  return { contextOverflow: isContextOverflow(error) };
}
