/**
 * Bootstrap confidence intervals, percentile method (Efron): draw `resamples` samples of size n with
 * replacement, compute the statistic on each, and report the (1 - c)/2 and (1 + c)/2 type-7 quantiles of those
 * replicates as the interval at confidence c. The point estimate is the statistic of the original sample.
 *
 * Determinism: all draws come from `createRng(seed)` in a fixed order, so the same input and seed give
 * bit-identical intervals. Derive one seed per metric and segment with `deriveSeed`.
 *
 * Speed: the mean costs O(n) per resample. Quantiles avoid sorting each resample: the sample is sorted once,
 * a resample is represented by how often each sorted position was drawn, and the needed order statistics are
 * read by one cumulative scan, so O(n) per resample instead of O(n log n).
 *
 * Known limitation of the percentile method: for extreme quantiles of small samples (p99 of 50 values) the
 * interval cannot extend past the sample's maximum and under-covers; callers should require enough samples.
 */
import { assertFiniteSample, compensatedSum, type NumericSample, quantileSorted } from './descriptive.js';
import { createRng, type Rng, type Seed } from './rng.js';

/** Options shared by the bootstrap functions. */
export interface BootstrapOptions {
  /** Number of bootstrap resamples. Default 2000. */
  resamples?: number;
  /** Two-sided confidence level in (0, 1). Default 0.95. */
  confidence?: number;
  /** Seed of the resampling stream (required: determinism is not optional). */
  seed: Seed;
}

/** A point estimate with a percentile-bootstrap interval. */
export interface BootstrapInterval {
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
  resamples: number;
  method: 'percentile bootstrap';
}

/** A statistic of one or two samples to bootstrap: the mean, the median, or a type-7 quantile. */
export type StatisticSpec = 'mean' | 'median' | { quantile: number };

/** Default number of resamples. */
export const DEFAULT_RESAMPLES = 2000;

interface ResolvedOptions {
  resamples: number;
  confidence: number;
  rng: Rng;
}

function resolveOptions(options: BootstrapOptions, context: string): ResolvedOptions {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`${context}: resamples must be an integer >= 1, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${context}: confidence must be in (0, 1), got ${confidence}`);
  }
  if (options.seed === undefined)
    throw new RangeError(`${context}: a seed is required for reproducible results`);
  return { resamples, confidence, rng: createRng(options.seed) };
}

/** Type-7 quantile of sorted replicates that tolerates +-Infinity (never interpolates into NaN). */
function replicateQuantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lower = Math.floor(h);
  const a = sorted[lower];
  const b = sorted[Math.min(lower + 1, sorted.length - 1)];
  if (Number.isFinite(a) && Number.isFinite(b)) return quantileSorted(sorted, q);
  if (a === b) return a;
  return h - lower < 0.5 ? a : b;
}

/** Turns replicates into a percentile interval around `estimate`. */
export function percentileInterval(
  replicates: Float64Array,
  estimate: number,
  confidence: number,
): BootstrapInterval {
  for (let i = 0; i < replicates.length; i++) {
    if (Number.isNaN(replicates[i])) throw new RangeError('percentileInterval: a bootstrap replicate is NaN');
  }
  const sorted = Float64Array.from(replicates).sort();
  const tail = (1 - confidence) / 2;
  return {
    estimate,
    lower: replicateQuantile(sorted, tail),
    upper: replicateQuantile(sorted, 1 - tail),
    confidence,
    resamples: replicates.length,
    method: 'percentile bootstrap',
  };
}

/** Draws one resample of the mean: O(n). */
function meanResampler(values: Float64Array, rng: Rng): () => number {
  const n = values.length;
  return () => {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += values[rng.int(n)];
    return sum / n;
  };
}

