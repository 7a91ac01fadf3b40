import { describe, expect, it } from 'vitest';
import { centroidCosineDistance, medianHeuristicBandwidth, mmdPermutationTest } from './mmd.js';
import { createRng } from './rng.js';

/** Standard normal vectors, every component shifted by `shift`. */
function gaussianCloud(size: number, dimension: number, seed: number, shift = 0): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: size }, () => Array.from({ length: dimension }, () => rng.normal() + shift));
}

/** MMD^2_u straight from its definition, with explicit double sums (independent of the implementation). */
function definitionMmd(x: number[][], y: number[][], sigma: number): number {
  const k = (a: number[], b: number[]) =>
    Math.exp(-a.reduce((sum, value, index) => sum + (value - b[index]) ** 2, 0) / (2 * sigma * sigma));
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) if (i !== j) xx += k(x[i], x[j]);
  for (let i = 0; i < y.length; i++) for (let j = 0; j < y.length; j++) if (i !== j) yy += k(y[i], y[j]);
  for (const a of x) for (const b of y) xy += k(a, b);
  const n = x.length;
  const m = y.length;
  return xx / (n * (n - 1)) + yy / (m * (m - 1)) - (2 * xy) / (n * m);
}

describe('mmdPermutationTest', () => {
  it('computes the unbiased MMD^2 of its definition, with the median-heuristic bandwidth', () => {
    const x = gaussianCloud(12, 3, 1);
    const y = gaussianCloud(9, 3, 2, 1);
    const result = mmdPermutationTest(x, y, { seed: 1, permutations: 20 });
    expect(result.bandwidth).toBeCloseTo(medianHeuristicBandwidth([...x, ...y]), 14);
    expect(result.statistic).toBeCloseTo(definitionMmd(x, y, result.bandwidth), 12);
    const fixed = mmdPermutationTest(x, y, { seed: 1, permutations: 20, bandwidth: 0.7 });
    expect(fixed.statistic).toBeCloseTo(definitionMmd(x, y, 0.7), 12);
  });

  it('median heuristic: points 0, 1, 3 on a line have distances 1, 2, 3 -> bandwidth 2', () => {
    expect(medianHeuristicBandwidth([[0], [1], [3]])).toBe(2);
    // All duplicates but one: median distance 0 -> mean of the non-zero distances.
    expect(medianHeuristicBandwidth([[0], [0], [0], [0], [4]])).toBe(4);
  });

  it('detects a mean shift of 0.5 standard deviations per component in 8 dimensions', () => {
    const result = mmdPermutationTest(gaussianCloud(40, 8, 3), gaussianCloud(40, 8, 4, 0.5), {
      seed: 2,
      permutations: 199,
    });
    expect(result.pValue).toBe(1 / 200);
  });

  it('A/A: false alarms at alpha 0.05 stay near 5 % (60 runs)', () => {
    let alarms = 0;
    for (let run = 0; run < 60; run++) {
      const result = mmdPermutationTest(gaussianCloud(25, 4, 100 + run), gaussianCloud(25, 4, 200 + run), {
        seed: run,
        permutations: 99,
      });
      if (result.pValue <= 0.05) alarms++;
    }
    // Binomial(60, 0.05): mean 3, P(X >= 9) < 0.005.
    expect(alarms).toBeLessThanOrEqual(8);
  });

  it('is deterministic for a seed and validates input', () => {
    const x = gaussianCloud(10, 2, 5);
    const y = gaussianCloud(10, 2, 6);
    expect(mmdPermutationTest(x, y, { seed: 9, permutations: 50 })).toEqual(
      mmdPermutationTest(x, y, { seed: 9, permutations: 50 }),
    );
    expect(() => mmdPermutationTest([[1, 2]], y, { seed: 1 })).toThrow(/at least 2 vectors/);
    expect(() => mmdPermutationTest(x, [[1], [2]], { seed: 1 })).toThrow(/dimension 1, expected 2/);
    expect(() => mmdPermutationTest(x, y, { seed: 1, bandwidth: 0 })).toThrow(/bandwidth/);
  });
});

describe('centroidCosineDistance', () => {
  it('is 0 for the same direction, 1 for orthogonal and 2 for opposite centroids', () => {
    expect(
      centroidCosineDistance(
        [
          [1, 0],
          [3, 0],
        ],
        [[5, 0]],
      ),
    ).toBe(0);
    expect(centroidCosineDistance([[1, 0]], [[0, 2]])).toBeCloseTo(1, 15);
    expect(centroidCosineDistance([[1, 1]], [[-1, -1]])).toBeCloseTo(2, 15);
    expect(() =>
      centroidCosineDistance(
        [
          [1, -1],
          [-1, 1],
        ],
        [[1, 0]],
      ),
    ).toThrow(/zero vector/);
  });
});
