/**
 * Chat Completions (`chat.completions.create`, and through it `.stream()`, `.parse()` and `runTools`): request
 * attributes, request content in the conventions' parts format, and what a completion reveals.
 */
import type { Attributes } from '@opentelemetry/api';
import {
  blobPart,
  type ContentMessage,
  type ContentPart,
  type InputContent,
  type LlmCall,
  type TokenUsage,
  type ToolDefinition,
  textPart,
  toolCallPart,
  toolCallResponsePart,
  uriPart,
} from '@sightline/core/instrumentation';
import * as sc from '@sightline/core/semconv';
import {
  asArray,
  asNumber,
  asObject,
  asString,
  outputTypeOf,
  type UsageFields,
  usageFrom,
  type Wire,
} from './values.js';

function setNumber(out: Attributes, key: string, value: unknown): void {
  const n = asNumber(value);
  if (n !== undefined) out[key] = n;
}

/** Request parameters recorded at span start. */
export function chatRequestAttributes(body: Wire): Attributes {
  const out: Attributes = {};
  const maxTokens = asNumber(body.max_completion_tokens) ?? asNumber(body.max_tokens);
  if (maxTokens !== undefined) out[sc.ATTR_GEN_AI_REQUEST_MAX_TOKENS] = maxTokens;
  // Straight-line calls, not a table of [key, value] pairs: this runs on every call (no per-call arrays).
  setNumber(out, sc.ATTR_GEN_AI_REQUEST_TEMPERATURE, body.temperature);
  setNumber(out, sc.ATTR_GEN_AI_REQUEST_TOP_P, body.top_p);
  setNumber(out, sc.ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, body.frequency_penalty);
  setNumber(out, sc.ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, body.presence_penalty);
  setNumber(out, sc.ATTR_GEN_AI_REQUEST_SEED, body.seed);
  const stop = body.stop;
  if (typeof stop === 'string') out[sc.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES] = [stop];
  else if (Array.isArray(stop))
    out[sc.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES] = stop.filter((s) => typeof s === 'string');
  const n = asNumber(body.n);
  if (n !== undefined && n !== 1) out[sc.ATTR_GEN_AI_REQUEST_CHOICE_COUNT] = n;
  const outputType = outputTypeOf(asObject(body.response_format)?.type);
  if (outputType) out[sc.ATTR_GEN_AI_OUTPUT_TYPE] = outputType;
  return out;
}

/** Parts of a chat message's `content` (a string or an array of content parts). */
export function chatContentParts(content: unknown): ContentPart[] {
  if (typeof content === 'string') return [textPart(content)];
  const parts: ContentPart[] = [];
  for (const item of asArray(content) ?? []) {
    const part = asObject(item);
    if (!part) continue;
    const type = asString(part.type) ?? 'unknown';
    if (type === 'text') parts.push(textPart(asString(part.text) ?? ''));
    else if (type === 'refusal') parts.push(textPart(asString(part.refusal) ?? ''));
    else if (type === 'image_url') {
      parts.push(uriPart(asString(asObject(part.image_url)?.url) ?? '', 'image'));
    } else if (type === 'input_audio') {
      const audio = asObject(part.input_audio);
      const format = asString(audio?.format);
      parts.push(blobPart('audio', audio?.data, format ? `audio/${format}` : undefined));
    } else if (type === 'file') {
      const file = asObject(part.file);
      const fileId = asString(file?.file_id);
      if (fileId) parts.push({ type: 'file', file_id: fileId });
      else parts.push(blobPart('document', file?.file_data));
    } else parts.push({ type });
  }
  return parts;
}

function toolCallParts(toolCalls: unknown): ContentPart[] {
  const parts: ContentPart[] = [];
  for (const item of asArray(toolCalls) ?? []) {
    const call = asObject(item);
    const fn = asObject(call?.function) ?? asObject(call?.custom);
    if (!call || !fn) continue;
    parts.push(toolCallPart(asString(call.id), asString(fn.name) ?? '', fn.arguments ?? fn.input));
  }
  return parts;
}

