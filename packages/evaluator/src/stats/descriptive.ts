/**
 * Descriptive statistics. Every function validates its input (non-empty, finite numbers) and throws a
 * RangeError naming the function and the problem, so a NaN never flows silently into a verdict.
 *
 * Quantile definition: Hyndman & Fan (1996) type 7, the default of numpy (`method='linear'`), R and Excel
 * PERCENTILE.INC: for sorted x[0..n-1] and probability q, h = (n - 1) q, and the result interpolates linearly
 * between x[floor(h)] and x[floor(h) + 1]. The interpolation uses numpy's two-sided lerp so results match
 * numpy.quantile bit for bit in the usual cases.
 */

/** Any array-like of numbers: `number[]`, `Float64Array`, ... */
export type NumericSample = ArrayLike<number>;

/** Throws a RangeError unless `values` is non-empty and every value is a finite number. */
export function assertFiniteSample(values: NumericSample, context: string, minLength = 1): void {
  if (values.length < minLength) {
    throw new RangeError(`${context}: need at least ${minLength} value(s), got ${values.length}`);
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${context}: value at index ${i} is not a finite number (${values[i]})`);
    }
  }
}

/** Returns a sorted (ascending) Float64Array copy of the values, after validating them. */
export function sortedCopy(values: NumericSample, context = 'sortedCopy'): Float64Array {
  assertFiniteSample(values, context);
  return Float64Array.from(values).sort();
}

/** Arithmetic mean. Uses a compensated (Neumaier) sum so long samples of similar values lose no precision. */
export function mean(values: NumericSample): number {
  assertFiniteSample(values, 'mean');
  return compensatedSum(values) / values.length;
}

/** Neumaier-compensated sum of the values (no validation). */
export function compensatedSum(values: NumericSample): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const total = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - total + value : value - total + sum;
    sum = total;
  }
  return sum + compensation;
}

/**
 * Sample variance with denominator n - 1 (unbiased), two-pass algorithm. Needs at least 2 values.
 * Use `ddof: 0` for the population variance (denominator n, defined for n >= 1).
 */
export function variance(values: NumericSample, options: { ddof?: 0 | 1 } = {}): number {
  const ddof = options.ddof ?? 1;
  assertFiniteSample(values, 'variance', ddof + 1);
  const center = compensatedSum(values) / values.length;
  let squares = 0;
  let deviations = 0;
  for (let i = 0; i < values.length; i++) {
    const deviation = values[i] - center;
    squares += deviation * deviation;
    deviations += deviation;
  }
  // The correction term removes the rounding error left in `center` (Chan, Golub & LeVeque's corrected two-pass).
  const result = (squares - (deviations * deviations) / values.length) / (values.length - ddof);
  return Math.max(0, result);
}

/** Standard deviation: square root of `variance` (n - 1 denominator unless `ddof: 0`). */
export function std(values: NumericSample, options: { ddof?: 0 | 1 } = {}): number {
  return Math.sqrt(variance(values, options));
}

/**
 * Pooled standard deviation of two samples, sqrt(((n1-1)s1^2 + (n2-1)s2^2) / (n1 + n2 - 2)), the usual
 * denominator of standardised effect sizes. Returns 0 when there are no degrees of freedom (n1 + n2 <= 2),
 * which callers must treat as "no scale" (see `standardizedWasserstein`).
 */
export function pooledStd(x: NumericSample, y: NumericSample): number {
  assertFiniteSample(x, 'pooledStd (first sample)');
  assertFiniteSample(y, 'pooledStd (second sample)');
  const dof = x.length + y.length - 2;
  if (dof <= 0) return 0;
  const sx = x.length > 1 ? variance(x) * (x.length - 1) : 0;
  const sy = y.length > 1 ? variance(y) * (y.length - 1) : 0;
  return Math.sqrt((sx + sy) / dof);
}

/** numpy's lerp: exact at both ends and monotone in t. */
function lerp(a: number, b: number, t: number): number {
  if (a === b) return a;
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

function assertProbability(q: number, context: string): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`${context}: probability must be in [0, 1], got ${q}`);
}

/**
 * Type-7 quantile of an ALREADY SORTED (ascending) sample; O(1). Use with `sortedCopy` to take several
 * quantiles without re-sorting. The caller guarantees sortedness and finiteness.
 */
export function quantileSorted(sorted: NumericSample, q: number): number {
  assertProbability(q, 'quantileSorted');
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileSorted: need at least 1 value, got 0');
  const h = (n - 1) * q;
  const lower = Math.floor(h);
  if (lower >= n - 1) return sorted[n - 1];
  return lerp(sorted[lower], sorted[lower + 1], h - lower);
}

/** Type-7 quantile (numpy default) of an unsorted sample; sorts a copy, O(n log n). */
export function quantile(values: NumericSample, q: number): number {
  assertProbability(q, 'quantile');
  return quantileSorted(sortedCopy(values, 'quantile'), q);
}

/** Several type-7 quantiles of one unsorted sample with a single sort. */
export function quantiles(values: NumericSample, qs: readonly number[]): number[] {
  for (const q of qs) assertProbability(q, 'quantiles');
  const sorted = sortedCopy(values, 'quantiles');
  return qs.map((q) => quantileSorted(sorted, q));
}

/** Median (type-7 quantile at 0.5: the mean of the two middle values for even n). */
export function median(values: NumericSample): number {
  return quantile(values, 0.5);
}

/** Median of an already sorted sample. */
export function medianSorted(sorted: NumericSample): number {
  return quantileSorted(sorted, 0.5);
}
