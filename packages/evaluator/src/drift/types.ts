/**
 * The drift report: the shape `--format json` prints (documented in the README). Numbers are plain JSON
 * numbers; a value that does not exist (no test ran, an infinite effect) is `null`, never a made-up zero.
 */
import type { MetricName } from '../metrics/catalogue.js';

/** Verdict of one metric in one segment. `unavailable`: the spans do not carry what the metric needs. */
export type MetricVerdict = 'drift' | 'pass' | 'inconclusive' | 'unavailable';

/** Verdict of the whole run. */
export type RunVerdict = 'drift' | 'pass' | 'inconclusive';

/** Which test compared the windows. */
export type TestName = 'ks' | 'two-proportion' | 'chi-square' | 'none';

/** One metric in one segment, baseline vs current. */
export interface MetricResult {
  metric: MetricName;
  segment: string;
  test: TestName;
  /** KS D, z of the two-proportion test, or Pearson's X^2; null when no test ran. */
  statistic: number | null;
  pValue: number | null;
  /** Benjamini-Hochberg adjusted over every test of the run. */
  adjustedPValue: number | null;
  /** Wasserstein/std (numeric), current - baseline rate (rates), Jensen-Shannon distance (mixes). */
  effect: number | null;
  effectThreshold: number;
  /**
   * Interval at the configured confidence: relative change of the mean (numeric; log-ratio normal
   * approximation), difference of rates (Newcombe). Null for mixes and when no test ran.
   */
  ci: [number, number] | null;
  nBaseline: number;
  nCurrent: number;
  /** Mean (numeric) or rate in each window; null for mixes and unavailable metrics. */
  baselineValue: number | null;
  currentValue: number | null;
  /** Relative change of the mean (numeric) or absolute change of the rate; null otherwise. */
  change: number | null;
  verdict: MetricVerdict;
  /** Why this verdict, in one line. */
  reason: string;
}

/** A configured gate evaluated on one segment. */
export interface GateOutcome {
  metric: MetricName;
  segment: string;
  /** e.g. `mean` for numeric metrics, `rate` for rates. */
  statistic: string;
  direction: 'increase' | 'decrease';
  /** Allowed change (relative for numeric metrics, absolute for rates). */
  limit: number;
  /** Observed change, the one-sided bound compared and its side. */
  estimate: number | null;
  bound: number | null;
  boundSide: 'lower' | 'upper';
  ci: [number, number] | null;
  nBaseline: number;
  nCurrent: number;
  verdict: 'pass' | 'fail' | 'inconclusive';
  reason: string;
}

/** What one window was. */
export interface WindowInfo {
  /** Where the records came from (paths), when known. */
  source?: string;
  /** The time window, when the records were filtered by one. */
  window?: { spec: string; from: string | null; to: string | null };
  calls: number;
  steps: number;
  firstTime?: string;
  lastTime?: string;
  /** Reading counters (files, lines, spans, duplicates, invalid) when read from files. */
  read?: {
    files: number;
    lines: number;
    spans: number;
    duplicates: number;
    invalidLines: number;
    invalidSpans: number;
    problems: string[];
  };
}

/** The result of `compare()`. */
export interface DriftReport {
  verdict: RunVerdict;
  baseline: WindowInfo;
  current: WindowInfo;
  settings: {
    alpha: number;
    confidence: number;
    seed: string | number;
    segmentBy: string[];
    minSamples: number;
  };
  counts: Record<MetricVerdict, number> & { gatesFailed: number };
  metrics: MetricResult[];
  gates: GateOutcome[];
}
