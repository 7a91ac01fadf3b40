/**
 * Observing a step's promise-like result WITHOUT changing what awaiting it does. Calling `.then` on a result
 * is only harmless for an eager promise; a lazy thenable does its work when `.then` is called:
 * - the SDKs' `APIPromise` reads and parses the response body on `.then`, so a step that called it would make
 *   `await step.asResponse()` hand the app a `Response` whose body is already used ("Body is unusable");
 * - query builders (Knex, Drizzle, Prisma) run their query on every `.then`, so observing would run it twice.
 * So each kind is observed where it is safe, and the same object always goes back to the app.
 */
import {
  type AbandonmentHandler,
  stopWatching,
  watchForAbandonment,
} from '../instrumentation/finalization.js';

/** What happens when the observed result settles (each called at most once, and only one of them). */
export interface SettleHandlers {
  fulfilled(value: unknown): void;
  rejected(error: unknown): void;
  /** The result was garbage-collected before anyone awaited it: nothing will settle it. */
  abandoned(): void;
}

interface StainlessPromise {
  responsePromise: PromiseLike<unknown>;
  parseResponse: unknown;
}

type Then = (this: unknown, onFulfilled?: unknown, onRejected?: unknown) => unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** A Stainless `APIPromise` (openai, @anthropic-ai/sdk): lazy `then`, eager `responsePromise`. */
function isStainlessPromise(value: object): value is StainlessPromise {
  const candidate = value as Partial<StainlessPromise>;
  return typeof candidate.parseResponse === 'function' && isThenable(candidate.responsePromise);
}

/** A promise whose `then` is the built-in one: eager, so observing it changes nothing. */
function isEagerPromise(value: object): value is Promise<unknown> {
  return value instanceof Promise && value.then === Promise.prototype.then;
}

/** Registry held value for a lazy thenable (never references the thenable itself). */
class LazyWatch implements AbandonmentHandler {
  settled = false;
  constructor(readonly handlers: SettleHandlers) {}
  endAbandoned(): void {
    if (this.settled) return;
    this.settled = true;
    this.handlers.abandoned();
  }
  fulfilled = (value: unknown): void => {
    if (this.settled) return;
    this.settled = true;
    stopWatching(this);
    this.handlers.fulfilled(value);
  };
  rejected = (error: unknown): void => {
    if (this.settled) return;
    this.settled = true;
    stopWatching(this);
    this.handlers.rejected(error);
  };
}

/**
 * Observes a promise-like `result` in place, calling one of `handlers` once:
 * - an eager promise (the built-in `then`): observed with `then`, as usual;
 * - a Stainless `APIPromise`: observed through its `responsePromise` (the request's headers, body untouched),
 *   so `.asResponse()` still hands over an unread body; it settles when the response arrives or the request
 *   fails, with the value `undefined` (the parsed body is the app's to read);
 * - any other thenable: its own `then` is wrapped on the instance, so the work runs only when (and as often as)
 *   the app awaits it, and the first settlement is reported; one never awaited reports `abandoned` when it is
 *   garbage-collected.
 * Returns `false` (nothing observed) for a non-thenable. May throw for an object that refuses observation
 * (e.g. a frozen thenable); the caller contains that.
 */
export function observeThenable(result: unknown, handlers: SettleHandlers): boolean {
  if (!isThenable(result)) return false;
  if (isEagerPromise(result) && !isStainlessPromise(result)) {
    result.then(handlers.fulfilled, handlers.rejected);
    return true;
  }
  if (isStainlessPromise(result)) {
    result.responsePromise.then(() => handlers.fulfilled(undefined), handlers.rejected);
    return true;
  }
  const watch = new LazyWatch(handlers);
  const target = result as unknown as { then: Then };
  const original = target.then;
  Object.defineProperty(target, 'then', {
    configurable: true,
    writable: true,
    enumerable: false,
    // The app's callbacks run exactly as they would unobserved (a non-function still passes the value through).
    value: function observedThen(this: unknown, onFulfilled?: unknown, onRejected?: unknown): unknown {
      return original.call(
        this,
        (value: unknown) => {
          watch.fulfilled(value);
          return typeof onFulfilled === 'function' ? onFulfilled(value) : value;
        },
        (error: unknown) => {
          watch.rejected(error);
          if (typeof onRejected === 'function') return onRejected(error);
          throw error;
        },
      );
    },
  });
  watchForAbandonment(target, watch);
  return true;
}
