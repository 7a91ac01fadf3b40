/**
 * The one place that says, per metric, which accumulated data it is computed from and when it is
 * unavailable (the spans did not carry what it needs). Summaries and drift comparisons both read metrics
 * through `metricData`, so "unavailable, not zero" is decided once.
 */
import type { NumericSample } from '../summary/numeric-sample.js';
import type { SegmentAccumulator } from '../summary/segment-accumulator.js';
import type { WindowAccumulator } from '../summary/window.js';
import { METRICS, type MetricKind, type MetricName } from './catalogue.js';

/** The data behind one metric in one segment. */
export type MetricData =
  | { kind: 'numeric'; sample: NumericSample; note?: string }
  | { kind: 'rate'; successes: number; trials: number; note?: string }
  | { kind: 'categorical'; counts: Map<string, number>; note?: string }
  | { kind: 'unavailable'; metricKind: MetricKind; note: string };

const NO_USAGE = 'no call reported token usage (gen_ai.usage.*)';
const NO_TEXT = 'output text not captured (gen_ai.output.messages; content capture is off by default)';
const NO_CONTEXT = 'no context information on the spans (sightline.context.*, gen_ai.conversation.compacted)';

function unavailable(name: MetricName, note: string): MetricData {
  return { kind: 'unavailable', metricKind: METRICS[name].kind, note };
}

function numeric(name: MetricName, sample: NumericSample, missingNote: string, note?: string): MetricData {
  return sample.count > 0 ? { kind: 'numeric', sample, note } : unavailable(name, missingNote);
}

function usageNote(segment: SegmentAccumulator): string | undefined {
  return segment.usageMissing > 0
    ? `${segment.usageMissing} call(s) without usage (sightline.usage.missing) excluded`
    : undefined;
}

function callMetric(segment: SegmentAccumulator, name: MetricName): MetricData {
  const n = segment.numeric;
  switch (name) {
    case 'latency':
      return numeric(name, n.latency, 'no calls');
    case 'ttft':
      return numeric(name, n.ttft, 'no streamed call reported gen_ai.response.time_to_first_chunk');
    case 'input_tokens':
      return numeric(name, n.input_tokens, NO_USAGE, usageNote(segment));
    case 'output_tokens':
      return numeric(name, n.output_tokens, NO_USAGE, usageNote(segment));
    case 'reasoning_tokens':
      return numeric(name, n.reasoning_tokens, 'no call reported gen_ai.usage.reasoning.output_tokens');
    case 'cache_read_tokens':
    case 'cache_hit': {
      if (segment.cacheReported === 0)
        return unavailable(name, 'no call reported gen_ai.usage.cache_read.input_tokens');
      if (name === 'cache_read_tokens') return numeric(name, n.cache_read_tokens, NO_USAGE);
      return { kind: 'rate', successes: segment.cacheHits, trials: segment.usageKnown };
    }
    case 'cost': {
      const coverage =
        n.cost.count < segment.calls ? `cost known for ${n.cost.count} of ${segment.calls} calls` : undefined;
      return numeric(
        name,
        n.cost,
        'no call carried sightline.cost.usd (unknown model or another instrumentation)',
        coverage,
      );
    }
    case 'output_length':
      return numeric(name, n.output_length, NO_TEXT);
    case 'context_utilization':
      return numeric(name, n.context_utilization, 'no call carried sightline.context.utilization');
    case 'dropped_tokens':
      return numeric(name, n.dropped_tokens, 'no call carried sightline.context.* token counts');
    case 'error_rate':
      return segment.calls > 0
        ? { kind: 'rate', successes: segment.errors, trials: segment.calls }
        : unavailable(name, 'no calls');
    case 'truncation_rate':
      return segment.contextKnown > 0
        ? { kind: 'rate', successes: segment.truncated, trials: segment.calls }
        : unavailable(name, NO_CONTEXT);
    case 'refusal_rate':
      return segment.textCalls > 0
        ? { kind: 'rate', successes: segment.refusals, trials: segment.textCalls }
        : unavailable(name, NO_TEXT);
    case 'finish_reason':
      return segment.finishReasons.size > 0
        ? { kind: 'categorical', counts: segment.finishReasons }
        : unavailable(name, 'no call reported gen_ai.response.finish_reasons');
    case 'model_mix':
      // Response models say what served the call; spans without them fall back to the requested models.
      if (segment.models.size > 0) return { kind: 'categorical', counts: segment.models };
      return segment.requestModels.size > 0
        ? {
            kind: 'categorical',
            counts: segment.requestModels,
            note: 'request models (no gen_ai.response.model)',
          }
        : unavailable(name, 'no call reported a model');
    default:
      return unavailable(name, 'a chain metric: only in the `all` segment');
  }
}

/**
 * The data of `name` in `segment`. Chain metrics (`workflow_duration`, `tool_error_rate`) exist only for the
 * `all` segment and need the window; pass it as `window` for that segment.
 */
export function metricData(
  segment: SegmentAccumulator,
  name: MetricName,
  window?: WindowAccumulator,
): MetricData {
  if (METRICS[name].scope === 'call') return callMetric(segment, name);
  if (!window) return unavailable(name, 'a chain metric: only in the `all` segment');
  if (name === 'workflow_duration') return numeric(name, window.workflowDuration, 'no workflow spans');
  return window.toolCalls > 0
    ? { kind: 'rate', successes: window.toolErrors, trials: window.toolCalls }
    : unavailable(name, 'no tool spans');
}

/** Sample size a metric's verdict is based on. */
export function sampleSize(data: MetricData): number {
  switch (data.kind) {
    case 'numeric':
      return data.sample.count;
    case 'rate':
      return data.trials;
    case 'categorical': {
      let total = 0;
      for (const count of data.counts.values()) total += count;
      return total;
    }
    default:
      return 0;
  }
}
