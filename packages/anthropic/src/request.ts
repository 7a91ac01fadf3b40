/** What an Anthropic `messages.create` request says about the call, as span-start attributes and content. */
import type { Attributes } from '@opentelemetry/api';
import type { InputContent } from '@sightline/core/instrumentation';
import * as sc from '@sightline/core/semconv';
import { inputMessages, systemInstructions, toolDefinitions } from './content.js';
import { numberOf, objectOf, stringOf, type WireCreateParams } from './wire.js';

/**
 * The recommended `gen_ai.request.*` attributes of a request (max_tokens, temperature, top_p, top_k as an
 * integer, stop_sequences), `gen_ai.output.type=json` for a structured-output request, and
 * `gen_ai.conversation.id` from the SDK's request option `openTelemetry.conversationId` (which the SDK's own
 * span would have carried). Absent or mistyped parameters are left out. Pure.
 */
export function requestAttributes(params: WireCreateParams, requestOptions: unknown): Attributes {
  const out: Attributes = {};
  const maxTokens = numberOf(params.max_tokens);
  if (maxTokens !== undefined) out[sc.ATTR_GEN_AI_REQUEST_MAX_TOKENS] = maxTokens;
  const temperature = numberOf(params.temperature);
  if (temperature !== undefined) out[sc.ATTR_GEN_AI_REQUEST_TEMPERATURE] = temperature;
  const topP = numberOf(params.top_p);
  if (topP !== undefined) out[sc.ATTR_GEN_AI_REQUEST_TOP_P] = topP;
  const topK = numberOf(params.top_k);
  if (topK !== undefined) out[sc.ATTR_GEN_AI_REQUEST_TOP_K] = Math.trunc(topK);
  if (Array.isArray(params.stop_sequences)) {
    const stops = params.stop_sequences.filter((s): s is string => typeof s === 'string');
    if (stops.length > 0) out[sc.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES] = stops;
  }
  const format = objectOf<{ type?: unknown }>(
    objectOf<{ format?: unknown }>(params.output_config)?.format ?? params.output_format,
  );
  if (format?.type === 'json_schema') out[sc.ATTR_GEN_AI_OUTPUT_TYPE] = 'json';
  const otel = objectOf<{ openTelemetry?: { conversationId?: unknown } }>(requestOptions)?.openTelemetry;
  const conversationId = stringOf(otel?.conversationId);
  if (conversationId) out[sc.ATTR_GEN_AI_CONVERSATION_ID] = conversationId;
  return out;
}

/** The request's content for capture: messages, system instructions, tool definitions. */
export function requestContent(params: WireCreateParams): InputContent {
  return {
    messages: inputMessages(params.messages),
    systemInstructions: systemInstructions(params.system),
    toolDefinitions: toolDefinitions(params.tools),
  };
}
