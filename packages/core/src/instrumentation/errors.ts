/** How a failure is named on spans and metrics (`error.type`). */
import { ERROR_TYPE_OTHER } from '../semconv.js';

interface ErrorLike {
  constructor?: { name?: unknown };
  name?: unknown;
  status?: unknown;
}

/**
 * The `error.type` of a failure: the error's class name (`RateLimitError`, `APIConnectionError`, `TypeError`),
 * the HTTP status for a generic SDK `APIError` that carries one, and `_OTHER` when nothing better is known.
 * Pure; never throws.
 */
export function errorTypeOf(error: unknown): string {
  if (error === null || typeof error !== 'object') return ERROR_TYPE_OTHER;
  try {
    const like = error as ErrorLike;
    const className = typeof like.constructor?.name === 'string' ? like.constructor.name : '';
    const status = typeof like.status === 'number' ? like.status : undefined;
    if ((className === 'APIError' || className === 'Error') && status !== undefined) return String(status);
    if (className && className !== 'Object') return className;
    if (typeof like.name === 'string' && like.name) return like.name;
    return status !== undefined ? String(status) : ERROR_TYPE_OTHER;
  } catch {
    return ERROR_TYPE_OTHER;
  }
}

/** A short message for the span status; never throws. */
export function errorMessageOf(error: unknown): string | undefined {
  try {
    if (error instanceof Error) return error.message;
    if (typeof error === 'string') return error;
  } catch {
    // a hostile getter: no message.
  }
  return undefined;
}
