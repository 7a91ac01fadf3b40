/**
 * Public types of the fake provider: what a test can script, what it gets back, and how requests are recorded.
 */

/** The provider whose wire format a request or a scripted reply uses. */
export type ProviderName = 'openai' | 'anthropic';

/** OpenAI routes served by the fake: chat completions, Responses, embeddings and the model list. */
export type OpenAIRoute = 'chat' | 'responses' | 'embeddings' | 'models';

/** Anthropic routes served by the fake: messages, token counting and the model list. */
export type AnthropicRoute = 'messages' | 'count_tokens' | 'models';

/** Any route name. `models` exists for both providers (told apart by the `anthropic-version` header). */
export type RouteName = OpenAIRoute | AnthropicRoute;

/**
 * Token usage for one reply, in provider-neutral terms. Every field is optional; a missing field keeps the
 * deterministic default computed from the request (see `estimateTokens`).
 *
 * - `inputTokens` is ALL prompt tokens, inclusive of cached and cache-creation tokens (OpenAI semantics).
 *   For Anthropic the wire `input_tokens` is exclusive, so the fake sends
 *   `input_tokens = inputTokens - cachedInputTokens - cacheCreationInputTokens` (never below 0).
 * - `outputTokens` is all generated tokens, inclusive of reasoning/thinking tokens.
 * - `cachedInputTokens` -> OpenAI `prompt_tokens_details.cached_tokens` / `input_tokens_details.cached_tokens`,
 *   Anthropic `cache_read_input_tokens`.
 * - `cacheCreationInputTokens` -> Anthropic `cache_creation_input_tokens` (OpenAI has no equivalent).
 * - `reasoningTokens` -> OpenAI `completion_tokens_details.reasoning_tokens` / `output_tokens_details.reasoning_tokens`.
 * - `raw` replaces the whole wire usage object verbatim (escape hatch for odd shapes).
 */
export interface UsageOverride {
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  cacheCreationInputTokens?: number;
  reasoningTokens?: number;
  raw?: Record<string, unknown>;
}

/** One tool call the fake model makes. `arguments` may be a JSON string or an object (serialised for you). */
export interface ScriptedToolCall {
  /** Call id; defaults to a deterministic `call_…` (OpenAI) or `toolu_…` (Anthropic) id. */
  id?: string;
  name: string;
  arguments?: string | Record<string, unknown>;
}

/** A thinking block (Anthropic) / reasoning summary (OpenAI Responses). A string means `{ text }`. */
export interface ScriptedThinking {
  text: string;
  /** Anthropic thinking signature; defaults to a deterministic base64-looking string. */
  signature?: string;
}

/**
 * What the fake model answers. All fields are optional; missing ones are derived from the request.
 * `finishReason` is sent verbatim in the provider's own vocabulary (OpenAI `stop`/`length`/`tool_calls`/
 * `content_filter`; Anthropic `end_turn`/`max_tokens`/`tool_use`/`stop_sequence`/`refusal`). When absent it is
 * `tool_calls`/`tool_use` if the reply has tool calls, else `stop`/`end_turn`. For the Responses API, `length` or
 * `max_output_tokens` turns the response `incomplete`.
 */
export interface ScriptedReply {
  text?: string;
  toolCalls?: ScriptedToolCall[];
  thinking?: string | ScriptedThinking;
  finishReason?: string;
  usage?: UsageOverride;
  /** Model id in the reply; defaults to the request's `model`. */
  model?: string;
  /** Reply id (`chatcmpl-…`, `resp_…`, `msg_…`); defaults to a deterministic id derived from the request. */
  id?: string;
  /** Embedding vectors (one per input) for the embeddings route; defaults to deterministic unit vectors. */
  embeddings?: number[][];
}

/**
 * Timing for one reply, in milliseconds. All default to 0 (or to the defaults passed to `startFakeProvider`).
 * - `latencyMs`: wait before the response headers are sent.
 * - `firstChunkMs`: for streams, wait between the headers and the first SSE event.
 * - `interChunkMs`: for streams, wait between consecutive SSE events.
 */
export interface ReplyDelays {
  latencyMs?: number;
  firstChunkMs?: number;
  interChunkMs?: number;
}

/**
 * A provider-shaped HTTP error. The body follows the provider of the request
 * (OpenAI `{"error":{"message","type","param","code"}}`, Anthropic `{"type":"error","error":{"type","message"}}`).
 * `type` defaults by status (e.g. 429 -> `rate_limit_error` / `requests`), `message` to a realistic text.
 * `retryAfter` (seconds) sets the `retry-after` header.
 */
