/**
 * Distribution shift of embeddings (output semantics): maximum mean discrepancy (Gretton et al., 2012) with a
 * Gaussian RBF kernel and a permutation p-value, plus the cosine distance between the two centroids as a cheap,
 * interpretable effect size.
 *
 * Kernel: k(a, b) = exp(-||a - b||^2 / (2 sigma^2)). Bandwidth sigma defaults to the median heuristic: the
 * median Euclidean distance over all pairs of the pooled sample (falling back to the mean non-zero distance,
 * then 1, when the median is 0 because of duplicates).
 * Statistic: the unbiased estimate MMD^2_u = sum_{i!=j in X} k / (n(n-1)) + sum_{i!=j in Y} k / (m(m-1))
 *   - 2 sum_{X x Y} k / (n m). It can be slightly negative when the distributions are equal.
 * p-value: (1 + #{permuted statistic >= observed}) / (1 + permutations), over random relabellings of the
 * pooled sample (a valid p-value for any number of permutations; its resolution is 1 / (1 + permutations)).
 * Cost: O(N^2 d) for the kernel matrix and O(N^2) per permutation, N = n + m, O(N^2) memory; subsample each
 * side to at most ~1000 vectors (`sampleWithoutReplacement`) before calling.
 */
import { median } from './descriptive.js';
import { createRng, type Seed } from './rng.js';

/** Options of `mmdPermutationTest`. */
export interface MmdOptions {
  /** Number of random relabellings. Default 500. */
  permutations?: number;
  /** Seed of the permutation stream (required). */
  seed: Seed;
  /** Kernel bandwidth sigma > 0; default: median heuristic. */
  bandwidth?: number;
}

/** Result of `mmdPermutationTest`. */
export interface MmdResult {
  /** Unbiased MMD^2 estimate (may be slightly below 0 under no shift). */
  statistic: number;
  /** Permutation p-value in (0, 1]. */
  pValue: number;
  /** Bandwidth sigma used. */
  bandwidth: number;
  permutations: number;
  method: 'MMD^2 (unbiased), RBF kernel, permutation p-value';
}

function assertVectors(vectors: readonly (readonly number[])[], label: string, dimension: number): void {
  vectors.forEach((vector, row) => {
    if (vector.length !== dimension) {
      throw new RangeError(
        `mmd: ${label} vector ${row} has dimension ${vector.length}, expected ${dimension}`,
      );
    }
    for (let column = 0; column < dimension; column++) {
      if (!Number.isFinite(vector[column])) {
        throw new RangeError(`mmd: ${label} vector ${row} has a non-finite value at component ${column}`);
      }
    }
  });
}

function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) {
    const difference = a[k] - b[k];
    sum += difference * difference;
  }
  return sum;
}

/** Median-heuristic bandwidth of a set of vectors (see module comment). */
export function medianHeuristicBandwidth(vectors: readonly (readonly number[])[]): number {
  const distances: number[] = [];
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++)
      distances.push(Math.sqrt(squaredDistance(vectors[i], vectors[j])));
  }
  if (distances.length === 0) return 1;
  const middle = median(distances);
  if (middle > 0) return middle;
  const positive = distances.filter((distance) => distance > 0);
  return positive.length > 0 ? positive.reduce((sum, distance) => sum + distance, 0) / positive.length : 1;
}

/**
 * MMD two-sample test on vectors (e.g. output embeddings of baseline vs current). Each side needs at least 2
 * vectors of the same dimension with finite components; throws a RangeError otherwise.
 */
