/**
 * The instrumented `messages.create` and `messages.stream` of one client. Both are installed as own properties
 * of that client's `messages` resource, so the SDK's own objects (`APIPromise`, `Stream`, `MessageStream`) are
 * what the app gets back, observed in place by the kit.
 *
 * `messages.stream()` is covered through `create`: the SDK's `MessageStream` calls `messages.create({ stream:
 * true })` on the same resource, synchronously, so that call gets the span and the `Stream` it reads is
 * observed like any other. The `stream` wrapper only keeps the SDK's own span for the helper switched off.
 */
import {
  instrumentStream,
  type LlmCall,
  observeApiPromise,
  type ResolvedInstrumentation,
  reportTelemetryError,
  serverFromBaseURL,
  startLlmCall,
} from '@sightline/core/instrumentation';
import { GEN_AI_OPERATION } from '@sightline/core/semconv';
import { classifyAnthropicError } from './errors.js';
import { requestAttributes, requestContent } from './request.js';
import { recordMessage, recordStreamed } from './response.js';
import { withoutSdkSpans } from './sdk-tracing.js';
import { AnthropicStreamAccumulator } from './stream-accumulator.js';
import { objectOf, stringOf, type WireCreateParams } from './wire.js';

/** An SDK method as Sightline calls it: `this` is the `messages` resource. */
export type SdkMethod = (this: unknown, ...args: unknown[]) => unknown;

/** What the wrappers of one client share. */
export interface ClientInstrumentation {
  client: object & { baseURL?: unknown };
  kit: ResolvedInstrumentation;
  provider: string;
}

function startCall(
  target: ClientInstrumentation,
  body: WireCreateParams,
  options: unknown,
): LlmCall | undefined {
  const server = serverFromBaseURL(target.client.baseURL);
  return startLlmCall(target.kit, {
    operation: GEN_AI_OPERATION.chat,
    provider: target.provider,
    requestModel: stringOf(body.model),
    serverAddress: server?.address,
    serverPort: server?.port,
    attributes: requestAttributes(body, options),
    streaming: body.stream === true,
    annotationSource: body.messages,
    content: () => requestContent(body),
  });
}

/** Hands the parsed value of a call to the span: a `Message`, or the SDK's `Stream` for `stream: true`. */
function observeParsed(call: LlmCall, streaming: boolean, value: unknown): boolean {
  if (!streaming) {
    recordMessage(call, value);
    return false;
  }
  const accumulator = new AnthropicStreamAccumulator(call.captureContent);
  instrumentStream(value as object, call, {
    chunk: (event: unknown) => accumulator.add(event),
    finish: () => recordStreamed(call, accumulator),
  });
  return true;
}

/** `messages.create` with Sightline's span around it. */
export function instrumentedCreate(target: ClientInstrumentation, original: SdkMethod): SdkMethod {
  return function create(this: unknown, ...args: unknown[]): unknown {
    const body = objectOf<WireCreateParams>(args[0]);
    // Not a request Sightline can describe: the SDK reports the problem, with its own span if it has one.
    if (!body) return original.apply(this, args);
    let call: LlmCall | undefined;
    try {
      call = startCall(target, body, args[1]);
    } catch (error) {
      // e.g. a request object whose getter throws: the SDK meets (and reports) the same problem itself.
      reportTelemetryError('anthropic request description', error);
    }
    if (!call) return original.apply(this, args);
    const streaming = body.stream === true;
    const promise = call.runWithin(() => withoutSdkSpans(target.client, () => original.apply(this, args)));
    return observeApiPromise(promise, call, {
      parsed: (value) => observeParsed(call, streaming, value),
      classifyError: classifyAnthropicError,
    });
  };
}

/** `messages.stream` with the SDK's own span for the helper switched off (the span comes from `create`). */
export function instrumentedStream(target: ClientInstrumentation, original: SdkMethod): SdkMethod {
  return function stream(this: unknown, ...args: unknown[]): unknown {
    return withoutSdkSpans(target.client, () => original.apply(this, args));
  };
}
