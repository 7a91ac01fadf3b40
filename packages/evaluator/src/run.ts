/**
 * The scheduled job as a function: resolve `--baseline` / `--current` (each a source or a time window over
 * the default source), read once per distinct source, summarise, compare. The CLI is a thin shell over
 * `runDrift` and `runSummary`.
 */
import type { EvaluatorConfig } from './config.js';
import { compare } from './drift/compare.js';
import type { DriftReport, WindowInfo } from './drift/types.js';
import { InputError } from './errors.js';
import type { TraceRecord } from './records.js';
import type { SummaryReport } from './report/reporter.js';
import { DEFAULT_TRACES_DIR, otlpFileSource } from './sources/otlp-file.js';
import { createReadStats, type ReadProgress, type ReadStats } from './sources/source.js';
import { describeWindow } from './summary/summarize.js';
import { WindowAccumulator } from './summary/window.js';
import { inWindow, isWindowSpec, parseWindow, type TimeWindow } from './windows.js';

/** Options shared by `runDrift` and `runSummary`. */
export interface RunOptions {
  config: EvaluatorConfig;
  /** Source of window specs (files, folders, globs). Default `.sightline/traces`. */
  source?: string[];
  /** "now" for relative windows, epoch ms. Default `Date.now()`. */
  nowMs?: number;
  cwd?: string;
  skipInvalid?: boolean;
  onProgress?: (progress: ReadProgress) => void;
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

async function readTargets(targets: Target[], options: RunOptions): Promise<void> {
  // Targets over the same source are filled in one pass: each record goes to every window it falls in.
  const groups = new Map<string, Target[]>();
  for (const target of targets) {
    const key = JSON.stringify(target.specs);
    groups.set(key, [...(groups.get(key) ?? []), target]);
  }
  for (const group of groups.values()) {
    const stats = createReadStats();
    const source = otlpFileSource(group[0].specs, { cwd: options.cwd });
    const records: AsyncIterable<TraceRecord> = source.records({
      stats,
      skipInvalid: options.skipInvalid,
      onProgress: options.onProgress,
    });
    for await (const record of records) {
      for (const target of group) {
        if (!target.window || inWindow(target.window, record.startTimeMs)) target.accumulator.add(record);
      }
    }
    for (const target of group) target.stats = stats;
  }
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

/** Reads, summarises and compares two windows. Throws `InputError` on bad input or an empty window. */
export async function runDrift(baseline: string, current: string, options: RunOptions): Promise<DriftReport> {
  const nowMs = options.nowMs ?? Date.now();
  const targets = [
    resolveTarget('baseline', baseline, options, nowMs),
    resolveTarget('current', current, options, nowMs),
  ];
  await readTargets(targets, options);
  for (const target of targets) assertNotEmpty(target);
  const [base, curr] = targets.map((target) => describeWindow(target.accumulator, false));
  return compare(base, curr, options.config, {
    baselineInfo: info(targets[0]),
    currentInfo: info(targets[1]),
  });
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
  await readTargets([target], options);
  assertNotEmpty(target);
  const summary = describeWindow(target.accumulator, true);
  return { info: { ...info(target), calls: summary.calls, steps: summary.steps }, summary };
}
