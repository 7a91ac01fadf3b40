/**
 * Turns one quality metric input into a planned row of the drift report. Rates and per-output values go through
 * the core's tests (two-proportion z-test with a Newcombe interval; KS with Wasserstein/std and the interval of
 * the mean's relative change), so a quality rate reads exactly like a core rate. Permutation tests (distinct-n,
 * semantic drift, pairwise similarity) arrive finished. Either way the row waits for the run-wide
 * Benjamini-Hochberg adjustment and `decideRow`.
 */
import type { EvaluatorConfig } from '../config.js';
import type { MetricData } from '../metrics/extract.js';
import type { QualityMetricInput } from '../quality/compare.js';
import { NumericSample } from '../summary/numeric-sample.js';
import type { QualityEntry } from './quality.js';
import { baseRow, finite, type PendingRow, planRow } from './rows.js';
import type { TestOutcome } from './tests.js';

function numericData(values: number[], label: string): MetricData {
  const sample = new NumericSample(Math.max(1, values.length), 'quality', label);
  for (const value of values) sample.add(value);
  return { kind: 'numeric', sample };
}

function embedderNote(details: { embedderId: string; embedderKind: 'lexical' | 'semantic' }): string {
  return details.embedderKind === 'lexical'
    ? `embedder ${details.embedderId} (lexical: measures shared wording, not meaning)`
    : `embedder ${details.embedderId} (semantic)`;
}

function precomputedOutcome(input: QualityMetricInput & { kind: 'precomputed' }): TestOutcome {
  const base = {
    test: input.test,
    pValue: input.pValue,
    effect: input.effect,
    ci: null,
    degenerate: false,
  };
  const details = input.details;
  if (details.test === 'distinct-n-permutation') {
    const ok = details.status === 'ok';
    return {
      ...base,
      statistic: null,
      baselineValue: ok ? details.baseline : null,
      currentValue: ok ? details.current : null,
      change: ok ? details.effect : null,
      note: ok
        ? `k = ${details.sampleSize} answers per window, ${details.permutations} permutations`
        : undefined,
    };
  }
  if (details.status !== 'ok')
    return { ...base, statistic: null, baselineValue: null, currentValue: null, change: null };
  const sizes = `${details.nBaseline} + ${details.nCurrent} texts, ${details.permutations} permutations`;
  if (input.metric === 'pairwise_similarity') {
    return {
      ...base,
      statistic: null,
      baselineValue: details.similarity.baseline,
      currentValue: details.similarity.current,
      change: details.similarity.difference,
      note: `${embedderNote(details)}; ${sizes}`,
    };
  }
  return {
    ...base,
    statistic: details.statistic,
    baselineValue: null,
    currentValue: null,
    change: null,
    note: `${embedderNote(details)}; ${sizes}; RBF bandwidth ${Number(details.bandwidth.toPrecision(3))}; plain centroid distance ${Number(details.centroidCosineDistance.toPrecision(3))}`,
  };
}

/** Plans the row of one quality metric in one segment. */
export function planQualityRow(entry: QualityEntry, key: string, config: EvaluatorConfig): PendingRow {
  const { input } = entry;
  const settings = config.metrics[input.metric];
  const minSamples = settings.minSamples;
  switch (input.kind) {
    case 'rate':
      return planRow(
        input.metric,
        key,
        { kind: 'rate', ...input.baseline },
        { kind: 'rate', ...input.current },
        config,
      );
    case 'numeric':
      return planRow(
        input.metric,
        key,
        numericData(input.baseline, `${key}/${input.metric}/baseline`),
        numericData(input.current, `${key}/${input.metric}/current`),
        config,
      );
    case 'skipped': {
      const row = baseRow(input.metric, key, input.nBaseline, input.nCurrent, settings.effectThreshold);
      row.test = input.test;
      row.verdict = entry.unavailable ? 'unavailable' : 'inconclusive';
      row.reason = `skipped: ${input.reason}`;
      return { row, minSamples };
    }
    case 'precomputed': {
      const row = baseRow(input.metric, key, input.nBaseline, input.nCurrent, settings.effectThreshold);
      row.test = input.test;
      const outcome = precomputedOutcome(input);
      row.baselineValue = finite(outcome.baselineValue);
      row.currentValue = finite(outcome.currentValue);
      row.change = finite(outcome.change);
      if (input.nBaseline < minSamples || input.nCurrent < minSamples) {
        // As for core metrics, a test on too few samples does not enter the multiple-testing adjustment.
        row.reason = `too few samples (baseline ${input.nBaseline}, current ${input.nCurrent}; need ${minSamples} each)`;
        return { row, minSamples };
      }
      row.statistic = finite(outcome.statistic);
      row.pValue = finite(outcome.pValue);
      row.effect = finite(outcome.effect);
      return { row, outcome, minSamples };
    }
  }
}
