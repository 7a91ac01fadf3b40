/**
 * Compares the output quality of two windows and hands the drift engine one input per metric: raw counts or
 * per-output values for the rates and numeric metrics (the engine runs the usual tests), or a finished
 * permutation test for the set and embedding metrics. `testQualityMetric` turns any input into a p-value and an
 * effect, and `evaluateQuality` applies the core's rules (Benjamini-Hochberg, `decide`) to a whole comparison.
 */
import { withEmbeddingCache } from '../embeddings/cache.js';
import type { Embedder } from '../embeddings/types.js';
import {
  benjaminiHochberg,
  type Decision,
  decideWithReason,
  ksTwoSample,
  type Seed,
  standardizedWasserstein,
  twoProportionTest,
} from '../stats/index.js';
import { QUALITY_METRICS, type QualityMetricName, type QualityTest } from './catalogue.js';
import { compareDistinctN, type DistinctComparison } from './diversity.js';
import type { Judge } from './judge.js';
import {
  type OutputScore,
  type QualityAggregates,
  type ScoreOptions,
  scoreOutputs,
} from './score-outputs.js';
import { type SemanticDriftResult, semanticDrift } from './semantic-drift.js';

interface InputBase {
  metric: QualityMetricName;
  test: QualityTest;
  effectThreshold: number;
}

/** What the drift engine needs for one quality metric. */
export type QualityMetricInput =
  | (InputBase & {
      kind: 'rate';
      baseline: { successes: number; trials: number };
      current: { successes: number; trials: number };
    })
  | (InputBase & { kind: 'numeric'; baseline: number[]; current: number[] })
  | (InputBase & {
      kind: 'precomputed';
      pValue: number;
      effect: number;
      nBaseline: number;
      nCurrent: number;
      details: DistinctComparison | SemanticDriftResult;
    })
  | (InputBase & { kind: 'skipped'; reason: string; nBaseline: number; nCurrent: number });

/** Options of `compareQuality`. */
export interface CompareQualityOptions extends Omit<ScoreOptions, 'judge'> {
  judge?: Judge;
  /** Enables `semantic_drift` and `pairwise_similarity`. */
  embedder?: Embedder;
  /** Embedding cache root, or false. Default `.sightline/cache/embeddings` (batch-dependent embedders skip it). */
  embeddingCacheDir?: string | false;
  /** Seed of every subsample and permutation. Default 'sightline:quality'. */
  seed?: Seed;
  /** k of distinct-n. Default min(200, both captured counts). */
  distinctSampleSize?: number;
  /** Permutations of the permutation tests. Default 500. */
  permutations?: number;
  /** Semantic drift subsample cap per window. Default 500. */
  maxPerWindow?: number;
  /** Overrides of the default practical thresholds. */
  effectThresholds?: Partial<Record<QualityMetricName, number>>;
}

/** Result of `compareQuality`. */
export interface QualityComparison {
  baseline: QualityAggregates;
  current: QualityAggregates;
  metrics: QualityMetricInput[];
}

