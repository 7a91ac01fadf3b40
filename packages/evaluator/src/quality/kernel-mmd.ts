/**
 * MMD two-sample test on a precomputed Gram matrix (so sparse lexical vectors work as well as dense ones).
 *
 * Kernel: Gaussian RBF k(a, b) = exp(-||a - b||^2 / (2 sigma^2)), with ||a - b||^2 = G_aa + G_bb - 2 G_ab.
 * Bandwidth: median heuristic, sigma = median Euclidean distance over all pairs of the pooled (subsampled)
 * points; when that median is 0 (many duplicates) the mean non-zero distance, then 1 (as in stats/mmd.ts).
 * Statistic: unbiased MMD^2_u (Gretton et al., 2012), slightly negative possible under no shift.
 * p-value: permutation, see `pair-permutation.ts`.
 * Cost: O(N^2) memory (two N x N float64 matrices) and time per permutation O(s^2 / 2).
 */
import type { Seed } from '../stats/index.js';
import { pairPermutationTest, unbiasedMmdSquared } from './pair-permutation.js';

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

/** Median of the pairwise Euclidean distances (fallbacks in the module comment). */
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
 * MMD permutation test between the first `n` points and the remaining `total - n` points of a Gram matrix.
 * Needs at least 2 points per side; throws a RangeError otherwise.
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
