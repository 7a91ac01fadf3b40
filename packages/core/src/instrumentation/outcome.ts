/**
 * What a call's end writes: the span attributes derived from everything gathered (finish reasons, stream
 * facts, usage, cost, context use, tool calls, content) and the metric points. Runs once per call, from
 * `LlmCall.end`.
 */
import { type Attributes, diag } from '@opentelemetry/api';
import { callMetricAttributes } from '../metrics/index.js';
import { computeCost, type ModelInfo, type TokenUsage } from '../models/index.js';
import * as sc from '../semconv.js';
import { serializeContent } from './content.js';
import type { CallEndReason, LlmCall } from './llm-call.js';
import { reportTelemetryError } from './report.js';
import { instrumentsFor } from './resolve.js';

const warnedModels = new Set<string>();

/** Warns once per process and model id that a model has no price (so its spans carry no cost). */
function warnUnpriced(modelId: string): void {
  if (warnedModels.has(modelId) || warnedModels.size >= 1000) return;
  warnedModels.add(modelId);
  diag.warn(
    `sightline: no price known for model "${modelId}"; its spans get no sightline.cost.* attributes. ` +
      'Add it with the `pricing` option, e.g. { pricing: { "my-model": { pricing: { input: 1, output: 2 } } } }.',
  );
}

function finishReasonsOf(call: LlmCall, reason: CallEndReason): string[] | undefined {
  const reasons = call.state.finishReasons;
  const cutOff = reason !== 'completed' || call.state.failed;
  if (!cutOff) {
    const known = reasons?.filter((r): r is string => typeof r === 'string' && r !== '');
    return known && known.length > 0 ? known : undefined;
  }
  // A stream cut off or a failed call: every choice without a reason ended in error.
  if (!call.state.responseSeen && !reasons) return undefined;
  const filled = (reasons ?? []).map((r) => (typeof r === 'string' && r !== '' ? r : 'error'));
  return filled.length > 0 ? filled : ['error'];
}

function usageAttributes(usage: TokenUsage, out: Attributes): void {
  if (usage.inputTokens !== undefined) out[sc.ATTR_GEN_AI_USAGE_INPUT_TOKENS] = usage.inputTokens;
  if (usage.outputTokens !== undefined) out[sc.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] = usage.outputTokens;
  if (usage.cacheReadInputTokens !== undefined) {
    out[sc.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] = usage.cacheReadInputTokens;
  }
  if (usage.cacheWriteInputTokens !== undefined) {
    out[sc.ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS] = usage.cacheWriteInputTokens;
  }
  if (usage.reasoningOutputTokens !== undefined) {
    out[sc.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS] = usage.reasoningOutputTokens;
  }
}

interface ModelFacts {
  costUsd?: number;
}

function modelAttributes(call: LlmCall, usage: TokenUsage | undefined, out: Attributes): ModelFacts {
  const modelId = call.state.responseModel ?? call.request.requestModel;
  if (!modelId) return {};
  const info: ModelInfo | undefined = call.kit.models.lookup(modelId);
  if (!info?.pricing) {
    // Only a call with a usage to price deserves the warning; a failed call says nothing about prices.
    if (usage) warnUnpriced(modelId);
    if (!info) return {};
  }
  const facts: ModelFacts = {};
  if (usage && info.pricing) {
    const cost = computeCost(usage, info.pricing);
    if (cost) {
      out[sc.ATTR_SIGHTLINE_COST_USD] = cost.totalUsd;
      out[sc.ATTR_SIGHTLINE_COST_INPUT_USD] = cost.inputUsd;
      out[sc.ATTR_SIGHTLINE_COST_OUTPUT_USD] = cost.outputUsd;
      out[sc.ATTR_SIGHTLINE_COST_PRICING_DATE] = info.checked;
      facts.costUsd = cost.totalUsd;
    }
  }
  if (info.contextWindow && call.request.operation !== sc.GEN_AI_OPERATION.embeddings) {
    out[sc.ATTR_SIGHTLINE_CONTEXT_WINDOW] = info.contextWindow;
    if (usage?.inputTokens !== undefined) {
      out[sc.ATTR_SIGHTLINE_CONTEXT_UTILIZATION] = usage.inputTokens / info.contextWindow;
    }
  }
  return facts;
}

