/**
 * Vector algebra shared by MMD, centroid distance and pairwise similarity. Everything downstream works on the
 * Gram matrix (all pairwise dot products), so dense provider vectors and sparse lexical vectors go through one
 * code path, and sparse vectors never have to be densified.
 */
import { type EmbeddingVector, isSparse, type SparseVector } from './types.js';

function denseLength(vector: Exclude<EmbeddingVector, SparseVector>): number {
  return vector.length;
}

/** Checks that all vectors have one shape (all dense of one length, or all sparse of one space), finite values. */
function assertUniform(vectors: readonly EmbeddingVector[], context: string): 'dense' | 'sparse' {
  if (vectors.length === 0) return 'dense';
  const first = vectors[0];
  const kind = isSparse(first) ? 'sparse' : 'dense';
  const size = isSparse(first) ? first.dimensions : denseLength(first);
  vectors.forEach((vector, row) => {
    const vectorKind = isSparse(vector) ? 'sparse' : 'dense';
    const vectorSize = isSparse(vector) ? vector.dimensions : denseLength(vector);
    if (vectorKind !== kind || vectorSize !== size) {
      throw new RangeError(
        `${context}: vector ${row} is ${vectorKind} with ${vectorSize} dimensions, expected ${kind} with ${size}`,
      );
    }
    const values = isSparse(vector) ? vector.values : vector;
    for (let k = 0; k < values.length; k++) {
      if (!Number.isFinite(values[k]))
        throw new RangeError(`${context}: vector ${row} has a non-finite value at component ${k}`);
    }
  });
  return kind;
}

/**
 * Symmetric N x N matrix of dot products, row-major, diagonal = squared norms. O(N^2 d) for dense vectors,
 * O(N^2 nnz) for sparse ones (one row is scattered into a dense accumulator, the others are read against it).
 */
export function gramMatrix(vectors: readonly EmbeddingVector[], context = 'gramMatrix'): Float64Array {
  const kind = assertUniform(vectors, context);
  const count = vectors.length;
  const gram = new Float64Array(count * count);
  if (count === 0) return gram;
  if (kind === 'dense') {
    const rows = vectors.map((vector) => Float64Array.from(vector as ArrayLike<number>));
    const dimension = rows[0].length;
    for (let i = 0; i < count; i++) {
      const a = rows[i];
      for (let j = i; j < count; j++) {
        const b = rows[j];
        let dot = 0;
        for (let k = 0; k < dimension; k++) dot += a[k] * b[k];
        gram[i * count + j] = dot;
        gram[j * count + i] = dot;
      }
    }
    return gram;
  }
  sparseGram(vectors as readonly SparseVector[], gram);
  return gram;
}

/** Rows computed together by `sparseGram`: each loaded (index, value) of the other vector serves 4 dot products. */
const BLOCK = 4;

/**
 * Sparse Gram matrix. Two constant-factor tricks keep 4,000 lexical vectors (~1,000 non-zeros each) tractable:
 * features are renumbered densely in order of decreasing document frequency, so the hot part of the
 * accumulator stays in cache; and rows are processed in blocks of 4 scattered into one interleaved accumulator.
 */
