import { describe, expect, it } from 'vitest';
import { centroidDistancesFromGram, gramMatrix } from '../embeddings/vectors.js';
import { centroidCosineDistance, medianDistanceFromGram, mmdFromGram, mmdPermutationTest } from './mmd.js';
import { pairPermutationTest, unbiasedMmdSquared } from './pair-permutation.js';
import { createRng, deriveSeed, type Rng } from './rng.js';

function gaussian(rng: Rng, count: number, dimension: number, shift = 0): number[][] {
  return Array.from({ length: count }, () => Array.from({ length: dimension }, () => rng.normal() + shift));
}

function mmd(x: number[][], y: number[][], seed: number, permutations = 200) {
  const gram = gramMatrix([...x, ...y]);
  return mmdFromGram(gram, x.length + y.length, x.length, { permutations, seed });
}

describe('mmdFromGram', () => {
  it('the dense API (its own Gram matrix) and a Gram matrix from the embeddings module agree exactly', () => {
    const rng = createRng(7);
    const x = gaussian(rng, 25, 4);
    const y = gaussian(rng, 35, 4, 0.3);
    const ours = mmd(x, y, 99, 300);
    const reference = mmdPermutationTest(x, y, { seed: 99, permutations: 300 });
    expect(ours.bandwidth).toBeCloseTo(reference.bandwidth, 9);
    expect(ours.statistic).toBeCloseTo(reference.statistic, 9);
    expect(ours.pValue).toBe(reference.pValue);
    const gram = gramMatrix([...x, ...y]);
    expect(centroidDistancesFromGram(gram, 60, 25).plain).toBeCloseTo(centroidCosineDistance(x, y), 9);
  });

  it('gives uniform-looking p-values with a false alarm rate near alpha under no shift (A/A)', () => {
    const pValues: number[] = [];
    for (let run = 0; run < 100; run++) {
      const rng = createRng(deriveSeed(2024, `aa-${run}`));
      pValues.push(mmd(gaussian(rng, 30, 6), gaussian(rng, 30, 6), run).pValue);
    }
    const alarms = pValues.filter((p) => p < 0.05).length;
    // Expected 5 of 100; P(>= 12 | rate 0.05) < 0.005.
    expect(alarms).toBeLessThanOrEqual(11);
    const meanP = pValues.reduce((sum, p) => sum + p, 0) / pValues.length;
    expect(meanP).toBeGreaterThan(0.4);
    expect(meanP).toBeLessThan(0.6);
  });

  it('catches a known mean shift with p < 0.01 and a clear centroid distance', () => {
    const rng = createRng(11);
    const x = gaussian(rng, 60, 8, 1);
    const y = gaussian(rng, 60, 8, 1.6);
    const result = mmd(x, y, 5, 300);
    expect(result.pValue).toBeLessThan(0.01);
    expect(result.pValue).toBe(1 / 301);
    expect(result.statistic).toBeGreaterThan(0);
  });

  it('rejects too few points and a bad bandwidth', () => {
    const gram = gramMatrix([[1], [2], [3]]);
    expect(() => mmdFromGram(gram, 3, 1, { permutations: 10, seed: 1 })).toThrow(
      /at least 2 vectors per side/,
    );
    const four = gramMatrix([[1], [2], [3], [4]]);
    expect(() => mmdFromGram(four, 4, 2, { permutations: 10, seed: 1, bandwidth: 0 })).toThrow(/bandwidth/);
  });

  it('falls back from a zero median distance (duplicates) to the mean non-zero distance', () => {
    const vectors = [[0], [0], [0], [0], [3]];
    expect(medianDistanceFromGram(gramMatrix(vectors), 5)).toBeCloseTo(3, 12);
    expect(medianDistanceFromGram(gramMatrix([[1], [1]]), 2)).toBe(1);
  });
});

describe('pairPermutationTest', () => {
  it('derives within/between sums that equal a direct computation, whichever group is smaller', () => {
    const rng = createRng(3);
    const points = gaussian(rng, 9, 3);
    const gram = gramMatrix(points);
    for (const n of [3, 6]) {
      let direct = { withinFirst: 0, withinSecond: 0, between: 0 };
      for (let i = 0; i < 9; i++) {
        for (let j = i + 1; j < 9; j++) {
          const value = gram[i * 9 + j];
          if (j < n) direct = { ...direct, withinFirst: direct.withinFirst + value };
          else if (i >= n) direct = { ...direct, withinSecond: direct.withinSecond + value };
          else direct = { ...direct, between: direct.between + value };
        }
      }
      let seen = { withinFirst: Number.NaN, withinSecond: Number.NaN, between: Number.NaN };
      let calls = 0;
      pairPermutationTest(
        gram,
        9,
        n,
        (sums) => {
          // The first call is the observed (unpermuted) labelling.
          if (calls++ === 0) seen = sums;
          return unbiasedMmdSquared(sums);
        },
        { permutations: 1, seed: 1 },
      );
      expect(seen.withinFirst).toBeCloseTo(direct.withinFirst, 10);
      expect(seen.withinSecond).toBeCloseTo(direct.withinSecond, 10);
      expect(seen.between).toBeCloseTo(direct.between, 10);
    }
  });
});
