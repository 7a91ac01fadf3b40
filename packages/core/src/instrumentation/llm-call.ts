/**
 * One LLM call as telemetry: a CLIENT span started with the attributes samplers need, a handle that gathers
 * what the response reveals, and a single idempotent `end()` that writes usage, cost, context use, content
 * and metrics. Every method contains its own failures (reported to `diag`), so a broken tracer, meter,
 * processor or redactor never reaches the app.
 */
import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { applyPendingContextReport, callAnnotationAttributes } from '../annotations/index.js';
import type { TokenUsage } from '../models/index.js';
import * as sc from '../semconv.js';
import { type ContentMessage, type ContentPart, serializeContent, type ToolDefinition } from './content.js';
import { errorMessageOf, errorTypeOf } from './errors.js';
import { stopWatching } from './finalization.js';
import { recordCallOutcome } from './outcome.js';
import { reportTelemetryError } from './report.js';
import { type ResolvedInstrumentation, tracerFor } from './resolve.js';

/** How a call ended. Anything but `completed` cuts a stream off (its missing finish reasons become `error`). */
export type CallEndReason = (typeof sc.SIGHTLINE_STREAM_END)[keyof typeof sc.SIGHTLINE_STREAM_END];

/** Request content, gathered only when content capture is on. */
export interface InputContent {
  messages?: ContentMessage[];
  systemInstructions?: ContentPart[];
  toolDefinitions?: ToolDefinition[];
}

/** What a provider knows when a call starts. */
export interface LlmCallRequest {
  /** `gen_ai.operation.name`: `chat`, `embeddings`, ... */
  operation: string;
  /** `gen_ai.provider.name`. */
  provider: string;
  requestModel: string | undefined;
  serverAddress?: string;
  serverPort?: number;
  /** Request parameters (`gen_ai.request.*`, `gen_ai.output.type`), set at span start. */
  attributes?: Attributes;
  /** A streamed call: records chunks, time to first chunk and `sightline.stream.*`. */
  streaming?: boolean;
  /** The request's messages (`messages` or `input`), for prompt and chain annotations. */
  annotationSource?: unknown;
  /** Builds the request content; called only when content capture is on. */
  content?: () => InputContent;
}

/** What a response reveals. */
export interface LlmResponseInfo {
  id?: string | null;
  model?: string | null;
  /** One entry per choice; `undefined` entries become `error` when the call is cut off. */
  finishReasons?: readonly (string | null | undefined)[];
}

/** Options of `LlmCall.fail`. */
export interface FailOptions {
  /** The failure is a context-window overflow (`sightline.context.overflow=true`). */
  contextOverflow?: boolean;
  /** Overrides the derived `error.type`. */
  errorType?: string;
}

/**
 * Handle of one instrumented call. Create with `startLlmCall`. Guarantees: `end()` runs its work and ends the
 * span exactly once however often it is called; every method is a no-op after `end()`; no method throws.
 */
export class LlmCall {
  /** The span; children started inside `runWithin` nest under it. */
  readonly span: Span;
  /** Whether the provider should gather content (text, tool arguments) for this call. */
  readonly captureContent: boolean;
  readonly kit: ResolvedInstrumentation;
  readonly request: LlmCallRequest;
  /** @internal state read by the outcome recorder. */
  readonly state = {
    startedAt: performance.now(),
    ended: false,
    failed: false,
    responseSeen: false,
    errorType: undefined as string | undefined,
    responseModel: undefined as string | undefined,
    usage: undefined as TokenUsage | undefined,
    finishReasons: undefined as (string | null | undefined)[] | undefined,
    chunks: 0,
    firstChunkAt: 0,
    lastChunkAt: 0,
    toolCallIds: undefined as string[] | undefined,
    toolCallNames: undefined as string[] | undefined,
    outputMessages: undefined as ContentMessage[] | (() => ContentMessage[] | undefined) | undefined,
    inputContent: undefined as Record<string, string> | undefined,
  };
  readonly #context: Context;

