/**
 * The scheduled job as a function: resolve `--baseline` / `--current` (each a source or a time window over
 * the default source), read once per distinct source, summarise, compare with the output-quality metrics.
 * The CLI is a thin shell over `runDriftAnalysis` / `runDrift` and `runSummary`.
 */
import type { EvaluatorConfig } from './config.js';
import { compareWithQuality } from './drift/compare.js';
import type { QualityRuntime } from './drift/quality-runtime.js';
import type { DriftReport, WindowInfo } from './drift/types.js';
import { InputError } from './errors.js';
import { toSource } from './read.js';
import type { TraceRecord } from './records.js';
import type { ProvenanceInput } from './report/html/types.js';
import type { SummaryReport } from './report/reporter.js';
import { isJaegerSpec } from './sources/jaeger.js';
import { DEFAULT_TRACES_DIR } from './sources/otlp-file.js';
import { createReadStats, type ReadProgress, type ReadStats } from './sources/source.js';
import { describeWindow, type WindowSummary } from './summary/summarize.js';
import { WindowAccumulator } from './summary/window.js';
import { inWindow, isWindowSpec, parseWindow, type TimeWindow } from './windows.js';

/** Options shared by `runDrift`, `runDriftAnalysis` and `runSummary`. */
export interface RunOptions extends QualityRuntime {
  config: EvaluatorConfig;
  /** Source of window specs (files, folders, globs, or one `jaeger:` spec). Default `.sightline/traces`. */
  source?: string[];
  /** "now" for relative windows, epoch ms. Default `Date.now()`. */
  nowMs?: number;
  cwd?: string;
  skipInvalid?: boolean;
  onProgress?: (progress: ReadProgress) => void;
  /** Record size and SHA-256 of every input file while reading it (provenance of the HTML report). */
  hashInputs?: boolean;
}

/** A finished drift run: the report plus what the HTML report draws (summaries with samples, input files). */
export interface DriftRun {
  report: DriftReport;
  /** The window summaries; they carry the samples, mixes and time series of each window. */
  baseline: WindowSummary;
  current: WindowSummary;
  /** Input files with size and SHA-256 (only with `hashInputs`), in reading order. */
  inputs: ProvenanceInput[];
}

interface Target {
  label: 'baseline' | 'current' | 'window';
  specs: string[];
  window?: TimeWindow;
  accumulator: WindowAccumulator;
  stats?: ReadStats;
}

function resolveTarget(label: Target['label'], value: string, options: RunOptions, nowMs: number): Target {
  const accumulator = new WindowAccumulator(options.config);
  if (isWindowSpec(value)) {
    return {
      label,
      specs: options.source ?? [DEFAULT_TRACES_DIR],
      window: parseWindow(value, nowMs),
      accumulator,
    };
  }
  return { label, specs: [value], accumulator };
}

/** For a Jaeger source read for time windows: query just the span of those windows. */
function jaegerWindow(group: Target[], nowMs: number) {
  const windows = group.map((target) => target.window);
  if (windows.some((window) => window === undefined)) return { now: () => nowMs };
  const from = Math.min(...windows.map((window) => window!.fromMs));
  const to = Math.max(...windows.map((window) => window!.toMs));
  return {
    now: () => nowMs,
    ...(Number.isFinite(from) ? { start: from } : {}),
    ...(Number.isFinite(to) ? { end: to } : {}),
  };
}

async function readTargets(
  targets: Target[],
  options: RunOptions,
  nowMs: number,
): Promise<ProvenanceInput[]> {
  // Targets over the same source are filled in one pass: each record goes to every window it falls in.
  const groups = new Map<string, Target[]>();
  for (const target of targets) {
    const key = JSON.stringify(target.specs);
    groups.set(key, [...(groups.get(key) ?? []), target]);
  }
  const inputs: ProvenanceInput[] = [];
  for (const group of groups.values()) {
    const stats = createReadStats();
    const specs = group[0].specs;
    const source = toSource(specs, {
      cwd: options.cwd,
      ...(specs.some(isJaegerSpec) ? { jaeger: jaegerWindow(group, nowMs) } : {}),
    });
    const window = group.length === 1 && group[0].label !== 'window' ? group[0].label : undefined;
    const records: AsyncIterable<TraceRecord> = source.records({
      stats,
      skipInvalid: options.skipInvalid,
      onProgress: options.onProgress,
      ...(options.hashInputs
        ? { onFileRead: (file) => inputs.push({ ...file, ...(window ? { window } : {}) }) }
        : {}),
    });
    for await (const record of records) {
      for (const target of group) {
        if (!target.window || inWindow(target.window, record.startTimeMs)) target.accumulator.add(record);
      }
    }
    for (const target of group) target.stats = stats;
  }
  return inputs;
}

