/**
 * The output-quality metrics, the test each one uses, and default practical thresholds. Names are stable
 * (they appear in reports and configs) and do not collide with the core metric catalogue: the approximate
 * token count of the text is `output_text_tokens`, distinct from the provider-reported `output_tokens`.
 *
 * | metric | kind | test | effect |
 * | json_valid_rate, schema_match_rate, empty_rate, refusal_rate, duplicate_rate, judge_pass_rate | rate |
 *   two-proportion z-test | current rate - baseline rate |
 * | output_text_tokens, rep_n, judge_score | numeric | two-sample KS | Wasserstein distance / pooled std |
 * | distinct_1, distinct_2 | set statistic | permutation test on equal-size subsamples | distinct difference |
 * | semantic_drift | embeddings | MMD (RBF, median heuristic) permutation test | centroid cosine distance |
 * | pairwise_similarity | embeddings | permutation test | difference of mean pairwise cosine |
 */

/** How a quality metric is tested. */
export type QualityTest =
  | 'two-proportion'
  | 'ks'
  | 'distinct-n-permutation'
  | 'mmd-rbf-permutation'
  | 'similarity-permutation';

/** Description of one quality metric. */
export interface QualityMetricDefinition {
  kind: 'rate' | 'numeric' | 'set' | 'embedding';
  test: QualityTest;
  unit: string;
  description: string;
  /** Default smallest |effect| that counts as drift, in the effect's unit. */
  effectThreshold: number;
}

/** Every quality metric, in report order. */
export const QUALITY_METRICS = {
  json_valid_rate: {
    kind: 'rate',
    test: 'two-proportion',
    unit: 'share of outputs',
    description: 'Outputs that parse as a JSON object or array (raw or fenced)',
    effectThreshold: 0.02,
  },
  schema_match_rate: {
    kind: 'rate',
    test: 'two-proportion',
    unit: 'share of outputs',
    description: "Outputs matching the prompt's JSON schema",
    effectThreshold: 0.02,
  },
  empty_rate: {
    kind: 'rate',
    test: 'two-proportion',
    unit: 'share of outputs',
    description: 'Empty or whitespace-only outputs',
    effectThreshold: 0.01,
  },
  refusal_rate: {
    kind: 'rate',
    test: 'two-proportion',
    unit: 'share of outputs',
    description: 'Outputs containing a refusal phrase',
    effectThreshold: 0.01,
  },
  duplicate_rate: {
    kind: 'rate',
    test: 'two-proportion',
    unit: 'share of outputs',
    description: 'Outputs whose normalised text equals another output in the window',
    effectThreshold: 0.02,
  },
  judge_pass_rate: {
    kind: 'rate',
    test: 'two-proportion',
    unit: 'share of judged outputs',
    description: 'Outputs the LLM judge passed',
    effectThreshold: 0.02,
  },
  output_text_tokens: {
    kind: 'numeric',
    test: 'ks',
    unit: 'approx. tokens',
    description: 'Approximate tokens of the output text',
    effectThreshold: 0.1,
  },
  rep_n: {
    kind: 'numeric',
    test: 'ks',
    unit: 'ratio',
    description: 'Repeated n-grams within an answer',
    effectThreshold: 0.1,
  },
  judge_score: {
    kind: 'numeric',
    test: 'ks',
    unit: 'score 1-5',
    description: 'LLM judge score',
    effectThreshold: 0.1,
  },
  distinct_1: {
    kind: 'set',
    test: 'distinct-n-permutation',
    unit: 'ratio',
    description: 'Unique unigrams / unigrams across answers',
    effectThreshold: 0.03,
  },
  distinct_2: {
    kind: 'set',
    test: 'distinct-n-permutation',
    unit: 'ratio',
    description: 'Unique bigrams / bigrams across answers',
    effectThreshold: 0.03,
  },
  semantic_drift: {
    kind: 'embedding',
    test: 'mmd-rbf-permutation',
    unit: 'cosine distance',
    description: 'Shift of the output embedding distribution',
    effectThreshold: 0.01,
  },
  pairwise_similarity: {
    kind: 'embedding',
    test: 'similarity-permutation',
    unit: 'cosine',
    description: 'Mean pairwise similarity of answers (lower = more diverse)',
    effectThreshold: 0.03,
  },
} as const satisfies Record<string, QualityMetricDefinition>;

/** A quality metric name. */
export type QualityMetricName = keyof typeof QUALITY_METRICS;