  constructor(kit: ResolvedInstrumentation, request: LlmCallRequest, span: Span, parent: Context) {
    this.kit = kit;
    this.request = request;
    this.span = span;
    this.captureContent = kit.captureContent;
    this.#context = trace.setSpan(parent, span);
  }

  /** Whether `end()` has run. */
  get ended(): boolean {
    return this.state.ended;
  }

  /**
   * Runs `fn` (the SDK call) with the span active, so HTTP child spans nest under it. If the context manager
   * fails before `fn` runs, `fn` still runs, once. If `fn` throws synchronously the call is failed, ended and
   * the same error rethrown.
   */
  runWithin<T>(fn: () => T): T {
    let entered = false;
    try {
      return context.with(this.#context, () => {
        entered = true;
        return fn();
      });
    } catch (error) {
      if (!entered) {
        reportTelemetryError('context activation', error);
        return fn();
      }
      this.fail(error);
      this.end();
      throw error;
    }
  }

  /** Sets one attribute now. */
  setAttribute(key: string, value: Attributes[string]): void {
    if (this.state.ended || value === undefined) return;
    try {
      this.span.setAttribute(key, value);
    } catch (error) {
      reportTelemetryError('span attribute', error);
    }
  }

  /** The HTTP status of the provider's response (headers arrived). */
  setHttpStatus(status: number): void {
    this.state.responseSeen = true;
    this.setAttribute(sc.ATTR_HTTP_RESPONSE_STATUS_CODE, status);
  }

  /** Response id, model and finish reasons; fields given replace earlier ones. */
  setResponse(info: LlmResponseInfo): void {
    if (this.state.ended) return;
    this.state.responseSeen = true;
    if (info.id) this.setAttribute(sc.ATTR_GEN_AI_RESPONSE_ID, info.id);
    if (info.model) {
      this.state.responseModel = info.model;
      this.setAttribute(sc.ATTR_GEN_AI_RESPONSE_MODEL, info.model);
    }
    if (info.finishReasons) this.state.finishReasons = [...info.finishReasons];
  }

  /** Token usage in the conventions' INCLUSIVE form (input includes cache reads and writes). */
  recordUsage(usage: TokenUsage): void {
    if (this.state.ended) return;
    this.state.usage = usage;
  }

  /** One streamed chunk arrived. O(1), allocation-free. */
  recordChunk(): void {
    const state = this.state;
    const now = performance.now();
    if (state.chunks === 0) state.firstChunkAt = now;
    state.lastChunkAt = now;
    state.chunks++;
    state.responseSeen = true;
  }

  /** A tool call the model requested (id and name; arguments belong in output messages, capture only). */
  recordToolCall(id: string | null | undefined, name: string | null | undefined): void {
    if (this.state.ended) return;
    const state = this.state;
    state.toolCallIds ??= [];
    state.toolCallNames ??= [];
    state.toolCallIds.push(id ?? '');
    state.toolCallNames.push(name ?? '');
  }

  /** Output messages (or a function building them at end), serialised only when content capture is on. */
  setOutputMessages(messages: ContentMessage[] | (() => ContentMessage[] | undefined)): void {
    if (this.state.ended || !this.captureContent) return;
    this.state.outputMessages = messages;
  }

  /** Marks the call failed: `error.type`, ERROR status, the exception event, and context overflow if known. */
  fail(error: unknown, options: FailOptions = {}): void {
    if (this.state.ended) return;
    this.state.failed = true;
    try {
      const type = options.errorType ?? errorTypeOf(error);
      this.state.errorType = type;
      this.span.setAttribute(sc.ATTR_ERROR_TYPE, type);
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessageOf(error) });
      if (error instanceof Error) this.span.recordException(error);
      // The SDKs' APIError carries the provider's HTTP status; connection errors and aborts have none.
      const status = (error as { status?: unknown } | null)?.status;
      if (typeof status === 'number') this.span.setAttribute(sc.ATTR_HTTP_RESPONSE_STATUS_CODE, status);
      if (options.contextOverflow) {
        this.span.setAttribute(sc.ATTR_SIGHTLINE_CONTEXT_OVERFLOW, true);
        const window = this.kit.models.lookup(this.request.requestModel)?.contextWindow;
        if (window) this.span.setAttribute(sc.ATTR_SIGHTLINE_CONTEXT_WINDOW, window);
      }
    } catch (failure) {
      reportTelemetryError('span failure recording', failure);
    }
  }

  /**
   * Ends the call once: finish reasons (missing ones become `error` unless `reason` is `completed`), stream
   * facts, usage (or `sightline.usage.missing=true`), cost and context use from the model table, tool calls,
   * content, metrics; then ends the span. Later calls do nothing.
   */
  end(reason: CallEndReason = 'completed'): void {
    if (this.state.ended) return;
    this.state.ended = true;
    stopWatching(this);
    try {
      recordCallOutcome(this, reason);
    } catch (error) {
      reportTelemetryError('call outcome', error);
    }
    try {
      this.span.end();
    } catch (error) {
      reportTelemetryError('span end (a span processor threw)', error);
    }
  }

  /** Registry callback: a result nobody consumed was garbage-collected. */
  endAbandoned(): void {
    this.end('not_consumed');
  }

  /** @internal serialises and stores request content (span attributes and/or the details event). */
  captureInput(build: () => InputContent): void {
    try {
      const input = build();
      const out: Record<string, string> = {};
      const add = (key: string, value: unknown) => {
        if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
        const json = serializeContent(value, this.kit);
        if (json !== undefined) out[key] = json;
      };
      add(sc.ATTR_GEN_AI_INPUT_MESSAGES, input.messages);
      add(sc.ATTR_GEN_AI_SYSTEM_INSTRUCTIONS, input.systemInstructions);
      add(sc.ATTR_GEN_AI_TOOL_DEFINITIONS, input.toolDefinitions);
      if (this.kit.contentInSpan) this.span.setAttributes(out);
      if (this.kit.contentInEvent) this.state.inputContent = out;
    } catch (error) {
      reportTelemetryError('input content capture', error);
    }
  }
}

