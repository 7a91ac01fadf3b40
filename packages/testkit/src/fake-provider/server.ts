/**
 * The fake provider's HTTP server: parses and records each request, routes it, and answers from the script,
 * the cassette, the upstream (record mode) or the deterministic default reply.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderCountTokens, renderMessage } from './anthropic-messages.js';
import { CassettePlayer, CassetteWriter, cassetteKey } from './cassette.js';
import { invalidJsonError, providerError, requestIdHeaders, unknownRouteError } from './errors.js';
import { contextLengthResult, httpErrorResult } from './faults.js';
import { renderChatCompletion } from './openai-chat.js';
import { renderEmbeddings, renderModel, renderModelList } from './openai-embeddings.js';
import { renderResponse } from './openai-responses.js';
import { proxyAndCapture, upstreamFor } from './proxy.js';
import { buildReply } from './reply.js';
import { deliver, type TransportFault } from './respond.js';
import { maskHeaders, matchRoute, type RouteMatch, validateBody } from './routing.js';
import { ScriptQueue } from './script.js';
import type {
  FakeProvider,
  FakeProviderOptions,
  RecordedRequest,
  ReplyDelays,
  ScriptEntry,
  UnmatchedRequest,
} from './types.js';
import { estimatePromptTokens } from './usage.js';
import type { RouteResult } from './wire.js';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The generated (non-recorded) reply for a routed, valid request. */
function generate(
  match: RouteMatch,
  body: Record<string, unknown>,
  entry: ScriptEntry | undefined,
): RouteResult {
  const reply = entry?.reply;
  switch (match.route) {
    case 'chat':
      return renderChatCompletion(body, buildReply('openai', body, reply, entry?.chunks));
    case 'responses':
      return renderResponse(body, buildReply('openai', body, reply, entry?.chunks));
    case 'embeddings':
      return renderEmbeddings(body, reply);
    case 'models':
      return match.modelId ? renderModel(match.provider, match.modelId) : renderModelList(match.provider);
    case 'messages':
      return renderMessage(body, buildReply('anthropic', body, reply, entry?.chunks));
    case 'count_tokens':
      return renderCountTokens(reply?.usage?.inputTokens ?? estimatePromptTokens(body));
    default:
      throw new Error(`unrouted request ${String(match.route)}`);
  }
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a fake OpenAI + Anthropic server on `host:port` (default `127.0.0.1`, a free port).
 *
 * Guarantees: every request is recorded before it is answered; scripted entries are consumed in order;
 * unscripted requests get a deterministic reply derived from the request; bad input gets the provider-shaped
 * 4xx the real API would send. With `record`, unscripted requests are proxied upstream and written to the
 * cassette; with `replay`, they are served from the cassette and misses are answered with a provider-shaped
 * 404 naming the key and listed in `unmatched()`.
 */
export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  if (options.record && options.replay) {
    throw new TypeError('startFakeProvider: "record" and "replay" are mutually exclusive');
  }
  const host = options.host ?? '127.0.0.1';
  const defaultDelays: Required<ReplyDelays> = {
    latencyMs: 0,
    firstChunkMs: 0,
    interChunkMs: 0,
    ...options.delays,
  };
  const scripts = new ScriptQueue();
  const writer = options.record ? new CassetteWriter(options.record.cassette) : undefined;
  const player = options.replay ? new CassettePlayer(options.replay) : undefined;
  let recorded: RecordedRequest[] = [];
  let unmatched: UnmatchedRequest[] = [];
  let sequence = 0;
  const inFlight = new Set<AbortController>();

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const rawBody = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const match = matchRoute(method, path, req.headers);
    const text = rawBody.toString('utf8');
    let body: unknown;
    let jsonError: string | undefined;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch (error) {
        body = text;
        jsonError = (error as Error).message;
      }
    }
    const request: RecordedRequest = {
      seq: ++sequence,
      method,
      path,
      query,
      headers: maskHeaders(req.headers),
      body,
      provider: match.provider,
      route: match.route,
      stream: (body as { stream?: unknown } | undefined)?.stream === true,
    };
    recorded.push(request);
    const send = (result: RouteResult, fault?: TransportFault, delays = defaultDelays) =>
      deliver(res, result, { delays, fault, signal });

    if (!match.route) return send(unknownRouteError(match.provider, method, path));
    if (jsonError !== undefined) return send(invalidJsonError(match.provider, jsonError));

    const entry = scripts.take(request);
    const delays: Required<ReplyDelays> = { ...defaultDelays, ...entry?.delays };
    const fault = entry?.fault;
    if (fault?.kind === 'error') return send(httpErrorResult(match.provider, fault), undefined, delays);
    if (fault?.kind === 'contextLengthExceeded') {
      return send(contextLengthResult(match.provider, fault, body), undefined, delays);
    }
    const transportFault = fault as TransportFault | undefined;
    const key = cassetteKey(method, path, query, body);

    if (writer && !entry) {
      const base = upstreamFor(options.record!.upstream, match.provider);
      const interaction = await proxyAndCapture(
        base,
        {
          method,
          url: url.pathname + url.search,
          path,
          headers: req.headers,
          rawBody,
          parsedBody: body,
          key,
        },
        res,
        signal,
      );
      writer.add(interaction);
      return;
    }
    if (player && !entry?.reply) {
      const interaction = player.take(key);
      if (!interaction) {
        unmatched.push({ key, method, path, body });
        const nearest = player.nearestDifference(key);
        return send(
          providerError(match.provider, {
            status: 404,
            type: match.provider === 'anthropic' ? 'not_found_error' : 'invalid_request_error',
            code: 'cassette_miss',
            message:
              `Sightline fake provider (replay): no recorded interaction matches key: ${key}` +
              (nearest ? `; ${nearest}` : '; nothing was recorded for this method and path'),
          }),
          undefined,
          delays,
        );
      }
      const { status, headers, body: json, text: rawText, events } = interaction.response;
      const result: RouteResult = events
        ? { kind: 'sse', events, headers }
        : rawText !== undefined
          ? { kind: 'text', status, body: rawText, headers }
          : { kind: 'json', status, body: json, headers };
      return send(result, transportFault, delays);
    }

    const invalid = validateBody(match, body);
    if (invalid) return send(invalid, undefined, delays);
    const result = generate(match, body as Record<string, unknown>, entry);
    result.headers = { ...requestIdHeaders(match.provider), ...result.headers };
    return send(result, transportFault, delays);
  }

  const server = createServer((req, res) => {
    const controller = new AbortController();
    inFlight.add(controller);
    // 'close' fires when the response is done or the client went away: either way, stop any pending wait.
    res.on('close', () => {
      controller.abort();
      inFlight.delete(controller);
    });
    handle(req, res, controller.signal).catch((error: unknown) => {
      const message = `Sightline fake provider internal error: ${(error as Error)?.message ?? String(error)}`;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const provider = matchRoute(req.method ?? 'GET', req.url ?? '/', req.headers).provider;
      const failure = providerError(provider, { status: options.record ? 502 : 500, message });
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(JSON.stringify(failure.body));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${hostForUrl(host)}:${address.port}`;
  let closed: Promise<void> | undefined;

  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    script: (...entries) => scripts.add(entries),
    requests: () => recorded.slice(),
    unmatched: () => unmatched.slice(),
    reset() {
      scripts.clear();
      recorded = [];
      unmatched = [];
      sequence = 0;
      player?.rewind();
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const controller of inFlight) controller.abort();
        server.closeAllConnections();
        writer?.flush();
      });
      return closed;
    },
  };
}
