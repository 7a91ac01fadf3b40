/**
 * Output quality in the drift run: per segment, the captured output texts of both windows go through
 * `compareQuality` (and the judge, when configured), and every resulting metric becomes a row of the same
 * report, adjusted with Benjamini-Hochberg together with the core metrics and decided by the same rule.
 * `refusal_rate` is left to the core (same matcher, exact counts); `schema_match_rate` comes from the exact
 * per-prompt counts kept while reading. Without captured text a metric is `unavailable` with a note saying so.
 */
import type { EvaluatorConfig } from '../config.js';
import { DRIFT_METRIC_NAMES, QUALITY_DRIFT_METRIC_NAMES } from '../metrics/drift-metrics.js';
import type { QualityMetricName } from '../quality/catalogue.js';
import { compareQuality, type QualityMetricInput } from '../quality/compare.js';
import type { Judge } from '../quality/judge.js';
import { NOT_CAPTURED_REASON, scoreOutputs } from '../quality/score-outputs.js';
import { ALL_SEGMENT, compareSegmentKeys } from '../segments.js';
import { createRng, deriveSeed, sampleWithoutReplacement } from '../stats/index.js';
import type { OutputSample } from '../summary/output-sample.js';
import type { WindowAccumulator } from '../summary/window.js';
import { type QualityRuntime, resolveEmbedder, resolveJudge } from './quality-runtime.js';
import type { EmbedderInfo } from './types.js';

/** One quality metric of one segment, ready for the drift engine. */
export interface QualityEntry {
  input: QualityMetricInput;
  /** True when the metric could not run because content was not captured (verdict `unavailable`). */
  unavailable: boolean;
}

/** The quality inputs of a whole run. */
export interface QualityAssessment {
  embedder: EmbedderInfo | null;
  judge: string | null;
  /** Per segment key, in report order. */
  segments: Map<string, QualityEntry[]>;
}

function threshold(config: EvaluatorConfig, metric: QualityMetricName): number {
  return config.metrics[metric].effectThreshold;
}

function plannedMetrics(config: EvaluatorConfig, schema: boolean, judge: boolean, embedder: boolean) {
  return QUALITY_DRIFT_METRIC_NAMES.filter((metric) => {
    if (!config.metrics[metric].enabled) return false;
    if (metric === 'schema_match_rate') return schema;
    if (metric === 'judge_pass_rate' || metric === 'judge_score') return judge;
    if (metric === 'semantic_drift' || metric === 'pairwise_similarity') return embedder;
    return true;
  });
}

function notCaptured(
  metrics: QualityMetricName[],
  base: OutputSample,
  curr: OutputSample,
  config: EvaluatorConfig,
): QualityEntry[] {
  const side =
    base.captured === 0 && curr.captured === 0
      ? 'both windows'
      : base.captured === 0
        ? 'baseline'
        : 'current';
  return metrics.map((metric) => ({
    unavailable: true,
    input: {
      metric,
      test: metricTest(metric),
      effectThreshold: threshold(config, metric),
      kind: 'skipped',
      reason: `${side}: ${NOT_CAPTURED_REASON}`,
      nBaseline: base.captured,
      nCurrent: curr.captured,
    },
  }));
}

function metricTest(metric: QualityMetricName): QualityMetricInput['test'] {
  if (metric === 'distinct_1' || metric === 'distinct_2') return 'distinct-n-permutation';
  if (metric === 'semantic_drift') return 'mmd-rbf-permutation';
  if (metric === 'pairwise_similarity') return 'similarity-permutation';
  if (metric === 'output_text_tokens' || metric === 'rep_n' || metric === 'judge_score') return 'ks';
  return 'two-proportion';
}

