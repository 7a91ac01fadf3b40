/**
 * Comparing two rates (error rate, truncation rate, tool-call rate, ...).
 *
 * Test: the pooled two-proportion z-test, z = (p2 - p1) / sqrt(pbar (1 - pbar) (1/n1 + 1/n2)), two-sided
 * p = 2 (1 - Phi(|z|)). z^2 equals Pearson's chi-square on the 2x2 table without Yates' correction (R
 * `prop.test(correct = FALSE)`). When both samples are all-successes or all-failures there is no variance and
 * no evidence of a difference: z = 0, p = 1.
 *
 * Interval for the difference p2 - p1: Newcombe's hybrid score interval (Newcombe 1998, method 10), built
 * from the two Wilson score intervals. Unlike the Wald interval it stays inside [-1, 1], has close to nominal
 * coverage for small n and extreme rates, and is well defined at 0/n and n/n.
 *
 * Direction convention: the FIRST sample is the baseline, the SECOND the current one; `diff` = p2 - p1 is
 * positive when the current rate is higher.
 */

import { normalQuantile, normalSf } from './distributions.js';
import { cohensH } from './effects.js';

/** Options of `twoProportionTest`. */
export interface TwoProportionOptions {
  /** Confidence level of the interval for the difference. Default 0.95. */
  confidence?: number;
}

/** Result of `twoProportionTest`. */
export interface TwoProportionResult {
  /** Standardised difference (pooled standard error); 0 when the pooled rate is 0 or 1. */
  z: number;
  /** Two-sided p-value of H0: p1 = p2. */
  pValue: number;
  /** Observed rates x1/n1 and x2/n2. */
  p1: number;
  p2: number;
  /** p2 - p1 (current minus baseline); the absolute effect is |diff|. */
  diff: number;
  /** Newcombe hybrid score interval for p2 - p1 at `confidence`; always within [-1, 1]. */
  ci: { lower: number; upper: number; confidence: number };
  /** Cohen's h = 2 asin sqrt(p2) - 2 asin sqrt(p1). */
  cohensH: number;
  method: 'pooled z-test; Newcombe hybrid score interval';
}

/** A Wilson score interval for one proportion. */
export interface ProportionInterval {
  lower: number;
  upper: number;
}

function assertCounts(successes: number, trials: number, context: string): void {
  if (!Number.isInteger(trials) || trials <= 0) {
    throw new RangeError(`${context}: number of trials must be a positive integer, got ${trials}`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`${context}: successes must be an integer in [0, ${trials}], got ${successes}`);
  }
}

function assertConfidence(confidence: number, context: string): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${context}: confidence must be in (0, 1), got ${confidence}`);
  }
}

/**
 * Wilson score interval for x successes out of n: the set of p whose score test is not rejected at
 * 1 - confidence. Well defined at x = 0 and x = n (one bound is then exactly 0 or 1).
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): ProportionInterval {
  assertCounts(successes, trials, 'wilsonInterval');
  assertConfidence(confidence, 'wilsonInterval');
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const p = successes / trials;
  const denominator = trials + z2;
  const center = (successes + z2 / 2) / denominator;
  const halfWidth = ((z * Math.sqrt(trials)) / denominator) * Math.sqrt(p * (1 - p) + z2 / (4 * trials));
  // Exact endpoints at the boundaries (the formula gives them up to rounding).
  const lower = successes === 0 ? 0 : Math.max(0, center - halfWidth);
  const upper = successes === trials ? 1 : Math.min(1, center + halfWidth);
  return { lower, upper };
}

/**
 * Two-proportion comparison: baseline x1 of n1 versus current x2 of n2. Throws a RangeError on invalid counts
 * (n <= 0, x outside [0, n], non-integers); never returns NaN.
 */
export function twoProportionTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: TwoProportionOptions = {},
): TwoProportionResult {
  assertCounts(x1, n1, 'twoProportionTest (first sample)');
  assertCounts(x2, n2, 'twoProportionTest (second sample)');
  const confidence = options.confidence ?? 0.95;
  assertConfidence(confidence, 'twoProportionTest');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p2 - p1;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  const z = variance > 0 ? diff / Math.sqrt(variance) : 0;
  const pValue = variance > 0 ? Math.min(1, 2 * normalSf(Math.abs(z))) : 1;

  const w1 = wilsonInterval(x1, n1, confidence);
  const w2 = wilsonInterval(x2, n2, confidence);
  const lower = diff - Math.sqrt((p2 - w2.lower) ** 2 + (w1.upper - p1) ** 2);
  const upper = diff + Math.sqrt((w2.upper - p2) ** 2 + (p1 - w1.lower) ** 2);

  return {
    z,
    pValue,
    p1,
    p2,
    diff,
    ci: { lower: Math.max(-1, lower), upper: Math.min(1, upper), confidence },
    cohensH: cohensH(p1, p2),
    method: 'pooled z-test; Newcombe hybrid score interval',
  };
}

/** Result of `fisherExactTest`. */
export interface FisherExactResult {
  /** Two-sided p-value: total probability of tables no more likely than the observed one (scipy/R rule). */
  pValue: number;
  p1: number;
  p2: number;
  /** p2 - p1. */
  diff: number;
  method: 'fisher exact (two-sided)';
}

/**
 * Fisher's exact test of x1/n1 versus x2/n2 (2 x 2 table with fixed margins), exact for any count, so it is the
 * right test when events are rare (expected counts below 5). Two-sided p = sum of hypergeometric probabilities
 * of all tables at most as likely as the observed one (relative tolerance 1e-7, as scipy and R). The
 * probabilities are built by the ratio recurrence from the mode and normalised, so no factorial overflows.
 */
export function fisherExactTest(x1: number, n1: number, x2: number, n2: number): FisherExactResult {
  assertCounts(x1, n1, 'fisherExactTest (first sample)');
  assertCounts(x2, n2, 'fisherExactTest (second sample)');
  const events = x1 + x2;
  const low = Math.max(0, events - n2);
  const high = Math.min(n1, events);
  // Unnormalised hypergeometric weights of X1 = k, k in [low, high], relative to the mode.
  const weights = new Float64Array(high - low + 1);
  const mode = Math.min(high, Math.max(low, Math.floor(((events + 1) * (n1 + 1)) / (n1 + n2 + 2))));
  weights[mode - low] = 1;
  for (let k = mode; k < high; k++) {
    weights[k + 1 - low] = (weights[k - low] * (n1 - k) * (events - k)) / ((k + 1) * (n2 - events + k + 1));
  }
  for (let k = mode; k > low; k--) {
    weights[k - 1 - low] = (weights[k - low] * k * (n2 - events + k)) / ((n1 - k + 1) * (events - k + 1));
  }
  let total = 0;
  for (const weight of weights) total += weight;
  const observed = weights[x1 - low];
  let tail = 0;
  for (const weight of weights) if (weight <= observed * (1 + 1e-7)) tail += weight;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  return { pValue: Math.min(1, tail / total), p1, p2, diff: p2 - p1, method: 'fisher exact (two-sided)' };
}
