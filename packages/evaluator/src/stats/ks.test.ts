import { describe, expect, it } from 'vitest';
import { ksAsymptoticPValue, ksTwoSample } from './ks.js';
import { createRng } from './rng.js';

/** D by its definition: the largest gap between the right-continuous ECDFs over all pooled values. */
function naiveStatistic(x: readonly number[], y: readonly number[]): number {
  let largest = 0;
  for (const value of [...x, ...y]) {
    const fx = x.filter((v) => v <= value).length / x.length;
    const fy = y.filter((v) => v <= value).length / y.length;
    largest = Math.max(largest, Math.abs(fx - fy));
  }
  return largest;
}

/**
 * Exact permutation p-value by brute force: every way of splitting the pooled values into groups of sizes
 * m and n is equally likely under H0; count the splits with D >= observed. Independent of the lattice DP.
 */
function bruteForcePValue(x: readonly number[], y: readonly number[]): number {
  const pooled = [...x, ...y];
  const observed = naiveStatistic(x, y);
  const m = x.length;
  let extreme = 0;
  let total = 0;
  const chosen: number[] = [];
  const visit = (start: number): void => {
    if (chosen.length === m) {
      const inX = new Set(chosen);
      const xs = chosen.map((index) => pooled[index]);
      const ys = pooled.filter((_, index) => !inX.has(index));
      total++;
      if (naiveStatistic(xs, ys) >= observed - 1e-12) extreme++;
      return;
    }
    for (let index = start; index <= pooled.length - (m - chosen.length); index++) {
      chosen.push(index);
      visit(index + 1);
      chosen.pop();
    }
  };
  visit(0);
  return extreme / total;
}

// Continuous data without ties (scipy example data used below).
const X8 = [0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56];
const Y10 = [0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37, 1.77, 1.09, -1.28];
// Discrete data with many ties.
const TIED_X = [1, 1, 2, 2, 2, 3, 3, 4];
const TIED_Y = [2, 3, 3, 3, 4, 4, 4, 5, 5];

describe('ksTwoSample: reference values', () => {
  it('complete separation: D = 1 and the exact p is 2 / C(10, 5) = 2/252 (closed form; scipy agrees)', () => {
    // scipy 1.17.1 ks_2samp([1,2,3,4,5], [6,7,8,9,10], method='exact') -> 1.0, 0.007936507936507936
    const result = ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10], { mode: 'exact' });
    expect(result.statistic).toBe(1);
    expect(result.pValue).toBeCloseTo(2 / 252, 15);
    expect(result.method).toBe('exact');
  });

  it('matches scipy ks_2samp(method="exact") on continuous data (scipy 1.17.1)', () => {
    // ks_2samp(X8, Y10, method='exact') -> statistic 0.4, pvalue 0.39174550939256825
    const result = ksTwoSample(X8, Y10, { mode: 'exact' });
    expect(result.statistic).toBeCloseTo(0.4, 15);
    expect(result.pValue).toBeCloseTo(0.39174550939256825, 12);
    expect(result.ties).toBe(false);
  });

  it('matches scipy on 40 vs 50 normal draws with a small p-value (scipy 1.17.1)', () => {
    // numpy default_rng(7): a = round(normal(0, 1, 40), 4), b = round(normal(0.5, 1, 50), 4)
    // ks_2samp(a, b, method='exact') -> statistic 0.48, pvalue 3.7681179217525064e-05
    const a = [
      0.0012, 0.2987, -0.2741, -0.8906, -0.4547, -0.9916, 0.0601, 1.3402, -0.4922, -0.6205, 0.4898, 0.3569,
      0.1054, -0.9305, -0.0293, 0.6953, -1.3442, -0.4576, -1.9012, -1.2895, -1.8417, -0.2351, -1.2674, 0.2713,
      0.1568, -0.1869, -2.5168, -0.5387, -0.0485, 0.1133, -1.5301, -0.4778, -0.9785, -0.8088, 1.0609, -0.8075,
      -0.0325, 0.8844, -0.5836, -0.1117,
    ];
    const b = [
      0.6105, 0.5638, -0.7251, 0.5761, 1.8588, -1.0471, 1.3594, 0.6194, -0.1415, 2.5004, 1.2623, -0.6993,
      0.5745, 1.0767, 0.3112, 1.1829, 0.4335, 1.1672, 1.9385, -0.1757, 0.7031, 0.0367, 0.6273, -0.6872,
      -0.0793, 0.3038, 1.3988, 1.6452, -0.8235, -0.2946, 1.1469, -1.4924, 0.0368, 0.4027, 1.757, 1.1894,
      0.1728, 0.1314, 0.2498, 2.0235, 0.072, 0.1963, 0.8526, 0.3792, 0.3027, -0.6141, 0.4885, 0.0564, 1.6661,
      1.1531,
    ];
    const result = ksTwoSample(a, b, { mode: 'exact' });
    expect(result.statistic).toBeCloseTo(0.48, 15);
    expect(Math.abs(result.pValue - 3.7681179217525064e-5)).toBeLessThan(1e-12);
    // The asymptotic approximation lands in the same range but is not exact.
    const asymptotic = ksTwoSample(a, b, { mode: 'asymp' });
    expect(asymptotic.method).toBe('asymptotic');
    expect(asymptotic.pValue).toBeGreaterThan(1e-5);
    expect(asymptotic.pValue).toBeLessThan(1e-4);
  });
});

