/**
 * The safety net for results nobody consumes: a stream that is never iterated, or a request promise that is
 * never awaited. Its span would otherwise stay open forever; when the SDK object is garbage-collected the
 * registry ends the span (`sightline.stream.end=not_consumed` for streams).
 *
 * Held values never reference the watched object (that would keep it alive), and nothing long-lived holds a
 * call: a dropped stream is collectable exactly as it would be without Sightline.
 */
import { reportTelemetryError } from './report.js';

/** What the registry calls back when the watched object was collected. */
export interface AbandonmentHandler {
  endAbandoned(): void;
}

/**
 * The registry callback: ends the call behind a collected object. Exported for tests of the callback path;
 * never throws.
 */
export function onAbandoned(handler: AbandonmentHandler): void {
  try {
    handler.endAbandoned();
  } catch (error) {
    reportTelemetryError('abandoned-result cleanup', error);
  }
}

const registry =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<AbandonmentHandler>(onAbandoned)
    : undefined;

/**
 * Calls `handler.endAbandoned()` once `target` is garbage-collected, unless `stopWatching(token)` ran first
 * (`token` defaults to the handler; several watches may share one token).
 */
export function watchForAbandonment(
  target: object,
  handler: AbandonmentHandler,
  token: object = handler,
): void {
  registry?.register(target, handler, token);
}

/** Cancels every watch registered with `token`. */
export function stopWatching(token: object): void {
  registry?.unregister(token);
}