/** The sample sorted ascending, and for each original index the position of that value in the sorted array. */
function sortWithRanks(values: NumericSample): { sorted: Float64Array; rankOf: Uint32Array } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, index) => index).sort((a, b) => values[a] - values[b] || a - b);
  const sorted = new Float64Array(n);
  const rankOf = new Uint32Array(n);
  order.forEach((originalIndex, position) => {
    sorted[position] = values[originalIndex];
    rankOf[originalIndex] = position;
  });
  return { sorted, rankOf };
}

/**
 * Draws one resample and writes the requested type-7 quantiles into `out`, in O(n) via multiplicities of
 * sorted positions (no per-resample sort). Indices are drawn in the ORIGINAL order (`rng.int(n)` picks
 * values[i]) exactly as `bootstrapCI` does, so with the same seed both see the same resamples.
 */
function quantileResampler(
  values: NumericSample,
  qs: readonly number[],
  rng: Rng,
): (out: Float64Array) => void {
  const { sorted, rankOf } = sortWithRanks(values);
  const n = sorted.length;
  const counts = new Uint32Array(n);
  // Ranks (0-based) of the order statistics each quantile interpolates between.
  const plans = qs.map((q) => {
    const h = (n - 1) * q;
    const low = Math.min(Math.floor(h), n - 1);
    return { low, high: Math.min(low + 1, n - 1), fraction: h - low };
  });
  const ranks = [...new Set(plans.flatMap((plan) => [plan.low, plan.high]))].sort((a, b) => a - b);
  const orderStatistics = new Map<number, number>();
  return (out) => {
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[rankOf[rng.int(n)]]++;
    let cumulative = 0;
    let position = 0;
    for (const rank of ranks) {
      // Advance to the sorted position whose block of copies contains `rank`.
      while (cumulative + counts[position] <= rank) {
        cumulative += counts[position];
        position++;
      }
      orderStatistics.set(rank, sorted[position]);
    }
    plans.forEach((plan, index) => {
      const a = orderStatistics.get(plan.low)!;
      const b = orderStatistics.get(plan.high)!;
      out[index] =
        a === b ? a : plan.fraction >= 0.5 ? b - (b - a) * (1 - plan.fraction) : a + (b - a) * plan.fraction;
    });
  };
}

function assertQuantile(q: number, context: string): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`${context}: quantile must be in [0, 1], got ${q}`);
}

/** A resampler for one named statistic plus its value on the original sample. */
function statisticResampler(values: NumericSample, spec: StatisticSpec, rng: Rng, context: string) {
  assertFiniteSample(values, context);
  if (spec === 'mean') {
    const data = Float64Array.from(values);
    return { estimate: compensatedSum(data) / data.length, draw: meanResampler(data, rng) };
  }
  const q = spec === 'median' ? 0.5 : spec.quantile;
  assertQuantile(q, context);
  const sorted = Float64Array.from(values).sort();
  const one = new Float64Array(1);
  const resample = quantileResampler(values, [q], rng);
  return {
    estimate: quantileSorted(sorted, q),
    draw: () => {
      resample(one);
      return one[0];
    },
  };
}

/**
 * Percentile-bootstrap interval of any statistic of one sample. `statistic` receives a fresh Float64Array
 * resample (it may sort it in place) and must return a number (not NaN). O(resamples * cost(statistic)).
 */
export function bootstrapCI(
  values: NumericSample,
  statistic: (sample: Float64Array) => number,
  options: BootstrapOptions,
): BootstrapInterval {
  assertFiniteSample(values, 'bootstrapCI');
  const { resamples, confidence, rng } = resolveOptions(options, 'bootstrapCI');
  const data = Float64Array.from(values);
  const n = data.length;
  const replicates = new Float64Array(resamples);
  const buffer = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let k = 0; k < n; k++) buffer[k] = data[rng.int(n)];
    replicates[r] = statistic(buffer);
  }
  return percentileInterval(replicates, statistic(Float64Array.from(values)), confidence);
}

