import { describe, expect, it } from 'vitest';
import {
  adjustAndDecide,
  compareCategorical,
  compareEmbeddings,
  compareNumeric,
  compareRates,
} from './compare.js';
import { createRng } from './rng.js';

const rng = createRng('compare');
const normals = (size: number, shift = 0) => Array.from({ length: size }, () => rng.normal() + shift);

describe('compare* helpers', () => {
  it('compareNumeric reports KS p, D and the Wasserstein/std effect; empty sides do not throw', () => {
    const result = compareNumeric(normals(100), normals(100, 1));
    expect(result).toMatchObject({ test: 'ks exact', effectName: 'wasserstein/std', nBaseline: 100 });
    expect(result.pValue).toBeLessThan(1e-6);
    expect(result.effect).toBeGreaterThan(0.6);
    expect(compareNumeric([], [1, 2])).toMatchObject({
      pValue: undefined,
      effect: undefined,
      note: 'empty sample',
    });
  });

  it('compareRates uses the signed rate difference as effect', () => {
    const result = compareRates({ successes: 10, trials: 200 }, { successes: 30, trials: 200 });
    expect(result.effect).toBeCloseTo(0.1, 14);
    expect(result.pValue).toBeLessThan(0.01);
    expect(result.test).toBe('two-proportion z');
    expect(compareRates({ successes: 0, trials: 0 }, { successes: 1, trials: 5 }).pValue).toBeUndefined();
  });

  it('compareRates switches to Fisher exact for rare events (smallest expected count < 5)', () => {
    // 7 events in 300 calls: expected 3.5 per side
    const rare = compareRates({ successes: 1, trials: 150 }, { successes: 6, trials: 150 });
    expect(rare.test).toBe('fisher exact');
    // scipy 1.17.1 fisher_exact([[1, 149], [6, 144]]).pvalue = 0.12061061839985937
    expect(rare.pValue).toBeCloseTo(0.12061061839985937, 12);
    expect(rare.effect).toBeCloseTo(5 / 150, 14);
  });

  it('compareCategorical: chi-square + Jensen-Shannon; degenerate tables give no p-value', () => {
    const result = compareCategorical({ stop: 80, length: 20, error: 1 }, { stop: 50, length: 50, error: 2 });
    expect(result.test).toBe('chi-square');
    expect(result.note).toMatch(/merged into _other: error/);
    expect(result.effect).toBeGreaterThan(0);
    expect(compareCategorical({ stop: 5 }, { stop: 9 })).toMatchObject({ pValue: undefined });
  });

  it('compareEmbeddings: MMD + centroid cosine distance', () => {
    const a = Array.from({ length: 20 }, () => [1 + rng.normal() * 0.1, rng.normal() * 0.1]);
    const b = Array.from({ length: 20 }, () => [rng.normal() * 0.1, 1 + rng.normal() * 0.1]);
    const result = compareEmbeddings(a, b, { seed: 1, permutations: 99 });
    expect(result.pValue).toBe(0.01);
    expect(result.effect).toBeGreaterThan(0.9);
    expect(compareEmbeddings([[1, 2]], b, { seed: 1 }).pValue).toBeUndefined();
  });
});

describe('adjustAndDecide', () => {
  it('adjusts only eligible comparisons, then applies the rule to each', () => {
    const shifted = compareNumeric(normals(200), normals(200, 0.8));
    const same = compareNumeric(normals(200), normals(200));
    const tiny = compareNumeric(normals(5), normals(5, 3));
    const ruled = adjustAndDecide(
      [
        { comparison: shifted, effectThreshold: 0.2, minSamples: 30 },
        { comparison: same, effectThreshold: 0.2, minSamples: 30 },
        { comparison: tiny, effectThreshold: 0.2, minSamples: 30 },
      ],
      0.05,
    );
    expect(ruled.map((entry) => entry.verdict)).toEqual(['drift', 'pass', 'inconclusive']);
    // m = 2 (the tiny comparison is excluded): the first adjusted p is at most 2 x its raw p.
    expect(ruled[0].adjustedP).toBeLessThanOrEqual(2 * (shifted.pValue ?? 1));
    expect(ruled[2].adjustedP).toBeUndefined();
  });
});
