import { describe, expect, it } from 'vitest';
import {
  mean,
  median,
  pooledStd,
  quantile,
  quantileSorted,
  quantiles,
  sortedCopy,
  std,
  variance,
} from './descriptive.js';

describe('descriptive statistics', () => {
  it('type-7 quantiles match numpy.quantile (numpy 2.x default method "linear")', () => {
    // numpy.quantile([1, 2, 3, 4], 0.25) = 1.75
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    // numpy.quantile([3,1,4,1,5,9,2,6], [0.1, 0.5, 0.95, 0.99]) = [1.0, 3.5, 7.949999999999998, 8.79]
    expect(quantiles([3, 1, 4, 1, 5, 9, 2, 6], [0.1, 0.5, 0.95, 0.99])).toEqual([
      1, 3.5, 7.949999999999998, 8.79,
    ]);
  });

  it('quantile endpoints are the minimum and maximum; a single value is every quantile', () => {
    const values = [5, -2, 7, 0];
    expect(quantile(values, 0)).toBe(-2);
    expect(quantile(values, 1)).toBe(7);
    expect(quantile([42], 0.99)).toBe(42);
    const sorted = sortedCopy(values);
    expect(Array.from(sorted)).toEqual([-2, 0, 5, 7]);
    expect(quantileSorted(sorted, 0.5)).toBe(2.5);
  });

  it('median of odd and even samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('mean, variance and std against hand-computed values', () => {
    // 2,4,4,4,5,5,7,9: mean 5, population variance 4, sample variance 32/7
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(values)).toBe(5);
    expect(variance(values, { ddof: 0 })).toBe(4);
    expect(variance(values)).toBeCloseTo(32 / 7, 14);
    expect(std(values, { ddof: 0 })).toBe(2);
  });

  it('variance is stable for large offsets (catastrophic cancellation guard)', () => {
    const values = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    expect(variance(values)).toBeCloseTo(30, 9);
  });

  it('pooled std combines the sums of squares; 0 without degrees of freedom', () => {
    // sample variances 1 (n=3) and 4 (n=3): pooled = sqrt((2*1 + 2*4) / 4) = sqrt(2.5)
    expect(pooledStd([1, 2, 3], [2, 4, 6])).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(pooledStd([1], [2])).toBe(0);
    expect(pooledStd([5, 5, 5], [5, 5])).toBe(0);
  });

  it('rejects empty samples, NaN and probabilities outside [0, 1] with clear errors', () => {
    expect(() => mean([])).toThrow(/mean: need at least 1 value/);
    expect(() => mean([1, Number.NaN])).toThrow(/index 1 is not a finite number/);
    expect(() => variance([1])).toThrow(/variance: need at least 2/);
    expect(() => quantile([1, 2], 1.2)).toThrow(/probability must be in \[0, 1\]/);
  });
});