/** Percentile-bootstrap interval of the mean; O(n) per resample. */
export function bootstrapMeanCI(values: NumericSample, options: BootstrapOptions): BootstrapInterval {
  const { resamples, confidence, rng } = resolveOptions(options, 'bootstrapMeanCI');
  const { estimate, draw } = statisticResampler(values, 'mean', rng, 'bootstrapMeanCI');
  const replicates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) replicates[r] = draw();
  return percentileInterval(replicates, estimate, confidence);
}

/**
 * Percentile-bootstrap intervals of several type-7 quantiles (e.g. p50, p95, p99 of latency) from the SAME
 * resamples; O(n) per resample for all of them together. Returns one interval per entry of `qs`.
 */
export function bootstrapQuantilesCI(
  values: NumericSample,
  qs: readonly number[],
  options: BootstrapOptions,
): BootstrapInterval[] {
  assertFiniteSample(values, 'bootstrapQuantilesCI');
  for (const q of qs) assertQuantile(q, 'bootstrapQuantilesCI');
  const { resamples, confidence, rng } = resolveOptions(options, 'bootstrapQuantilesCI');
  const sorted = Float64Array.from(values).sort();
  const replicates = qs.map(() => new Float64Array(resamples));
  const out = new Float64Array(qs.length);
  const resample = quantileResampler(values, qs, rng);
  for (let r = 0; r < resamples; r++) {
    resample(out);
    for (let index = 0; index < qs.length; index++) replicates[index][r] = out[index];
  }
  return qs.map((q, index) => percentileInterval(replicates[index], quantileSorted(sorted, q), confidence));
}

/** Percentile-bootstrap interval of one type-7 quantile (q in [0, 1]). */
export function bootstrapQuantileCI(
  values: NumericSample,
  q: number,
  options: BootstrapOptions,
): BootstrapInterval {
  return bootstrapQuantilesCI(values, [q], options)[0];
}

/** The relative change current / baseline - 1, with 0/0 = 0 and x/0 = +-Infinity (never NaN). */
export function relativeChange(baselineValue: number, currentValue: number): number {
  if (baselineValue === 0) {
    if (currentValue === 0) return 0;
    return currentValue > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  return currentValue / baselineValue - 1;
}

/** Options of the two-sample change intervals. */
export interface ChangeOptions extends BootstrapOptions {
  /** Statistic compared between the samples. Default 'mean'. */
  statistic?: StatisticSpec;
}

function twoSampleChangeCI(
  baseline: NumericSample,
  current: NumericSample,
  options: ChangeOptions,
  combine: (baselineValue: number, currentValue: number) => number,
  context: string,
): BootstrapInterval {
  const { resamples, confidence, rng } = resolveOptions(options, context);
  const spec = options.statistic ?? 'mean';
  // Both resamplers share one stream: baseline draws first, then current, in every replicate.
  const base = statisticResampler(baseline, spec, rng, `${context} (baseline)`);
  const curr = statisticResampler(current, spec, rng, `${context} (current)`);
  const replicates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const baselineValue = base.draw();
    replicates[r] = combine(baselineValue, curr.draw());
  }
  return percentileInterval(replicates, combine(base.estimate, curr.estimate), confidence);
}

/**
 * Relative change of a statistic (default the mean) from baseline to current, stat(current) / stat(baseline)
 * - 1 (0.05 = +5 %), with a percentile-bootstrap interval from independent resamples of both samples.
 * Meant for positive metrics (cost, latency, tokens). A zero baseline statistic gives 0 or +-Infinity (see
 * `relativeChange`), never NaN.
 */
export function relativeChangeCI(
  baseline: NumericSample,
  current: NumericSample,
  options: ChangeOptions,
): BootstrapInterval {
  return twoSampleChangeCI(baseline, current, options, relativeChange, 'relativeChangeCI');
}

/** Difference stat(current) - stat(baseline) (default the mean) with a percentile-bootstrap interval. */
export function differenceCI(
  baseline: NumericSample,
  current: NumericSample,
  options: ChangeOptions,
): BootstrapInterval {
  return twoSampleChangeCI(baseline, current, options, (b, c) => c - b, 'differenceCI');
}