/** Compares two windows of output texts (`undefined`/`null` = content not captured). */
export async function compareQuality(
  baselineOutputs: readonly (string | null | undefined)[],
  currentOutputs: readonly (string | null | undefined)[],
  options: CompareQualityOptions = {},
): Promise<QualityComparison> {
  const seed = options.seed ?? 'sightline:quality';
  const permutations = options.permutations ?? 500;
  const baseline = await scoreOutputs(baselineOutputs, options);
  const current = await scoreOutputs(currentOutputs, options);
  const threshold = (metric: QualityMetricName) =>
    options.effectThresholds?.[metric] ?? QUALITY_METRICS[metric].effectThreshold;
  const base = (metric: QualityMetricName): InputBase => ({
    metric,
    test: QUALITY_METRICS[metric].test,
    effectThreshold: threshold(metric),
  });
  const metrics: QualityMetricInput[] = [];
  const names: QualityMetricName[] = [
    'json_valid_rate',
    'empty_rate',
    'refusal_rate',
    'duplicate_rate',
    'output_text_tokens',
    'rep_n',
    'distinct_1',
    'distinct_2',
  ];
  if (options.schema !== undefined) names.splice(1, 0, 'schema_match_rate');
  if (options.judge) names.push('judge_pass_rate', 'judge_score');
  if (options.embedder) names.push('semantic_drift', 'pairwise_similarity');

  const skippedReason = baseline.aggregates.skipped ?? current.aggregates.skipped;
  if (skippedReason) {
    for (const metric of names) {
      metrics.push({
        ...base(metric),
        kind: 'skipped',
        reason: skippedReason,
        nBaseline: baseline.scores.length,
        nCurrent: current.scores.length,
      });
    }
    return { baseline: baseline.aggregates, current: current.aggregates, metrics };
  }

  const rate = (
    metric: QualityMetricName,
    flag: (score: OutputScore) => boolean | undefined,
  ): QualityMetricInput => {
    const count = (scores: OutputScore[]) => {
      const flags = scores.map(flag).filter((value): value is boolean => value !== undefined);
      return { successes: flags.filter(Boolean).length, trials: flags.length };
    };
    return {
      ...base(metric),
      kind: 'rate',
      baseline: count(baseline.scores),
      current: count(current.scores),
    };
  };
  const numeric = (
    metric: QualityMetricName,
    value: (score: OutputScore) => number | undefined,
  ): QualityMetricInput => {
    const values = (scores: OutputScore[]) =>
      scores.flatMap((score) => {
        const v = value(score);
        return v === undefined ? [] : [v];
      });
    return {
      ...base(metric),
      kind: 'numeric',
      baseline: values(baseline.scores),
      current: values(current.scores),
    };
  };
  const texts = (outputs: readonly (string | null | undefined)[]) =>
    outputs.filter((text): text is string => typeof text === 'string');
  const baselineTexts = texts(baselineOutputs);
  const currentTexts = texts(currentOutputs);

  for (const metric of names) {
    switch (metric) {
      case 'json_valid_rate':
        metrics.push(rate(metric, (s) => s.jsonValid));
        break;
      case 'schema_match_rate':
        metrics.push(rate(metric, (s) => s.schemaMatch));
        break;
      case 'empty_rate':
        metrics.push(rate(metric, (s) => s.empty));
        break;
      case 'refusal_rate':
        metrics.push(rate(metric, (s) => s.refusal));
        break;
      case 'duplicate_rate':
        metrics.push(rate(metric, (s) => s.duplicate));
        break;
      case 'judge_pass_rate':
        metrics.push(rate(metric, (s) => (s.judge?.status === 'ok' ? s.judge.pass : undefined)));
        break;
      case 'output_text_tokens':
        metrics.push(numeric(metric, (s) => s.tokens));
        break;
      case 'rep_n':
        metrics.push(numeric(metric, (s) => s.repetition));
        break;
      case 'judge_score':
        metrics.push(numeric(metric, (s) => (s.judge?.status === 'ok' ? s.judge.score : undefined)));
        break;
      case 'distinct_1':
      case 'distinct_2': {
        const details = compareDistinctN(baselineTexts, currentTexts, {
          n: metric === 'distinct_1' ? 1 : 2,
          permutations,
          seed,
          ...(options.distinctSampleSize === undefined ? {} : { sampleSize: options.distinctSampleSize }),
        });
        metrics.push(
          details.status === 'ok'
            ? {
                ...base(metric),
                kind: 'precomputed',
                pValue: details.pValue,
                effect: details.effect,
                nBaseline: details.sampleSize,
                nCurrent: details.sampleSize,
                details,
              }
            : {
                ...base(metric),
                kind: 'skipped',
                reason: details.reason,
                nBaseline: baselineTexts.length,
                nCurrent: currentTexts.length,
              },
        );
        break;
      }
      case 'semantic_drift': {
        const embedder = options.embedder as Embedder;
        const cached =
          options.embeddingCacheDir === false
            ? embedder
            : withEmbeddingCache(
                embedder,
                options.embeddingCacheDir === undefined ? {} : { dir: options.embeddingCacheDir },
              );
        const details = await semanticDrift(baselineTexts, currentTexts, {
          embedder: cached,
          seed,
          permutations,
          ...(options.maxPerWindow === undefined ? {} : { maxPerWindow: options.maxPerWindow }),
        });
        if (details.status === 'ok') {
          metrics.push({
            ...base(metric),
            kind: 'precomputed',
            pValue: details.pValue,
            effect: details.effect,
            nBaseline: details.nBaseline,
            nCurrent: details.nCurrent,
            details,
          });
          metrics.push({
            ...base('pairwise_similarity'),
            kind: 'precomputed',
            pValue: details.similarity.pValue,
            effect: details.similarity.difference,
            nBaseline: details.nBaseline,
            nCurrent: details.nCurrent,
            details,
          });
        } else {
          for (const name of ['semantic_drift', 'pairwise_similarity'] as const)
            metrics.push({
              ...base(name),
              kind: 'skipped',
              reason: details.reason,
              nBaseline: details.nBaseline,
              nCurrent: details.nCurrent,
            });
        }
        break;
      }
      case 'pairwise_similarity':
        break; // produced together with semantic_drift
    }
  }
  return { baseline: baseline.aggregates, current: current.aggregates, metrics };
}

