/**
 * Accumulates the call records of one segment into exact counters and bounded numeric samples. Values a call
 * does not carry are not added: a metric nobody reported stays empty and is later reported as unavailable.
 */
import type { CallRecord } from '../records.js';
import type { Seed } from '../stats/index.js';
import { NumericSample } from './numeric-sample.js';

/** Numeric metrics taken from call records. */
export const CALL_NUMERIC_METRICS = [
  'latency',
  'ttft',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'reasoning_tokens',
  'cost',
  'output_length',
  'context_utilization',
  'dropped_tokens',
] as const;

/** One of `CALL_NUMERIC_METRICS`. */
export type CallNumericMetric = (typeof CALL_NUMERIC_METRICS)[number];

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export class SegmentAccumulator {
  calls = 0;
  errors = 0;
  /** Calls that carry token usage (input tokens reported, usage not flagged missing). */
  usageKnown = 0;
  /** Calls flagged `sightline.usage.missing`. */
  usageMissing = 0;
  /** Calls that reported `gen_ai.usage.cache_read.input_tokens` at all. */
  cacheReported = 0;
  cacheHits = 0;
  /** Calls with any context information, and truncated calls (the rate is over all calls once any is known). */
  contextKnown = 0;
  truncated = 0;
  /** Calls with captured output text; of those, refusals. */
  textCalls = 0;
  refusals = 0;
  readonly finishReasons = new Map<string, number>();
  /** Response models (what actually served the call); request models as the fallback mix. */
  readonly models = new Map<string, number>();
  readonly requestModels = new Map<string, number>();
  readonly errorTypes = new Map<string, number>();
  readonly numeric: Record<CallNumericMetric, NumericSample>;

  constructor(
    readonly key: string,
    readonly dimensions: Record<string, string>,
    cap: number,
    seed: Seed,
  ) {
    const numeric = {} as Record<CallNumericMetric, NumericSample>;
    for (const metric of CALL_NUMERIC_METRICS)
      numeric[metric] = new NumericSample(cap, seed, `${key}/${metric}`);
    this.numeric = numeric;
  }

  add(call: CallRecord, isRefusal: (text: string) => boolean): void {
    const numeric = this.numeric;
    this.calls++;
    numeric.latency.add(call.durationMs);
    if (call.errorType !== undefined) {
      this.errors++;
      increment(this.errorTypes, call.errorType);
    }
    if (call.ttftMs !== undefined) numeric.ttft.add(call.ttftMs);
    if (call.usageMissing) this.usageMissing++;
    if (call.inputTokens !== undefined) {
      this.usageKnown++;
      numeric.input_tokens.add(call.inputTokens);
      // Within a segment whose instrumentation reports cache reads, an absent count means none were read.
      const cacheRead = call.cacheReadTokens ?? 0;
      numeric.cache_read_tokens.add(cacheRead);
      if (call.cacheReadTokens !== undefined) this.cacheReported++;
      if (cacheRead > 0) this.cacheHits++;
    }
    if (call.outputTokens !== undefined) numeric.output_tokens.add(call.outputTokens);
    if (call.reasoningTokens !== undefined) numeric.reasoning_tokens.add(call.reasoningTokens);
    if (call.costUsd !== undefined) numeric.cost.add(call.costUsd);
    if (call.contextUtilization !== undefined) numeric.context_utilization.add(call.contextUtilization);
    // `gen_ai.conversation.compacted` is only ever set to true, so once a segment shows any context
    // information, a call without it counts as not truncated (see README: truncation_rate).
    if (call.contextTruncated !== undefined) this.contextKnown++;
    if (call.contextTruncated === true) this.truncated++;
    if (call.droppedTokens !== undefined || call.contextUtilization !== undefined) {
      numeric.dropped_tokens.add(call.droppedTokens ?? 0);
    }
    if (call.outputText !== undefined) {
      this.textCalls++;
      numeric.output_length.add(call.outputText.length);
      if (isRefusal(call.outputText)) this.refusals++;
    }
    for (const reason of call.finishReasons) increment(this.finishReasons, reason);
    if (call.responseModel !== undefined) increment(this.models, call.responseModel);
    if (call.requestModel !== undefined) increment(this.requestModels, call.requestModel);
  }
}
