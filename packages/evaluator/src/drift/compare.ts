/**
 * `compare(baseline, current, config)`: every enabled metric in every segment, tested, adjusted for multiple
 * testing (Benjamini-Hochberg over all metrics x segments of the run) and decided by one rule: drift only
 * when the adjusted p-value is below alpha AND the effect reaches the practical threshold; below the minimum
 * sample size a metric is inconclusive, never pass. Gates are evaluated alongside.
 */
import { type EvaluatorConfigInput, resolveConfig } from '../config.js';
import { METRIC_NAMES, METRICS, type MetricName } from '../metrics/catalogue.js';
import { type MetricData, metricData, sampleSize } from '../metrics/extract.js';
import { ALL_SEGMENT, compareSegmentKeys } from '../segments.js';
import { benjaminiHochberg, decideWithReason } from '../stats/index.js';
import type { SegmentAccumulator } from '../summary/segment-accumulator.js';
import { type WindowSummary, windowData } from '../summary/summarize.js';
import type { WindowAccumulator } from '../summary/window.js';
import { evaluateGates } from './gates.js';
import { pointValue, runTest, type TestOutcome } from './tests.js';
import type { DriftReport, MetricResult, MetricVerdict, RunVerdict, WindowInfo } from './types.js';

/** Options of `compare`. */
export interface CompareOptions {
  /** Descriptions of the windows for the report (source, time window, read counters). */
  baselineInfo?: Partial<WindowInfo>;
  currentInfo?: Partial<WindowInfo>;
}

interface PendingRow {
  row: MetricResult;
  outcome?: TestOutcome;
  minSamples: number;
}

function finite(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

function interval(ci: [number, number] | null): [number, number] | null {
  if (!ci) return null;
  const [lower, upper] = ci;
  return Number.isFinite(lower) && Number.isFinite(upper) ? [lower, upper] : null;
}

function baseRow(
  metric: MetricName,
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

function planRow(
  metric: MetricName,
  key: string,
  base: MetricData | undefined,
  curr: MetricData | undefined,
  config: ReturnType<typeof resolveConfig>,
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

function decideRow(pending: PendingRow, alpha: number): void {
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

function lookup(window: WindowAccumulator, key: string): SegmentAccumulator | undefined {
  return key === ALL_SEGMENT ? window.all : window.segments.get(key);
}

function describeWindow(window: WindowAccumulator, info: Partial<WindowInfo> | undefined): WindowInfo {
  const hasRecords = window.calls + window.steps > 0;
  return {
    ...info,
    calls: window.calls,
    steps: window.steps,
    ...(hasRecords
      ? { firstTime: new Date(window.firstMs).toISOString(), lastTime: new Date(window.lastMs).toISOString() }
      : {}),
  };
}

/**
 * Compares two windows summarised by `summarize()` (with the same segment settings). Deterministic: the same
 * inputs and config give an identical report. Throws `InputError` on an invalid config.
 */
export function compare(
  baseline: WindowSummary,
  current: WindowSummary,
  configInput?: EvaluatorConfigInput,
  options: CompareOptions = {},
): DriftReport {
  const config = resolveConfig(configInput);
  const baseWindow = windowData(baseline);
  const currWindow = windowData(current);
  const keys = [...new Set([ALL_SEGMENT, ...baseWindow.segments.keys(), ...currWindow.segments.keys()])].sort(
    compareSegmentKeys,
  );
  const pending: PendingRow[] = [];
  for (const key of keys) {
    const baseSegment = lookup(baseWindow, key);
    const currSegment = lookup(currWindow, key);
    const isAll = key === ALL_SEGMENT;
    for (const metric of METRIC_NAMES) {
      if (!config.metrics[metric].enabled) continue;
      if (METRICS[metric].scope === 'chain' && !isAll) continue;
      const baseData = baseSegment
        ? metricData(baseSegment, metric, isAll ? baseWindow : undefined)
        : undefined;
      const currData = currSegment
        ? metricData(currSegment, metric, isAll ? currWindow : undefined)
        : undefined;
      // A metric unavailable on a side where the segment is absent says nothing more than "absent".
      if ((!baseData && currData?.kind === 'unavailable') || (!currData && baseData?.kind === 'unavailable'))
        continue;
      pending.push(planRow(metric, key, baseData, currData, config));
    }
  }
  const adjusted = benjaminiHochberg(
    pending.map((p) => (p.outcome && !p.outcome.degenerate ? p.row.pValue : null)),
  );
  pending.forEach((p, index) => {
    p.row.adjustedPValue = finite(adjusted[index]);
    decideRow(p, config.alpha);
  });
  const metrics = pending.map((p) => p.row);
  const gates = evaluateGates(config, baseWindow, currWindow);
  const counts = { drift: 0, pass: 0, inconclusive: 0, unavailable: 0, gatesFailed: 0 } as Record<
    MetricVerdict,
    number
  > & { gatesFailed: number };
  for (const row of metrics) counts[row.verdict]++;
  counts.gatesFailed = gates.filter((gate) => gate.verdict === 'fail').length;
  let verdict: RunVerdict = 'pass';
  if (counts.drift > 0 || counts.gatesFailed > 0) verdict = 'drift';
  else if (counts.inconclusive > 0 || gates.some((gate) => gate.verdict === 'inconclusive'))
    verdict = 'inconclusive';
  return {
    verdict,
    baseline: describeWindow(baseWindow, options.baselineInfo),
    current: describeWindow(currWindow, options.currentInfo),
    settings: {
      alpha: config.alpha,
      confidence: config.confidence,
      seed: config.seed,
      segmentBy: [...config.segmentBy],
      minSamples: config.minSamples,
    },
    counts,
    metrics,
    gates,
  };
}
