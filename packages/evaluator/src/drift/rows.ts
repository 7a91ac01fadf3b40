/**
 * One row of the drift report before and after multiple-testing adjustment: plan (sample sizes, test) and
 * decide (the one rule: drift only when the adjusted p-value is below alpha AND the effect reaches the
 * practical threshold; below the minimum sample size a metric is inconclusive, never pass).
 */
import type { EvaluatorConfig } from '../config.js';
import type { DriftMetricName } from '../metrics/drift-metrics.js';
import { type MetricData, sampleSize } from '../metrics/extract.js';
import { decideWithReason } from '../stats/index.js';
import { pointValue, runTest, type TestOutcome } from './tests.js';
import type { MetricResult } from './types.js';

/** A row with the test outcome that its verdict is decided from after adjustment. */
export interface PendingRow {
  row: MetricResult;
  outcome?: TestOutcome;
  minSamples: number;
}

/** The number, or null when it is missing or not finite. */
export function finite(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

/** The interval, or null when an end is not finite. */
export function interval(ci: [number, number] | null): [number, number] | null {
  if (!ci) return null;
  const [lower, upper] = ci;
  return Number.isFinite(lower) && Number.isFinite(upper) ? [lower, upper] : null;
}

/** A row before any test: inconclusive until decided. */
export function baseRow(
  metric: DriftMetricName,
  segment: string,
  nBaseline: number,
  nCurrent: number,
  threshold: number,
): MetricResult {
  return {
    metric,
    segment,
    test: 'none',
    statistic: null,
    pValue: null,
    adjustedPValue: null,
    effect: null,
    effectThreshold: threshold,
    ci: null,
    nBaseline,
    nCurrent,
    baselineValue: null,
    currentValue: null,
    change: null,
    verdict: 'inconclusive',
    reason: '',
  };
}

/** Plans a row from the data of both windows: availability, sample sizes, and the test when it can run. */
export function planRow(
  metric: DriftMetricName,
  key: string,
  base: MetricData | undefined,
  curr: MetricData | undefined,
  config: EvaluatorConfig,
): PendingRow {
  const settings = config.metrics[metric];
  const nBase = base ? sampleSize(base) : 0;
  const nCurr = curr ? sampleSize(curr) : 0;
  const row = baseRow(metric, key, nBase, nCurr, settings.effectThreshold);
  row.baselineValue = base ? finite(pointValue(base)) : null;
  row.currentValue = curr ? finite(pointValue(curr)) : null;
  if (!base || !curr) {
    row.reason = `segment absent in the ${!base ? 'baseline' : 'current'} window`;
    return { row, minSamples: settings.minSamples };
  }
  if (base.kind === 'unavailable' || curr.kind === 'unavailable') {
    row.verdict = 'unavailable';
    const which =
      base.kind === 'unavailable' && curr.kind === 'unavailable'
        ? 'both windows'
        : base.kind === 'unavailable'
          ? 'baseline'
          : 'current';
    row.reason = `${which}: ${base.kind === 'unavailable' ? base.note : (curr as { note: string }).note}`;
    return { row, minSamples: settings.minSamples };
  }
  if (nBase < settings.minSamples || nCurr < settings.minSamples) {
    row.reason = `too few samples (baseline ${nBase}, current ${nCurr}; need ${settings.minSamples} each)`;
    return { row, minSamples: settings.minSamples };
  }
  const outcome = runTest(base, curr, config);
  row.test = outcome.test;
  row.statistic = finite(outcome.statistic);
  row.pValue = finite(outcome.pValue);
  row.effect = finite(outcome.effect);
  row.ci = interval(outcome.ci);
  row.baselineValue = finite(outcome.baselineValue ?? row.baselineValue);
  row.currentValue = finite(outcome.currentValue ?? row.currentValue);
  row.change = finite(outcome.change);
  return { row, outcome, minSamples: settings.minSamples };
}

/** Decides a planned row once its adjusted p-value is known. */
export function decideRow(pending: PendingRow, alpha: number): void {
  const { row, outcome } = pending;
  if (!outcome || row.verdict === 'unavailable') return;
  const notes = [outcome.note, base(outcome)].filter(Boolean).join('; ');
  if (outcome.degenerate) {
    // One category in both windows: the mixes are identical, there is nothing that could have drifted.
    row.verdict = Math.abs(outcome.effect) < row.effectThreshold ? 'pass' : 'inconclusive';
    row.reason = `single category after merging sparse cells${notes ? `; ${notes}` : ''}`;
    return;
  }
  const decision = decideWithReason({
    adjustedP: row.adjustedPValue,
    alpha,
    effect: outcome.effect,
    effectThreshold: row.effectThreshold,
    nBaseline: row.nBaseline,
    nCurrent: row.nCurrent,
    minSamples: pending.minSamples,
  });
  row.verdict = decision.verdict;
  row.reason = notes ? `${decision.reason}; ${notes}` : decision.reason;
}

function base(outcome: TestOutcome): string {
  return Number.isFinite(outcome.effect) ? '' : 'effect is infinite (a constant moved)';
}
