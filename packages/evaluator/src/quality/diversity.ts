/**
 * Diversity across answers: distinct-n = unique n-grams / total n-grams over a set of answers (Li et al., 2016),
 * on lowercased approximate tokens. distinct-n falls as the sample grows (more text, more repeats), so windows
 * are compared on seeded subsamples of the SAME size k (default min(200, both window sizes)); k is reported.
 *
 * Test: a permutation test on the 2k pooled answers. Statistic |distinct(current) - distinct(baseline)|;
 * each permutation reassigns the answers to two groups of k and recomputes both values;
 * p = (1 + #{permuted >= observed}) / (1 + permutations). Chosen over a bootstrap interval because distinct-n is
 * a statistic of the whole set (resampling with replacement duplicates answers and biases it downward).
 * Effect: distinct(current) - distinct(baseline), in distinct-n units.
 */
import { createRng, deriveSeed, type Seed, sampleWithoutReplacement } from '../stats/index.js';
import { lowercaseTokens, ngrams } from './tokenize.js';

/** distinct-n of a set of texts; `undefined` when they contain no n-gram at all. */
export function distinctN(texts: readonly string[], n: number): number | undefined {
  let total = 0;
  const unique = new Set<string>();
  for (const text of texts) {
    const grams = ngrams(lowercaseTokens(text), n);
    total += grams.length;
    for (const gram of grams) unique.add(gram);
  }
  return total === 0 ? undefined : unique.size / total;
}

/** Options of `compareDistinctN`. */
export interface DistinctOptions {
  /** n-gram order. Default 1. */
  n?: number;
  /** Answers per window in the subsample. Default min(200, both window sizes). */
  sampleSize?: number;
  /** Permutations. Default 500. */
  permutations?: number;
  /** Seed of subsampling and permutations. Default 'sightline:distinct'. */
  seed?: Seed;
}

/** Result of `compareDistinctN`. */
export type DistinctComparison =
  | {
      status: 'ok';
      test: 'distinct-n-permutation';
      n: number;
      /** k: answers per window that were compared. */
      sampleSize: number;
      baseline: number;
      current: number;
      /** current - baseline. */
      effect: number;
      pValue: number;
      permutations: number;
    }
  | { status: 'skipped'; test: 'distinct-n-permutation'; n: number; reason: string };

/** Compares distinct-n of two windows on equal-size seeded subsamples (see module comment). */
export function compareDistinctN(
  baselineTexts: readonly string[],
  currentTexts: readonly string[],
  options: DistinctOptions = {},
): DistinctComparison {
  const n = options.n ?? 1;
  const permutations = options.permutations ?? 500;
  const seed = options.seed ?? 'sightline:distinct';
  if (!Number.isInteger(permutations) || permutations < 1)
    throw new RangeError(`compareDistinctN: permutations must be an integer >= 1, got ${permutations}`);
  const sampleSize = options.sampleSize ?? Math.min(200, baselineTexts.length, currentTexts.length);
  if (!Number.isInteger(sampleSize) || sampleSize < 0)
    throw new RangeError(`compareDistinctN: sampleSize must be an integer >= 0, got ${sampleSize}`);
  const skipped = (reason: string): DistinctComparison => ({
    status: 'skipped',
    test: 'distinct-n-permutation',
    n,
    reason,
  });
  if (sampleSize < 2 || baselineTexts.length < sampleSize || currentTexts.length < sampleSize) {
    return skipped(
      `needs ${Math.max(sampleSize, 2)} answers per window, got ${baselineTexts.length} and ${currentTexts.length}`,
    );
  }
  const pooled = [
    ...sampleWithoutReplacement(
      baselineTexts,
      sampleSize,
      createRng(deriveSeed(seed, `distinct-${n}/baseline`)),
    ),
    ...sampleWithoutReplacement(
      currentTexts,
      sampleSize,
      createRng(deriveSeed(seed, `distinct-${n}/current`)),
    ),
  ];
  // Intern n-grams as integers once; every permutation then counts with a generation-stamped array.
  const vocabulary = new Map<string, number>();
  const ids = pooled.map((text) =>
    Int32Array.from(ngrams(lowercaseTokens(text), n), (gram) => {
      let id = vocabulary.get(gram);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(gram, id);
      }
      return id;
    }),
  );
  const stamp = new Uint32Array(vocabulary.size);
  let generation = 0;
  const labels = new Uint8Array(pooled.length);
  const distinctOf = (label: number): number => {
    generation++;
    let unique = 0;
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      if (labels[i] !== label) continue;
      const textIds = ids[i];
      total += textIds.length;
      for (let k = 0; k < textIds.length; k++) {
        if (stamp[textIds[k]] !== generation) {
          stamp[textIds[k]] = generation;
          unique++;
        }
      }
    }
    return total === 0 ? 0 : unique / total;
  };
  for (let i = 0; i < sampleSize; i++) labels[i] = 1;
  const baseline = distinctOf(1);
  const current = distinctOf(0);
  if (
    ids.slice(0, sampleSize).every((t) => t.length === 0) ||
    ids.slice(sampleSize).every((t) => t.length === 0)
  )
    return skipped(`a window has no ${n}-gram in its subsample`);
  const observed = Math.abs(current - baseline);
  const rng = createRng(deriveSeed(seed, `distinct-${n}/permutations`));
  let atLeastAsExtreme = 0;
  for (let p = 0; p < permutations; p++) {
    for (let i = labels.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const held = labels[i];
      labels[i] = labels[j];
      labels[j] = held;
    }
    if (Math.abs(distinctOf(0) - distinctOf(1)) >= observed - 1e-12) atLeastAsExtreme++;
  }
  return {
    status: 'ok',
    test: 'distinct-n-permutation',
    n,
    sampleSize,
    baseline,
    current,
    effect: current - baseline,
    pValue: (1 + atLeastAsExtreme) / (1 + permutations),
    permutations,
  };
}
