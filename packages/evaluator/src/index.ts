/**
 * @sightline/evaluator: reads exported OTLP traces (files, frozen baselines, Jaeger) and tells whether LLM
 * calls drifted between a baseline and a current window, in cost, latency, tokens, errors and output quality.
 * `readCalls(source)` -> `summarize(calls)` -> `compareWithQuality(baseline, current, config)` (or the whole
 * job: `runDriftAnalysis`), then `renderDriftRun` / a reporter per output format.
 */
export {
  type FreezeOptions,
  type FrozenBaselineCheck,
  freezeBaseline,
  readFrozenBaseline,
  readFrozenHeader,
  verifyFrozenBaseline,
} from './baseline/frozen.js';
export type { FrozenBaselineHeader } from './baseline/frozen-format.js';
export {
  CONFIG_FILE_NAMES,
  defaultConfig,
  type EvaluatorConfig,
  type EvaluatorConfigInput,
  type GateConfig,
  loadConfig,
  type MetricSettings,
  parseSegmentBy,
  type QualityConfigInput,
  resolveConfig,
} from './config.js';
export type { JudgeConfig, OpenAIEmbedderConfig, QualityConfig } from './config-quality.js';
export {
  type CompareOptions,
  type CompareWithQualityOptions,
  compare,
  compareWithQuality,
} from './drift/compare.js';
export type { QualityRuntime } from './drift/quality-runtime.js';
export type {
  DriftReport,
  EmbedderInfo,
  GateOutcome,
  MetricResult,
  MetricVerdict,
  RunVerdict,
  TestName,
  WindowInfo,
} from './drift/types.js';
export { type EmbeddingCacheOptions, withEmbeddingCache } from './embeddings/cache.js';
export { createLexicalEmbedder, type LexicalEmbedderOptions } from './embeddings/lexical.js';
export { createOpenAIEmbedder, type OpenAIEmbedderOptions } from './embeddings/openai.js';
export type { Embedder, EmbeddingVector, SparseVector } from './embeddings/types.js';
export { InputError, type InputLocation } from './errors.js';
export {
  METRIC_NAMES,
  METRICS,
  type MetricDefinition,
  type MetricKind,
  type MetricName,
} from './metrics/catalogue.js';
export { DRIFT_METRIC_NAMES, type DriftMetricName } from './metrics/drift-metrics.js';
export {
  QUALITY_METRICS,
  type QualityMetricDefinition,
  type QualityMetricName,
} from './quality/catalogue.js';
export {
  type CompareQualityOptions,
  compareQuality,
  evaluateQuality,
  type QualityComparison,
  type QualityMetricInput,
  type QualityTestResult,
  type QualityVerdict,
  testQualityMetric,
} from './quality/compare.js';
export type { JsonSchema } from './quality/json-schema.js';
export {
  type AnthropicMessagesClient,
  createJudge,
  type Judge,
  type JudgeOptions,
  type OpenAIChatClient,
} from './quality/judge.js';
export type { JudgeVerdict } from './quality/judge-verdict.js';
export {
  type OutputScore,
  type QualityAggregates,
  type ScoredOutputs,
  type ScoreOptions,
  scoreOutputs,
} from './quality/score-outputs.js';
export {
  type SemanticDriftOptions,
  type SemanticDriftResult,
  semanticDrift,
} from './quality/semantic-drift.js';
export { readCalls, readRecords, type SourceInput, type ToSourceOptions, toSource } from './read.js';
export type { CallRecord, StepRecord, TraceRecord } from './records.js';
export { DEFAULT_REFUSAL_PHRASES } from './refusals.js';
export { type RenderDriftRunOptions, renderDriftRun } from './report/drift-run.js';
export {
  type BinnedDistribution,
  type CategoricalMix,
  type HtmlRenderOptions,
  type HtmlReportInput,
  type NumericDistribution,
  type Provenance,
  type ProvenanceInput,
  type RawDistribution,
  type ReportFileFormat,
  renderHtmlReport,
  reportFileName,
  type TimeSeriesPoint,
} from './report/html/index.js';
export { buildHtmlReportInput, type HtmlContext } from './report/html-input.js';
export { type JUnitOptions, renderJUnitReport } from './report/junit/index.js';
export type { RenderOptions, SummaryReport } from './report/reporter.js';
export {
  getReporter,
  REPORT_FORMATS,
  type Reporter,
  type ReportFormat,
  SUMMARY_FORMATS,
} from './report/reporter.js';
export { type DriftRun, type RunOptions, runDrift, runDriftAnalysis, runSummary } from './run.js';
export { ALL_SEGMENT, SEGMENT_DIMENSIONS, type SegmentDimension } from './segments.js';
export {
  isJaegerSpec,
  JAEGER_DEFAULTS,
  type JaegerSourceOptions,
  jaegerSource,
  jaegerSourceFromSpec,
  parseJaegerSpec,
} from './sources/jaeger.js';
export { DEFAULT_TRACES_DIR, type OtlpFileSourceOptions, otlpFileSource } from './sources/otlp-file.js';
export {
  createReadStats,
  type FileDigest,
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
export { SIGHTLINE_VERSION } from './version.js';
export { inWindow, isWindowSpec, parseNow, parseWindow, type TimeWindow } from './windows.js';
