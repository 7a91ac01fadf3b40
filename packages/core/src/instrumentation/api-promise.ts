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

/** Tracks whether anyone started parsing; the registry's held value (never references the promise). */
class PromiseWatch implements AbandonmentHandler {
  parseStarted = false;
  constructor(readonly call: LlmCall) {}
  endAbandoned(): void {
    if (!this.parseStarted) this.call.end();
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
        if (derived !== null && typeof derived === 'object') patchRawAccess(derived as ApiPromiseLike, watch);
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
    const onValue = (value: unknown): unknown => {
      let tookOver: boolean | undefined;
      try {
        tookOver = handlers.parsed(value);
      } catch (error) {
        reportTelemetryError('response observation', error);
      }
      if (!tookOver) call.end();
      return value;
    };
    const onError = (error: unknown): never => {
      failAndEnd(call, handlers, error);
      throw error;
    };
    const innerParse = target.parseResponse;
    if (typeof innerParse !== 'function' || !isThenable(target.responsePromise)) {
      // Only a plain native promise is safe to observe with then(); an unknown lazy promise could be consumed.
      if (promise instanceof Promise && promise.constructor === Promise) {
        promise.then(onValue, (error: unknown) => failAndEnd(call, handlers, error));
      } else call.end();
      return promise;
    }
    const watch = new PromiseWatch(call);
    target.parseResponse = function observedParseResponse(this: unknown, ...args: unknown[]): unknown {
      watch.parseStarted = true;
      stopWatching(watch);
      let result: unknown;
      try {
        result = innerParse.apply(this, args);
      } catch (error) {
        onError(error);
      }
      return isThenable(result) ? result.then(onValue, onError) : onValue(result);
    };
    target.responsePromise.then(
      (props) => {
        const status = props?.response?.status;
        if (typeof status === 'number') call.setHttpStatus(status);
      },
      (error: unknown) => failAndEnd(call, handlers, error),
    );
    patchRawAccess(target, watch);
    watchForAbandonment(promise as object, watch);
  } catch (error) {
    reportTelemetryError('promise observation', error);
    call.end();
  }
  return promise;
}