async function judgeInputs(
  judge: Judge,
  base: string[],
  curr: string[],
  config: EvaluatorConfig,
  key: string,
): Promise<QualityMetricInput[]> {
  const maxSamples = config.quality.judge?.maxSamples ?? 100;
  const pick = (texts: string[], side: string) =>
    sampleWithoutReplacement(texts, maxSamples, createRng(deriveSeed(config.seed, `judge/${key}/${side}`)));
  const [b, c] = [
    await scoreOutputs(pick(base, 'baseline'), { judge }),
    await scoreOutputs(pick(curr, 'current'), { judge }),
  ];
  const ok = (scores: typeof b.scores) => scores.flatMap((s) => (s.judge?.status === 'ok' ? [s.judge] : []));
  const counts = (scores: typeof b.scores) => {
    const verdicts = ok(scores);
    return { successes: verdicts.filter((v) => v.pass).length, trials: verdicts.length };
  };
  return [
    {
      metric: 'judge_pass_rate',
      test: 'two-proportion',
      effectThreshold: threshold(config, 'judge_pass_rate'),
      kind: 'rate',
      baseline: counts(b.scores),
      current: counts(c.scores),
    },
    {
      metric: 'judge_score',
      test: 'ks',
      effectThreshold: threshold(config, 'judge_score'),
      kind: 'numeric',
      baseline: ok(b.scores).map((v) => v.score),
      current: ok(c.scores).map((v) => v.score),
    },
  ];
}

/**
 * Scores the captured outputs of every segment present in both windows. Deterministic for the same input,
 * config and seed (every subsample and permutation stream is derived from `config.seed` and the segment key).
 * Without `quality.enabled` it returns no rows.
 */
export async function assessQuality(
  baseline: WindowAccumulator,
  current: WindowAccumulator,
  config: EvaluatorConfig,
  runtime: QualityRuntime = {},
): Promise<QualityAssessment> {
  const segments = new Map<string, QualityEntry[]>();
  if (!config.quality.enabled) return { embedder: null, judge: null, segments };
  const embedder = resolveEmbedder(config, runtime);
  const judge = await resolveJudge(config, runtime);
  const keys = [...new Set([ALL_SEGMENT, ...baseline.outputs.keys(), ...current.outputs.keys()])].sort(
    compareSegmentKeys,
  );
  const thresholds = Object.fromEntries(
    QUALITY_DRIFT_METRIC_NAMES.map((metric) => [metric, threshold(config, metric)]),
  ) as Partial<Record<QualityMetricName, number>>;
  for (const key of keys) {
    const base = baseline.outputs.get(key);
    const curr = current.outputs.get(key);
    // A segment missing from one window already has inconclusive core rows saying so.
    if (!base || !curr) continue;
    const schema = base.schemaChecked > 0 || curr.schemaChecked > 0;
    const planned = plannedMetrics(config, schema, judge !== null, embedder !== null);
    if (planned.length === 0) continue;
    if (base.captured === 0 || curr.captured === 0) {
      segments.set(key, notCaptured(planned, base, curr, config));
      continue;
    }
    const baseTexts = base.texts();
    const currTexts = curr.texts();
    const wantsEmbedder = planned.includes('semantic_drift') || planned.includes('pairwise_similarity');
    const comparison = await compareQuality(baseTexts, currTexts, {
      refusalPhrases: config.refusalPhrases,
      ...(embedder && wantsEmbedder ? { embedder } : {}),
      embeddingCacheDir: false, // the run's embedder is already wrapped in the cache
      seed: deriveSeed(config.seed, `quality/${key}`),
      permutations: config.quality.semantic.permutations,
      maxPerWindow: config.quality.semantic.maxSamples,
      effectThresholds: thresholds,
    });
    const inputs = new Map<QualityMetricName, QualityMetricInput>(
      comparison.metrics.map((input) => [input.metric, input]),
    );
    if (schema)
      inputs.set('schema_match_rate', {
        metric: 'schema_match_rate',
        test: 'two-proportion',
        effectThreshold: threshold(config, 'schema_match_rate'),
        kind: 'rate',
        baseline: { successes: base.schemaMatched, trials: base.schemaChecked },
        current: { successes: curr.schemaMatched, trials: curr.schemaChecked },
      });
    if (judge)
      for (const input of await judgeInputs(judge, baseTexts, currTexts, config, key))
        inputs.set(input.metric, input);
    const entries: QualityEntry[] = [];
    for (const metric of DRIFT_METRIC_NAMES) {
      const input = inputs.get(metric as QualityMetricName);
      if (input && planned.includes(input.metric)) entries.push({ input, unavailable: false });
    }
    segments.set(key, entries);
  }
  return {
    embedder: embedder ? { id: embedder.id, kind: embedder.kind } : null,
    judge: judge ? judge.id : null,
    segments,
  };
}
