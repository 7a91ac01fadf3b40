/**
 * @sightline/evaluator: reads exported OTLP traces and tells whether LLM calls drifted between a baseline
 * and a current window. `readCalls(source)` -> `summarize(calls)` -> `compare(baseline, current, config)`,
 * then a reporter per output format.
 */
export {
  CONFIG_FILE_NAMES,
  defaultConfig,
  type EvaluatorConfig,
  type EvaluatorConfigInput,
  type GateConfig,
  loadConfig,
  type MetricSettings,
  parseSegmentBy,
  resolveConfig,
} from './config.js';
export { type CompareOptions, compare } from './drift/compare.js';
export type {
  DriftReport,
  GateOutcome,
  MetricResult,
  MetricVerdict,
  RunVerdict,
  TestName,
  WindowInfo,
} from './drift/types.js';
export { InputError, type InputLocation } from './errors.js';
export {
  METRIC_NAMES,
  METRICS,
  type MetricDefinition,
  type MetricKind,
  type MetricName,
} from './metrics/catalogue.js';
export { readCalls, readRecords, type SourceInput, toSource } from './read.js';
export type { CallRecord, StepRecord, TraceRecord } from './records.js';
export { DEFAULT_REFUSAL_PHRASES } from './refusals.js';
export type { RenderOptions, SummaryReport } from './report/reporter.js';
export { getReporter, REPORT_FORMATS, type Reporter, type ReportFormat } from './report/reporter.js';
export { type RunOptions, runDrift, runSummary } from './run.js';
export { ALL_SEGMENT, SEGMENT_DIMENSIONS, type SegmentDimension } from './segments.js';
export { DEFAULT_TRACES_DIR, type OtlpFileSourceOptions, otlpFileSource } from './sources/otlp-file.js';
export {
  createReadStats,
  type ReadOptions,
  type ReadProgress,
  type ReadStats,
  type Source,
} from './sources/source.js';
export {
  type CategoricalMetricSummary,
  type Estimate,
  type MetricSummary,
  type NumericMetricSummary,
  type RateMetricSummary,
  type SegmentSummary,
  type SummarizeOptions,
  summarize,
  type UnavailableMetricSummary,
  type WindowSummary,
} from './summary/summarize.js';
export { inWindow, isWindowSpec, parseNow, parseWindow, type TimeWindow } from './windows.js';
