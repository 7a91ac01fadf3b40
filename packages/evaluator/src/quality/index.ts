/**
 * Output quality: deterministic scorers, diversity, semantic drift and the LLM judge. See "Output quality" in
 * the package README. Scorers take plain strings (`undefined`/`null` = content not captured) so they do not depend on the
 * trace readers.
 */
export {
  QUALITY_METRICS,
  type QualityMetricDefinition,
  type QualityMetricName,
  type QualityTest,
} from './catalogue.js';
export {
  type CompareQualityOptions,
  compareQuality,
  evaluateQuality,
  type QualityComparison,
  type QualityMetricInput,
  type QualityTestResult,
  type QualityVerdict,
  testQualityMetric,
} from './compare.js';
export { compareDistinctN, type DistinctComparison, type DistinctOptions, distinctN } from './diversity.js';
export { extractJson, type JsonExtraction, type JsonSource } from './json-output.js';
export {
  assertSupportedSchema,
  type JsonSchema,
  type JsonValue,
  type SchemaValidation,
  validateJsonSchema,
} from './json-schema.js';
export {
  type AnthropicMessagesClient,
  createJudge,
  DEFAULT_JUDGE_CACHE_DIR,
  type Judge,
  type JudgeOptions,
  type OpenAIChatClient,
} from './judge.js';
export { JUDGE_SYSTEM_PROMPT, type JudgeScore, type JudgeVerdict, parseJudgeReply } from './judge-verdict.js';
export {
  NOT_CAPTURED_REASON,
  type OutputScore,
  type QualityAggregates,
  type ScoredOutputs,
  type ScoreOptions,
  scoreOutputs,
} from './score-outputs.js';
export {
  type PairwiseSimilarity,
  type SemanticDriftOptions,
  type SemanticDriftResult,
  semanticDrift,
} from './semantic-drift.js';
export { approximateTokens, countApproximateTokens, normalizeAnswer, repetitionRate } from './tokenize.js';
