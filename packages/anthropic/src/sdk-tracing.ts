/**
 * Keeping exactly ONE span per call: `@anthropic-ai/sdk` (1.x, and late 0.x releases such as 0.137) emits its own CLIENT
 * span per API call (scope `com.anthropic.sdk.typescript`, named `anthropic.messages.create`) whenever a tracer
 * provider is registered or given in its `openTelemetry` option. For the calls Sightline spans, the SDK's span
 * is switched off and Sightline's (a superset: the same GenAI attributes plus cost, context use, prompt version,
 * chain association, Sightline's content policy) is the one span.
 *
 * Mechanism: the SDK decides per call by reading the client's `_tracer` field, synchronously, while the method
 * runs (`messages.create()` -> `startApiCallSpan` and `request()`, which picks the traced or untraced request
 * path; `messages.stream()` -> `startMessagesStreamSpan`). Sightline clears that field only for the duration of
 * its own synchronous call into the SDK method and restores it at once. So:
 * - calls Sightline spans (`messages.create`, `messages.stream` and their `beta.messages` twins) get no SDK span;
 * - every other method of the same client (`models.list`, `messages.countTokens`, files, batches) keeps the
 *   SDK's span, as if Sightline were not there;
 * - other clients are untouched.
 */
import { diag } from '@opentelemetry/api';

interface SelfTracingClient {
  _tracer?: unknown;
}

/**
 * Whether the SDK of `client` traces itself and exposes the switch Sightline uses. `'absent'`: an SDK without
 * self-tracing (0.x before it existed); `'switchable'`: `_tracer` is there; `'unswitchable'`: the SDK has the
 * `openTelemetry` option but no `_tracer` field Sightline knows, so its spans cannot be switched off.
 */
export function sdkTracingSupport(client: object): 'absent' | 'switchable' | 'unswitchable' {
  if ('_tracer' in client) return 'switchable';
  return 'openTelemetry' in client ? 'unswitchable' : 'absent';
}

/** Warns (once per client) when the SDK's own spans cannot be switched off. */
export function warnIfSdkSpansStay(client: object): void {
  if (sdkTracingSupport(client) !== 'unswitchable') return;
  diag.warn(
    "sightline: this @anthropic-ai/sdk traces itself but its spans could not be switched off (no '_tracer' " +
      "field); calls may get two spans, the SDK's and Sightline's. Construct the client with " +
      "`openTelemetry: { traces: false }` to keep only Sightline's.",
  );
}

/**
 * Runs `fn` (a synchronous call into an SDK method) with the SDK's own call span switched off, and restores
 * the client's tracer afterwards, even when `fn` throws. Nested use is harmless (the inner call finds it off).
 */
export function withoutSdkSpans<T>(client: object, fn: () => T): T {
  const target = client as SelfTracingClient;
  if (!('_tracer' in target) || target._tracer === undefined) return fn();
  const saved = target._tracer;
  target._tracer = undefined;
  try {
    return fn();
  } finally {
    target._tracer = saved;
  }
}