describe('ksTwoSample: exact p-value equals brute-force enumeration', () => {
  it('without ties (43,758 splits)', () => {
    const result = ksTwoSample(X8, Y10, { mode: 'exact' });
    expect(result.statistic).toBeCloseTo(naiveStatistic(X8, Y10), 15);
    expect(result.pValue).toBeCloseTo(bruteForcePValue(X8, Y10), 13);
  });

  it('with ties: exact conditional distribution (2280 of 24,310 splits), less conservative than scipy', () => {
    // scipy 1.17.1 ks_2samp(TIED_X, TIED_Y, method='exact') ignores the ties: statistic 0.5138888888888888,
    // pvalue 0.17317976141505553. Enumerating the 24,310 splits gives 2280 with D >= 0.5139: p = 0.0938.
    const result = ksTwoSample(TIED_X, TIED_Y, { mode: 'exact' });
    expect(result.ties).toBe(true);
    expect(result.statistic).toBeCloseTo(0.5138888888888888, 15);
    expect(result.pValue).toBeCloseTo(2280 / 24310, 13);
    expect(result.pValue).toBeCloseTo(bruteForcePValue(TIED_X, TIED_Y), 13);
    expect(result.pValue).toBeLessThan(0.17317976141505553);
  });

  it('with heavy ties, unequal sizes and the smaller sample first or second', () => {
    const rng = createRng(2024);
    for (let trial = 0; trial < 6; trial++) {
      const m = 3 + rng.int(5);
      const n = 3 + rng.int(6);
      const x = Array.from({ length: m }, () => rng.int(3));
      const y = Array.from({ length: n }, () => rng.int(4));
      const expected = bruteForcePValue(x, y);
      expect(ksTwoSample(x, y, { mode: 'exact' }).pValue).toBeCloseTo(expected, 13);
      expect(ksTwoSample(y, x, { mode: 'exact' }).pValue).toBeCloseTo(expected, 13);
    }
  });
});

describe('ksTwoSample: behaviour', () => {
  it('identical samples give D = 0 and p = 1; all-equal values give D = 0, p = 1', () => {
    expect(ksTwoSample([1, 2, 3], [1, 2, 3])).toMatchObject({ statistic: 0, pValue: 1 });
    expect(ksTwoSample([5, 5, 5, 5], [5, 5])).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('n = 1 on each side: D is 0 or 1 and the exact p-value is 1 (nothing can be significant)', () => {
    const result = ksTwoSample([1], [2]);
    expect(result.statistic).toBe(1);
    expect(result.pValue).toBe(1);
  });

  it('auto mode switches to the asymptotic p-value above exactMaxProduct', () => {
    const x = [0.1, 0.4, 0.35, 0.8, 0.9, 0.05];
    const y = [0.6, 0.7, 1.2, 1.1, 0.95, 0.3];
    expect(ksTwoSample(x, y).method).toBe('exact');
    const switched = ksTwoSample(x, y, { exactMaxProduct: 10 });
    expect(switched.method).toBe('asymptotic');
    expect(switched.pValue).toBe(ksAsymptoticPValue(switched.statistic, 6, 6));
  });

  it('asymptotic and exact p-values agree closely for moderate samples', () => {
    const rng = createRng(77);
    const x = Array.from({ length: 300 }, () => rng.normal());
    const y = Array.from({ length: 250 }, () => rng.normal() + 0.35);
    const exact = ksTwoSample(x, y, { mode: 'exact' });
    const asymptotic = ksTwoSample(x, y, { mode: 'asymp' });
    expect(exact.statistic).toBe(asymptotic.statistic);
    // In the decision-relevant range (p around 0.001 to 0.05) the approximation is within ~20 % relative.
    expect(exact.pValue).toBeLessThan(0.05);
    expect(Math.abs(exact.pValue - asymptotic.pValue)).toBeLessThan(0.2 * exact.pValue);
  });

  it('is symmetric in its arguments and independent of input order', () => {
    const rng = createRng(8);
    const x = Array.from({ length: 40 }, () => Math.round(rng.normal() * 3));
    const y = Array.from({ length: 33 }, () => Math.round(rng.normal() * 3 + 1));
    const forward = ksTwoSample(x, y);
    expect(ksTwoSample(y, x)).toMatchObject({ statistic: forward.statistic, pValue: forward.pValue });
    expect(ksTwoSample([...x].reverse(), y).pValue).toBe(forward.pValue);
  });

  it('keeps tiny p-values accurate (no 1 - (1 - p) cancellation)', () => {
    const x = Array.from({ length: 60 }, (_, i) => i);
    const y = Array.from({ length: 60 }, (_, i) => i + 1000);
    // Complete separation: p = 2 / C(120, 60), about 1.0e-34.
    let logBinomial = 0;
    for (let k = 1; k <= 60; k++) logBinomial += Math.log((60 + k) / k);
    const expected = 2 * Math.exp(-logBinomial);
    const result = ksTwoSample(x, y, { mode: 'exact' });
    expect(Math.abs(result.pValue - expected) / expected).toBeLessThan(1e-9);
  });

  it('rejects empty samples, NaN values and unknown modes with clear errors', () => {
    expect(() => ksTwoSample([], [1])).toThrow(/first sample.*at least 1/);
    expect(() => ksTwoSample([1], [Number.NaN])).toThrow(/second sample.*index 0/);
    // @ts-expect-error invalid mode on purpose
    expect(() => ksTwoSample([1], [2], { mode: 'fast' })).toThrow(/mode must be/);
  });
});
