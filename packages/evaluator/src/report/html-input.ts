/**
 * The one place that turns a finished drift run into the HTML report's input: value distributions from the
 * summaries' numeric samples, mixes from their categorical counts, calls / cost / p50 latency over time for
 * both windows (bucket size chosen from the windows' span), and the run's provenance.
 */
import type { EvaluatorConfig } from '../config.js';
import { METRIC_NAMES, METRICS } from '../metrics/catalogue.js';
import { metricData } from '../metrics/extract.js';
import type { DriftRun } from '../run.js';
import { ALL_SEGMENT } from '../segments.js';
import type { SegmentAccumulator } from '../summary/segment-accumulator.js';
import { windowData } from '../summary/summarize.js';
import { chooseBucketMs } from '../summary/time-series.js';
import type { WindowAccumulator } from '../summary/window.js';
import { SIGHTLINE_VERSION } from '../version.js';
import type {
  CategoricalMix,
  HtmlReportInput,
  NumericDistribution,
  Provenance,
  TimeSeriesPoint,
} from './html/types.js';

/** What the run itself does not know: the command line, the config, and optionally the time. */
export interface HtmlContext {
  /** The resolved configuration shown in the provenance. */
  config: EvaluatorConfig;
  /** The command line that produced the report. */
  command: string;
  /** ISO time of the run; omitted by default so the same input gives a byte-identical page. */
  generatedAt?: string;
  /** Extra versions to list (e.g. the CLI's). */
  versions?: Record<string, string>;
  title?: string;
}

function lookup(window: WindowAccumulator, key: string): SegmentAccumulator | undefined {
  return key === ALL_SEGMENT ? window.all : window.segments.get(key);
}

function segmentCharts(base: WindowAccumulator, curr: WindowAccumulator, key: string) {
  const baseSegment = lookup(base, key);
  const currSegment = lookup(curr, key);
  const distributions: Record<string, NumericDistribution> = {};
  const mixes: Record<string, CategoricalMix> = {};
  if (!baseSegment || !currSegment) return { distributions, mixes };
  const isAll = key === ALL_SEGMENT;
  for (const metric of METRIC_NAMES) {
    if (METRICS[metric].scope === 'chain' && !isAll) continue;
    const b = metricData(baseSegment, metric, isAll ? base : undefined);
    const c = metricData(currSegment, metric, isAll ? curr : undefined);
    if (b.kind === 'numeric' && c.kind === 'numeric') {
      distributions[metric] = { baseline: b.sample.sample(), current: c.sample.sample() };
    } else if (b.kind === 'categorical' && c.kind === 'categorical') {
      mixes[metric] = { baseline: Object.fromEntries(b.counts), current: Object.fromEntries(c.counts) };
    }
  }
  return { distributions, mixes };
}

function timeSeries(base: WindowAccumulator, curr: WindowAccumulator): TimeSeriesPoint[] {
  const span = (window: WindowAccumulator) =>
    Number.isFinite(window.firstMs) && Number.isFinite(window.lastMs) ? window.lastMs - window.firstMs : 0;
  const bucketMs = chooseBucketMs(Math.max(span(base), span(curr)));
  const points: TimeSeriesPoint[] = [];
  for (const [label, window] of [
    ['baseline', base],
    ['current', curr],
  ] as const) {
    for (const bucket of window.timeSeries.series(bucketMs)) {
      points.push({
        bucketStart: new Date(bucket.startMs).toISOString(),
        window: label,
        calls: bucket.calls,
        costUsd: bucket.costUsd === null ? null : Number(bucket.costUsd.toPrecision(12)),
        latencyP50Ms: bucket.latencyP50Ms === null ? null : Number(bucket.latencyP50Ms.toPrecision(6)),
      });
    }
  }
  return points;
}

/**
 * Builds `HtmlReportInput` for `renderHtmlReport` from a drift run. Deterministic: the same run and context
 * give the same input (no clock unless `context.generatedAt` is set).
 */
export function buildHtmlReportInput(run: DriftRun, context: HtmlContext): HtmlReportInput {
  const base = windowData(run.baseline);
  const curr = windowData(run.current);
  const distributions: HtmlReportInput['distributions'] = {};
  const mixes: HtmlReportInput['mixes'] = {};
  const segments = [...new Set(run.report.metrics.map((row) => row.segment))];
  for (const key of segments) {
    const charts = segmentCharts(base, curr, key);
    if (Object.keys(charts.distributions).length > 0) distributions[key] = charts.distributions;
    if (Object.keys(charts.mixes).length > 0) mixes[key] = charts.mixes;
  }
  const provenance: Provenance = {
    inputs: run.inputs,
    config: context.config,
    seed: context.config.seed,
    versions: { sightline: SIGHTLINE_VERSION, node: process.version, ...context.versions },
    command: context.command,
    ...(context.generatedAt ? { generatedAt: context.generatedAt } : {}),
  };
  return {
    report: run.report,
    distributions,
    mixes,
    timeSeries: timeSeries(base, curr),
    provenance,
    ...(context.title ? { title: context.title } : {}),
  };
}
