/**
 * Captured content in the GenAI conventions' parts format, and its safe serialisation: redaction and size
 * limits applied to text leaves, so the JSON written to a span is always valid and keeps its structure.
 *
 * Provider packages convert their wire messages into `ContentMessage`s with the part helpers below; only the
 * provider-specific mapping lives in the provider package.
 */
import type { Redactor } from '../options.js';
import { reportTelemetryError } from './report.js';

/** `text{content}` */
export interface TextPart {
  type: 'text';
  content: string;
}
/** `tool_call{id,name,arguments}`: a tool call the model requested (arguments parsed when they are JSON). */
export interface ToolCallPart {
  type: 'tool_call';
  id?: string;
  name: string;
  arguments?: unknown;
}
/** `tool_call_response{id,response}`: the result of a tool call, sent back to the model. */
export interface ToolCallResponsePart {
  type: 'tool_call_response';
  id?: string;
  response: unknown;
}
/** `reasoning{content}`: thinking / reasoning summary text. */
export interface ReasoningPart {
  type: 'reasoning';
  content: string;
}
/** `blob{modality,mime_type,content}`: inline data (base64). */
export interface BlobPart {
  type: 'blob';
  modality: string;
  mime_type?: string;
  content: string;
}
/** `uri{uri}`: content by reference. */
export interface UriPart {
  type: 'uri';
  modality?: string;
  uri: string;
}
/** `file{file_id}`: a file uploaded to the provider. */
export interface FilePart {
  type: 'file';
  modality?: string;
  file_id: string;
}
/** Any part type the conventions do not name yet, kept with its provider type name. */
export interface GenericPart {
  type: string;
  [field: string]: unknown;
}

export type ContentPart =
  | TextPart
  | ToolCallPart
  | ToolCallResponsePart
  | ReasoningPart
  | BlobPart
  | UriPart
  | FilePart
  | GenericPart;

/** One message of `gen_ai.input.messages` / `gen_ai.output.messages`. */
export interface ContentMessage {
  role: string;
  parts: ContentPart[];
  name?: string;
  /** Output messages only. */
  finish_reason?: string;
}

/** One entry of `gen_ai.tool.definitions`. */
export interface ToolDefinition {
  type: string;
  name?: string;
  description?: string;
  parameters?: unknown;
  [field: string]: unknown;
}

/** A text part. */
export function textPart(content: string): TextPart {
  return { type: 'text', content };
}

/**
 * Inline binary data is never copied onto spans, even with content capture on: a base64 image or audio clip
 * is large, not searchable, and could hold personal data that text redaction cannot see. Both providers record
 * the same placeholder, so traces from either read alike.
 */
export function omittedDataPlaceholder(data: unknown): string {
  return `[base64 omitted: ${typeof data === 'string' ? data.length : 0} chars]`;
}

/** A `blob` part whose content is the placeholder for `data` (see `omittedDataPlaceholder`). */
export function blobPart(modality: string, data: unknown, mimeType?: string): BlobPart {
  return {
    type: 'blob',
    modality,
    ...(mimeType ? { mime_type: mimeType } : {}),
    content: omittedDataPlaceholder(data),
  };
}

/** A `uri` part; a `data:` URI (inline base64) becomes a `blob` part with the placeholder instead. */
export function uriPart(uri: string, modality?: string): UriPart | BlobPart {
  if (uri.startsWith('data:')) {
    const comma = uri.indexOf(',');
    const mimeType = uri.slice(5, comma < 0 ? undefined : comma).split(';')[0] || undefined;
    return blobPart(modality ?? 'unknown', comma < 0 ? '' : uri.slice(comma + 1), mimeType);
  }
  return { type: 'uri', ...(modality ? { modality } : {}), uri };
}

/** A reasoning part. */
export function reasoningPart(content: string): ReasoningPart {
  return { type: 'reasoning', content };
}