function isoOrNull(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function info(target: Target): Partial<WindowInfo> {
  const stats = target.stats!;
  return {
    source: target.specs.join(', '),
    ...(target.window
      ? {
          window: {
            spec: target.window.spec,
            from: isoOrNull(target.window.fromMs),
            to: isoOrNull(target.window.toMs),
          },
        }
      : {}),
    read: {
      files: stats.files,
      lines: stats.lines,
      spans: stats.spans,
      duplicates: stats.duplicates,
      invalidLines: stats.invalidLines,
      invalidSpans: stats.invalidSpans,
      problems: stats.problems,
    },
  };
}

function assertNotEmpty(target: Target): void {
  if (target.accumulator.calls > 0) return;
  const stats = target.stats!;
  const where = `${target.specs.join(', ')}${target.window ? ` in window ${target.window.spec} (${isoOrNull(target.window.fromMs) ?? '-inf'} .. ${isoOrNull(target.window.toMs)})` : ''}`;
  const read = `read ${stats.files} file(s), ${stats.lines} line(s), ${stats.spans} span(s), ${stats.calls} LLM call(s) in total`;
  throw new InputError(`${target.label}: no LLM call spans found in ${where}; ${read}`);
}

/**
 * Two windows over the same source must not overlap: a call in both would be compared with itself, the
 * two-sample tests assume independent samples, and the overlap pulls every verdict towards `pass`.
 */
function assertDisjoint(baseline: Target, current: Target): void {
  const [a, b] = [baseline.window, current.window];
  if (!a || !b || JSON.stringify(baseline.specs) !== JSON.stringify(current.specs)) return;
  const from = Math.max(a.fromMs, b.fromMs);
  const to = Math.min(a.toMs, b.toMs);
  if (from >= to) return;
  throw new InputError(
    `baseline window ${a.spec} and current window ${b.spec} overlap (${isoOrNull(from) ?? '-inf'} .. ${isoOrNull(to)}): calls in both would be compared with themselves; use windows that do not overlap, e.g. 14d..7d and 7d..now`,
  );
}

/**
 * Reads, summarises and compares two windows, core and output-quality metrics in one report, and keeps what
 * the HTML report needs. Each of `baseline` / `current` is a source (files, folders, globs, a frozen baseline
 * file, a `jaeger:` spec) or a time window over `options.source`. Throws `InputError` on bad input, an empty
 * window or a modified frozen baseline.
 */
export async function runDriftAnalysis(
  baseline: string,
  current: string,
  options: RunOptions,
): Promise<DriftRun> {
  const nowMs = options.nowMs ?? Date.now();
  const targets = [
    resolveTarget('baseline', baseline, options, nowMs),
    resolveTarget('current', current, options, nowMs),
  ];
  assertDisjoint(targets[0], targets[1]);
  const inputs = await readTargets(targets, options, nowMs);
  for (const target of targets) assertNotEmpty(target);
  const [base, curr] = targets.map((target) => describeWindow(target.accumulator, false));
  const report = await compareWithQuality(base, curr, options.config, {
    baselineInfo: info(targets[0]),
    currentInfo: info(targets[1]),
    ...(options.embedder !== undefined ? { embedder: options.embedder } : {}),
    ...(options.judge !== undefined ? { judge: options.judge } : {}),
  });
  return { report, baseline: base, current: curr, inputs };
}

/** Reads, summarises and compares two windows (see `runDriftAnalysis`); resolves to the report. */
export async function runDrift(baseline: string, current: string, options: RunOptions): Promise<DriftReport> {
  return (await runDriftAnalysis(baseline, current, options)).report;
}

/** Reads and summarises one source (optionally one time window of it). */
export async function runSummary(
  source: string | undefined,
  window: string | undefined,
  options: RunOptions,
): Promise<SummaryReport> {
  const nowMs = options.nowMs ?? Date.now();
  const specs = source !== undefined ? [source] : (options.source ?? [DEFAULT_TRACES_DIR]);
  const target: Target = {
    label: 'window',
    specs,
    window: window !== undefined ? parseWindow(window, nowMs) : undefined,
    accumulator: new WindowAccumulator(options.config),
  };
  await readTargets([target], options, nowMs);
  assertNotEmpty(target);
  const summary = describeWindow(target.accumulator, true);
  return { info: { ...info(target), calls: summary.calls, steps: summary.steps }, summary };
}
