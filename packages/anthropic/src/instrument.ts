/**
 * `instrumentAnthropic(client)`: installs Sightline's wrappers on ONE client instance (never on the SDK's
 * prototypes, so other clients are untouched) and returns that same client.
 */
import {
  type ResolvedInstrumentation,
  reportTelemetryError,
  resolveInstrumentationOptions,
  type SightlineInstrumentationOptions,
} from '@sightline/core/instrumentation';
import {
  type ClientInstrumentation,
  instrumentedCreate,
  instrumentedStream,
  type SdkMethod,
} from './messages.js';
import { detectProviderName } from './provider.js';
import { warnIfSdkSpansStay } from './sdk-tracing.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** Options of `instrumentAnthropic`: the options every Sightline provider instrumentation shares. */
export type AnthropicInstrumentationOptions = SightlineInstrumentationOptions;

/** The shape `instrumentAnthropic` needs: an `@anthropic-ai/sdk` client (Anthropic, AnthropicBedrock, ...). */
export interface AnthropicClientLike {
  messages: { create: (...args: never[]) => unknown };
}

/** Marks an instrumented client; `Symbol.for` so two copies of this package agree. */
const INSTRUMENTED = Symbol.for('sightline.anthropic.instrumented');

type Patchable = Record<PropertyKey, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' ? `an instance of ${name}` : 'an object';
}

/** Installs `wrapper` as a non-enumerable own property, so `Object.keys` and logging look as before. */
function install(target: object, key: string, wrapper: unknown): void {
  Object.defineProperty(target, key, {
    value: wrapper,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/** Wraps `create` (and `stream`, when present) of one messages resource (`messages` or `beta.messages`). */
function instrumentMessages(messages: Patchable, target: ClientInstrumentation): void {
  if (typeof messages.create !== 'function') return;
  install(messages, 'create', instrumentedCreate(target, messages.create as SdkMethod));
  if (typeof messages.stream === 'function') {
    install(messages, 'stream', instrumentedStream(target, messages.stream as SdkMethod));
  }
}

function instrumentClient(client: object, kit: ResolvedInstrumentation): void {
  const patchable = client as Patchable;
  if (patchable[INSTRUMENTED]) return;
  Object.defineProperty(client, INSTRUMENTED, { value: true, enumerable: false, configurable: true });
  const target: ClientInstrumentation = {
    client,
    kit,
    provider: kit.providerName ?? detectProviderName(client),
  };
  warnIfSdkSpansStay(client);
  instrumentMessages(patchable.messages as Patchable, target);
  // `beta.messages` (prompt-caching, computer-use and other betas) has the same create/stream shape; its
  // helpers (`parse()`, `stream()`, `toolRunner()`, threads) all send through `beta.messages.create`.
  const betaMessages = (patchable.beta as Patchable | undefined)?.messages;
  if (betaMessages !== null && typeof betaMessages === 'object') {
    try {
      instrumentMessages(betaMessages as Patchable, target);
    } catch (error) {
      reportTelemetryError('beta.messages instrumentation', error);
    }
  }
  // A `withOptions()` copy is a new client with a new `messages` resource: instrument it the same way, so a
  // copy neither loses Sightline's span nor falls back to the SDK's own.
  const withOptions = patchable.withOptions;
  if (typeof withOptions === 'function') {
    install(client, 'withOptions', function instrumentedWithOptions(this: unknown, ...args: unknown[]) {
      const copy = withOptions.apply(this, args);
      try {
        if (copy !== null && typeof copy === 'object' && copy !== client) instrumentClient(copy, kit);
      } catch (error) {
        reportTelemetryError('withOptions copy instrumentation', error);
      }
      return copy;
    });
  }
}

/**
 * Instruments an `@anthropic-ai/sdk` client (0.30 to 1.x; `Anthropic`, and the Bedrock/Vertex clients) IN
 * PLACE and returns the same client, with the same type:
 * - every `messages.create` (plain and `stream: true`) and `messages.stream()`, and the same methods of
 *   `beta.messages` (so `beta.messages.parse()`, `toolRunner()` and threads too), gets ONE CLIENT span
 *   `chat {model}` with the GenAI attributes, inclusive token usage, cost, context use and (opt-in) content,
 *   plus the GenAI metrics; the SDK's own span for these calls is switched off (see the README, "One span per
 *   call");
 * - returned objects are the SDK's own (`APIPromise` with `.withResponse()`/`.asResponse()`, `Stream` with
 *   `tee()`/`toReadableStream()`/`controller`, `MessageStream`), observed, never replaced;
 * - telemetry failures never reach the app (they go to OpenTelemetry's `diag` logger);
 * - instrumenting the same client again changes nothing (no double spans); `withOptions()` copies are
 *   instrumented with the same options.
 *
 * Throws a `TypeError` for something that is not an Anthropic client, or for invalid options (naming the field).
 */
export function instrumentAnthropic<Client extends AnthropicClientLike>(
  client: Client,
  options?: AnthropicInstrumentationOptions,
): Client {
  const messages = (client as unknown as { messages?: { create?: unknown } } | null)?.messages;
  if (client === null || typeof client !== 'object' || typeof messages?.create !== 'function') {
    throw new TypeError(
      `instrumentAnthropic: expected an @anthropic-ai/sdk client (new Anthropic()) with messages.create, got ${describe(client)}`,
    );
  }
  if ((client as unknown as Patchable)[INSTRUMENTED]) return client;
  const kit = resolveInstrumentationOptions(options, { name: PACKAGE_NAME, version: PACKAGE_VERSION });
  try {
    instrumentClient(client, kit);
  } catch (error) {
    // A frozen client or resource: the app keeps a working, uninstrumented client.
    reportTelemetryError('client instrumentation', error);
  }
  return client;
}
