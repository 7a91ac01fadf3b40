/**
 * Record mode: forwards a request to the real provider, streams the answer through to the client unchanged,
 * and returns the exchange for the cassette.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { type CassetteInteraction, keptResponseHeaders, parseSseText } from './cassette.js';
import type { ProviderName, RecordOptions } from './types.js';

/** Request headers never forwarded: hop-by-hop ones and those fetch sets itself. */
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'upgrade',
  'proxy-connection',
]);

/** Response headers not passed back: fetch already decoded the body, so lengths and encodings no longer hold. */
const NOT_PASSED_BACK = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

/** The upstream base URL for a provider, without a trailing slash. */
export function upstreamFor(upstream: RecordOptions['upstream'], provider: ProviderName): string {
  const base = typeof upstream === 'string' ? upstream : upstream[provider];
  if (!base) throw new Error(`fake provider record: no upstream configured for provider "${provider}"`);
  return base.replace(/\/+$/, '');
}

/** Everything the proxy needs about the incoming request. */
export interface ProxiedRequest {
  method: string;
  /** Path and query string as received. */
  url: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  parsedBody: unknown;
  key: string;
}

/**
 * Proxies `request` to `base`, writes the upstream answer to `res` as it arrives, and resolves with the
 * interaction to store. Rejects (after answering 502) when the upstream cannot be reached.
 */
export async function proxyAndCapture(
  base: string,
  request: ProxiedRequest,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<CassetteInteraction> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name.toLowerCase())) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(base + request.url, {
      method: request.method,
      headers,
      body:
        request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(request.rawBody),
      signal,
    });
  } catch (error) {
    // fetch only says "fetch failed"; the cause (ECONNREFUSED, ENOTFOUND, ...) is what a user can act on.
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new Error(
      `record mode cannot reach upstream ${base}${request.url}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`,
    );
  }
  const passedBack: Record<string, string> = {};
  upstream.headers.forEach((value, name) => {
    if (!NOT_PASSED_BACK.has(name.toLowerCase())) passedBack[name] = value;
  });
  res.writeHead(upstream.status, passedBack);
  res.flushHeaders();

  const chunks: Buffer[] = [];
  const reader = upstream.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    const buffer = Buffer.from(value);
    chunks.push(buffer);
    if (!res.destroyed) res.write(buffer);
  }
  res.end();

  const text = Buffer.concat(chunks).toString('utf8');
  const contentType = upstream.headers.get('content-type') ?? '';
  const response: CassetteInteraction['response'] = {
    status: upstream.status,
    headers: keptResponseHeaders(upstream.headers),
  };
  if (contentType.includes('text/event-stream')) response.events = parseSseText(text);
  else if (contentType.includes('json')) {
    try {
      response.body = JSON.parse(text);
    } catch {
      response.text = text;
    }
  } else response.text = text;
  return {
    key: request.key,
    request: { method: request.method, path: request.path, body: request.parsedBody },
    response,
  };
}
