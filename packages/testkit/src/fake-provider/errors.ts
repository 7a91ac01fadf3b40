/**
 * Provider-shaped error responses, worded and typed like the real APIs so each SDK maps them to its own error
 * classes (status -> class) and exposes `type`, `code`, `param` and the request id.
 */
import { randomBytes } from 'node:crypto';
import type { ProviderName } from './types.js';
import type { JsonResult } from './wire.js';

/** Fields of a provider error; missing ones default by status. */
export interface ErrorSpec {
  status: number;
  type?: string;
  message?: string;
  code?: string | null;
  param?: string | null;
  headers?: Record<string, string>;
}

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const ANTHROPIC_MESSAGES: Record<number, string> = {
  400: 'Invalid request.',
  401: 'invalid x-api-key',
  403: 'Your API key does not have permission to use the specified resource.',
  404: 'Not found.',
  429: 'Number of request tokens has exceeded your per-minute rate limit.',
  500: 'Internal server error',
  529: 'Overloaded',
};

const OPENAI_DEFAULTS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message:
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Forbidden.' },
  404: { type: 'invalid_request_error', code: null, message: 'Not found.' },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for requests. Please try again in 1s.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  },
};

/** A fresh request id in the provider's style (`req_…`). */
export function newRequestId(): string {
  return `req_${randomBytes(12).toString('hex')}`;
}

/** The id header each SDK reads into `error.requestID` / `_request_id`. */
export function requestIdHeaders(provider: ProviderName): Record<string, string> {
  return provider === 'anthropic' ? { 'request-id': newRequestId() } : { 'x-request-id': newRequestId() };
}

/** Builds a provider-shaped error response. */
export function providerError(provider: ProviderName, spec: ErrorSpec): JsonResult {
  const headers = { ...requestIdHeaders(provider), ...spec.headers };
  if (provider === 'anthropic') {
    const type =
      spec.type ??
      ANTHROPIC_TYPES[spec.status] ??
      (spec.status >= 500 ? 'api_error' : 'invalid_request_error');
    const message = spec.message ?? ANTHROPIC_MESSAGES[spec.status] ?? `Error ${spec.status}`;
    return {
      kind: 'json',
      status: spec.status,
      headers,
      body: { type: 'error', error: { type, message }, request_id: headers['request-id'] },
    };
  }
  const defaults =
    OPENAI_DEFAULTS[spec.status] ?? (spec.status >= 500 ? OPENAI_DEFAULTS[500] : OPENAI_DEFAULTS[400]);
  return {
    kind: 'json',
    status: spec.status,
    headers,
    body: {
      error: {
        message: spec.message ?? defaults.message,
        type: spec.type ?? defaults.type,
        param: spec.param ?? null,
        code: spec.code === undefined ? defaults.code : spec.code,
      },
    },
  };
}

/** 400 for a body that is not JSON, worded like each provider. */
export function invalidJsonError(provider: ProviderName, detail: string): JsonResult {
  if (provider === 'anthropic') {
    return providerError(provider, {
      status: 400,
      type: 'invalid_request_error',
      message: `There was an issue with your request body: invalid JSON (${detail})`,
    });
  }
  return providerError(provider, {
    status: 400,
    type: 'invalid_request_error',
    code: null,
    message:
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library " +
      `correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON: ${detail})`,
  });
}

/** 404 for a path the fake does not serve, worded like each provider. */
export function unknownRouteError(provider: ProviderName, method: string, path: string): JsonResult {
  if (provider === 'anthropic') {
    return providerError(provider, {
      status: 404,
      type: 'not_found_error',
      message: `Not Found: ${method} ${path}`,
    });
  }
  return providerError(provider, {
    status: 404,
    type: 'invalid_request_error',
    code: null,
    message: `Invalid URL (${method} ${path})`,
  });
}

/** 400 for a missing required field, worded like each provider. */
export function missingFieldError(provider: ProviderName, field: string): JsonResult {
  if (provider === 'anthropic') {
    return providerError(provider, { status: 400, message: `${field}: Field required` });
  }
  return providerError(provider, {
    status: 400,
    code: 'missing_required_parameter',
    param: field,
    message:
      field === 'model' ? 'you must provide a model parameter' : `Missing required parameter: '${field}'.`,
  });
}
