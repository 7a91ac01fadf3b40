/**
 * Turns one OTLP/JSON span into a `CallRecord` (LLM inference), a `StepRecord` (workflow, agent, task, tool) or
 * nothing (HTTP, database and other spans). One pass over the attributes, no per-attribute allocation beyond
 * the values kept. Reads only standard OTel GenAI names (plus the deprecated `gen_ai.system`) and Sightline's
 * own `sightline.*` names, all from `@sightline/core/semconv`.
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_CONVERSATION_COMPACTED,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROMPT_VERSION,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_GEN_AI_WORKFLOW_NAME,
  ATTR_SIGHTLINE_CHAIN_KIND,
  ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES,
  ATTR_SIGHTLINE_CONTEXT_DROPPED_TOKENS,
  ATTR_SIGHTLINE_CONTEXT_INPUT_TOKENS,
  ATTR_SIGHTLINE_CONTEXT_OVERFLOW,
  ATTR_SIGHTLINE_CONTEXT_STRATEGY,
  ATTR_SIGHTLINE_CONTEXT_TOKENS_BEFORE,
  ATTR_SIGHTLINE_CONTEXT_UTILIZATION,
  ATTR_SIGHTLINE_CONTEXT_WINDOW,
  ATTR_SIGHTLINE_COST_USD,
  ATTR_SIGHTLINE_PROMPT_HASH,
  ATTR_SIGHTLINE_TASK_NAME,
  ATTR_SIGHTLINE_USAGE_MISSING,
  ERROR_TYPE_OTHER,
  EVENT_SIGHTLINE_CONTEXT_TRUNCATED,
  GEN_AI_OPERATION,
} from '@sightline/core/semconv';
import { InputError } from '../errors.js';
import type { CallRecord, StepRecord, TraceRecord } from '../records.js';
import {
  nanosToMs,
  type OtlpAnyValue,
  readBool,
  readCount,
  readNumber,
  readString,
  readStringArray,
} from './otlp-values.js';

/** A span as it appears in OTLP/JSON (only the fields read here). */
export interface OtlpSpan {
  traceId?: unknown;
  spanId?: unknown;
  name?: unknown;
  startTimeUnixNano?: unknown;
  endTimeUnixNano?: unknown;
  attributes?: { key: string; value: OtlpAnyValue }[];
  events?: { name?: unknown }[];
  status?: { code?: unknown };
}

const STEP_OPERATIONS: Record<string, StepRecord['step']> = {
  [GEN_AI_OPERATION.executeTool]: 'tool',
  [GEN_AI_OPERATION.invokeAgent]: 'agent',
  [GEN_AI_OPERATION.createAgent]: 'agent',
  [GEN_AI_OPERATION.invokeWorkflow]: 'workflow',
};
const STEP_KINDS = new Set(['workflow', 'agent', 'task', 'tool']);
/** Operations that are not model calls and not chain steps either. */
const NON_CALL_OPERATIONS = new Set<string>([GEN_AI_OPERATION.retrieval]);

function isErrorStatus(status: OtlpSpan['status']): boolean {
  const code = status?.code;
  return code === 2 || code === 'STATUS_CODE_ERROR';
}

function requireId(value: unknown, field: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new InputError(`expected a non-empty id string, got ${JSON.stringify(value)}`, { field });
}

