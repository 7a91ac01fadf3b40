/**
 * Effect sizes: how LARGE a difference is, independent of how many samples prove it. A drift verdict needs both
 * a small adjusted p-value and an effect above a practical threshold (see `decide`).
 *
 * - Numeric metrics: 1-D Wasserstein (earth mover's) distance divided by the pooled standard deviation, a
 *   scale-free "how many standard deviations of mass moved" (for a pure location shift it equals Cohen's d).
 * - Rates: absolute difference of proportions, and Cohen's h = 2 asin(sqrt(p2)) - 2 asin(sqrt(p1)).
 * - Categorical mixes: Jensen-Shannon distance, base 2, in [0, 1] (0 = same mix, 1 = disjoint supports).
 */
import { assertFiniteSample, type NumericSample, pooledStd } from './descriptive.js';

/**
 * First Wasserstein distance between the empirical distributions of two samples: the area between their
 * CDFs, integral |F_x(t) - F_y(t)| dt, computed exactly by merging the sorted samples. O((m + n) log(m + n)).
 * Matches scipy.stats.wasserstein_distance (unweighted).
 */
export function wassersteinDistance(x: NumericSample, y: NumericSample): number {
  assertFiniteSample(x, 'wassersteinDistance (first sample)');
  assertFiniteSample(y, 'wassersteinDistance (second sample)');
  const sortedX = Float64Array.from(x).sort();
  const sortedY = Float64Array.from(y).sort();
  const m = sortedX.length;
  const n = sortedY.length;
  let i = 0;
  let j = 0;
  let area = 0;
  let previous = Math.min(sortedX[0], sortedY[0]);
  while (i < m || j < n) {
    const value = j >= n || (i < m && sortedX[i] <= sortedY[j]) ? sortedX[i] : sortedY[j];
    // Between `previous` and `value` both CDFs are flat at i/m and j/n.
    area += Math.abs(i / m - j / n) * (value - previous);
    while (i < m && sortedX[i] === value) i++;
    while (j < n && sortedY[j] === value) j++;
    previous = value;
  }
  return area;
}

/** Result of `standardizedWasserstein`. */
export interface StandardizedWasserstein {
  /** Wasserstein-1 distance in the metric's own unit. */
  distance: number;
  /** Pooled standard deviation of the two samples (n - 1 denominators). */
  pooledStd: number;
  /**
   * distance / pooledStd. Zero-scale guard: when pooledStd is 0 (both samples constant, or one value each),
   * the effect is 0 if the distance is 0 and +Infinity otherwise (any move of a constant is infinitely many
   * standard deviations; it passes every finite threshold). Serialise with care: JSON turns Infinity into null.
   */
  effect: number;
}

/** Wasserstein distance and its standardised effect, distance / pooled std (see field docs for the guard). */
export function standardizedWasserstein(x: NumericSample, y: NumericSample): StandardizedWasserstein {
  const distance = wassersteinDistance(x, y);
  const scale = pooledStd(x, y);
  let effect: number;
  if (scale > 0) effect = distance / scale;
  else effect = distance === 0 ? 0 : Number.POSITIVE_INFINITY;
  return { distance, pooledStd: scale, effect };
}

/** Cohen's h for two proportions: 2 asin(sqrt(p2)) - 2 asin(sqrt(p1)), in [-pi, pi]. Signed: positive when p2 > p1. */
export function cohensH(p1: number, p2: number): number {
  for (const p of [p1, p2]) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`cohensH: proportions must be in [0, 1], got ${p}`);
  }
  return 2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1));
}

/** A discrete distribution or category counts: keyed by category, or positional. Need not be normalised. */
export type CategoricalWeights = Readonly<Record<string, number>> | readonly number[];

/** Aligns two weight maps on the union of their categories (sorted keys, so the result is order-independent). */
export function alignCategories(
  a: CategoricalWeights,
  b: CategoricalWeights,
  context: string,
): { categories: string[]; a: number[]; b: number[] } {
  const recordA = toRecord(a);
  const recordB = toRecord(b);
  const categories = [...new Set([...Object.keys(recordA), ...Object.keys(recordB)])].sort();
  const valuesA = categories.map((key) => recordA[key] ?? 0);
  const valuesB = categories.map((key) => recordB[key] ?? 0);
  for (const [label, values] of [
    ['first', valuesA],
    ['second', valuesB],
  ] as const) {
    values.forEach((value, index) => {
      if (!Number.isFinite(value) || value < 0) {
        throw new RangeError(
          `${context}: ${label} distribution has an invalid weight for '${categories[index]}': ${value}`,
        );
      }
    });
  }
  return { categories, a: valuesA, b: valuesB };
}

function toRecord(weights: CategoricalWeights): Readonly<Record<string, number>> {
  if (!Array.isArray(weights)) return weights as Readonly<Record<string, number>>;
  const record: Record<string, number> = {};
  (weights as readonly number[]).forEach((value, index) => {
    record[String(index)] = value;
  });
  return record;
}

/**
 * Jensen-Shannon distance (base 2): sqrt(JSD(P, Q)), JSD = (KL(P || M) + KL(Q || M)) / 2, M = (P + Q) / 2.
 * Inputs are counts or probabilities (each normalised to sum 1), keyed by category; missing categories
 * count as 0. A true metric in [0, 1]. Matches scipy.spatial.distance.jensenshannon(p, q, base=2).
 * Throws when a distribution has zero total mass.
 */
export function jensenShannonDistance(pA: CategoricalWeights, pB: CategoricalWeights): number {
  const { a, b } = alignCategories(pA, pB, 'jensenShannonDistance');
  const totalA = a.reduce((sum, value) => sum + value, 0);
  const totalB = b.reduce((sum, value) => sum + value, 0);
  if (totalA <= 0 || totalB <= 0) {
    throw new RangeError('jensenShannonDistance: each distribution needs a positive total weight');
  }
  let divergence = 0;
  for (let k = 0; k < a.length; k++) {
    const p = a[k] / totalA;
    const q = b[k] / totalB;
    const middle = (p + q) / 2;
    if (p > 0) divergence += 0.5 * p * Math.log2(p / middle);
    if (q > 0) divergence += 0.5 * q * Math.log2(q / middle);
  }
  // Rounding can leave a tiny negative divergence for identical inputs, or push it a hair above 1.
  return Math.sqrt(Math.min(1, Math.max(0, divergence)));
}
