import { describe, expect, it } from 'vitest';
import { cohensH, jensenShannonDistance, standardizedWasserstein, wassersteinDistance } from './effects.js';
import { createRng } from './rng.js';

describe('wassersteinDistance', () => {
  it('matches scipy.stats.wasserstein_distance (scipy 1.17.1)', () => {
    // wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0; ([0, 1], [0, 1, 2, 2]) = 0.75;
    // ([3.4, 3.9, 7.5, 7.8], [4.5, 1.4]) = 2.7
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 14);
    expect(wassersteinDistance([0, 1], [0, 1, 2, 2])).toBeCloseTo(0.75, 14);
    expect(wassersteinDistance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4])).toBeCloseTo(2.7, 14);
  });

  it('equals |mean difference| for a pure shift, and is symmetric (closed form)', () => {
    const rng = createRng(1);
    const x = Array.from({ length: 100 }, () => rng.normal());
    const shifted = x.map((value) => value + 2.5);
    expect(wassersteinDistance(x, shifted)).toBeCloseTo(2.5, 12);
    const y = Array.from({ length: 37 }, () => rng.normal() * 2);
    expect(wassersteinDistance(x, y)).toBeCloseTo(wassersteinDistance(y, x), 14);
    expect(wassersteinDistance([4, 4], [4])).toBe(0);
  });
});

describe('standardizedWasserstein', () => {
  it('divides by the pooled standard deviation (equals Cohen d for a pure shift)', () => {
    // Both samples have sample std 1; shift 0.5 -> effect 0.5.
    const result = standardizedWasserstein([1, 2, 3], [1.5, 2.5, 3.5]);
    expect(result.distance).toBeCloseTo(0.5, 14);
    expect(result.pooledStd).toBeCloseTo(1, 14);
    expect(result.effect).toBeCloseTo(0.5, 14);
  });

  it('zero-scale guard: 0 when nothing moved, Infinity when a constant moved (never NaN)', () => {
    expect(standardizedWasserstein([3, 3, 3], [3, 3]).effect).toBe(0);
    expect(standardizedWasserstein([3, 3, 3], [4, 4]).effect).toBe(Number.POSITIVE_INFINITY);
    expect(standardizedWasserstein([1], [2]).effect).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('cohensH', () => {
  it('is 2 asin sqrt p2 - 2 asin sqrt p1, with h(0, 1) = pi (closed form)', () => {
    expect(cohensH(0, 1)).toBeCloseTo(Math.PI, 14);
    expect(cohensH(0.5, 0.5)).toBe(0);
    expect(cohensH(0.25, 0.5)).toBeCloseTo(2 * Math.asin(Math.sqrt(0.5)) - 2 * Math.asin(0.5), 14);
    expect(() => cohensH(-0.1, 0.5)).toThrow(RangeError);
  });
});

describe('jensenShannonDistance', () => {
  it('matches scipy.spatial.distance.jensenshannon(p, q, base=2) (scipy 1.17.1)', () => {
    // jensenshannon([0.5, 0.5, 0], [0, 0.1, 0.9], base=2) = 0.8972141737096521
    // jensenshannon([1, 0], [0, 1], base=2) = 1.0
    // jensenshannon([10, 20, 30], [20, 20, 20], base=2) = 0.1803606400066241 (counts are normalised)
    expect(jensenShannonDistance([0.5, 0.5, 0], [0, 0.1, 0.9])).toBeCloseTo(0.8972141737096521, 14);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBe(1);
    expect(jensenShannonDistance([10, 20, 30], [20, 20, 20])).toBeCloseTo(0.1803606400066241, 14);
  });

  it('aligns keyed categories; missing keys count as zero; identical mixes give 0', () => {
    expect(jensenShannonDistance({ stop: 10, length: 20 }, { length: 2, stop: 1 })).toBe(0);
    expect(jensenShannonDistance({ stop: 1 }, { length: 1 })).toBe(1);
    expect(jensenShannonDistance({ a: 5, b: 5 }, { a: 5, b: 5, c: 0 })).toBe(0);
  });

  it('rejects empty distributions and negative weights', () => {
    expect(() => jensenShannonDistance({}, { a: 1 })).toThrow(/positive total weight/);
    expect(() => jensenShannonDistance({ a: -1, b: 2 }, { a: 1 })).toThrow(/invalid weight for 'a'/);
  });
});