/** `gen_ai.input.messages` for a chat request (system and developer messages stay in the list, in order). */
export function chatInputMessages(messages: unknown): ContentMessage[] {
  const out: ContentMessage[] = [];
  for (const item of asArray(messages) ?? []) {
    const message = asObject(item);
    if (!message) continue;
    const role = asString(message.role) ?? 'user';
    let parts: ContentPart[];
    if (role === 'tool' || role === 'function') {
      const response =
        typeof message.content === 'string' ? message.content : chatContentParts(message.content);
      parts = [toolCallResponsePart(asString(message.tool_call_id) ?? asString(message.name), response)];
    } else {
      parts =
        message.content === null || message.content === undefined ? [] : chatContentParts(message.content);
      parts.push(...toolCallParts(message.tool_calls));
      const legacy = asObject(message.function_call);
      if (legacy) parts.push(toolCallPart(undefined, asString(legacy.name) ?? '', legacy.arguments));
    }
    const entry: ContentMessage = { role, parts };
    const name = asString(message.name);
    if (name && role !== 'function') entry.name = name;
    out.push(entry);
  }
  return out;
}

/** `gen_ai.tool.definitions` for chat `tools` (and legacy `functions`). */
export function chatToolDefinitions(body: Wire): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  for (const item of asArray(body.tools) ?? []) {
    const tool = asObject(item);
    if (!tool) continue;
    const fn = asObject(tool.function) ?? asObject(tool.custom);
    const definition: ToolDefinition = { type: asString(tool.type) ?? 'function' };
    if (fn) {
      if (fn.name !== undefined) definition.name = asString(fn.name);
      if (fn.description !== undefined) definition.description = asString(fn.description);
      if (fn.parameters !== undefined) definition.parameters = fn.parameters;
    }
    out.push(definition);
  }
  for (const item of asArray(body.functions) ?? []) {
    const fn = asObject(item);
    if (fn)
      out.push({
        type: 'function',
        name: asString(fn.name),
        description: asString(fn.description),
        parameters: fn.parameters,
      });
  }
  return out;
}

/** Request content for a chat call (built only with content capture on). */
export function chatInputContent(body: Wire): InputContent {
  return { messages: chatInputMessages(body.messages), toolDefinitions: chatToolDefinitions(body) };
}

const CHATUSAGE_FIELDS: UsageFields = {
  input: 'prompt_tokens',
  output: 'completion_tokens',
  inputDetails: 'prompt_tokens_details',
  outputDetails: 'completion_tokens_details',
};

/** Inclusive token usage from a chat `usage` object (OpenAI counts already include cached tokens). */
export function chatUsage(value: unknown): TokenUsage | undefined {
  return usageFrom(value, CHATUSAGE_FIELDS);
}

/** Records a (non-streamed) chat completion on the call. */
export function recordChatCompletion(call: LlmCall, value: unknown): void {
  const completion = asObject(value);
  if (!completion) return;
  const choices = asArray(completion.choices) ?? [];
  call.setResponse({
    id: asString(completion.id),
    model: asString(completion.model),
    finishReasons: choices.map((choice) => asString(asObject(choice)?.finish_reason)),
  });
  const usage = chatUsage(completion.usage);
  if (usage) call.recordUsage(usage);
  for (const choice of choices) {
    for (const item of asArray(asObject(asObject(choice)?.message)?.tool_calls) ?? []) {
      const toolCall = asObject(item);
      const fn = asObject(toolCall?.function) ?? asObject(toolCall?.custom);
      call.recordToolCall(asString(toolCall?.id), asString(fn?.name));
    }
  }
  if (call.captureContent) call.setOutputMessages(() => chatOutputMessages(choices));
}

function chatOutputMessages(choices: readonly unknown[]): ContentMessage[] {
  return choices.map((item) => {
    const choice = asObject(item);
    const message = asObject(choice?.message);
    const parts: ContentPart[] = [];
    const content = message?.content;
    if (typeof content === 'string') parts.push(textPart(content));
    const refusal = asString(message?.refusal);
    if (refusal) parts.push(textPart(refusal));
    parts.push(...toolCallParts(message?.tool_calls));
    const out: ContentMessage = { role: asString(message?.role) ?? 'assistant', parts };
    const finish = asString(choice?.finish_reason);
    if (finish) out.finish_reason = finish;
    return out;
  });
}
