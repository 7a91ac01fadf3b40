/**
 * What a route handler hands to the HTTP layer: a JSON body or a list of SSE events. Keeping handlers free of
 * sockets lets the HTTP layer apply delays and faults uniformly, and lets handlers stay pure and testable.
 */

/** A complete JSON response. */
export interface JsonResult {
  kind: 'json';
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** One server-sent event. `event` becomes the `event:` line; `data` is sent as-is on one `data:` line. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** A 200 `text/event-stream` response. */
export interface SseResult {
  kind: 'sse';
  events: SseEvent[];
  headers?: Record<string, string>;
}

/** A non-JSON body (e.g. a recorded plain-text upstream error). */
export interface TextResult {
  kind: 'text';
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** The outcome of a route handler. */
export type RouteResult = JsonResult | SseResult | TextResult;

/** Serialises one SSE event in the framing both providers use (`event:` line optional, blank line after). */
export function formatSseEvent(event: SseEvent): string {
  return (event.event ? `event: ${event.event}\n` : '') + `data: ${event.data}\n\n`;
}

/** Current Unix time in seconds, as both APIs report `created` / `created_at`. */
export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
