/**
 * Distribution shift of vectors (e.g. output embeddings): maximum mean discrepancy (Gretton et al., 2012) with a
 * Gaussian RBF kernel and a permutation p-value, plus the cosine distance between the two centroids as a cheap,
 * interpretable effect size. The one MMD implementation of the package: it works on a Gram matrix (inner
 * products), so sparse vectors (the lexical embedder's) are never densified; `mmdPermutationTest` is the dense
 * convenience API that builds the Gram matrix and calls `mmdFromGram`.
 *
 * Kernel: k(a, b) = exp(-||a - b||^2 / (2 sigma^2)), with ||a - b||^2 = G_aa + G_bb - 2 G_ab. Bandwidth sigma
 * defaults to the median heuristic: the median Euclidean distance over all pairs of the pooled sample (falling
 * back to the mean non-zero distance, then 1, when the median is 0 because of duplicates).
 * Statistic: the unbiased estimate MMD^2_u = sum_{i!=j in X} k / (n(n-1)) + sum_{i!=j in Y} k / (m(m-1))
 *   - 2 sum_{X x Y} k / (n m). It can be slightly negative when the distributions are equal.
 * p-value: (1 + #{permuted statistic >= observed}) / (1 + permutations), over random relabellings of the
 * pooled sample (`pair-permutation.ts`; valid for any number of permutations, resolution 1 / (1 + P)).
 * Cost: O(N^2) memory (Gram and kernel matrices, N = n + m) and O(N) + O(s^2 / 2) per permutation (s = the
 * smaller side); subsample each side to at most ~1000 vectors (`sampleWithoutReplacement`) before calling.
 */
import { pairPermutationTest, unbiasedMmdSquared } from './pair-permutation.js';
import type { Seed } from './rng.js';

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

/** Options of `mmdFromGram`. */
export interface GramMmdOptions {
  permutations: number;
  seed: Seed;
  /** Kernel bandwidth sigma > 0; default: median heuristic. */
  bandwidth?: number;
}

/** Result of `mmdFromGram`. */
export interface GramMmdResult {
  statistic: number;
  pValue: number;
  bandwidth: number;
  permutations: number;
}

/** Median of the pairwise Euclidean distances of the points of a Gram matrix (fallbacks in the module comment). */
export function medianDistanceFromGram(gram: Float64Array, total: number): number {
  const pairs = (total * (total - 1)) / 2;
  if (pairs === 0) return 1;
  const distances = new Float64Array(pairs);
  let cursor = 0;
  let positiveSum = 0;
  let positiveCount = 0;
  for (let i = 0; i < total; i++) {
    for (let j = i + 1; j < total; j++) {
      const squared = gram[i * total + i] + gram[j * total + j] - 2 * gram[i * total + j];
      const distance = Math.sqrt(Math.max(0, squared));
      distances[cursor++] = distance;
      if (distance > 0) {
        positiveSum += distance;
        positiveCount++;
      }
    }
  }
  distances.sort();
  const middle =
    pairs % 2 === 1 ? distances[(pairs - 1) / 2] : (distances[pairs / 2 - 1] + distances[pairs / 2]) / 2;
  // Rounding noise from G_aa + G_bb - 2 G_ab on identical vectors is not a real distance.
  if (middle > 1e-9) return middle;
  return positiveCount > 0 ? positiveSum / positiveCount : 1;
}

/** RBF kernel matrix from a Gram matrix. */
export function rbfKernelFromGram(gram: Float64Array, total: number, bandwidth: number): Float64Array {
  const kernel = new Float64Array(total * total);
  const scale = -1 / (2 * bandwidth * bandwidth);
  for (let i = 0; i < total; i++) {
    const gii = gram[i * total + i];
    for (let j = i; j < total; j++) {
      const squared = Math.max(0, gii + gram[j * total + j] - 2 * gram[i * total + j]);
      const value = Math.exp(scale * squared);
      kernel[i * total + j] = value;
      kernel[j * total + i] = value;
    }
  }
  return kernel;
}

/**
 * MMD permutation test between the first `n` points and the remaining `total - n` points of a row-major
 * `total x total` Gram matrix. Needs at least 2 points per side; throws a RangeError otherwise.
 */
export function mmdFromGram(
  gram: Float64Array,
  total: number,
  n: number,
  options: GramMmdOptions,
): GramMmdResult {
  if (n < 2 || total - n < 2) {
    throw new RangeError(`mmdFromGram: need at least 2 vectors per side, got ${n} and ${total - n}`);
  }
  const bandwidth = options.bandwidth ?? medianDistanceFromGram(gram, total);
  if (!(bandwidth > 0 && Number.isFinite(bandwidth))) {
    throw new RangeError(`mmdFromGram: bandwidth must be a finite number > 0, got ${bandwidth}`);
  }
  const kernel = rbfKernelFromGram(gram, total, bandwidth);
  const result = pairPermutationTest(kernel, total, n, unbiasedMmdSquared, options);
  return { statistic: result.observed, pValue: result.pValue, bandwidth, permutations: result.permutations };
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

/** Gram matrix (inner products) of dense vectors, row-major. */
function denseGram(vectors: readonly (readonly number[])[]): Float64Array {
  const total = vectors.length;
  const gram = new Float64Array(total * total);
  for (let i = 0; i < total; i++) {
    const a = vectors[i];
    for (let j = i; j < total; j++) {
      const b = vectors[j];
      let dot = 0;
      for (let k = 0; k < a.length; k++) dot += a[k] * b[k];
      gram[i * total + j] = dot;
      gram[j * total + i] = dot;
    }
  }
  return gram;
}

/** Median-heuristic bandwidth of a set of dense vectors (see module comment). */
export function medianHeuristicBandwidth(vectors: readonly (readonly number[])[]): number {
  return medianDistanceFromGram(denseGram(vectors), vectors.length);
}

/**
 * MMD two-sample test on dense vectors (e.g. output embeddings of baseline vs current): builds the Gram matrix
 * and runs `mmdFromGram`. Each side needs at least 2 vectors of the same dimension with finite components;
 * throws a RangeError otherwise.
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
  if (options.bandwidth !== undefined && !(options.bandwidth > 0 && Number.isFinite(options.bandwidth))) {
    throw new RangeError(
      `mmdPermutationTest: bandwidth must be a finite number > 0, got ${options.bandwidth}`,
    );
  }
  const result = mmdFromGram(denseGram([...x, ...y]), n + m, n, {
    permutations,
    seed: options.seed,
    ...(options.bandwidth === undefined ? {} : { bandwidth: options.bandwidth }),
  });
  return { ...result, method: 'MMD^2 (unbiased), RBF kernel, permutation p-value' };
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
