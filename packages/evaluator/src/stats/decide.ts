/**
 * The drift decision rule, in one place so every metric follows it:
 *  - inconclusive: either sample is below `minSamples`, the test did not run or was degenerate (no adjusted
 *    p-value), or the effect is not a number. Too little data never counts as a pass.
 *  - drift: adjusted p-value strictly below alpha AND |effect| at or above the practical threshold. Statistical
 *    significance alone is not enough (with 100k calls a 0.1 % change is "significant"), and a large effect
 *    alone is not enough (with 12 calls it may be noise).
 *  - pass: otherwise.
 */

/** Verdict for one metric in one segment. */
export type Verdict = 'drift' | 'pass' | 'inconclusive';

/** Inputs of `decide`. */
export interface DecisionInput {
  /** Benjamini-Hochberg adjusted p-value; `undefined`/`null`/NaN when no test ran. */
  adjustedP: number | null | undefined;
  /** Significance level (false discovery rate), in (0, 1), e.g. 0.05. */
  alpha: number;
  /** Effect size (Wasserstein/std, |rate difference|, Jensen-Shannon distance, ...). Sign is ignored. */
  effect: number;
  /** Smallest |effect| that matters in practice (>= 0), in the effect's unit. */
  effectThreshold: number;
  /** Sample sizes (calls) in baseline and current. */
  nBaseline: number;
  nCurrent: number;
  /** Minimum sample size per side (>= 1) below which the metric is inconclusive. */
  minSamples: number;
  /** True when the test itself reported a degenerate result (e.g. chi-square with < 2 cells). */
  degenerate?: boolean;
}

/** A verdict with a one-line human-readable reason. */
export interface Decision {
  verdict: Verdict;
  reason: string;
}

function assertDecisionInput(input: DecisionInput): void {
  if (!(input.alpha > 0 && input.alpha < 1))
    throw new RangeError(`decide: alpha must be in (0, 1), got ${input.alpha}`);
  if (!(input.effectThreshold >= 0)) {
    throw new RangeError(`decide: effectThreshold must be >= 0, got ${input.effectThreshold}`);
  }
  if (!(input.minSamples >= 1))
    throw new RangeError(`decide: minSamples must be >= 1, got ${input.minSamples}`);
  for (const [name, value] of [
    ['nBaseline', input.nBaseline],
    ['nCurrent', input.nCurrent],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 0))
      throw new RangeError(`decide: ${name} must be an integer >= 0, got ${value}`);
  }
}

/** Applies the drift rule (see module comment) and says why. Throws a RangeError on invalid parameters. */
export function decideWithReason(input: DecisionInput): Decision {
  assertDecisionInput(input);
  const { adjustedP, alpha, effect, effectThreshold, nBaseline, nCurrent, minSamples } = input;
  if (nBaseline < minSamples || nCurrent < minSamples) {
    return {
      verdict: 'inconclusive',
      reason: `too few samples (baseline ${nBaseline}, current ${nCurrent}; need ${minSamples} each)`,
    };
  }
  if (input.degenerate)
    return { verdict: 'inconclusive', reason: 'the test was degenerate (nothing to compare)' };
  if (adjustedP === undefined || adjustedP === null || Number.isNaN(adjustedP)) {
    return { verdict: 'inconclusive', reason: 'no p-value (test did not run)' };
  }
  if (Number.isNaN(effect)) return { verdict: 'inconclusive', reason: 'effect size is undefined' };
  const magnitude = Math.abs(effect);
  const significant = adjustedP < alpha;
  const practical = magnitude >= effectThreshold;
  if (significant && practical) {
    return {
      verdict: 'drift',
      reason: `adjusted p ${formatNumber(adjustedP)} < alpha ${alpha} and effect ${formatNumber(magnitude)} >= ${effectThreshold}`,
    };
  }
  if (!significant) {
    return { verdict: 'pass', reason: `adjusted p ${formatNumber(adjustedP)} >= alpha ${alpha}` };
  }
  return {
    verdict: 'pass',
    reason: `significant (adjusted p ${formatNumber(adjustedP)}) but effect ${formatNumber(magnitude)} < threshold ${effectThreshold}`,
  };
}

/** Applies the drift rule and returns only the verdict. */
export function decide(input: DecisionInput): Verdict {
  return decideWithReason(input).verdict;
}

/** Four significant digits, deterministic across platforms. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number(value.toPrecision(4)).toString();
}