function contentAttributes(call: LlmCall, out: Attributes): void {
  const messages = call.state.outputMessages;
  let json: string | undefined;
  if (messages) {
    const built = typeof messages === 'function' ? messages() : messages;
    if (built && built.length > 0) json = serializeContent(built, call.kit);
  }
  if (json !== undefined && call.kit.contentInSpan) out[sc.ATTR_GEN_AI_OUTPUT_MESSAGES] = json;
  if (call.kit.contentInEvent) {
    const eventAttributes: Attributes = { ...call.state.inputContent };
    if (json !== undefined) eventAttributes[sc.ATTR_GEN_AI_OUTPUT_MESSAGES] = json;
    call.span.addEvent(sc.EVENT_GEN_AI_INFERENCE_DETAILS, eventAttributes);
  }
}

function recordMetrics(call: LlmCall, durationS: number, facts: ModelFacts, ttfcS: number | undefined): void {
  const instruments = instrumentsFor(call.kit);
  const { request, state } = call;
  const sets = callMetricAttributes({
    operation: request.operation,
    provider: request.provider,
    requestModel: request.requestModel,
    responseModel: state.responseModel,
    serverAddress: request.serverAddress,
    serverPort: request.serverPort,
    errorType: state.errorType,
  });
  const attributes = sets.common;
  instruments.operationDuration.record(durationS, sets.duration);
  instruments.latest?.inferenceDuration.record(durationS, sets.duration);
  const usage = state.usage;
  if (usage?.inputTokens !== undefined) instruments.tokenUsage.record(usage.inputTokens, sets.inputTokens);
  if (usage?.outputTokens !== undefined) instruments.tokenUsage.record(usage.outputTokens, sets.outputTokens);
  const latest = instruments.latest;
  if (latest && usage) {
    if (usage.inputTokens !== undefined) latest.inputTokens.add(usage.inputTokens, attributes);
    if (usage.outputTokens !== undefined) latest.outputTokens.add(usage.outputTokens, attributes);
    if (usage.cacheReadInputTokens) latest.cacheReadInputTokens.add(usage.cacheReadInputTokens, attributes);
    if (usage.cacheWriteInputTokens)
      latest.cacheWriteInputTokens.add(usage.cacheWriteInputTokens, attributes);
    if (usage.reasoningOutputTokens)
      latest.reasoningOutputTokens.add(usage.reasoningOutputTokens, attributes);
  }
  if (ttfcS !== undefined) instruments.timeToFirstChunk.record(ttfcS, attributes);
  if (state.chunks >= 2) {
    instruments.timePerOutputChunk.record(
      (state.lastChunkAt - state.firstChunkAt) / 1000 / (state.chunks - 1),
      attributes,
    );
  }
  if (facts.costUsd !== undefined && facts.costUsd > 0) instruments.cost.add(facts.costUsd, attributes);
}

/** Writes the end-of-call attributes onto the span and records the metrics. Each part contains its failures. */
export function recordCallOutcome(call: LlmCall, reason: CallEndReason): void {
  const { state, request } = call;
  const durationS = (performance.now() - state.startedAt) / 1000;
  const out: Attributes = {};
  let facts: ModelFacts = {};
  let ttfcS: number | undefined;
  try {
    const reasons = finishReasonsOf(call, reason);
    if (reasons) out[sc.ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = reasons;
    if (request.streaming) {
      out[sc.ATTR_SIGHTLINE_STREAM_CHUNKS] = state.chunks;
      if (reason !== 'completed') out[sc.ATTR_SIGHTLINE_STREAM_END] = reason;
      if (state.chunks > 0) {
        ttfcS = (state.firstChunkAt - state.startedAt) / 1000;
        out[sc.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = ttfcS;
      }
    }
    if (state.usage) usageAttributes(state.usage, out);
    else if (state.responseSeen) out[sc.ATTR_SIGHTLINE_USAGE_MISSING] = true;
    facts = modelAttributes(call, state.usage, out);
    if (state.toolCallNames) {
      out[sc.ATTR_SIGHTLINE_RESPONSE_TOOL_CALL_IDS] = state.toolCallIds ?? [];
      out[sc.ATTR_SIGHTLINE_RESPONSE_TOOL_CALL_NAMES] = state.toolCallNames;
    }
  } catch (error) {
    reportTelemetryError('call attributes', error);
  }
  try {
    if (call.captureContent) contentAttributes(call, out);
  } catch (error) {
    reportTelemetryError('output content capture', error);
  }
  try {
    call.span.setAttributes(out);
  } catch (error) {
    reportTelemetryError('span attributes', error);
  }
  try {
    recordMetrics(call, durationS, facts, ttfcS);
  } catch (error) {
    reportTelemetryError('metrics', error);
  }
}
