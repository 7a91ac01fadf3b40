/**
 * Permutation tests whose statistic depends only on the within-group and between-group sums of a symmetric
 * pairwise matrix (a kernel matrix for MMD, a cosine matrix for mean pairwise similarity).
 *
 * The matrix is computed once; each permutation relabels the pooled points and needs only the sum over pairs
 * inside the smaller group: with row sums R_i (diagonal excluded) and the total T over pairs i < j,
 *   S_X = sum_{i in X} R_i = 2 W_X + B,   W_Y = T - W_X - B,
 * so a permutation costs O(N) plus O(s^2 / 2) lookups, s = size of the smaller group, instead of O(N^2).
 * Relabelling is a Fisher-Yates shuffle of a label array driven by `createRng(seed)`, the same draw sequence
 * for every test built on it (MMD in `mmd.ts`, mean pairwise similarity in quality/semantic-drift.ts).
 * p-value = (1 + #{permuted >= observed}) / (1 + permutations): valid for any count, resolution 1 / (1 + P).
 */
import { createRng, type Seed } from './rng.js';

/** Sums of a symmetric matrix over unordered pairs (i < j): inside the first group, inside the second, across. */
export interface PairSums {
  withinFirst: number;
  withinSecond: number;
  between: number;
  /** Group sizes. */
  n: number;
  m: number;
}

/** Result of `pairPermutationTest`. */
export interface PairPermutationResult {
  observed: number;
  pValue: number;
  permutations: number;
}

/**
 * Runs a permutation test on a symmetric `total x total` row-major matrix whose first `n` points form the
 * first group. `statistic` maps pair sums to a number where larger means "more different"; the observed
 * labelling is compared with `permutations` random relabellings.
 */
export function pairPermutationTest(
  matrix: Float64Array,
  total: number,
  n: number,
  statistic: (sums: PairSums) => number,
  options: { permutations: number; seed: Seed },
): PairPermutationResult {
  const { permutations } = options;
  if (!Number.isInteger(permutations) || permutations < 1) {
    throw new RangeError(`pairPermutationTest: permutations must be an integer >= 1, got ${permutations}`);
  }
  if (matrix.length !== total * total) {
    throw new RangeError(`pairPermutationTest: matrix has ${matrix.length} cells, expected ${total * total}`);
  }
  const m = total - n;
  const rowSums = new Float64Array(total);
  let totalUpper = 0;
  for (let i = 0; i < total; i++) {
    const row = i * total;
    let sum = 0;
    for (let j = 0; j < total; j++) if (j !== i) sum += matrix[row + j];
    rowSums[i] = sum;
    totalUpper += sum;
  }
  totalUpper /= 2;

  const labels = new Uint8Array(total);
  for (let i = 0; i < n; i++) labels[i] = 1;
  // The smaller group is summed directly; the other sums follow from the row sums.
  const directLabel = n <= m ? 1 : 0;
  const members = new Uint32Array(Math.min(n, m));

  const sumsForLabels = (): PairSums => {
    let count = 0;
    let directRowSum = 0;
    for (let i = 0; i < total; i++) {
      if (labels[i] === directLabel) {
        members[count++] = i;
        directRowSum += rowSums[i];
      }
    }
    let within = 0;
    for (let a = 0; a < count; a++) {
      const row = members[a] * total;
      for (let b = a + 1; b < count; b++) within += matrix[row + members[b]];
    }
    const between = directRowSum - 2 * within;
    const otherWithin = totalUpper - within - between;
    return directLabel === 1
      ? { withinFirst: within, withinSecond: otherWithin, between, n, m }
      : { withinFirst: otherWithin, withinSecond: within, between, n, m };
  };

  const observed = statistic(sumsForLabels());
  const rng = createRng(options.seed);
  const tolerance = 1e-12 * Math.abs(observed);
  let atLeastAsExtreme = 0;
  for (let p = 0; p < permutations; p++) {
    for (let i = total - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const held = labels[i];
      labels[i] = labels[j];
      labels[j] = held;
    }
    // The tolerance counts permutations equal to the observed value up to rounding as "as extreme".
    if (statistic(sumsForLabels()) >= observed - tolerance) atLeastAsExtreme++;
  }
  return { observed, pValue: (1 + atLeastAsExtreme) / (1 + permutations), permutations };
}

/** Unbiased MMD^2 from kernel pair sums (see `mmd.ts`). */
export function unbiasedMmdSquared(sums: PairSums): number {
  const { withinFirst, withinSecond, between, n, m } = sums;
  return (2 * withinFirst) / (n * (n - 1)) + (2 * withinSecond) / (m * (m - 1)) - (2 * between) / (n * m);
}
