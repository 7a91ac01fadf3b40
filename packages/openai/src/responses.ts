/**
 * The Responses API (`responses.create`, and through it `.stream()` and `.parse()`): request attributes,
 * request content, and what a `Response` object reveals.
 */
import type { Attributes } from '@opentelemetry/api';
import {
  blobPart,
  type ContentMessage,
  type ContentPart,
  type InputContent,
  type LlmCall,
  reasoningPart,
  type TokenUsage,
  type ToolDefinition,
  textPart,
  toolCallPart,
  toolCallResponsePart,
  uriPart,
} from '@sightline/core/instrumentation';
import * as sc from '@sightline/core/semconv';
import { isContextOverflow } from './errors.js';
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

/** Request parameters recorded at span start. */
export function responsesRequestAttributes(body: Wire): Attributes {
  const out: Attributes = {};
  const maxTokens = asNumber(body.max_output_tokens);
  if (maxTokens !== undefined) out[sc.ATTR_GEN_AI_REQUEST_MAX_TOKENS] = maxTokens;
  const temperature = asNumber(body.temperature);
  if (temperature !== undefined) out[sc.ATTR_GEN_AI_REQUEST_TEMPERATURE] = temperature;
  const topP = asNumber(body.top_p);
  if (topP !== undefined) out[sc.ATTR_GEN_AI_REQUEST_TOP_P] = topP;
  const outputType = outputTypeOf(asObject(asObject(body.text)?.format)?.type);
  if (outputType) out[sc.ATTR_GEN_AI_OUTPUT_TYPE] = outputType;
  const conversation = asString(body.conversation) ?? asString(asObject(body.conversation)?.id);
  if (conversation) out[sc.ATTR_GEN_AI_CONVERSATION_ID] = conversation;
  return out;
}

function inputContentParts(content: unknown): ContentPart[] {
  if (typeof content === 'string') return [textPart(content)];
  const parts: ContentPart[] = [];
  for (const item of asArray(content) ?? []) {
    const part = asObject(item);
    if (!part) continue;
    const type = asString(part.type) ?? 'unknown';
    if (type === 'input_text' || type === 'output_text') parts.push(textPart(asString(part.text) ?? ''));
    else if (type === 'refusal') parts.push(textPart(asString(part.refusal) ?? ''));
    else if (type === 'input_image') {
      const fileId = asString(part.file_id);
      if (fileId) parts.push({ type: 'file', modality: 'image', file_id: fileId });
      else parts.push(uriPart(asString(part.image_url) ?? '', 'image'));
    } else if (type === 'input_file') {
      const fileId = asString(part.file_id);
      if (fileId) parts.push({ type: 'file', file_id: fileId });
      else if (part.file_url) parts.push(uriPart(asString(part.file_url) ?? ''));
      else parts.push(blobPart('document', part.file_data));
    } else parts.push({ type });
  }
  return parts;
}

function reasoningParts(item: Wire): ContentPart[] {
  const parts: ContentPart[] = [];
  for (const list of [item.summary, item.content]) {
    for (const entry of asArray(list) ?? []) {
      const text = asString(asObject(entry)?.text);
      if (text) parts.push(reasoningPart(text));
    }
  }
  return parts;
}

/** `gen_ai.input.messages` for a Responses request's `input` (a string or a list of items). */
export function responsesInputMessages(input: unknown): ContentMessage[] {
  if (typeof input === 'string') return [{ role: 'user', parts: [textPart(input)] }];
  const out: ContentMessage[] = [];
  for (const raw of asArray(input) ?? []) {
    const item = asObject(raw);
    if (!item) continue;
    const type = asString(item.type) ?? 'message';
    if (type === 'message' || (item.role !== undefined && item.type === undefined)) {
      out.push({ role: asString(item.role) ?? 'user', parts: inputContentParts(item.content) });
    } else if (type === 'function_call' || type === 'custom_tool_call') {
      const args = item.arguments ?? item.input;
      out.push({
        role: 'assistant',
        parts: [toolCallPart(asString(item.call_id), asString(item.name) ?? '', args)],
      });
    } else if (type === 'function_call_output' || type === 'custom_tool_call_output') {
      out.push({ role: 'tool', parts: [toolCallResponsePart(asString(item.call_id), item.output)] });
    } else if (type === 'reasoning') {
      out.push({ role: 'assistant', parts: reasoningParts(item) });
    } else {
      out.push({ role: 'assistant', parts: [{ type }] });
    }
  }
  return out;
}