/** A tool-call part; `rawArguments` (a JSON string or an object) is parsed when it is valid JSON. */
export function toolCallPart(id: string | undefined, name: string, rawArguments?: unknown): ToolCallPart {
  const part: ToolCallPart = { type: 'tool_call', name };
  if (id !== undefined && id !== null) part.id = id;
  if (rawArguments !== undefined) part.arguments = parseJsonLoosely(rawArguments);
  return part;
}

/** A tool-call-response part. */
export function toolCallResponsePart(id: string | undefined, response: unknown): ToolCallResponsePart {
  const part: ToolCallResponsePart = { type: 'tool_call_response', response };
  if (id !== undefined && id !== null) part.id = id;
  return part;
}

/** `value` parsed as JSON when it is a string holding JSON; otherwise `value` unchanged. Never throws. */
export function parseJsonLoosely(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Settings for `serializeContent`. */
export interface ContentLimits {
  redact: Redactor | undefined;
  /** Budget of text characters per serialised value. */
  maxContentLength: number;
}

/** Keys whose strings describe structure, not content: kept whole (still redacted) so the JSON stays readable. */
const STRUCTURAL_KEYS = new Set([
  'role',
  'type',
  'id',
  'name',
  'finish_reason',
  'modality',
  'mime_type',
  'file_id',
]);

interface Leaf {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  text: string;
}

/** Deep copy of JSON-like `value` with every string redacted; content strings are collected for the budget. */
function copyRedacted(value: unknown, redact: Redactor | undefined, leaves: Leaf[], depth: number): unknown {
  if (typeof value === 'string') return redact ? redact(value) : value;
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any message structure: a cycle or a huge tool schema; stop instead of failing the attribute.
  if (depth > 32) return '[too deep]';
  const source =
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON(): unknown }).toJSON()
      : value;
  if (source !== value) return copyRedacted(source, redact, leaves, depth + 1);
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copyRedacted(value[i], redact, leaves, depth + 1);
      out[i] = item;
      if (typeof item === 'string') leaves.push({ holder: out, key: i, text: item });
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyRedacted((value as Record<string, unknown>)[key], redact, leaves, depth + 1);
    if (item === undefined) continue;
    out[key] = item;
    if (typeof item === 'string' && !STRUCTURAL_KEYS.has(key)) leaves.push({ holder: out, key, text: item });
  }
  return out;
}

/**
 * The largest per-leaf length `cap` such that the leaves, each cut to `cap`, fit `budget` ("water filling"):
 * short texts stay whole and the long ones share what is left equally, so every message stays visible.
 */
function fairCap(lengths: number[], budget: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let remaining = budget;
  for (let i = 0; i < sorted.length; i++) {
    const share = Math.floor(remaining / (sorted.length - i));
    if (sorted[i] > share) return share;
    remaining -= sorted[i];
  }
  return Number.POSITIVE_INFINITY;
}

function truncated(text: string, cap: number): string {
  return `${text.slice(0, cap)}…[truncated ${text.length - cap} chars]`;
}

/**
 * Serialises captured content (messages, parts, tool definitions) to a JSON string: every string leaf is
 * redacted, then content leaves are cut to fit `maxContentLength` characters in total (structure kept, a
 * `…[truncated N chars]` marker added). Returns `undefined`, and reports to `diag`, when the redactor throws
 * or the value cannot be serialised: content is dropped rather than recorded unredacted. Never throws.
 */
export function serializeContent(value: unknown, limits: ContentLimits): string | undefined {
  try {
    const leaves: Leaf[] = [];
    const copy = copyRedacted(value, limits.redact, leaves, 0);
    let total = 0;
    for (const leaf of leaves) total += leaf.text.length;
    if (total > limits.maxContentLength) {
      const cap = fairCap(
        leaves.map((leaf) => leaf.text.length),
        limits.maxContentLength,
      );
      for (const leaf of leaves) {
        if (leaf.text.length > cap)
          (leaf.holder as Record<string | number, unknown>)[leaf.key] = truncated(leaf.text, cap);
      }
    }
    return JSON.stringify(copy);
  } catch (error) {
    reportTelemetryError('content capture (redactor or serialisation)', error);
    return undefined;
  }
}
