/**
 * Runs a function inside a chain-step span and hands its result back untouched where possible:
 * - sync results are returned as they are (sync in, sync out);
 * - promises and other thenables are returned as the SAME object, observed without changing what awaiting
 *   them does (see thenables.ts: an SDK `APIPromise` keeps an unread body for `.asResponse()`, a lazy query
 *   builder runs only when the app awaits it), so subclass methods such as `.withResponse()` keep working;
 * - generator objects (sync or async) are returned wrapped in an object with the generator's own prototype, whose
 *   `next`/`return`/`throw` run in the step's context; the span ends when the generator finishes, is returned
 *   early (`break`) or throws. Other iterables (e.g. SDK stream objects) are returned as they are and the span
 *   ends with the function: the SDK's own LLM span covers the stream.
 * Errors are recorded (exception event, ERROR status, `error.type`) and rethrown as the same object. Telemetry
 * failures are reported through `diag` and never change what the function does or returns.
 */
import {
  type Attributes,
  type Context,
  context,
  diag,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { withPendingReportSlot } from '../context/pending.js';
import { ATTR_ERROR_TYPE, ERROR_TYPE_OTHER } from '../semconv.js';
import { type Association, associationOf, withAssociation } from './association.js';
import { observeThenable } from './thenables.js';

/** The tracer (instrumentation scope) name of chain spans. */
export const TRACER_NAME = '@sightline/core';

/** Options every chain step takes. */
export interface StepOptions extends Association {
  /** Tracer provider to use (default: the global one, read at call time). */
  tracerProvider?: TracerProvider;
  /** Extra attributes for this step's span. */
  attributes?: Attributes;
}

/** What a step kind contributes: span name and attributes, and an optional hook to record the result. */
export interface StepDefinition {
  spanName: string;
  attributes: Attributes;
  options: StepOptions | undefined;
  onResult?: (span: Span, value: unknown) => void;
}

interface Started {
  span: Span;
  ctx: Context;
  onResult?: (span: Span, value: unknown) => void;
  ended: boolean;
}

/** Runs `fn` with `thisArg` and `args` inside the step's span. */
export function runStep<T, A extends unknown[], R>(
  definition: StepDefinition,
  fn: (this: T, ...args: A) => R,
  thisArg: T,
  args: A,
): R {
  let started: Started | undefined;
  try {
    started = startStep(definition);
  } catch (error) {
    diag.error(`sightline: could not start the span "${definition.spanName}"; running without it`, error);
  }
  if (!started) return fn.apply(thisArg, args);
  let result: R;
  try {
    result = context.with(started.ctx, fn as (this: T, ...a: A) => R, thisArg, ...args);
  } catch (error) {
    fail(started, error);
    throw error;
  }
  return settle(started, result);
}

function startStep(definition: StepDefinition): Started {
  const parent = context.active();
  const options = definition.options ?? {};
  const provider = options.tracerProvider ?? trace.getTracerProvider();
  const associated = withAssociation(parent, options);
  const span = provider.getTracer(TRACER_NAME).startSpan(
    definition.spanName,
    {
      kind: SpanKind.INTERNAL,
      attributes: {
        ...definition.attributes,
        ...associationOf(associated)?.attributes,
        ...options.attributes,
      },
    },
    parent,
  );
  const ctx = withPendingReportSlot(trace.setSpan(associated, span), parent);
  return { span, ctx, onResult: definition.onResult, ended: false };
}

function settle<R>(started: Started, result: R): R {
  try {
    const observed = observeThenable(result, {
      fulfilled: (value) => succeed(started, value),
      rejected: (error) => fail(started, error),
      abandoned: () => succeed(started, undefined),
    });
    if (observed) return result;
    const tag = Object.prototype.toString.call(result);
    if (tag === '[object AsyncGenerator]') return wrapAsyncGenerator(started, result as AsyncGenerator) as R;
    if (tag === '[object Generator]') return wrapGenerator(started, result as Generator) as R;
  } catch (error) {
    diag.error('sightline: could not observe a chain step result', error);
  }
  succeed(started, result);
  return result;
}

function succeed(started: Started, value: unknown): void {
  if (started.ended) return;
  started.ended = true;
  try {
    started.onResult?.(started.span, value);
    started.span.end();
  } catch (error) {
    diag.error('sightline: could not end a chain step span', error);
  }
}

function fail(started: Started, error: unknown): void {
  if (started.ended) return;
  started.ended = true;
  try {
    const span = started.span;
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
    span.setAttribute(ATTR_ERROR_TYPE, errorType(error));
    span.end();
  } catch (telemetryError) {
    diag.error('sightline: could not record a chain step error', telemetryError);
  }
}

/** The error's class name (`TypeError`, `RateLimitError`), or `_OTHER` for non-errors. */
export function errorType(error: unknown): string {
  if (error instanceof Error) return error.constructor?.name || error.name || ERROR_TYPE_OTHER;
  return ERROR_TYPE_OTHER;
}

type GeneratorMethod = 'next' | 'return' | 'throw';

function wrapAsyncGenerator<Y, Rt, N>(
  started: Started,
  generator: AsyncGenerator<Y, Rt, N>,
): AsyncGenerator<Y, Rt, N> {
  const call = (method: GeneratorMethod, arg: unknown): Promise<IteratorResult<Y, Rt>> => {
    let pending: Promise<IteratorResult<Y, Rt>>;
    try {
      pending = context.with(started.ctx, () =>
        (generator[method] as (value: unknown) => Promise<IteratorResult<Y, Rt>>).call(generator, arg),
      );
    } catch (error) {
      fail(started, error);
      throw error;
    }
    return pending.then(
      (step) => {
        if (step.done) succeed(started, undefined);
        return step;
      },
      (error) => {
        fail(started, error);
        throw error;
      },
    );
  };
  // Same prototype as the original, so `instanceof`, the toString tag and `Symbol.asyncDispose` still work.
  const wrapper = Object.create(Object.getPrototypeOf(generator)) as AsyncGenerator<Y, Rt, N>;
  Object.defineProperties(wrapper, {
    next: { value: (value: N) => call('next', value), configurable: true, writable: true },
    return: { value: (value: Rt) => call('return', value), configurable: true, writable: true },
    throw: { value: (error: unknown) => call('throw', error), configurable: true, writable: true },
  });
  return wrapper;
}

function wrapGenerator<Y, Rt, N>(started: Started, generator: Generator<Y, Rt, N>): Generator<Y, Rt, N> {
  const call = (method: GeneratorMethod, arg: unknown): IteratorResult<Y, Rt> => {
    let step: IteratorResult<Y, Rt>;
    try {
      step = context.with(started.ctx, () =>
        (generator[method] as (value: unknown) => IteratorResult<Y, Rt>).call(generator, arg),
      );
    } catch (error) {
      fail(started, error);
      throw error;
    }
    if (step.done) succeed(started, undefined);
    return step;
  };
  const wrapper = Object.create(Object.getPrototypeOf(generator)) as Generator<Y, Rt, N>;
  Object.defineProperties(wrapper, {
    next: { value: (value: N) => call('next', value), configurable: true, writable: true },
    return: { value: (value: Rt) => call('return', value), configurable: true, writable: true },
    throw: { value: (error: unknown) => call('throw', error), configurable: true, writable: true },
  });
  return wrapper;
}
