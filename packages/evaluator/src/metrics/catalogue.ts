/**
 * Every metric the evaluator computes, with its kind (which test compares it), unit and default practical
 * threshold. Names are stable: they appear in JSON reports, config files and gates.
 */

/** How a metric is compared between windows. */
export type MetricKind = 'numeric' | 'rate' | 'categorical';

/** Description of one metric. */
export interface MetricDefinition {
  kind: MetricKind;
  /** Unit of the values (numeric) or of the rate. */
  unit: string;
  /** What it measures, for help texts and the README. */
  description: string;
  /**
   * Default practical threshold of the effect: Wasserstein distance / pooled std for numeric metrics, absolute
   * difference of rates for rates, Jensen-Shannon distance (base 2) for categorical mixes.
   */
  effectThreshold: number;
  /** `chain` metrics come from workflow/tool spans and exist only in the `all` segment. */
  scope: 'call' | 'chain';
}

/** The metric catalogue, in report order. */
export const METRICS = {
  latency: { kind: 'numeric', unit: 'ms', description: 'Call duration', effectThreshold: 0.1, scope: 'call' },
  ttft: {
    kind: 'numeric',
    unit: 'ms',
    description: 'Time to first chunk (streams)',
    effectThreshold: 0.1,
    scope: 'call',
  },
  input_tokens: {
    kind: 'numeric',
    unit: 'tokens',
    description: 'Input tokens per call (incl. cached)',
    effectThreshold: 0.1,
    scope: 'call',
  },
  output_tokens: {
    kind: 'numeric',
    unit: 'tokens',
    description: 'Output tokens per call',
    effectThreshold: 0.1,
    scope: 'call',
  },
  cache_read_tokens: {
    kind: 'numeric',
    unit: 'tokens',
    description: 'Cache-read input tokens per call',
    effectThreshold: 0.1,
    scope: 'call',
  },
  reasoning_tokens: {
    kind: 'numeric',
    unit: 'tokens',
    description: 'Reasoning output tokens per call',
    effectThreshold: 0.1,
    scope: 'call',
  },
  cost: {
    kind: 'numeric',
    unit: 'USD',
    description: 'Cost per call (sightline.cost.usd)',
    effectThreshold: 0.1,
    scope: 'call',
  },
  output_length: {
    kind: 'numeric',
    unit: 'chars',
    description: 'Characters of captured output text',
    effectThreshold: 0.1,
    scope: 'call',
  },
  context_utilization: {
    kind: 'numeric',
    unit: 'ratio',
    description: 'Input tokens / context window',
    effectThreshold: 0.1,
    scope: 'call',
  },
  dropped_tokens: {
    kind: 'numeric',
    unit: 'tokens',
    description: 'Tokens dropped by context fitting per call',
    effectThreshold: 0.1,
    scope: 'call',
  },
  error_rate: {
    kind: 'rate',
    unit: 'share of calls',
    description: 'Calls that failed',
    effectThreshold: 0.01,
    scope: 'call',
  },
  truncation_rate: {
    kind: 'rate',
    unit: 'share of calls',
    description: 'Calls whose context was truncated or compacted',
    effectThreshold: 0.02,
    scope: 'call',
  },
  refusal_rate: {
    kind: 'rate',
    unit: 'share of calls',
    description: 'Outputs matching a refusal phrase',
    effectThreshold: 0.01,
    scope: 'call',
  },
  cache_hit: {
    kind: 'rate',
    unit: 'share of calls',
    description: 'Calls that read input from the prompt cache',
    effectThreshold: 0.05,
    scope: 'call',
  },
  finish_reason: {
    kind: 'categorical',
    unit: 'mix',
    description: 'Mix of finish reasons',
    effectThreshold: 0.05,
    scope: 'call',
  },
  model_mix: {
    kind: 'categorical',
    unit: 'mix',
    description: 'Mix of response models',
    effectThreshold: 0.05,
    scope: 'call',
  },
  workflow_duration: {
    kind: 'numeric',
    unit: 'ms',
    description: 'Workflow span duration',
    effectThreshold: 0.1,
    scope: 'chain',
  },
  tool_error_rate: {
    kind: 'rate',
    unit: 'share of tool calls',
    description: 'Tool executions that failed',
    effectThreshold: 0.01,
    scope: 'chain',
  },
} as const satisfies Record<string, MetricDefinition>;

/** A metric name. */
export type MetricName = keyof typeof METRICS;

/** All metric names in report order. */
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** Numeric metrics taken from call records. */
export type NumericMetricName = {
  [K in MetricName]: (typeof METRICS)[K]['kind'] extends 'numeric' ? K : never;
}[MetricName];

/** True for a known metric name. */
export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRICS, name);
}