function sparseGram(sparse: readonly SparseVector[], gram: Float64Array): void {
  const count = sparse.length;
  const frequency = new Map<number, number>();
  for (const vector of sparse)
    for (const index of vector.indices) frequency.set(index, (frequency.get(index) ?? 0) + 1);
  const byFrequency = [...frequency.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const compact = new Map<number, number>(byFrequency.map(([index], position) => [index, position]));
  const ids = sparse.map((vector) =>
    Int32Array.from(vector.indices, (index) => compact.get(index) as number),
  );
  const accumulator = new Float64Array(compact.size * BLOCK);
  for (let start = 0; start < count; start += BLOCK) {
    const rows = Math.min(BLOCK, count - start);
    for (let r = 0; r < rows; r++) {
      const rowIds = ids[start + r];
      const rowValues = sparse[start + r].values;
      for (let k = 0; k < rowIds.length; k++) accumulator[rowIds[k] * BLOCK + r] = rowValues[k];
    }
    for (let j = start; j < count; j++) {
      const otherIds = ids[j];
      const otherValues = sparse[j].values;
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      for (let k = 0; k < otherIds.length; k++) {
        const base = otherIds[k] * BLOCK;
        const value = otherValues[k];
        d0 += value * accumulator[base];
        d1 += value * accumulator[base + 1];
        d2 += value * accumulator[base + 2];
        d3 += value * accumulator[base + 3];
      }
      // Row start + r only takes j >= start + r; smaller j are lower-triangle entries already filled.
      const offset = j - start;
      gram[start * count + j] = d0;
      gram[j * count + start] = d0;
      if (rows > 1 && offset >= 1) {
        gram[(start + 1) * count + j] = d1;
        gram[j * count + start + 1] = d1;
      }
      if (rows > 2 && offset >= 2) {
        gram[(start + 2) * count + j] = d2;
        gram[j * count + start + 2] = d2;
      }
      if (rows > 3 && offset >= 3) {
        gram[(start + 3) * count + j] = d3;
        gram[j * count + start + 3] = d3;
      }
    }
    for (let r = 0; r < rows; r++) {
      const rowIds = ids[start + r];
      for (let k = 0; k < rowIds.length; k++) accumulator[rowIds[k] * BLOCK + r] = 0;
    }
  }
}

/** Cosine similarity of two vectors of the same shape; 0 when either is the zero vector. */
export function cosineSimilarity(a: EmbeddingVector, b: EmbeddingVector): number {
  const gram = gramMatrix([a, b], 'cosineSimilarity');
  const denominator = Math.sqrt(gram[0] * gram[3]);
  return denominator > 0 ? Math.max(-1, Math.min(1, gram[1] / denominator)) : 0;
}

/** Centroid cosine distances between the first `n` points and the rest (see `centroidDistancesFromGram`). */
export interface CentroidDistances {
  /** 1 - cos(mean of group 1, mean of group 2), the textbook figure; NaN when a centroid is zero. */
  plain: number;
  /**
   * The same with each centroid's squared norm estimated without the self-products (diagonal of the Gram
   * matrix): cos = mean cross dot product / sqrt(mean within-group dot product, i != j, of each group).
   * The plain figure is biased upwards by about (1 - s) (1/n + 1/m) / (2 s) for mean pairwise similarity s,
   * which for sparse lexical vectors (s ~ 0.15) is 0.04 between identical windows of 120 texts; this one is
   * about 0 there. Clamped to [0, 2]; falls back to `plain` when a within-group mean is not positive.
   */
  debiased: number;
}

/**
 * Centroid cosine distances between the first `n` points and the remaining `total - n` points, read from a
 * Gram matrix of the pooled points (sums of Gram blocks are dot products of the group sums).
 */
export function centroidDistancesFromGram(gram: Float64Array, total: number, n: number): CentroidDistances {
  const m = total - n;
  let firstOff = 0;
  let secondOff = 0;
  let firstDiagonal = 0;
  let secondDiagonal = 0;
  let between = 0;
  for (let i = 0; i < total; i++) {
    const row = i * total;
    for (let j = 0; j < total; j++) {
      const value = gram[row + j];
      if (i < n && j < n) {
        if (i === j) firstDiagonal += value;
        else firstOff += value;
      } else if (i >= n && j >= n) {
        if (i === j) secondDiagonal += value;
        else secondOff += value;
      } else between += value;
    }
  }
  between /= 2;
  const firstAll = firstOff + firstDiagonal;
  const secondAll = secondOff + secondDiagonal;
  const clampCosine = (cosine: number) => Math.max(-1, Math.min(1, cosine));
  const plain =
    firstAll > 0 && secondAll > 0 ? 1 - clampCosine(between / Math.sqrt(firstAll * secondAll)) : Number.NaN;
  const firstMean = n > 1 ? firstOff / (n * (n - 1)) : 0;
  const secondMean = m > 1 ? secondOff / (m * (m - 1)) : 0;
  const debiased =
    firstMean > 0 && secondMean > 0
      ? 1 - clampCosine(between / (n * m) / Math.sqrt(firstMean * secondMean))
      : plain;
  return { plain, debiased: Math.max(0, debiased) };
}

/** Converts a Gram matrix into the cosine-similarity matrix (zero vectors get similarity 0 to everything). */
export function cosineMatrixFromGram(gram: Float64Array, total: number): Float64Array {
  const cosine = new Float64Array(total * total);
  const norms = new Float64Array(total);
  for (let i = 0; i < total; i++) norms[i] = Math.sqrt(gram[i * total + i]);
  for (let i = 0; i < total; i++) {
    for (let j = 0; j < total; j++) {
      const denominator = norms[i] * norms[j];
      cosine[i * total + j] = denominator > 0 ? gram[i * total + j] / denominator : 0;
    }
  }
  return cosine;
}