/** Text parts and finish reasons of a `gen_ai.output.messages` JSON string. */
function parseOutputMessages(json: string): { text: string; finishReasons: string[] } {
  let messages: unknown;
  try {
    messages = JSON.parse(json);
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`, {
      field: ATTR_GEN_AI_OUTPUT_MESSAGES,
    });
  }
  if (!Array.isArray(messages)) {
    throw new InputError('expected a JSON array of messages', { field: ATTR_GEN_AI_OUTPUT_MESSAGES });
  }
  let text = '';
  const finishReasons: string[] = [];
  for (const message of messages) {
    if (message === null || typeof message !== 'object') continue;
    const { parts, finish_reason } = message as { parts?: unknown; finish_reason?: unknown };
    if (typeof finish_reason === 'string') finishReasons.push(finish_reason);
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      const { type, content } = (part ?? {}) as { type?: unknown; content?: unknown };
      if (type === 'text' && typeof content === 'string') text = text ? `${text}\n${content}` : content;
    }
  }
  return { text, finishReasons };
}

/**
 * Normalises one span. Returns undefined for spans that are neither LLM calls nor chain steps.
 * Throws `InputError` (with `field`) on a wrong-typed attribute or a missing id/time; the caller adds file/line.
 */
export function spanToRecord(span: OtlpSpan, service: string | undefined): TraceRecord | undefined {
  const attributes = span.attributes;
  let operation: string | undefined;
  let provider: string | undefined;
  let system: string | undefined;
  let chainKind: string | undefined;
  let requestModel: string | undefined;
  let responseModel: string | undefined;
  let promptName: string | undefined;
  let promptVersion: string | undefined;
  let promptHash: string | undefined;
  let inputTokens: number | undefined;
  let outputTokens: number | undefined;
  let cacheReadTokens: number | undefined;
  let cacheWriteTokens: number | undefined;
  let reasoningTokens: number | undefined;
  let usageMissing = false;
  let costUsd: number | undefined;
  let ttftMs: number | undefined;
  let finishReasons: string[] | undefined;
  let errorType: string | undefined;
  let contextInfo = false;
  let compacted = false;
  let droppedTokens: number | undefined;
  let droppedMessages: number | undefined;
  let contextUtilization: number | undefined;
  let outputMessages: string | undefined;
  let conversationId: string | undefined;
  let stepName: string | undefined;

  if (attributes !== undefined) {
    if (!Array.isArray(attributes)) throw new InputError('expected an array', { field: 'attributes' });
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes[i];
      const key = attribute?.key;
      const value = attribute?.value;
      switch (key) {
        case ATTR_GEN_AI_OPERATION_NAME:
          operation = readString(value, key);
          break;
        case ATTR_GEN_AI_PROVIDER_NAME:
          provider = readString(value, key);
          break;
        case ATTR_GEN_AI_SYSTEM:
          system = readString(value, key);
          break;
        case ATTR_SIGHTLINE_CHAIN_KIND:
          chainKind = readString(value, key);
          break;
        case ATTR_GEN_AI_REQUEST_MODEL:
          requestModel = readString(value, key);
          break;
        case ATTR_GEN_AI_RESPONSE_MODEL:
          responseModel = readString(value, key);
          break;
        case ATTR_GEN_AI_PROMPT_NAME:
          promptName = readString(value, key);
          break;
        case ATTR_GEN_AI_PROMPT_VERSION:
          // Versions are strings in the conventions; tolerate an integer version number.
          promptVersion =
            value?.intValue !== undefined ? String(readCount(value, key)) : readString(value, key);
          break;
        case ATTR_SIGHTLINE_PROMPT_HASH:
          promptHash = readString(value, key);
          break;
        case ATTR_GEN_AI_USAGE_INPUT_TOKENS:
          inputTokens = readCount(value, key);
          break;
        case ATTR_GEN_AI_USAGE_OUTPUT_TOKENS:
          outputTokens = readCount(value, key);
          break;
        case ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS:
          cacheReadTokens = readCount(value, key);
          break;
        case ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS:
          cacheWriteTokens = readCount(value, key);
          break;
        case ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS:
          reasoningTokens = readCount(value, key);
          break;
        case ATTR_SIGHTLINE_USAGE_MISSING:
          usageMissing = readBool(value, key);
          break;
        case ATTR_SIGHTLINE_COST_USD:
          costUsd = readNumber(value, key);
          break;
        case ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK:
          ttftMs = readNumber(value, key) * 1000;
          break;
        case ATTR_GEN_AI_RESPONSE_FINISH_REASONS:
          finishReasons = readStringArray(value, key);
          break;
        case ATTR_ERROR_TYPE:
          errorType = readString(value, key);
          break;
        case ATTR_GEN_AI_CONVERSATION_COMPACTED:
          contextInfo = true;
          compacted = readBool(value, key);
          break;
        case ATTR_SIGHTLINE_CONTEXT_DROPPED_TOKENS:
          contextInfo = true;
          droppedTokens = readCount(value, key);
          break;
        case ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES:
          contextInfo = true;
          droppedMessages = readCount(value, key);
          break;
        case ATTR_SIGHTLINE_CONTEXT_UTILIZATION:
          contextInfo = true;
          contextUtilization = readNumber(value, key);
          break;
        case ATTR_SIGHTLINE_CONTEXT_WINDOW:
        case ATTR_SIGHTLINE_CONTEXT_INPUT_TOKENS:
        case ATTR_SIGHTLINE_CONTEXT_TOKENS_BEFORE:
          contextInfo = true;
          readNumber(value, key);
          break;
        case ATTR_SIGHTLINE_CONTEXT_STRATEGY:
          contextInfo = true;
          readString(value, key);
          break;
        case ATTR_SIGHTLINE_CONTEXT_OVERFLOW:
          contextInfo = true;
          readBool(value, key);
          break;
        case ATTR_GEN_AI_OUTPUT_MESSAGES:
          outputMessages = readString(value, key);
          break;
        case ATTR_GEN_AI_CONVERSATION_ID:
          conversationId = readString(value, key);
          break;
        case ATTR_GEN_AI_TOOL_NAME:
        case ATTR_GEN_AI_AGENT_NAME:
        case ATTR_GEN_AI_WORKFLOW_NAME:
        case ATTR_SIGHTLINE_TASK_NAME:
          stepName = readString(value, key);
          break;
        default:
          break;
      }
    }
  }

  const stepFromOperation = operation !== undefined ? STEP_OPERATIONS[operation] : undefined;
  const isStep = stepFromOperation !== undefined || (chainKind !== undefined && STEP_KINDS.has(chainKind));
  const providerName = provider ?? system;
  const isCall = !isStep && (operation !== undefined || providerName !== undefined);
  if (!isStep && !isCall) return undefined;
  if (operation !== undefined && NON_CALL_OPERATIONS.has(operation)) return undefined;

  const traceId = requireId(span.traceId, 'traceId');
  const spanId = requireId(span.spanId, 'spanId');
  const startTimeMs = nanosToMs(span.startTimeUnixNano, 'startTimeUnixNano');
  const endTimeMs = nanosToMs(span.endTimeUnixNano, 'endTimeUnixNano');
  const durationMs = Math.max(0, endTimeMs - startTimeMs);
  if (errorType === undefined && isErrorStatus(span.status)) errorType = ERROR_TYPE_OTHER;

  if (isStep) {
    const step: StepRecord = {
      kind: 'step',
      step: (chainKind !== undefined && STEP_KINDS.has(chainKind)
        ? chainKind
        : stepFromOperation) as StepRecord['step'],
      name: stepName,
      startTimeMs,
      durationMs,
      traceId,
      spanId,
      service,
      errorType,
    };
    return step;
  }

  let outputText: string | undefined;
  if (outputMessages !== undefined) {
    const parsed = parseOutputMessages(outputMessages);
    outputText = parsed.text;
    if (finishReasons === undefined && parsed.finishReasons.length > 0) finishReasons = parsed.finishReasons;
  }
  let contextTruncated: boolean | undefined;
  if (contextInfo) contextTruncated = compacted || (droppedTokens ?? 0) > 0 || (droppedMessages ?? 0) > 0;
  const events = span.events;
  if (Array.isArray(events)) {
    for (const event of events) {
      if (event?.name === EVENT_SIGHTLINE_CONTEXT_TRUNCATED) contextTruncated = true;
    }
  }
  if (usageMissing) {
    // The instrumentation could not know the tokens: whatever zeros it may have written are not data.
    inputTokens = outputTokens = cacheReadTokens = cacheWriteTokens = reasoningTokens = undefined;
  }

  const call: CallRecord = {
    kind: 'call',
    startTimeMs,
    durationMs,
    traceId,
    spanId,
    service,
    provider: providerName,
    operation: operation ?? 'unknown',
    requestModel,
    responseModel,
    promptName,
    promptVersion,
    promptHash,
    inputTokens,
    outputTokens,
    cacheReadTokens,
    cacheWriteTokens,
    reasoningTokens,
    usageMissing,
    costUsd,
    ttftMs,
    finishReasons: finishReasons ?? [],
    errorType,
    contextTruncated,
    droppedTokens,
    droppedMessages,
    contextUtilization,
    outputText,
    conversationId,
  };
  return call;
}
