/**
 * Writes a route result to the socket, applying delays and transport faults (disconnect, malformed event,
 * hang). This is the only place that touches the response stream for generated replies.
 */
import type { ServerResponse } from 'node:http';
import type { DisconnectFault, HangFault, MalformedFault, ReplyDelays } from './types.js';
import { formatSseEvent, type RouteResult } from './wire.js';

/** A fault that acts on the transport rather than on the reply content. */
export type TransportFault = DisconnectFault | MalformedFault | HangFault;

/** How to deliver one result. */
export interface Delivery {
  delays: Required<ReplyDelays>;
  fault?: TransportFault;
  /** Aborted when the client goes away or the server closes; every wait ends early on abort. */
  signal: AbortSignal;
}

/** Waits `ms` milliseconds, or less if `signal` aborts. Never rejects. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves when `signal` aborts. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

function write(res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    res.write(text, () => resolve());
  });
}

/** Base headers of every generated response. */
function baseHeaders(contentType: string, extra: Record<string, string> | undefined): Record<string, string> {
  return { 'content-type': contentType, ...extra };
}

/** Delivers `result` on `res` according to `delivery`. Resolves when done (or abandoned). */
export async function deliver(res: ServerResponse, result: RouteResult, delivery: Delivery): Promise<void> {
  const { delays, fault, signal } = delivery;
  await sleep(delays.latencyMs, signal);
  if (signal.aborted) return;

  if (fault?.kind === 'hang') {
    // Headers never arrive; the socket stays open until the client aborts or the fake closes.
    await untilAborted(signal);
    res.destroy();
    return;
  }

  if (result.kind !== 'sse') {
    if (fault?.kind === 'disconnect') {
      res.destroy();
      return;
    }
    const text = result.kind === 'json' ? JSON.stringify(result.body) : result.body;
    const contentType = result.kind === 'json' ? 'application/json' : 'text/plain; charset=utf-8';
    if (fault?.kind === 'malformed') {
      res.writeHead(200, baseHeaders(contentType, result.headers));
      res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      return;
    }
    res.writeHead(result.status, baseHeaders(contentType, result.headers));
    res.end(text);
    return;
  }

  res.writeHead(200, {
    ...baseHeaders('text/event-stream; charset=utf-8', result.headers),
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  await sleep(delays.firstChunkMs, signal);
  const faultAt = fault ? (fault.afterChunks ?? 0) : -1;
  for (let index = 0; index <= result.events.length; index++) {
    if (signal.aborted || res.destroyed) return;
    if (index === faultAt && fault?.kind === 'disconnect') {
      res.destroy();
      return;
    }
    if (index === faultAt && fault?.kind === 'malformed') {
      // Named, because the Anthropic SDK silently skips unnamed events; the openai SDK parses either way.
      await write(res, 'event: message_delta\ndata: {"this is": not valid json\n\n');
    }
    const event = result.events[index];
    if (!event) break;
    if (index > 0) await sleep(delays.interChunkMs, signal);
    await write(res, formatSseEvent(event));
  }
  res.end();
}