/** `gen_ai.tool.definitions` for Responses `tools` (function tools in full, built-in tools by type). */
export function responsesToolDefinitions(tools: unknown): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  for (const raw of asArray(tools) ?? []) {
    const tool = asObject(raw);
    if (!tool) continue;
    const definition: ToolDefinition = { type: asString(tool.type) ?? 'function' };
    if (tool.name !== undefined) definition.name = asString(tool.name);
    if (tool.description !== undefined) definition.description = asString(tool.description);
    if (tool.parameters !== undefined) definition.parameters = tool.parameters;
    out.push(definition);
  }
  return out;
}

/** Request content for a Responses call (built only with content capture on). */
export function responsesInputContent(body: Wire): InputContent {
  const instructions = asString(body.instructions);
  return {
    messages: responsesInputMessages(body.input),
    systemInstructions: instructions ? [textPart(instructions)] : undefined,
    toolDefinitions: responsesToolDefinitions(body.tools),
  };
}

const RESPONSESUSAGE_FIELDS: UsageFields = {
  input: 'input_tokens',
  output: 'output_tokens',
  inputDetails: 'input_tokens_details',
  outputDetails: 'output_tokens_details',
};

/** Inclusive token usage from a Responses `usage` object. */
export function responsesUsage(value: unknown): TokenUsage | undefined {
  return usageFrom(value, RESPONSESUSAGE_FIELDS);
}

const TOOL_CALL_ITEMS = new Set(['function_call', 'custom_tool_call']);

/**
 * The finish reason of a Response, in the chat vocabulary so both APIs read alike: `stop`, `tool_calls`
 * (completed with tool calls), `length` (incomplete: max_output_tokens), `content_filter`, `error` (failed),
 * else the status.
 */
export function responseFinishReason(response: Wire): string | undefined {
  const status = asString(response.status);
  if (status === 'completed') {
    const output = asArray(response.output) ?? [];
    return output.some((item) => TOOL_CALL_ITEMS.has(asString(asObject(item)?.type) ?? ''))
      ? 'tool_calls'
      : 'stop';
  }
  if (status === 'incomplete') {
    const reason = asString(asObject(response.incomplete_details)?.reason);
    return reason === 'max_output_tokens' ? 'length' : (reason ?? 'incomplete');
  }
  if (status === 'failed') return 'error';
  return status;
}

/** Output items of a Response as one assistant message (content capture only). */
export function responsesOutputMessages(
  output: readonly unknown[],
  finishReason: string | undefined,
): ContentMessage[] {
  const parts: ContentPart[] = [];
  for (const raw of output) {
    const item = asObject(raw);
    if (!item) continue;
    const type = asString(item.type);
    if (type === 'message') parts.push(...inputContentParts(item.content));
    else if (type === 'reasoning') parts.push(...reasoningParts(item));
    else if (type && TOOL_CALL_ITEMS.has(type)) {
      parts.push(
        toolCallPart(asString(item.call_id), asString(item.name) ?? '', item.arguments ?? item.input),
      );
    } else if (type) parts.push({ type });
  }
  const message: ContentMessage = { role: 'assistant', parts };
  if (finishReason) message.finish_reason = finishReason;
  return [message];
}

/** Records a complete `Response` object (non-streamed, or the final event of a stream). */
export function recordResponse(call: LlmCall, value: unknown): void {
  const response = asObject(value);
  if (!response) return;
  const finishReason = responseFinishReason(response);
  call.setResponse({
    id: asString(response.id),
    model: asString(response.model),
    finishReasons: finishReason ? [finishReason] : [],
  });
  const usage = responsesUsage(response.usage);
  if (usage) call.recordUsage(usage);
  const output = asArray(response.output) ?? [];
  for (const raw of output) {
    const item = asObject(raw);
    if (item && TOOL_CALL_ITEMS.has(asString(item.type) ?? ''))
      call.recordToolCall(asString(item.call_id), asString(item.name));
  }
  if (response.status === 'failed') {
    const error = asObject(response.error);
    call.fail(error, {
      errorType: asString(error?.code) ?? 'response_failed',
      contextOverflow: isContextOverflow(error),
    });
  }
  if (call.captureContent) call.setOutputMessages(() => responsesOutputMessages(output, finishReason));
}
