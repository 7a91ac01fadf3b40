/**
 * The normalised records the evaluator works on. One inference span becomes one `CallRecord`; workflow, agent
 * and tool spans become `StepRecord`s, kept only for chain-level metrics. Every optional field is `undefined`
 * when the span did not carry it: "not reported" is never turned into zero.
 */

/** One LLM call (chat, text completion, generate_content, embeddings, ...). */
export interface CallRecord {
  kind: 'call';
  /** Start time, milliseconds since the Unix epoch. */
  startTimeMs: number;
  /** Wall-clock duration of the call in milliseconds. */
  durationMs: number;
  traceId: string;
  spanId: string;
  /** `service.name` of the resource that emitted the span. */
  service?: string;
  /** `gen_ai.provider.name`, else the deprecated `gen_ai.system`. */
  provider?: string;
  /** `gen_ai.operation.name` (e.g. `chat`). */
  operation: string;
  requestModel?: string;
  responseModel?: string;
  promptName?: string;
  promptVersion?: string;
  promptHash?: string;
  /** Input tokens INCLUDING cached ones (`gen_ai.usage.input_tokens`). Undefined when usage is missing. */
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  /** True when the instrumentation said the provider sent no usage (`sightline.usage.missing`). */
  usageMissing: boolean;
  /** `sightline.cost.usd`; undefined for unknown models or non-Sightline instrumentations. */
  costUsd?: number;
  /** Time to first chunk in milliseconds (streams only). */
  ttftMs?: number;
  /** `gen_ai.response.finish_reasons`, else the `finish_reason`s of captured output messages. */
  finishReasons: string[];
  /** `error.type`, or `_OTHER` when only the span status says the call failed. */
  errorType?: string;
  /**
   * Whether the context was truncated or compacted before the call; undefined when the span carries no
   * context information at all (no `sightline.context.*`, no `gen_ai.conversation.compacted`).
   */
  contextTruncated?: boolean;
  droppedTokens?: number;
  droppedMessages?: number;
  /** input tokens / context window (`sightline.context.utilization`). */
  contextUtilization?: number;
  /** Concatenated text parts of `gen_ai.output.messages`, only when content capture was on. */
  outputText?: string;
  conversationId?: string;
}

/** A non-LLM chain step (workflow, agent, task, tool), for chain-level metrics only. */
export interface StepRecord {
  kind: 'step';
  /** `workflow`, `agent`, `task` or `tool`. */
  step: 'workflow' | 'agent' | 'task' | 'tool';
  /** Workflow, agent, task or tool name, when known. */
  name?: string;
  startTimeMs: number;
  durationMs: number;
  traceId: string;
  spanId: string;
  service?: string;
  /** Set when the step failed (`error.type` or an error status). */
  errorType?: string;
}

/** What a source yields. */
export type TraceRecord = CallRecord | StepRecord;