export function mmdPermutationTest(
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[],
  options: MmdOptions,
): MmdResult {
  const n = x.length;
  const m = y.length;
  if (n < 2 || m < 2)
    throw new RangeError(`mmdPermutationTest: need at least 2 vectors per side, got ${n} and ${m}`);
  const dimension = x[0].length;
  if (dimension === 0) throw new RangeError('mmdPermutationTest: vectors must have at least one component');
  assertVectors(x, 'first sample', dimension);
  assertVectors(y, 'second sample', dimension);
  const permutations = options.permutations ?? 500;
  if (!Number.isInteger(permutations) || permutations < 1) {
    throw new RangeError(`mmdPermutationTest: permutations must be an integer >= 1, got ${permutations}`);
  }
  const pooled = [...x, ...y];
  const bandwidth = options.bandwidth ?? medianHeuristicBandwidth(pooled);
  if (!(bandwidth > 0) || !Number.isFinite(bandwidth)) {
    throw new RangeError(`mmdPermutationTest: bandwidth must be a finite number > 0, got ${bandwidth}`);
  }

  const total = n + m;
  const kernel = new Float64Array(total * total);
  const scale = -1 / (2 * bandwidth * bandwidth);
  let upperSum = 0;
  for (let i = 0; i < total; i++) {
    for (let j = i + 1; j < total; j++) {
      const value = Math.exp(scale * squaredDistance(pooled[i], pooled[j]));
      kernel[i * total + j] = value;
      upperSum += value;
    }
  }

  // inFirst[i] = 1 when pooled point i is labelled as belonging to the first sample.
  const inFirst = new Uint8Array(total);
  const statisticFor = (): number => {
    let withinFirst = 0;
    let withinSecond = 0;
    for (let i = 0; i < total; i++) {
      const row = i * total;
      const label = inFirst[i];
      let sum = 0;
      for (let j = i + 1; j < total; j++) if (inFirst[j] === label) sum += kernel[row + j];
      if (label === 1) withinFirst += sum;
      else withinSecond += sum;
    }
    const between = upperSum - withinFirst - withinSecond;
    return (2 * withinFirst) / (n * (n - 1)) + (2 * withinSecond) / (m * (m - 1)) - (2 * between) / (n * m);
  };

  for (let i = 0; i < n; i++) inFirst[i] = 1;
  const observed = statisticFor();
  const rng = createRng(options.seed);
  let atLeastAsExtreme = 0;
  for (let p = 0; p < permutations; p++) {
    // Random relabelling: Fisher-Yates shuffle of the labels.
    for (let i = total - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const held = inFirst[i];
      inFirst[i] = inFirst[j];
      inFirst[j] = held;
    }
    // A tiny tolerance so permutations equal to the observed value up to rounding count as "as extreme".
    if (statisticFor() >= observed - 1e-12 * Math.abs(observed)) atLeastAsExtreme++;
  }
  return {
    statistic: observed,
    pValue: (1 + atLeastAsExtreme) / (1 + permutations),
    bandwidth,
    permutations,
    method: 'MMD^2 (unbiased), RBF kernel, permutation p-value',
  };
}

/**
 * Cosine distance between the centroids (component-wise means) of two sets of vectors: 1 - cos(angle), in
 * [0, 2]. Throws when a set is empty, dimensions differ, or a centroid is the zero vector (angle undefined).
 */
export function centroidCosineDistance(
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[],
): number {
  if (x.length === 0 || y.length === 0)
    throw new RangeError('centroidCosineDistance: both sets need vectors');
  const dimension = x[0].length;
  assertVectors(x, 'first sample', dimension);
  assertVectors(y, 'second sample', dimension);
  const centroid = (vectors: readonly (readonly number[])[]) => {
    const sum = new Float64Array(dimension);
    for (const vector of vectors) for (let k = 0; k < dimension; k++) sum[k] += vector[k];
    return sum.map((value) => value / vectors.length);
  };
  const a = centroid(x);
  const b = centroid(y);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let k = 0; k < dimension; k++) {
    dot += a[k] * b[k];
    normA += a[k] * a[k];
    normB += b[k] * b[k];
  }
  if (normA === 0 || normB === 0)
    throw new RangeError('centroidCosineDistance: a centroid is the zero vector');
  const cosine = Math.min(1, Math.max(-1, dot / Math.sqrt(normA * normB)));
  return 1 - cosine;
}
