/**
 * Observing the SDKs' `APIPromise` (the Stainless design shared by the OpenAI and Anthropic SDKs) WITHOUT
 * consuming it. An `APIPromise` is lazy: the response body is read only when someone awaits it (`then`,
 * `withResponse()`, `parse()` helpers), while `asResponse()` hands the unread `Response` to the app. Calling
 * `.then()` on it to observe the result would read the body and break `asResponse()` ("Body is unusable").
 *
 * So the instance is observed in place, the way the SDK itself derives promises:
 * - its `responsePromise` (headers only, body untouched) gives the HTTP status, or the request failure;
 * - its `parseResponse` function is wrapped, so whoever parses (the app, `withResponse()`, a helper's derived
 *   promise from `_thenUnwrap`) hands the parsed value (a result or a `Stream`) to the provider;
 * - `asResponse()` (also on promises derived with `_thenUnwrap`) ends the span with what is known (status, no
 *   usage) when the app takes the raw response and nobody parses.
 * A promise that is never awaited nor taken raw ends its span when it is garbage-collected.
 */
import { type AbandonmentHandler, stopWatching, watchForAbandonment } from './finalization.js';
import type { FailOptions, LlmCall } from './llm-call.js';
import { reportTelemetryError } from './report.js';

/** What a provider does with an observed promise. */
export interface ApiPromiseHandlers {
  /**
   * Receives the parsed value (a result object, or the SDK's `Stream` for a streamed request). Return `true`
   * when the provider took over ending the call (it handed a stream to `instrumentStream`); otherwise the call
   * ends right after this returns.
   */
  parsed(value: unknown): boolean | undefined;
  /** Classifies a failure (e.g. context-window overflow). */
  classifyError?(error: unknown): FailOptions;
}

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

interface ApiPromiseLike {
  responsePromise?: PromiseLike<{ response?: { status?: unknown } }>;
  parseResponse?: AnyFunction;
  asResponse?: AnyFunction;
  _thenUnwrap?: AnyFunction;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function'
  );
}

const ignore = (): void => {};

/**
 * The shared state of one observed call across the SDK promise and every promise derived from it with
 * `_thenUnwrap` (the SDK's helpers derive: `.parse()`, `responses.stream()`, and in openai 7 `create` itself).
 * Whichever promise parses first hands its value (or failure) to the provider, once.
 */
class PromiseWatch {
  parseStarted = false;
  handedOver = false;
  /** Observed promises not yet garbage-collected. */
  live = 0;
  constructor(
    readonly call: LlmCall,
    readonly handlers: ApiPromiseHandlers,
  ) {}

  deliver(value: unknown): unknown {
    if (this.handedOver) return value;
    this.handedOver = true;
    let tookOver: boolean | undefined;
    try {
      tookOver = this.handlers.parsed(value);
    } catch (error) {
      reportTelemetryError('response observation', error);
    }
    if (!tookOver) this.call.end();
    return value;
  }

  failOnce(error: unknown): never {
    if (!this.handedOver) {
      this.handedOver = true;
      failAndEnd(this.call, this.handlers, error);
    }
    throw error;
  }

  /**
   * Wraps a promise's `parseResponse` in place. Up to openai 7.4 a derived promise's parse calls its source's
   * `parseResponse`; from 7.5 it calls a captured function instead, so every promise in the chain is wrapped
   * and the first to finish parsing delivers.
   */
  observeParse(target: ApiPromiseLike): void {
    const inner = target.parseResponse;
    if (typeof inner !== 'function') return;
    const watch = this;
    target.parseResponse = function observedParseResponse(this: unknown, ...args: unknown[]): unknown {
      watch.parseStarted = true;
      stopWatching(watch);
      let result: unknown;
      try {
        result = inner.apply(this, args);
      } catch (error) {
        watch.failOnce(error);
      }
      return isThenable(result)
        ? result.then(
            (value) => watch.deliver(value),
            (error: unknown) => watch.failOnce(error),
          )
        : watch.deliver(result);
    };
  }

  /** Ends the call if every observed promise is collected before anyone parsed (nobody will). */
  watch(promise: object): void {
    this.live++;
    watchForAbandonment(promise, new PromiseReference(this), this);
  }
}

/** The registry's held value for one observed promise (never references the promise itself). */
class PromiseReference implements AbandonmentHandler {
  constructor(readonly watch: PromiseWatch) {}
  endAbandoned(): void {
    const watch = this.watch;
    if (--watch.live === 0 && !watch.parseStarted) watch.call.end();
  }
}

function failAndEnd(call: LlmCall, handlers: ApiPromiseHandlers, error: unknown): void {
  let options: FailOptions = {};
  try {
    options = handlers.classifyError?.(error) ?? {};
  } catch (failure) {
    reportTelemetryError('error classification', failure);
  }
  call.fail(error, options);
  call.end();
}

function patchRawAccess(target: ApiPromiseLike, watch: PromiseWatch): void {
  const asResponse = target.asResponse;
  if (typeof asResponse === 'function') {
    target.asResponse = function observedAsResponse(this: unknown, ...args: unknown[]): unknown {
      const raw = asResponse.apply(this, args);
      if (isThenable(raw)) {
        // withResponse() starts parsing before asking for the response, so this runs after parseStarted is set.
        raw.then(() => {
          if (!watch.parseStarted) watch.call.end();
        }, ignore);
      }
      return raw;
    };
  }
  const thenUnwrap = target._thenUnwrap;
  if (typeof thenUnwrap === 'function') {
    target._thenUnwrap = function observedThenUnwrap(this: unknown, ...args: unknown[]): unknown {
      const derived = thenUnwrap.apply(this, args);
      try {
        if (derived !== null && typeof derived === 'object') {
          watch.observeParse(derived as ApiPromiseLike);
          patchRawAccess(derived as ApiPromiseLike, watch);
          watch.watch(derived);
        }
      } catch (error) {
        reportTelemetryError('derived promise observation', error);
      }
      return derived;
    };
  }
}

/**
 * Observes an SDK `APIPromise` in place (see the module comment) and ends `call` exactly once: after the
 * parsed value was handed to `handlers.parsed` (unless it took over), on failure (same error rethrown to the
 * app, untouched), when the app takes the raw response, or when the promise is collected unused. Returns the
 * same object. A plain native `Promise` is observed with `then` (harmless: it is eager); any other object
 * (an SDK whose promise shape Sightline does not know) is left untouched and the call ends at once. Never throws.
 */
export function observeApiPromise<P>(promise: P, call: LlmCall, handlers: ApiPromiseHandlers): P {
  try {
    const target = promise as ApiPromiseLike;
    if (typeof target.parseResponse !== 'function' || !isThenable(target.responsePromise)) {
      // Only a plain native promise is safe to observe with then(); an unknown lazy promise could be consumed.
      if (promise instanceof Promise && promise.constructor === Promise) {
        const watch = new PromiseWatch(call, handlers);
        promise.then(
          (value) => watch.deliver(value),
          (error: unknown) => failAndEnd(call, handlers, error),
        );
      } else call.end();
      return promise;
    }
    const watch = new PromiseWatch(call, handlers);
    watch.observeParse(target);
    target.responsePromise.then(
      (props) => {
        const status = props?.response?.status;
        if (typeof status === 'number') call.setHttpStatus(status);
      },
      (error: unknown) => failAndEnd(call, handlers, error),
    );
    patchRawAccess(target, watch);
    watch.watch(promise as object);
  } catch (error) {
    reportTelemetryError('promise observation', error);
    call.end();
  }
  return promise;
}
