/**
 * Input of the HTML report: the drift report plus the data its charts draw (value distributions, categorical
 * mixes, a time series) and the run's provenance. Everything is plain data, so the renderer stays pure.
 */
import type { DriftReport } from '../../drift/types.js';

/** Raw values of one numeric metric in one segment (e.g. a reservoir sample). Non-finite values are ignored. */
export interface RawDistribution {
  baseline: ArrayLike<number>;
  current: ArrayLike<number>;
}

/** p50/p95/p99 of one window. */
export interface QuantileSummary {
  p50: number;
  p95: number;
  p99: number;
}

/**
 * A pre-binned histogram: `edges` has one more entry than each counts array; counts are per window and
 * are shown as shares of the window's total so windows of different sizes compare.
 */
export interface BinnedDistribution {
  edges: number[];
  baselineCounts: number[];
  currentCounts: number[];
  quantiles?: { baseline: QuantileSummary; current: QuantileSummary };
}

/** The distribution of a numeric metric in both windows. */
export type NumericDistribution = RawDistribution | BinnedDistribution;

/** Counts per category (e.g. finish reasons) in both windows. */
export interface CategoricalMix {
  baseline: Record<string, number>;
  current: Record<string, number>;
}

/** One time bucket of one window. */
export interface TimeSeriesPoint {
  /** ISO-8601 start of the bucket; buckets sort by this string. */
  bucketStart: string;
  window: 'baseline' | 'current';
  /** Segment key; defaults to `all`. */
  segment?: string;
  calls: number;
  costUsd: number | null;
  latencyP50Ms: number | null;
}

/** One input file of the run. */
export interface ProvenanceInput {
  path: string;
  sha256: string;
  bytes: number;
  /** Which window read it, when known. */
  window?: 'baseline' | 'current';
}

/** What produced the report, so a reader can reproduce it. */
export interface Provenance {
  inputs: ProvenanceInput[];
  /** The resolved configuration (any JSON value), shown pretty-printed. */
  config: unknown;
  seed: string | number;
  versions: { sightline: string; node: string } & Record<string, string>;
  /** ISO time of the run; the page contains no time unless given here. */
  generatedAt?: string;
  /** The command line that produced the report. */
  command: string;
}

/** Everything `renderHtmlReport` needs. Keys of the per-segment maps are segment keys (`all`, ...). */
export interface HtmlReportInput {
  report: DriftReport;
  /** Per segment, per numeric metric. Missing entries simply get no chart. */
  distributions?: Record<string, Record<string, NumericDistribution>>;
  /** Per segment, per categorical metric (finish_reason, model_mix, ...). */
  mixes?: Record<string, Record<string, CategoricalMix>>;
  timeSeries?: TimeSeriesPoint[];
  provenance: Provenance;
  /** Page title; default `Sightline drift report`. */
  title?: string;
}

/** Options of `renderHtmlReport`. */
export interface HtmlRenderOptions {
  /**
   * Source of the Chart.js UMD bundle to inline. Default: read from the installed `chart.js` package. Pass it
   * when the evaluator is bundled somewhere `chart.js` cannot be resolved from.
   */
  chartJsSource?: string;
}
