/**
 * Semantic drift between two windows of outputs: embed a seeded subsample of each window (at most
 * `maxPerWindow`, default 500, for speed), then
 *  - test: MMD with an RBF kernel, median-heuristic bandwidth and a permutation p-value (stats/mmd.ts),
 *    `permutations` default 500 so p can reach 1/501 ~ 0.002, well below 0.01;
 *  - effect: centroid cosine distance 1 - cos(mean baseline vector, mean current vector), with the centroid
 *    norms estimated without self-products (`centroidDistancesFromGram`: the plain figure has a ~1/n upward
 *    bias, 0.04 between identical lexical windows of 120 texts); the plain figure is reported too;
 *  - diversity: mean pairwise cosine similarity inside each window (all pairs of the subsample), with a
 *    permutation p-value for the difference (the same relabellings).
 * The MMD matrices are built from the Gram matrix (`mmdFromGram`, the package's one MMD implementation), so the
 * sparse lexical vectors are never densified.
 * Both windows are embedded in one `embed()` call by one embedder, whose id and kind are pinned in the
 * result: a lexical result says so, and comparing results made with different embedder ids is meaningless.
 * Empty (whitespace-only) outputs are left out: the empty rate measures them, and APIs reject empty input.
 */

import type { Embedder } from '../embeddings/types.js';
import { centroidDistancesFromGram, cosineMatrixFromGram, gramMatrix } from '../embeddings/vectors.js';
import {
  createRng,
  deriveSeed,
  mmdFromGram,
  pairPermutationTest,
  type Seed,
  sampleWithoutReplacement,
} from '../stats/index.js';

/** Options of `semanticDrift`. */
export interface SemanticDriftOptions {
  embedder: Embedder;
  /** Seed of subsampling and permutations. Default 'sightline:semantic'. */
  seed?: Seed;
  /** Texts per window after subsampling. Default 500. */
  maxPerWindow?: number;
  /** Permutations of the MMD and similarity tests. Default 500. */
  permutations?: number;
  /** Fixed RBF bandwidth; default median heuristic. */
  bandwidth?: number;
}

/** Mean pairwise cosine similarity per window and the test of their difference. */
export interface PairwiseSimilarity {
  baseline: number;
  current: number;
  /** current - baseline (positive = answers became more alike). */
  difference: number;
  pValue: number;
}

/** Result of `semanticDrift`. */
export type SemanticDriftResult =
  | {
      status: 'ok';
      test: 'mmd-rbf-permutation';
      /** Unbiased MMD^2. */
      statistic: number;
      pValue: number;
      /** Centroid cosine distance, debiased (see module comment); about 0 for identical distributions. */
      effect: number;
      /** Plain 1 - cos(centroid, centroid), biased upwards for small windows. */
      centroidCosineDistance: number;
      bandwidth: number;
      permutations: number;
      /** Texts per window used in the test (after subsampling and dropping empty outputs). */
      nBaseline: number;
      nCurrent: number;
      /** Non-empty texts available per window. */
      totalBaseline: number;
      totalCurrent: number;
      embedderId: string;
      embedderKind: 'lexical' | 'semantic';
      similarity: PairwiseSimilarity;
      /** Wall-clock milliseconds of each phase (informational; for benches and progress output). */
      timingsMs: { embed: number; gram: number; mmd: number; similarity: number };
    }
  | {
      status: 'skipped';
      test: 'mmd-rbf-permutation';
      reason: string;
      nBaseline: number;
      nCurrent: number;
      embedderId: string;
      embedderKind: 'lexical' | 'semantic';
    };

function assertPositiveInteger(value: number, name: string, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`semanticDrift: ${name} must be an integer >= ${min}, got ${value}`);
}

