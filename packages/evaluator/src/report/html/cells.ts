/**
 * Formatting of report values for the HTML tables and the JUnit messages, built on the text reporters'
 * formatters so every format prints the same numbers, for core and output-quality metrics alike. Names
 * outside both catalogues fall back to plain significant-digit numbers instead of failing.
 */
import type { MetricResult } from '../../drift/types.js';
import { driftMetricKind, driftMetricUnit, isDriftMetricName } from '../../metrics/drift-metrics.js';
import { formatChange, formatEffect, formatInterval, formatP, formatValue } from '../format.js';
import { compactNumber } from './chart-data.js';

/** `numeric`, `rate`, `categorical`, or `other` (set, embedding and unknown metrics). */
export function metricKind(metric: string): 'numeric' | 'rate' | 'categorical' | 'other' {
  const kind = driftMetricKind(metric);
  return kind === 'numeric' || kind === 'rate' || kind === 'categorical' ? kind : 'other';
}

/** The metric's unit (`ms`, `USD`, ...), or an empty string. */
export function metricUnit(metric: string): string {
  return driftMetricUnit(metric);
}

function plain(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '-' : compactNumber(value);
}

/** A metric value in its unit. */
export function valueText(metric: string, value: number | null): string {
  return isDriftMetricName(metric) ? formatValue(metric, value) : plain(value);
}

/** The change between windows (relative for numeric metrics, points for rates). */
export function changeText(metric: string, change: number | null): string {
  return isDriftMetricName(metric) ? formatChange(metric, change) : plain(change);
}

/** The confidence interval of the change. */
export function ciText(metric: string, ci: [number, number] | null): string {
  if (isDriftMetricName(metric)) return formatInterval(metric, ci);
  return ci ? `[${plain(ci[0])}, ${plain(ci[1])}]` : '-';
}

/** A p-value. */
export function pText(p: number | null): string {
  return formatP(p);
}

/** `0.312 ≥ 0.1` style (or `0.312 ≥ threshold 0.1` with `named`): the effect against its practical threshold. */
export function effectText(row: Pick<MetricResult, 'effect' | 'effectThreshold'>, named = false): string {
  if (row.effect === null) return `- (threshold ${formatEffect(row.effectThreshold)})`;
  const relation = Math.abs(row.effect) >= row.effectThreshold ? '≥' : '<';
  return `${formatEffect(row.effect)} ${relation} ${named ? 'threshold ' : ''}${formatEffect(row.effectThreshold)}`;
}

const TEST_LABELS: Record<string, string> = {
  ks: 'KS',
  'two-proportion': 'two-proportion test',
  'chi-square': 'chi-square',
  'distinct-n-permutation': 'distinct-n permutation test',
  'mmd-rbf-permutation': 'MMD (RBF) permutation test',
  'similarity-permutation': 'similarity permutation test',
  none: '-',
};
const SHORT_TEST_LABELS: Record<string, string> = {
  ks: 'KS',
  'two-proportion': 'z-test',
  'chi-square': 'χ²',
  'distinct-n-permutation': 'permutation',
  'mmd-rbf-permutation': 'MMD',
  'similarity-permutation': 'permutation',
  none: '-',
};
const STATISTIC_SYMBOLS: Record<string, string> = {
  ks: 'D',
  'two-proportion': 'z',
  'chi-square': 'X²',
  'mmd-rbf-permutation': 'MMD²',
};

/** Human name of the test. */
export function testText(test: string): string {
  return TEST_LABELS[test] ?? test;
}

/** Short test name for narrow table cells. */
export function shortTestText(test: string): string {
  return SHORT_TEST_LABELS[test] ?? test;
}

/** `D = 0.412` style statistic, or `-`. */
export function statisticText(row: Pick<MetricResult, 'test' | 'statistic'>): string {
  if (row.statistic === null) return '-';
  return `${STATISTIC_SYMBOLS[row.test] ?? 'stat'} = ${formatEffect(row.statistic)}`;
}

/** Symbol shown with each verdict so it never relies on colour alone. */
export const VERDICT_SYMBOLS: Record<string, string> = {
  drift: '▲',
  fail: '▲',
  pass: '✓',
  inconclusive: '?',
  unavailable: '–',
};