/** p-value (null when no test could run) and effect of one metric input, by the test its catalogue entry names. */
export interface QualityTestResult {
  pValue: number | null;
  effect: number;
  nBaseline: number;
  nCurrent: number;
}

/** Runs the test of one input: two-proportion for rates, KS + standardised Wasserstein for numeric metrics. */
export function testQualityMetric(input: QualityMetricInput): QualityTestResult {
  switch (input.kind) {
    case 'rate': {
      const { baseline: b, current: c } = input;
      if (b.trials === 0 || c.trials === 0)
        return { pValue: null, effect: Number.NaN, nBaseline: b.trials, nCurrent: c.trials };
      const result = twoProportionTest(b.successes, b.trials, c.successes, c.trials);
      return { pValue: result.pValue, effect: result.diff, nBaseline: b.trials, nCurrent: c.trials };
    }
    case 'numeric': {
      const { baseline: b, current: c } = input;
      if (b.length === 0 || c.length === 0)
        return { pValue: null, effect: Number.NaN, nBaseline: b.length, nCurrent: c.length };
      return {
        pValue: ksTwoSample(b, c).pValue,
        effect: standardizedWasserstein(b, c).effect,
        nBaseline: b.length,
        nCurrent: c.length,
      };
    }
    case 'precomputed':
      return {
        pValue: input.pValue,
        effect: input.effect,
        nBaseline: input.nBaseline,
        nCurrent: input.nCurrent,
      };
    case 'skipped':
      return { pValue: null, effect: Number.NaN, nBaseline: input.nBaseline, nCurrent: input.nCurrent };
  }
}

/** One verdict row of `evaluateQuality`. */
export interface QualityVerdict extends QualityTestResult, Decision {
  metric: QualityMetricName;
  test: QualityTest;
  adjustedP: number | null;
  effectThreshold: number;
  /** Set for skipped metrics: why. */
  skipped?: string;
}

/**
 * Applies the core drift rules to a quality comparison on its own: Benjamini-Hochberg over the metrics that
 * produced a p-value, then `decide` (drift needs adjusted p < alpha AND |effect| >= threshold; fewer than
 * `minSamples` per side is inconclusive). The drift engine does the same over all metrics of a run.
 */
export function evaluateQuality(
  comparison: QualityComparison,
  options: { alpha?: number; minSamples?: number } = {},
): QualityVerdict[] {
  const alpha = options.alpha ?? 0.05;
  const minSamples = options.minSamples ?? 30;
  const results = comparison.metrics.map(testQualityMetric);
  // Skipped metrics carry no p-value and do not count towards the number of tests.
  const adjusted = benjaminiHochberg(results.map((result) => result.pValue));
  return comparison.metrics.map((input, index) => {
    const result = results[index];
    const adjustedP = adjusted[index] ?? null;
    const decision = decideWithReason({
      adjustedP,
      alpha,
      effect: result.effect,
      effectThreshold: input.effectThreshold,
      nBaseline: result.nBaseline,
      nCurrent: result.nCurrent,
      minSamples,
    });
    const skipped =
      input.kind === 'skipped'
        ? { skipped: input.reason, reason: `skipped: ${input.reason}`, verdict: 'inconclusive' as const }
        : {};
    return {
      metric: input.metric,
      test: input.test,
      ...result,
      adjustedP,
      effectThreshold: input.effectThreshold,
      ...decision,
      ...skipped,
    };
  });
}
