/**
 * `compare(baseline, current, config)`: every enabled metric in every segment, tested, adjusted for multiple
 * testing (Benjamini-Hochberg over all metrics x segments of the run) and decided by one rule: drift only
 * when the adjusted p-value is below alpha AND the effect reaches the practical threshold; below the minimum
 * sample size a metric is inconclusive, never pass. Gates are evaluated alongside.
 */
import { type EvaluatorConfigInput, resolveConfig } from '../config.js';
import { METRIC_NAMES, METRICS } from '../metrics/catalogue.js';
import { metricData } from '../metrics/extract.js';
import { ALL_SEGMENT, compareSegmentKeys } from '../segments.js';
import { benjaminiHochberg } from '../stats/index.js';
import type { SegmentAccumulator } from '../summary/segment-accumulator.js';
import { type WindowSummary, windowData } from '../summary/summarize.js';
import type { WindowAccumulator } from '../summary/window.js';
import { evaluateGates } from './gates.js';
import { assessQuality, type QualityAssessment } from './quality.js';
import { planQualityRow } from './quality-rows.js';
import type { QualityRuntime } from './quality-runtime.js';
import { decideRow, finite, type PendingRow, planRow } from './rows.js';
import type { DriftReport, MetricVerdict, RunVerdict, WindowInfo } from './types.js';

/** Options of `compare`. */
export interface CompareOptions {
  /** Descriptions of the windows for the report (source, time window, read counters). */
  baselineInfo?: Partial<WindowInfo>;
  currentInfo?: Partial<WindowInfo>;
  /**
   * Output-quality inputs from `assessQuality` (what `compareWithQuality` passes). Without them the report has
   * only the core metrics.
   */
  quality?: QualityAssessment;
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
    // Quality rows join the same list: one Benjamini-Hochberg adjustment over core and quality metrics.
    for (const entry of options.quality?.segments.get(key) ?? [])
      pending.push(planQualityRow(entry, key, config));
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
    embedder: options.quality?.embedder ?? null,
    judge: options.quality?.judge ?? null,
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

/** Options of `compareWithQuality`: those of `compare` plus the embedder and judge to use. */
export interface CompareWithQualityOptions extends Omit<CompareOptions, 'quality'>, QualityRuntime {}

/**
 * `compare` with the output-quality metrics of the config's `quality` section: scores the captured output
 * texts of both windows per segment (embedding and judging when configured), then compares everything in one
 * report with one Benjamini-Hochberg adjustment. Deterministic for the same input, config and seed.
 */
export async function compareWithQuality(
  baseline: WindowSummary,
  current: WindowSummary,
  configInput?: EvaluatorConfigInput,
  options: CompareWithQualityOptions = {},
): Promise<DriftReport> {
  const config = resolveConfig(configInput);
  const { embedder, judge, ...compareOptions } = options;
  const runtime: QualityRuntime = {
    ...(embedder !== undefined ? { embedder } : {}),
    ...(judge !== undefined ? { judge } : {}),
  };
  const quality = await assessQuality(windowData(baseline), windowData(current), config, runtime);
  return compare(baseline, current, configInput, { ...compareOptions, quality });
}
