/**
 * The drift report: the shape `--format json` prints (documented in the README). Numbers are plain JSON
 * numbers; a value that does not exist (no test ran, an infinite effect) is `null`, never a made-up zero.
 */
import type { MetricName } from '../metrics/catalogue.js';
import type { DriftMetricName } from '../metrics/drift-metrics.js';

/** Verdict of one metric in one segment. `unavailable`: the spans do not carry what the metric needs. */
export type MetricVerdict = 'drift' | 'pass' | 'inconclusive' | 'unavailable';

/** Verdict of the whole run. */
export type RunVerdict = 'drift' | 'pass' | 'inconclusive';

/**
 * Which test compared the windows. The permutation tests belong to the output-quality metrics: distinct-n on
 * equal-size subsamples, MMD with an RBF kernel on output embeddings (`semantic_drift`), and the mean
 * pairwise similarity of answers (`pairwise_similarity`).
 */
export type TestName =
  | 'ks'
  | 'two-proportion'
  | 'chi-square'
  | 'distinct-n-permutation'
  | 'mmd-rbf-permutation'
  | 'similarity-permutation'
  | 'none';

/** One metric in one segment, baseline vs current. */
export interface MetricResult {
  /** A core metric (`METRICS`) or an output-quality metric (`QUALITY_METRICS`). */
  metric: DriftMetricName;
  segment: string;
  test: TestName;
  /**
   * KS D, z of the two-proportion test, Pearson's X^2, or the unbiased MMD^2 (`semantic_drift`); null when no
   * test ran or the test has no single statistic (distinct-n and similarity permutation tests).
   */
  statistic: number | null;
  pValue: number | null;
  /** Benjamini-Hochberg adjusted over every test of the run. */
  adjustedPValue: number | null;
  /**
   * Wasserstein/std (numeric), current - baseline rate (rates), Jensen-Shannon distance (mixes), distinct-n
   * difference, debiased centroid cosine distance (`semantic_drift`), difference of mean pairwise cosine.
   */
  effect: number | null;
  effectThreshold: number;
  /**
   * Interval at the configured confidence: relative change of the mean (numeric; log-ratio normal
   * approximation), difference of rates (Newcombe). Null for mixes and when no test ran.
   */
  ci: [number, number] | null;
  nBaseline: number;
  nCurrent: number;
  /**
   * Mean (numeric) or rate in each window, distinct-n or mean pairwise cosine of each window; null for mixes,
   * `semantic_drift` and unavailable metrics.
   */
  baselineValue: number | null;
  currentValue: number | null;
  /**
   * Relative change of the mean (numeric), absolute change of the rate, or absolute difference (distinct-n,
   * pairwise similarity); null otherwise.
   */
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

/**
 * The embedder behind `semantic_drift` and `pairwise_similarity`, pinned in every report: both windows are
 * always embedded by this one embedder in one run, so a changed embedder can never show up as drift, and
 * results are comparable over time only when the ids match. `lexical` vectors measure shared wording, not
 * meaning, and every format labels them so.
 */
export interface EmbedderInfo {
  id: string;
  kind: 'lexical' | 'semantic';
}

/** The result of `compare()`. */
export interface DriftReport {
  verdict: RunVerdict;
  baseline: WindowInfo;
  current: WindowInfo;
  /** The embedder of the semantic quality metrics; null when none ran (quality off, no embedder). */
  embedder: EmbedderInfo | null;
  /** Id of the LLM judge (`judge:<model>:rubric-<hash>`) of `judge_*` metrics; null without a judge. */
  judge: string | null;
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
