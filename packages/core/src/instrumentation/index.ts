/**
 * @sightline/core/instrumentation: the provider-agnostic kit the provider packages (@sightline/openai,
 * @sightline/anthropic) are built on. Apps do not need it.
 *
 * A provider wraps an SDK method like this:
 * ```ts
 * const kit = resolveInstrumentationOptions(options, { name: '@sightline/x', version });
 * const call = startLlmCall(kit, { operation: 'chat', provider: 'x', requestModel: body.model, streaming, ... });
 * if (!call) return original.call(this, body, opts);           // telemetry unavailable: run uninstrumented
 * const promise = call.runWithin(() => original.call(this, body, opts));
 * return observeApiPromise(promise, call, {
 *   parsed: (value) => streaming ? (instrumentStream(value, call, handlers), true) : (recordResult(call, value), false),
 *   classifyError: (error) => ({ contextOverflow: isOverflow(error) }),
 * });
 * ```
 * Guarantees: the SDK's own objects are returned (observed in place, never replaced); each call's span ends
 * exactly once; no kit function throws into the app; failures go to OpenTelemetry's `diag` logger.
 */

export type { TokenUsage } from '../models/index.js';
export type { CaptureContentMode, Redactor, SightlineInstrumentationOptions } from '../options.js';
export { type ApiPromiseHandlers, observeApiPromise } from './api-promise.js';
export {
  type BlobPart,
  blobPart,
  type ContentLimits,
  type ContentMessage,
  type ContentPart,
  type FilePart,
  type GenericPart,
  omittedDataPlaceholder,
  parseJsonLoosely,
  type ReasoningPart,
  reasoningPart,
  serializeContent,
  type TextPart,
  type ToolCallPart,
  type ToolCallResponsePart,
  type ToolDefinition,
  textPart,
  toolCallPart,
  toolCallResponsePart,
  type UriPart,
  uriPart,
} from './content.js';
export { errorMessageOf, errorTypeOf } from './errors.js';
export { type AbandonmentHandler, onAbandoned } from './finalization.js';
export {
  type CallEndReason,
  type FailOptions,
  type InputContent,
  LlmCall,
  type LlmCallRequest,
  type LlmResponseInfo,
  startLlmCall,
} from './llm-call.js';
export { reportTelemetryError } from './report.js';
export {
  DEFAULT_MAX_CONTENT_LENGTH,
  instrumentsFor,
  type ResolvedInstrumentation,
  resolveInstrumentationOptions,
  tracerFor,
} from './resolve.js';
export { type ServerEndpoint, serverFromBaseURL } from './server.js';
export { instrumentStream, type StreamHandlers } from './stream.js';
