/**
 * `summarize(records)`: one window's metrics per segment. Exact counts, rates with Wilson intervals, numeric
 * metrics with mean, total, min, max and p50/p95/p99 (latency and TTFT quantiles with seeded bootstrap
 * intervals). The returned object is plain JSON-ready data; the accumulated samples travel with it
 * (non-enumerable) so `compare()` can test two summaries against each other.
 */
import { type EvaluatorConfig, type EvaluatorConfigInput, resolveConfig } from '../config.js';
import { METRIC_NAMES, METRICS, type MetricKind, type MetricName } from '../metrics/catalogue.js';
import { type MetricData, metricData } from '../metrics/extract.js';
import type { TraceRecord } from '../records.js';
import { ALL_SEGMENT, compareSegmentKeys } from '../segments.js';
import { bootstrapQuantilesCI, quantileSorted, wilsonInterval } from '../stats/index.js';
import type { SegmentAccumulator } from './segment-accumulator.js';
import { WindowAccumulator } from './window.js';

/** A point estimate with an optional confidence interval [lower, upper]. */
export interface Estimate {
  value: number;
  ci?: [number, number];
}

/** A numeric metric of one segment. */
export interface NumericMetricSummary {
  kind: 'numeric';
  available: true;
  unit: string;
  /** Values observed (calls that carried the metric). */
  count: number;
  mean: number;
  total: number;
  min: number;
  max: number;
  p50: Estimate;
  p95: Estimate;
  p99: Estimate;
  /** True when quantiles come from the seeded reservoir sample rather than every value. */
  sampled: boolean;
  note?: string;
}

/** A rate of one segment, with a Wilson interval. */
export interface RateMetricSummary {
  kind: 'rate';
  available: true;
  numerator: number;
  denominator: number;
  rate: Estimate;
  note?: string;
}

/** A categorical mix of one segment: counts per category (sorted by name). */
export interface CategoricalMetricSummary {
  kind: 'categorical';
  available: true;
  total: number;
  counts: Record<string, number>;
  note?: string;
}

/** A metric the spans did not carry the data for. */
export interface UnavailableMetricSummary {
  kind: MetricKind;
  available: false;
  note: string;
}

/** Any metric summary. */
export type MetricSummary =
  | NumericMetricSummary
  | RateMetricSummary
  | CategoricalMetricSummary
  | UnavailableMetricSummary;

/** One segment's metrics. */
export interface SegmentSummary {
  /** `all`, or e.g. `provider=openai model=gpt-4o-mini prompt=support@3 operation=chat`. */
  segment: string;
  dimensions: Record<string, string>;
  calls: number;
  metrics: Partial<Record<MetricName, MetricSummary>>;
}

/** One window's metrics. */
export interface WindowSummary {
  calls: number;
  /** Chain steps (workflow, agent, task, tool spans). */
  steps: number;
  /** Earliest start and latest end of the records, ISO 8601 (absent when empty). */
  firstTime?: string;
  lastTime?: string;
  segmentBy: string[];
  segments: SegmentSummary[];
}

/** Options of `summarize`. */
export interface SummarizeOptions {
  /** Settings (segments, sample cap, seed, refusal phrases, ...); defaults when absent. */
  config?: EvaluatorConfigInput;
  /** Compute bootstrap intervals for latency/TTFT quantiles. Default true. */
  intervals?: boolean;
  /** Only records for which this returns true are counted (e.g. a time window). */
  filter?: (record: TraceRecord) => boolean;
}

const WINDOW_DATA = Symbol('sightline.window');
const QUANTILES = [0.5, 0.95, 0.99];
const QUANTILE_CI_METRICS = new Set<MetricName>(['latency', 'ttft']);

function round(value: number): number {
  // Twelve significant digits: hides float noise, keeps output byte-stable across platforms.
  return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
}