export interface HttpErrorFault {
  kind: 'error';
  status: number;
  type?: string;
  message?: string;
  /** OpenAI only: `error.code` (default by status, e.g. `rate_limit_exceeded`). */
  code?: string | null;
  /** OpenAI only: `error.param` (default null). */
  param?: string | null;
  retryAfter?: number | string;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** The socket is destroyed after `afterChunks` SSE events (streams) or before any byte (non-stream). */
export interface DisconnectFault {
  kind: 'disconnect';
  afterChunks?: number;
}

/**
 * After `afterChunks` events (default 0) a `data:` line that is not JSON is sent (streams); a non-stream
 * request gets a 200 with a truncated JSON body.
 */
export interface MalformedFault {
  kind: 'malformed';
  afterChunks?: number;
}

/** Headers never arrive: the request hangs until the client aborts or the fake is closed. */
export interface HangFault {
  kind: 'hang';
}

/**
 * The prompt is too long, worded like the real APIs: OpenAI 400 `context_length_exceeded`
 * ("This model's maximum context length is M tokens. However, your messages resulted in N tokens…"),
 * Anthropic 400 `invalid_request_error` ("prompt is too long: N tokens > M maximum").
 * `maxContextTokens` defaults to 128000 (OpenAI) / 200000 (Anthropic); `promptTokens` to
 * `max(estimate of the request, maxContextTokens + 1)`.
 */
export interface ContextLengthFault {
  kind: 'contextLengthExceeded';
  maxContextTokens?: number;
  promptTokens?: number;
}

/** Every fault the fake can inject. Build them by hand or with the `faults` presets. */
export type Fault = HttpErrorFault | DisconnectFault | MalformedFault | HangFault | ContextLengthFault;

/** What a recorded request looks like to a matcher or to `requests()`. */
export interface RecordedRequest {
  /** 1-based arrival order. */
  seq: number;
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Query string parameters. */
  query: Record<string, string>;
  /** Lower-cased header names; `authorization`, `x-api-key`, `api-key`, cookies etc. are masked. */
  headers: Record<string, string>;
  /** Parsed JSON body; the raw text when it was not JSON; `undefined` when empty. */
  body: unknown;
  /** Provider and route the request was routed to (`undefined` route for unknown paths). */
  provider: ProviderName;
  route: RouteName | undefined;
  /** Whether the request asked for a stream (`"stream": true`). */
  stream: boolean;
}

/**
 * One scripted behaviour, consumed by the next matching request(s).
 * Matching: `provider` and `route` (when set) must equal the request's, and `match` (when set) must return true.
 * Entries are tried in the order they were scripted; the first match wins and its `times` count goes down.
 */
export interface ScriptEntry {
  provider?: ProviderName;
  route?: RouteName;
  /** Extra predicate over the recorded request (e.g. by `body.model`). */
  match?: (request: RecordedRequest) => boolean;
  reply?: ScriptedReply;
  delays?: ReplyDelays;
  /** Number of stream deltas text, thinking and tool arguments are each split into (default: one per word, ≤ 16). */
  chunks?: number;
  fault?: Fault;
  /** How many requests this entry serves (default 1; `Infinity` for every request). */
  times?: number;
}

/** Handle of a scripted entry. */
export interface ScriptHandle {
  /** Requests this entry will still serve. */
  remaining(): number;
  /** Drops the entry if it has not been used up. */
  cancel(): void;
}

/** A request that replay mode could not find in the cassette. */
export interface UnmatchedRequest {
  key: string;
  method: string;
  path: string;
  body: unknown;
}

/** Record mode: proxy to a real provider and write every exchange to a cassette. */
export interface RecordOptions {
  /**
   * Upstream base URL (scheme + host, optionally a path prefix); request paths such as `/v1/messages` are appended.
   * Use an object to send each provider to its own upstream, e.g.
   * `{ openai: 'https://api.openai.com', anthropic: 'https://api.anthropic.com' }`.
   */
  upstream: string | { openai?: string; anthropic?: string };
  /** Path of the cassette JSON file; rewritten after every exchange. */
  cassette: string;
}

/** Options of `startFakeProvider`. */
export interface FakeProviderOptions {
  /** Port to listen on; 0 (default) picks a free port. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Default delays for every reply (a script entry's `delays` override these field by field). */
  delays?: ReplyDelays;
  /** Proxy to an upstream provider and record a cassette. Mutually exclusive with `replay`. */
  record?: RecordOptions;
  /** Serve a cassette (file path) offline. Mutually exclusive with `record`. */
  replay?: string;
}

/** A running fake provider. */
export interface FakeProvider {
  /** Base URL of the server, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** `baseURL` for `new OpenAI({ baseURL })`: `${url}/v1` (the SDK appends `/chat/completions`). */
  openaiBaseURL: string;
  /** `baseURL` for `new Anthropic({ baseURL })`: `url` (the SDK appends `/v1/messages`). */
  anthropicBaseURL: string;
  /** Queues one or more scripted behaviours; returns a handle per entry (in order). */
  script(...entries: ScriptEntry[]): ScriptHandle[];
  /** Every request received so far, in arrival order, secrets masked. */
  requests(): RecordedRequest[];
  /** Requests replay mode could not match (empty in other modes). */
  unmatched(): UnmatchedRequest[];
  /** Forgets scripts, recorded requests and unmatched requests. */
  reset(): void;
  /** Stops listening, ends hanging requests and (record mode) flushes the cassette. */
  close(): Promise<void>;
}