/**
 * Starts the span of one LLM call in the active context, with the start attributes the conventions ask for
 * (operation, provider, request model, server address and port, request parameters) merged with the
 * annotation seam's attributes (prompt version, chain association), then applies a pending context-fit
 * report. Returns `undefined`, having reported to `diag`, when telemetry cannot start (e.g. `getTracer`
 * throws): the provider then runs the call uninstrumented. Never throws.
 */
export function startLlmCall(kit: ResolvedInstrumentation, request: LlmCallRequest): LlmCall | undefined {
  try {
    const parent = context.active();
    const attributes: Attributes = {
      [sc.ATTR_GEN_AI_OPERATION_NAME]: request.operation,
      [sc.ATTR_GEN_AI_PROVIDER_NAME]: request.provider,
    };
    if (request.requestModel) attributes[sc.ATTR_GEN_AI_REQUEST_MODEL] = request.requestModel;
    if (request.serverAddress) attributes[sc.ATTR_SERVER_ADDRESS] = request.serverAddress;
    if (request.serverPort !== undefined) attributes[sc.ATTR_SERVER_PORT] = request.serverPort;
    if (request.streaming) attributes[sc.ATTR_GEN_AI_REQUEST_STREAM] = true;
    if (request.attributes) Object.assign(attributes, request.attributes);
    try {
      Object.assign(
        attributes,
        // Prompt variables are content: only where the client sends content to spans, redacted and limited.
        callAnnotationAttributes(request.annotationSource, parent, kit.contentInSpan ? kit : false),
      );
    } catch (error) {
      reportTelemetryError('call annotations', error);
    }
    const name = request.requestModel ? `${request.operation} ${request.requestModel}` : request.operation;
    const span = tracerFor(kit).startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
    try {
      applyPendingContextReport(span, parent);
    } catch (error) {
      reportTelemetryError('context report', error);
    }
    const call = new LlmCall(kit, request, span, parent);
    if (kit.captureContent && request.content) call.captureInput(request.content);
    return call;
  } catch (error) {
    reportTelemetryError('span start', error);
    return undefined;
  }
}
