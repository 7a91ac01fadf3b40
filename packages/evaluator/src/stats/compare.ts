/**
 * One-call comparisons with a uniform result, so every metric kind feeds the same Benjamini-Hochberg +
 * `decide` step. These never throw on an empty side: they return `pValue: undefined` with a note, which
 * `decide` turns into 'inconclusive'. They do throw on malformed input (NaN values, impossible counts).
 */
import { chiSquareHomogeneity } from './chisquare.js';
import { type Decision, decideWithReason } from './decide.js';
import { type CategoricalWeights, jensenShannonDistance, standardizedWasserstein } from './effects.js';
import { type KsOptions, ksTwoSample } from './ks.js';
import { centroidCosineDistance, type MmdOptions, mmdPermutationTest } from './mmd.js';
import { benjaminiHochberg } from './multiple-testing.js';
import { fisherExactTest, twoProportionTest } from './proportions.js';

/** Uniform outcome of one baseline-vs-current comparison. */
export interface Comparison {
  /** Test used, e.g. 'ks exact', 'ks asymptotic', 'two-proportion z', 'chi-square', 'mmd'. */
  test: string;
  /** Raw (unadjusted) p-value; undefined when no test could run. */
  pValue: number | undefined;
  /** Test statistic (D, z, X^2, MMD^2); undefined when no test ran. */
  statistic: number | undefined;
  /** Effect size (see `effectName`); undefined when no test ran. May be +Infinity (numeric zero-scale guard). */
  effect: number | undefined;
  effectName: 'wasserstein/std' | 'rate difference' | 'jensen-shannon distance' | 'centroid cosine distance';
  nBaseline: number;
  nCurrent: number;
  /** Why no test ran, or what was merged. */
  note?: string;
}

function notRun(
  test: string,
  effectName: Comparison['effectName'],
  nBaseline: number,
  nCurrent: number,
  note: string,
): Comparison {
  return {
    test,
    pValue: undefined,
    statistic: undefined,
    effect: undefined,
    effectName,
    nBaseline,
    nCurrent,
    note,
  };
}

/** Numeric metric (cost, latency, tokens): two-sample KS p-value, Wasserstein / pooled std effect. */
export function compareNumeric(
  baseline: ArrayLike<number>,
  current: ArrayLike<number>,
  options: KsOptions = {},
): Comparison {
  if (baseline.length === 0 || current.length === 0) {
    return notRun('ks', 'wasserstein/std', baseline.length, current.length, 'empty sample');
  }
  const ks = ksTwoSample(baseline, current, options);
  return {
    test: `ks ${ks.method}`,
    pValue: ks.pValue,
    statistic: ks.statistic,
    effect: standardizedWasserstein(baseline, current).effect,
    effectName: 'wasserstein/std',
    nBaseline: baseline.length,
    nCurrent: current.length,
  };
}

/** A rate as successes out of trials (e.g. errors out of calls). */
export interface RateCounts {
  successes: number;
  trials: number;
}

/**
 * Rate metric (errors, truncation), effect = current rate - baseline rate. Uses the two-proportion z-test, or
 * Fisher's exact test when an expected cell count of the 2 x 2 table is below 5 (rare events), where the
 * normal approximation is unreliable; `statistic` is z for the z-test and undefined for Fisher.
 */
export function compareRates(baseline: RateCounts, current: RateCounts): Comparison {
  if (baseline.trials === 0 || current.trials === 0) {
    return notRun('two-proportion z', 'rate difference', baseline.trials, current.trials, 'empty sample');
  }
  const result = twoProportionTest(baseline.successes, baseline.trials, current.successes, current.trials);
  const trials = baseline.trials + current.trials;
  const events = baseline.successes + current.successes;
  const smallestExpected =
    (Math.min(baseline.trials, current.trials) * Math.min(events, trials - events)) / trials;
  const common = {
    effect: result.diff,
    effectName: 'rate difference' as const,
    nBaseline: baseline.trials,
    nCurrent: current.trials,
  };
  if (smallestExpected < 5) {
    const fisher = fisherExactTest(baseline.successes, baseline.trials, current.successes, current.trials);
    return { test: 'fisher exact', pValue: fisher.pValue, statistic: undefined, ...common };
  }
  return { test: 'two-proportion z', pValue: result.pValue, statistic: result.z, ...common };
}

function total(counts: CategoricalWeights): number {
  return Object.values(counts).reduce((sum: number, value) => sum + value, 0);
}

/** Categorical mix (finish reasons, models): chi-square homogeneity (sparse cells merged), JS distance effect. */
export function compareCategorical(
  baseline: CategoricalWeights,
  current: CategoricalWeights,
  options: { minExpected?: number } = {},
): Comparison {
  const nBaseline = total(baseline);
  const nCurrent = total(current);
  const result = chiSquareHomogeneity(baseline, current, options);
  if (result.degenerate)
    return notRun('chi-square', 'jensen-shannon distance', nBaseline, nCurrent, result.note ?? '');
  return {
    test: 'chi-square',
    pValue: result.pValue,
    statistic: result.statistic,
    effect: jensenShannonDistance(baseline, current),
    effectName: 'jensen-shannon distance',
    nBaseline,
    nCurrent,
    ...(result.merged.length > 0 ? { note: `merged into _other: ${result.merged.join(', ')}` } : {}),
  };
}

/** Embeddings: MMD permutation test, centroid cosine distance effect. Needs >= 2 vectors per side to run. */
export function compareEmbeddings(
  baseline: readonly (readonly number[])[],
  current: readonly (readonly number[])[],
  options: MmdOptions,
): Comparison {
  if (baseline.length < 2 || current.length < 2) {
    return notRun('mmd', 'centroid cosine distance', baseline.length, current.length, 'fewer than 2 vectors');
  }
  const result = mmdPermutationTest(baseline, current, options);
  return {
    test: 'mmd',
    pValue: result.pValue,
    statistic: result.statistic,
    effect: centroidCosineDistance(baseline, current),
    effectName: 'centroid cosine distance',
    nBaseline: baseline.length,
    nCurrent: current.length,
  };
}

/** One comparison with its practical threshold and minimum sample size. */
export interface RuleInput {
  comparison: Comparison;
  effectThreshold: number;
  minSamples: number;
}

/** A comparison's verdict after multiple-testing adjustment. */
export interface RuledComparison extends Decision {
  adjustedP: number | undefined;
}

/**
 * The whole drift rule over ALL comparisons of one run (all metrics x segments): Benjamini-Hochberg over the
 * p-values of the comparisons that ran AND meet their minimum sample size (an inconclusive metric must not
 * dilute the others), then `decide` for each. Output order = input order.
 */
export function adjustAndDecide(inputs: readonly RuleInput[], alpha: number): RuledComparison[] {
  const eligible = inputs.map(({ comparison, minSamples }) =>
    comparison.nBaseline >= minSamples && comparison.nCurrent >= minSamples ? comparison.pValue : undefined,
  );
  const adjusted = benjaminiHochberg(eligible);
  return inputs.map(({ comparison, effectThreshold, minSamples }, index) => ({
    adjustedP: adjusted[index],
    ...decideWithReason({
      adjustedP: adjusted[index],
      alpha,
      effect: comparison.effect ?? Number.NaN,
      effectThreshold,
      nBaseline: comparison.nBaseline,
      nCurrent: comparison.nCurrent,
      minSamples,
    }),
  }));
}