function describeMetric(
  name: MetricName,
  data: MetricData,
  config: EvaluatorConfig,
  intervals: boolean,
  label: string,
): MetricSummary {
  const note = data.note !== undefined ? { note: data.note } : {};
  switch (data.kind) {
    case 'unavailable':
      return { kind: data.metricKind, available: false, note: data.note };
    case 'rate': {
      const ci = data.trials > 0 ? wilsonInterval(data.successes, data.trials, config.confidence) : undefined;
      const rate = data.trials > 0 ? data.successes / data.trials : 0;
      return {
        kind: 'rate',
        available: true,
        numerator: data.successes,
        denominator: data.trials,
        rate: {
          value: round(rate),
          ...(ci ? { ci: [round(ci.lower), round(ci.upper)] as [number, number] } : {}),
        },
        ...note,
      };
    }
    case 'categorical': {
      const counts: Record<string, number> = {};
      let total = 0;
      for (const key of [...data.counts.keys()].sort()) {
        counts[key] = data.counts.get(key)!;
        total += counts[key];
      }
      return { kind: 'categorical', available: true, total, counts, ...note };
    }
    case 'numeric': {
      const { sample } = data;
      const values = sample.sample().sort();
      const estimates: Estimate[] = QUANTILES.map((q) => ({ value: round(quantileSorted(values, q)) }));
      if (intervals && QUANTILE_CI_METRICS.has(name) && values.length >= 2) {
        const cis = bootstrapQuantilesCI(values, QUANTILES, {
          seed: `${config.seed}/${label}/${name}/quantiles`,
          resamples: config.bootstrapResamples,
          confidence: config.confidence,
        });
        cis.forEach((ci, index) => {
          estimates[index].ci = [round(ci.lower), round(ci.upper)];
        });
      }
      return {
        kind: 'numeric',
        available: true,
        unit: METRICS[name].unit,
        count: sample.count,
        mean: round(sample.mean),
        total: round(sample.sum),
        min: round(sample.min),
        max: round(sample.max),
        p50: estimates[0],
        p95: estimates[1],
        p99: estimates[2],
        sampled: sample.sampled,
        ...note,
      };
    }
  }
}

function describeSegment(
  segment: SegmentAccumulator,
  window: WindowAccumulator,
  intervals: boolean,
): SegmentSummary {
  const metrics: Partial<Record<MetricName, MetricSummary>> = {};
  const isAll = segment.key === ALL_SEGMENT;
  for (const name of METRIC_NAMES) {
    if (METRICS[name].scope === 'chain' && !isAll) continue;
    const data = metricData(segment, name, isAll ? window : undefined);
    metrics[name] = describeMetric(name, data, window.config, intervals, segment.key);
  }
  return { segment: segment.key, dimensions: segment.dimensions, calls: segment.calls, metrics };
}

/** Turns an accumulated window into its summary (and attaches the data for `compare`). */
export function describeWindow(window: WindowAccumulator, intervals = true): WindowSummary {
  const segments = [
    window.all,
    ...[...window.segments.values()].sort((a, b) => compareSegmentKeys(a.key, b.key)),
  ];
  const summary: WindowSummary = {
    calls: window.calls,
    steps: window.steps,
    ...(window.calls + window.steps > 0
      ? { firstTime: new Date(window.firstMs).toISOString(), lastTime: new Date(window.lastMs).toISOString() }
      : {}),
    segmentBy: [...window.config.segmentBy],
    segments: segments.map((segment) => describeSegment(segment, window, intervals)),
  };
  Object.defineProperty(summary, WINDOW_DATA, { value: window, enumerable: false });
  return summary;
}

/** The accumulated data behind a summary produced by `summarize` (throws for a hand-made object). */
export function windowData(summary: WindowSummary): WindowAccumulator {
  const window = (summary as unknown as Record<symbol, WindowAccumulator | undefined>)[WINDOW_DATA];
  if (!window) throw new TypeError('compare() needs summaries produced by summarize() in this process');
  return window;
}

/** Feeds records into a window accumulator; works with arrays, generators and async iterables. */
export async function accumulate(
  records: Iterable<TraceRecord> | AsyncIterable<TraceRecord>,
  config: EvaluatorConfig,
  filter?: (record: TraceRecord) => boolean,
): Promise<WindowAccumulator> {
  const window = new WindowAccumulator(config);
  for await (const record of records) if (!filter || filter(record)) window.add(record);
  return window;
}

/**
 * Summarises one window of records (e.g. `readCalls(source)` or an array of call records). Deterministic:
 * the same records in the same order give the same summary.
 */
export async function summarize(
  records: Iterable<TraceRecord> | AsyncIterable<TraceRecord>,
  options: SummarizeOptions = {},
): Promise<WindowSummary> {
  const config = resolveConfig(options.config);
  const window = await accumulate(records, config, options.filter);
  return describeWindow(window, options.intervals ?? true);
}
