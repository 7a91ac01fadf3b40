/**
 * Message shapes Sightline counts and fits: OpenAI chat messages and Anthropic messages, read structurally so
 * neither SDK is imported. Both SDKs' message param types are assignable to `ChatMessageLike`.
 */

/** A content part or block: OpenAI `{type:'text', text}` / `image_url` / ..., Anthropic blocks. */
export interface ContentPartLike {
  type: string;
  // The fields Sightline reads, declared (as `unknown`) so inline literals pass excess-property checks while
  // the SDKs' own part interfaces stay assignable.
  text?: unknown;
  thinking?: unknown;
  data?: unknown;
  name?: unknown;
  id?: unknown;
  input?: unknown;
  content?: unknown;
  tool_use_id?: unknown;
  is_error?: unknown;
  source?: unknown;
  signature?: unknown;
  refusal?: unknown;
  image_url?: unknown;
  input_audio?: unknown;
  file?: unknown;
  cache_control?: unknown;
  citations?: unknown;
  title?: unknown;
}

/**
 * A chat message in OpenAI shape (`content` string or parts, `name`, `tool_calls`, role `tool` with
 * `tool_call_id`) or Anthropic shape (`content` string or blocks: `text`, `image`, `document`, `tool_use`,
 * `tool_result`, `thinking`, `redacted_thinking`).
 */
export interface ChatMessageLike {
  role: string;
  content?: string | readonly ContentPartLike[] | null;
  /** OpenAI: participant name (counted, +1 token). */
  name?: string;
  /** OpenAI: the assistant's tool calls (`{ id, type, function: { name, arguments } }`). */
  tool_calls?: readonly unknown[];
  /** OpenAI: the call a `tool` message answers. */
  tool_call_id?: string;
  /** OpenAI legacy function calling. */
  function_call?: unknown;
}

/** Anthropic's top-level `system`: a string or text blocks. */
export type SystemPromptLike = string | readonly ContentPartLike[];

/**
 * Fixed estimates for non-text content, which no tokenizer counts from the request alone. They are deliberately
 * on the high side (fitting should drop early rather than overflow): OpenAI bills a 1024x1024 high-detail image
 * as 85 + 4 x 170 = 765 tokens; Anthropic's formula (width x height / 750) tops out near 1,600.
 */
export const NON_TEXT_ESTIMATES = { image: 765, anthropicImage: 1600, audio: 1000, file: 1000 } as const;

/** Framing tokens for structured parts (tool call name/arguments, tool result wrapper): a small estimate. */
export const STRUCTURED_PART_OVERHEAD = 3;

type Loose = Record<string, unknown>;

function asRecord(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null ? (value as Loose) : undefined;
}

function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/**
 * Visits what a message costs: each text piece (`text`) and each fixed estimate (`fixed`). The visitor form lets
 * the counter memoise text through its cache without allocating arrays per message.
 */
export interface CostVisitor {
  text(text: string): void;
  fixed(tokens: number): void;
}

/** Walks a message's content, tool calls and name in the order the framing counts them. */
export function visitMessage(message: ChatMessageLike, visit: CostVisitor): void {
  visitContent(message.content, visit);
  const loose = message as unknown as Loose;
  const toolCalls = loose.tool_calls;
  if (Array.isArray(toolCalls)) {
    for (const call of toolCalls) visitToolCall(call, visit);
  }
  const functionCall = asRecord(loose.function_call);
  if (functionCall) visitToolCall({ function: functionCall }, visit);
}

function visitToolCall(call: unknown, visit: CostVisitor): void {
  const record = asRecord(call);
  if (!record) return;
  visit.fixed(STRUCTURED_PART_OVERHEAD);
  const fn = asRecord(record.function) ?? asRecord(record.custom);
  if (!fn) return;
  if (typeof fn.name === 'string') visit.text(fn.name);
  const args = fn.arguments ?? fn.input;
  if (args !== undefined) visit.text(jsonText(args));
}

/** Walks a `content` value (string, parts, blocks, nested tool_result content). */
export function visitContent(content: unknown, visit: CostVisitor): void {
  if (typeof content === 'string') {
    visit.text(content);
    return;
  }
  if (!Array.isArray(content)) return;
  for (const part of content) visitPart(part, visit);
}

function visitPart(part: unknown, visit: CostVisitor): void {
  const block = asRecord(part);
  if (!block) {
    if (typeof part === 'string') visit.text(part);
    return;
  }
  switch (block.type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      if (typeof block.text === 'string') visit.text(block.text);
      return;
    case 'refusal':
      if (typeof block.refusal === 'string') visit.text(block.refusal);
      return;
    case 'thinking':
      if (typeof block.thinking === 'string') visit.text(block.thinking);
      return;
    case 'redacted_thinking':
      if (typeof block.data === 'string') visit.text(block.data);
      return;
    case 'image_url':
    case 'input_image':
      visit.fixed(NON_TEXT_ESTIMATES.image);
      return;
    case 'image':
      visit.fixed(NON_TEXT_ESTIMATES.anthropicImage);
      return;
    case 'input_audio':
      visit.fixed(NON_TEXT_ESTIMATES.audio);
      return;
    case 'file':
    case 'input_file':
      visit.fixed(NON_TEXT_ESTIMATES.file);
      return;
    case 'tool_use':
    case 'server_tool_use':
      visit.fixed(STRUCTURED_PART_OVERHEAD);
      if (typeof block.name === 'string') visit.text(block.name);
      visit.text(jsonText(block.input ?? {}));
      return;
    case 'tool_result':
      visit.fixed(STRUCTURED_PART_OVERHEAD);
      visitContent(block.content, visit);
      return;
    case 'document': {
      const source = asRecord(block.source);
      if (source?.type === 'text' && typeof source.data === 'string') visit.text(source.data);
      else if (source?.type === 'content') visitContent(source.content, visit);
      else visit.fixed(NON_TEXT_ESTIMATES.file);
      return;
    }
    default:
      // Unknown block kinds: count their JSON, an over-estimate that never under-counts by much.
      visit.text(jsonText(block));
  }
}

/** The message's `name`, when it has one (OpenAI). */
export function messageName(message: ChatMessageLike): string | undefined {
  const name = (message as unknown as Loose).name;
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

/** `true` for an assistant message that calls tools (OpenAI `tool_calls`/`function_call`, Anthropic `tool_use`). */
export function callsTools(message: ChatMessageLike): boolean {
  if (message.role !== 'assistant') return false;
  const loose = message as unknown as Loose;
  if (Array.isArray(loose.tool_calls) && loose.tool_calls.length > 0) return true;
  if (asRecord(loose.function_call)) return true;
  return Array.isArray(message.content) && message.content.some((b) => b?.type === 'tool_use');
}

/** `true` for a message answering tool calls: OpenAI roles `tool`/`function`, Anthropic user `tool_result`s. */
export function answersTools(message: ChatMessageLike): boolean {
  if (message.role === 'tool' || message.role === 'function') return true;
  return (
    message.role === 'user' &&
    Array.isArray(message.content) &&
    message.content.some((b) => b?.type === 'tool_result')
  );
}

/** `true` for a user message a person wrote (not one that only carries tool results). */
export function isHumanTurn(message: ChatMessageLike): boolean {
  if (message.role !== 'user') return false;
  if (!Array.isArray(message.content)) return true;
  return message.content.length === 0 || message.content.some((b) => b?.type !== 'tool_result');
}

/** `true` for system-level instructions (`system`, `developer`). */
export function isSystemMessage(message: ChatMessageLike): boolean {
  return message.role === 'system' || message.role === 'developer';
}
