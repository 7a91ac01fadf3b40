/**
 * Which provider and route a request belongs to, required-field validation, and the secret masking applied to
 * every recorded request.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { missingFieldError } from './errors.js';
import type { ProviderName, RouteName } from './types.js';
import type { JsonResult } from './wire.js';

/** Provider and route of a request; `route` is undefined for paths the fake does not serve. */
export interface RouteMatch {
  provider: ProviderName;
  route: RouteName | undefined;
  /** For `GET /v1/models/{id}`: the model id. */
  modelId?: string;
}

function looksAnthropic(path: string, headers: IncomingHttpHeaders): boolean {
  return path.startsWith('/v1/messages') || headers['anthropic-version'] !== undefined;
}

/** Maps method + path (+ the `anthropic-version` header for the shared `/v1/models`) to provider and route. */
export function matchRoute(method: string, path: string, headers: IncomingHttpHeaders): RouteMatch {
  const anthropic = looksAnthropic(path, headers);
  const provider: ProviderName = anthropic ? 'anthropic' : 'openai';
  if (method === 'POST') {
    if (path === '/v1/chat/completions') return { provider: 'openai', route: 'chat' };
    if (path === '/v1/responses') return { provider: 'openai', route: 'responses' };
    if (path === '/v1/embeddings') return { provider: 'openai', route: 'embeddings' };
    if (path === '/v1/messages') return { provider: 'anthropic', route: 'messages' };
    if (path === '/v1/messages/count_tokens') return { provider: 'anthropic', route: 'count_tokens' };
  }
  if (method === 'GET') {
    if (path === '/v1/models') return { provider, route: 'models' };
    const model = /^\/v1\/models\/([^/]+)$/.exec(path);
    if (model) return { provider, route: 'models', modelId: decodeURIComponent(model[1]) };
  }
  return { provider, route: undefined };
}

const REQUIRED_FIELDS: Partial<Record<RouteName, string[]>> = {
  chat: ['model', 'messages'],
  responses: ['model'],
  embeddings: ['model', 'input'],
  messages: ['model', 'max_tokens', 'messages'],
  count_tokens: ['model', 'messages'],
};

/** The provider-shaped 400 for the first missing required field, or undefined when the body is complete. */
export function validateBody(match: RouteMatch, body: unknown): JsonResult | undefined {
  const required = match.route ? REQUIRED_FIELDS[match.route] : undefined;
  if (!required) return undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return missingFieldError(match.provider, required[0]);
  const record = body as Record<string, unknown>;
  const missing = required.find((field) => record[field] === undefined || record[field] === null);
  return missing ? missingFieldError(match.provider, missing) : undefined;
}

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'cookie',
  'set-cookie',
  'x-goog-api-key',
]);

/**
 * Header record with lower-case names and secrets masked: `authorization: Bearer ***` keeps its scheme so a
 * test can still assert how the client authenticated; other secret headers become `***`.
 */
export function maskHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    const lower = name.toLowerCase();
    if (!SECRET_HEADERS.has(lower)) masked[lower] = text;
    else if (lower.endsWith('authorization') && /^\S+\s/.test(text))
      masked[lower] = `${text.split(/\s/)[0]} ***`;
    else masked[lower] = '***';
  }
  return masked;
}

/** Whether a header may be forwarded upstream / written to a cassette request (never the case for secrets). */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}
