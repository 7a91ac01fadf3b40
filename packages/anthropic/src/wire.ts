/**
 * The parts of the Anthropic Messages wire format that Sightline reads, as loose structural types.
 *
 * Why not the SDK's own types: the package supports every `@anthropic-ai/sdk` from 0.30 to 1.x, whose types
 * differ release by release, and the SDK is a peer dependency that must not leak into Sightline's public
 * types. Everything here is read defensively (`unknown` where the API may send anything).
 */

/** One content block of a request message or a response (`text`, `image`, `tool_use`, `thinking`, ...). */
export interface WireBlock {
  type?: unknown;
  text?: unknown;
  thinking?: unknown;
  id?: unknown;
  name?: unknown;
  input?: unknown;
  tool_use_id?: unknown;
  content?: unknown;
  source?: unknown;
  is_error?: unknown;
}

/** One request message. */
export interface WireMessageParam {
  role?: unknown;
  content?: unknown;
}

/** One tool of the request's `tools`: a client tool (`input_schema`) or a server tool (versioned `type`). */
export interface WireTool {
  type?: unknown;
  name?: unknown;
  description?: unknown;
  input_schema?: unknown;
}

/** `messages.create` parameters. */
export interface WireCreateParams {
  model?: unknown;
  messages?: unknown;
  system?: unknown;
  tools?: unknown;
  max_tokens?: unknown;
  temperature?: unknown;
  top_p?: unknown;
  top_k?: unknown;
  stop_sequences?: unknown;
  stream?: unknown;
  output_config?: unknown;
  output_format?: unknown;
}

/** `usage` of a message, `message_start` or `message_delta`. Anthropic counts input EXCLUSIVELY of the cache. */
export interface WireUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

/** A response `Message` (also the `message` of `message_start`). */
export interface WireMessage {
  id?: unknown;
  model?: unknown;
  role?: unknown;
  content?: unknown;
  stop_reason?: unknown;
  usage?: WireUsage | null;
}

/** One streamed event (`message_start`, `content_block_delta`, ...). */
export interface WireStreamEvent {
  type?: unknown;
  index?: unknown;
  message?: WireMessage;
  content_block?: WireBlock;
  delta?: {
    type?: unknown;
    text?: unknown;
    thinking?: unknown;
    partial_json?: unknown;
    stop_reason?: unknown;
  };
  usage?: WireUsage | null;
}

/** `value` when it is a non-empty string, else `undefined`. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `value` when it is a finite number, else `undefined`. */
export function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `value` when it is a non-null object (not an array), else `undefined`. */
export function objectOf<T extends object>(value: unknown): T | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as T) : undefined;
}