/** Runs the semantic drift comparison (see module comment). */
export async function semanticDrift(
  baselineTexts: readonly string[],
  currentTexts: readonly string[],
  options: SemanticDriftOptions,
): Promise<SemanticDriftResult> {
  const { embedder } = options;
  const seed = options.seed ?? 'sightline:semantic';
  const maxPerWindow = options.maxPerWindow ?? 500;
  const permutations = options.permutations ?? 500;
  assertPositiveInteger(maxPerWindow, 'maxPerWindow', 2);
  assertPositiveInteger(permutations, 'permutations', 1);
  const nonEmpty = (texts: readonly string[]) =>
    texts.filter((text) => typeof text === 'string' && text.trim() !== '');
  const baselineAll = nonEmpty(baselineTexts);
  const currentAll = nonEmpty(currentTexts);
  const pinned = { embedderId: embedder.id, embedderKind: embedder.kind } as const;
  if (baselineAll.length < 2 || currentAll.length < 2) {
    return {
      status: 'skipped',
      test: 'mmd-rbf-permutation',
      reason: `needs at least 2 non-empty outputs per window, got ${baselineAll.length} and ${currentAll.length}`,
      nBaseline: baselineAll.length,
      nCurrent: currentAll.length,
      ...pinned,
    };
  }
  const baseline = sampleWithoutReplacement(
    baselineAll,
    maxPerWindow,
    createRng(deriveSeed(seed, 'semantic/baseline')),
  );
  const current = sampleWithoutReplacement(
    currentAll,
    maxPerWindow,
    createRng(deriveSeed(seed, 'semantic/current')),
  );
  const n = baseline.length;
  const total = n + current.length;

  let started = performance.now();
  const vectors = await embedder.embed([...baseline, ...current]);
  if (vectors.length !== total)
    throw new Error(
      `semanticDrift: embedder ${embedder.id} returned ${vectors.length} vectors for ${total} texts`,
    );
  const embedMs = performance.now() - started;

  started = performance.now();
  const gram = gramMatrix(vectors, `semanticDrift (${embedder.id})`);
  const gramMs = performance.now() - started;

  started = performance.now();
  const mmd = mmdFromGram(gram, total, n, {
    permutations,
    seed: deriveSeed(seed, 'semantic/permutations'),
    ...(options.bandwidth === undefined ? {} : { bandwidth: options.bandwidth }),
  });
  const centroid = centroidDistancesFromGram(gram, total, n);
  const mmdMs = performance.now() - started;

  started = performance.now();
  const cosine = cosineMatrixFromGram(gram, total);
  const m = total - n;
  const meanFirst = (within: number) => within / ((n * (n - 1)) / 2);
  const meanSecond = (within: number) => within / ((m * (m - 1)) / 2);
  const similarityTest = pairPermutationTest(
    cosine,
    total,
    n,
    (sums) => Math.abs(meanSecond(sums.withinSecond) - meanFirst(sums.withinFirst)),
    { permutations, seed: deriveSeed(seed, 'semantic/similarity') },
  );
  // Observed within-window means, from the unpermuted labelling.
  let withinBaseline = 0;
  let withinCurrent = 0;
  for (let i = 0; i < total; i++) {
    for (let j = i + 1; j < total; j++) {
      if (j < n) withinBaseline += cosine[i * total + j];
      else if (i >= n) withinCurrent += cosine[i * total + j];
    }
  }
  const similarityMs = performance.now() - started;

  return {
    status: 'ok',
    test: 'mmd-rbf-permutation',
    statistic: mmd.statistic,
    pValue: mmd.pValue,
    effect: centroid.debiased,
    centroidCosineDistance: centroid.plain,
    bandwidth: mmd.bandwidth,
    permutations: mmd.permutations,
    nBaseline: n,
    nCurrent: m,
    totalBaseline: baselineAll.length,
    totalCurrent: currentAll.length,
    ...pinned,
    similarity: {
      baseline: meanFirst(withinBaseline),
      current: meanSecond(withinCurrent),
      difference: meanSecond(withinCurrent) - meanFirst(withinBaseline),
      pValue: similarityTest.pValue,
    },
    timingsMs: { embed: embedMs, gram: gramMs, mmd: mmdMs, similarity: similarityMs },
  };
}
