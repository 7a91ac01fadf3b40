/**
 * Fault presets and the translation of HTTP-error faults into provider-shaped responses.
 */
import { providerError } from './errors.js';
import type {
  ContextLengthFault,
  DisconnectFault,
  HangFault,
  HttpErrorFault,
  MalformedFault,
  ProviderName,
} from './types.js';
import { estimatePromptTokens } from './usage.js';
import type { JsonResult } from './wire.js';

/**
 * Ready-made faults. Each returns a plain `Fault` object you can also write by hand:
 * `fake.script({ provider: 'openai', fault: faults.rateLimit({ retryAfter: 2 }) })`.
 */
export const faults = {
  /** 429 (`rate_limit_error` / `rate_limit_exceeded`) with an optional `retry-after` header in seconds. */
  rateLimit(options: { retryAfter?: number | string; message?: string } = {}): HttpErrorFault {
    return { kind: 'error', status: 429, ...options };
  },
  /** 401 (`authentication_error` / `invalid_api_key`). */
  unauthorized(options: { message?: string } = {}): HttpErrorFault {
    return { kind: 'error', status: 401, ...options };
  },
  /** 400 (`invalid_request_error`). */
  badRequest(
    options: { message?: string; param?: string | null; code?: string | null } = {},
  ): HttpErrorFault {
    return { kind: 'error', status: 400, ...options };
  },
  /** 500 (`api_error` / `server_error`). */
  serverError(options: { message?: string } = {}): HttpErrorFault {
    return { kind: 'error', status: 500, ...options };
  },
  /** 529 (`overloaded_error`), Anthropic's "overloaded" status. */
  overloaded(options: { message?: string; retryAfter?: number | string } = {}): HttpErrorFault {
    return { kind: 'error', status: 529, ...options };
  },
  /** Socket destroyed after `afterChunks` SSE events (0: before any byte). */
  disconnect(afterChunks = 0): DisconnectFault {
    return { kind: 'disconnect', afterChunks };
  },
  /** A non-JSON `data:` line after `afterChunks` events (non-stream: truncated JSON body). */
  malformed(afterChunks = 0): MalformedFault {
    return { kind: 'malformed', afterChunks };
  },
  /** Response headers never arrive. */
  hang(): HangFault {
    return { kind: 'hang' };
  },
  /** The provider's own "prompt too long" 400. */
  contextLengthExceeded(
    options: { maxContextTokens?: number; promptTokens?: number } = {},
  ): ContextLengthFault {
    return { kind: 'contextLengthExceeded', ...options };
  },
};

/** Response for an `error` fault. */
export function httpErrorResult(provider: ProviderName, fault: HttpErrorFault): JsonResult {
  const headers: Record<string, string> = { ...fault.headers };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  return providerError(provider, {
    status: fault.status,
    type: fault.type,
    message: fault.message,
    code: fault.code,
    param: fault.param,
    headers,
  });
}

/** Response for a `contextLengthExceeded` fault, worded like each real API. */
export function contextLengthResult(
  provider: ProviderName,
  fault: ContextLengthFault,
  body: unknown,
): JsonResult {
  const max = fault.maxContextTokens ?? (provider === 'anthropic' ? 200_000 : 128_000);
  const prompt = fault.promptTokens ?? Math.max(estimatePromptTokens(body), max + 1);
  if (provider === 'anthropic') {
    return providerError(provider, {
      status: 400,
      type: 'invalid_request_error',
      message: `prompt is too long: ${prompt} tokens > ${max} maximum`,
    });
  }
  return providerError(provider, {
    status: 400,
    type: 'invalid_request_error',
    param: 'messages',
    code: 'context_length_exceeded',
    message:
      `This model's maximum context length is ${max} tokens. However, your messages resulted in ${prompt} tokens. ` +
      'Please reduce the length of the messages.',
  });
}
