/**
 * One metric, one segment: pick the test by the metric's kind and compute statistic, p-value, effect and
 * interval. Numeric: two-sample Kolmogorov-Smirnov + Wasserstein/std. Rates: pooled two-proportion z-test +
 * Newcombe interval. Mixes: chi-square homogeneity with sparse cells merged + Jensen-Shannon distance.
 */
import type { EvaluatorConfig } from '../config.js';
import type { MetricData } from '../metrics/extract.js';
import {
  chiSquareHomogeneity,
  jensenShannonDistance,
  ksTwoSample,
  mean,
  normalQuantile,
  standardizedWasserstein,
  twoProportionTest,
  variance,
} from '../stats/index.js';
import type { TestName } from './types.js';

/** A test outcome before multiple-testing adjustment. */
export interface TestOutcome {
  test: TestName;
  statistic: number | null;
  pValue: number | null;
  effect: number;
  ci: [number, number] | null;
  baselineValue: number | null;
  currentValue: number | null;
  change: number | null;
  /** True when the test has nothing to compare (a single category in both windows). */
  degenerate: boolean;
  note?: string;
}

/** The mean (numeric) or rate (rates) of one window's data, for display. */
export function pointValue(data: MetricData): number | null {
  if (data.kind === 'numeric') return data.sample.mean;
  if (data.kind === 'rate') return data.trials > 0 ? data.successes / data.trials : null;
  return null;
}

/**
 * Interval for the relative change of the mean, m2/m1 - 1, from the normal approximation of log(m2/m1)
 * (delta method). Cheap enough for every metric of every segment; gates use a bootstrap instead.
 */
function relativeMeanChangeInterval(
  x: Float64Array,
  y: Float64Array,
  confidence: number,
): [number, number] | null {
  const m1 = mean(x);
  const m2 = mean(y);
  if (!(m1 > 0 && m2 > 0) || x.length < 2 || y.length < 2) return null;
  const se = Math.sqrt(variance(x) / (x.length * m1 * m1) + variance(y) / (y.length * m2 * m2));
  const z = normalQuantile(0.5 + confidence / 2);
  const center = Math.log(m2 / m1);
  return [Math.exp(center - z * se) - 1, Math.exp(center + z * se) - 1];
}

function numericTest(
  baseline: MetricData & { kind: 'numeric' },
  current: MetricData & { kind: 'numeric' },
  config: EvaluatorConfig,
): TestOutcome {
  const x = baseline.sample.sample();
  const y = current.sample.sample();
  const ks = ksTwoSample(x, y);
  const { effect } = standardizedWasserstein(x, y);
  const baselineValue = baseline.sample.mean;
  const currentValue = current.sample.mean;
  return {
    test: 'ks',
    statistic: ks.statistic,
    pValue: ks.pValue,
    effect,
    ci: relativeMeanChangeInterval(x, y, config.confidence),
    baselineValue,
    currentValue,
    change: baselineValue > 0 ? currentValue / baselineValue - 1 : null,
    degenerate: false,
  };
}

function rateTest(
  baseline: MetricData & { kind: 'rate' },
  current: MetricData & { kind: 'rate' },
  config: EvaluatorConfig,
): TestOutcome {
  const result = twoProportionTest(baseline.successes, baseline.trials, current.successes, current.trials, {
    confidence: config.confidence,
  });
  return {
    test: 'two-proportion',
    statistic: result.z,
    pValue: result.pValue,
    effect: result.diff,
    ci: [result.ci.lower, result.ci.upper],
    baselineValue: result.p1,
    currentValue: result.p2,
    change: result.diff,
    degenerate: false,
  };
}

function toRecord(counts: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of [...counts.keys()].sort()) out[key] = counts.get(key)!;
  return out;
}

function categoricalTest(
  baseline: MetricData & { kind: 'categorical' },
  current: MetricData & { kind: 'categorical' },
  config: EvaluatorConfig,
): TestOutcome {
  const a = toRecord(baseline.counts);
  const b = toRecord(current.counts);
  const result = chiSquareHomogeneity(a, b, { minExpected: config.chiSquareMinExpected });
  const note =
    result.merged.length > 0 ? `merged sparse categories: ${result.merged.join(', ')}` : result.note;
  return {
    test: 'chi-square',
    statistic: result.degenerate ? null : result.statistic,
    pValue: result.degenerate ? null : result.pValue,
    effect: jensenShannonDistance(a, b),
    ci: null,
    baselineValue: null,
    currentValue: null,
    change: null,
    degenerate: result.degenerate,
    ...(note ? { note } : {}),
  };
}

/** Runs the test that fits the metric's kind. Both sides must be available and of the same kind. */
export function runTest(baseline: MetricData, current: MetricData, config: EvaluatorConfig): TestOutcome {
  if (baseline.kind === 'numeric' && current.kind === 'numeric')
    return numericTest(baseline, current, config);
  if (baseline.kind === 'rate' && current.kind === 'rate') return rateTest(baseline, current, config);
  if (baseline.kind === 'categorical' && current.kind === 'categorical')
    return categoricalTest(baseline, current, config);
  throw new TypeError(`runTest: cannot compare ${baseline.kind} with ${current.kind}`);
}
