/**
 * Observing an SDK stream IN PLACE: the SDK's own `Stream` object goes back to the app; only the instance's
 * iterator factory is wrapped, so `for await`, `tee()`, `toReadableStream()` and `controller.abort()` keep
 * working exactly as before, and the span ends exactly once on whichever of these happens first:
 *
 * | how the stream ends                                              | `sightline.stream.end` | finish reasons       |
 * |------------------------------------------------------------------|------------------------|----------------------|
 * | read to the end                                                  | (not set)              | as sent              |
 * | consumer `break`/`return`, or an exception in the loop body      | `break`                | missing -> `error`   |
 * | `controller.abort()` or the request's AbortSignal                | `abort`                | missing -> `error`   |
 * | the stream fails (disconnect, malformed data, an error event)    | `error` (+ error.type) | missing -> `error`   |
 * | `iterator.throw()` by the consumer                               | `consumer_error`       | missing -> `error`   |
 * | never consumed, then garbage-collected                           | `not_consumed`         | missing -> `error`   |
 *
 * `tee()`: both branches read the one observed source, so the span measures the HTTP stream: it ends when the
 * faster branch has read it to the end (the other branch replays buffered chunks), on abort, or on failure.
 * A tee branch that stops early does not end it (the SDK's tee branches never close the source either); if
 * both branches are dropped unfinished, the span ends when they are garbage-collected (`not_consumed`).
 *
 * Per chunk: one counter update, one `performance.now()`, the provider's O(1) `chunk` handler; no closures,
 * no JSON, no span events.
 */
import { type AbandonmentHandler, stopWatching, watchForAbandonment } from './finalization.js';
import type { CallEndReason, LlmCall } from './llm-call.js';
import { reportTelemetryError } from './report.js';

/** What a provider does with a stream's chunks. */
export interface StreamHandlers<Item> {
  /** Called for each chunk, in order. Must be O(1): accumulate only what the span needs. */
  chunk(item: Item): void;
  /** Called once, before the span ends, to hand accumulated state (usage, finish reasons, ...) to the call. */
  finish(reason: CallEndReason): void;
}

interface AbortControllerLike {
  signal?: AbortSignal;
  abort?: (this: unknown, ...args: unknown[]) => unknown;
}

/**
 * What `StreamSession` learns `controller.abort()` through: the controller's own `abort`, wrapped in place.
 * Adding and removing an AbortSignal listener costs ~3 us per stream (Node's EventTarget); the wrapper is one
 * closure. The session is dropped when the stream ends, so a controller that outlives it retains nothing.
 */
interface AbortHook {
  session: StreamSession<never> | undefined;
}

interface StreamLike {
  iterator?: (this: unknown) => AsyncIterator<unknown>;
  controller?: AbortControllerLike;
  [Symbol.asyncIterator]?: (this: unknown) => AsyncIterator<unknown>;
}

/** Shared state of one observed stream; the FinalizationRegistry's held value, so it never references the stream. */
class StreamSession<Item> implements AbandonmentHandler {
  done = false;
  readonly #call: LlmCall;
  readonly #handlers: StreamHandlers<Item>;
  #signal: AbortSignal | undefined;
  #abortHook: AbortHook | undefined;
  readonly #onAbort = (): void => {
    // The SDK aborts its controller itself when a stream fails or is broken out of, just BEFORE the failure
    // reaches the iterator; waiting one macrotask lets the real cause (error, break) win.
    setImmediate(this.#onAbortSettled);
  };
  readonly #onAbortSettled = (): void => {
    if (!this.done) this.finish('abort');
  };

  constructor(call: LlmCall, handlers: StreamHandlers<Item>) {
    this.#call = call;
    this.#handlers = handlers;
  }

  /**
   * Calls `#onAbort` once when `signal` aborts. The signal of an AbortController can only be aborted through
   * the controller's `abort` (the SDKs call `controller.abort()` for the request's AbortSignal, the timeout, a
   * failure and a break), so wrapping it sees every abort; a controller without an `abort` method gets a listener.
   */
  watchAbort(controller: AbortControllerLike, signal: AbortSignal): void {
    if (signal.aborted) return;
    this.#signal = signal;
    const abort = controller.abort;
    if (typeof abort !== 'function') {
      signal.addEventListener('abort', this.#onAbort, { once: true });
      return;
    }
    const hook: AbortHook = { session: this as StreamSession<never> };
    this.#abortHook = hook;
    controller.abort = function observedAbort(this: unknown, ...args: unknown[]): unknown {
      const wasAborted = signal.aborted;
      try {
        return abort.apply(this, args);
      } finally {
        // Exactly when the 'abort' event fires: the first abort of this signal, whoever called it.
        try {
          if (!wasAborted && signal.aborted) hook.session?.abortObserved();
        } catch (error) {
          reportTelemetryError('stream abort observation', error);
        }
      }
    };
  }

  /** The controller's signal just aborted (see watchAbort). */
  abortObserved(): void {
    this.#onAbort();
  }

  get aborted(): boolean {
    return this.#signal?.aborted === true;
  }

  chunk(item: Item): void {
    if (this.done) return;
    try {
      this.#call.recordChunk();
      this.#handlers.chunk(item);
    } catch (error) {
      reportTelemetryError('stream chunk', error);
    }
  }

  finish(reason: CallEndReason, error?: unknown): void {
    if (this.done) return;
    this.done = true;
    stopWatching(this);
    try {
      if (this.#abortHook) this.#abortHook.session = undefined;
      else this.#signal?.removeEventListener('abort', this.#onAbort);
      this.#abortHook = undefined;
      this.#signal = undefined;
      this.#handlers.finish(reason);
    } catch (failure) {
      reportTelemetryError('stream finish', failure);
    }
    if (error !== undefined) this.#call.fail(error);
    this.#call.end(reason);
  }

  endAbandoned(): void {
    this.finish('not_consumed');
  }
}

/** The iterator the app actually pulls from: delegates every call to the SDK's iterator and observes results. */
class ObservedIterator<Item> implements AsyncIterator<Item> {
  readonly #inner: AsyncIterator<Item>;
  readonly #session: StreamSession<Item>;
  // Keeps the stream alive while its iterator is in use, so the registry cannot end a span that is being read.
  readonly keepAlive: object;

  constructor(inner: AsyncIterator<Item>, session: StreamSession<Item>, stream: object) {
    this.#inner = inner;
    this.#session = session;
    this.keepAlive = stream;
  }

  readonly #onResult = (result: IteratorResult<Item>): IteratorResult<Item> => {
    if (result.done) this.#session.finish(this.#session.aborted ? 'abort' : 'completed');
    else this.#session.chunk(result.value);
    return result;
  };

  readonly #onError = (error: unknown): never => {
    this.#session.finish('error', error);
    throw error;
  };

  next(...args: [] | [undefined]): Promise<IteratorResult<Item>> {
    return this.#inner.next(...args).then(this.#onResult, this.#onError);
  }

  return(value?: unknown): Promise<IteratorResult<Item>> {
    this.#session.finish('break');
    if (typeof this.#inner.return === 'function') return this.#inner.return(value);
    return Promise.resolve({ done: true, value: value as Item });
  }

  throw(error?: unknown): Promise<IteratorResult<Item>> {
    this.#session.finish('consumer_error');
    if (typeof this.#inner.throw === 'function') return this.#inner.throw(error);
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * Observes an SDK stream in place and ends `call` exactly once (see the table above). Works on Stainless
 * `Stream` objects (OpenAI and Anthropic SDKs: an own `iterator` factory used by `[Symbol.asyncIterator]`,
 * `tee()` and `toReadableStream()`) and, as a fallback, on any object with an own or inherited
 * `[Symbol.asyncIterator]`. Only the first iteration is observed (the SDK refuses a second one anyway).
 * Returns the same `stream`. If the object cannot be observed, the call is ended at once and the stream
 * returned untouched. Never throws.
 */
export function instrumentStream<S extends object, Item>(
  stream: S,
  call: LlmCall,
  handlers: StreamHandlers<Item>,
): S {
  try {
    const target = stream as StreamLike;
    const key: 'iterator' | typeof Symbol.asyncIterator | undefined =
      typeof target.iterator === 'function'
        ? 'iterator'
        : typeof target[Symbol.asyncIterator] === 'function'
          ? Symbol.asyncIterator
          : undefined;
    if (!key) {
      call.end();
      return stream;
    }
    const session = new StreamSession<Item>(call, handlers);
    const original = target[key] as (this: unknown) => AsyncIterator<Item>;
    let observed = false;
    target[key] = function observedIterator(this: unknown): AsyncIterator<Item> {
      const inner = original.call(this);
      if (observed || session.done) return inner;
      observed = true;
      return new ObservedIterator(inner, session, stream);
    } as (this: unknown) => AsyncIterator<unknown>;
    const controller = target.controller;
    const signal = controller?.signal;
    if (controller && signal && typeof signal.addEventListener === 'function') {
      if (signal.aborted) session.finish('abort');
      else session.watchAbort(controller, signal);
    }
    watchForAbandonment(stream, session);
  } catch (error) {
    reportTelemetryError('stream observation', error);
    call.end();
  }
  return stream;
}
