import { describe, expect, it } from 'vitest';
import { chiSquareSf } from './distributions.js';
import { fisherExactTest, twoProportionTest, wilsonInterval } from './proportions.js';

describe('twoProportionTest', () => {
  it('z^2 equals the uncorrected 2x2 chi-square: scipy chi2_contingency([[45,55],[30,70]], correction=False)', () => {
    // scipy 1.17.1: statistic 4.8, pvalue 0.028459736916310638 (45/100 vs 30/100)
    const result = twoProportionTest(45, 100, 30, 100);
    expect(result.z * result.z).toBeCloseTo(4.8, 12);
    expect(result.pValue).toBeCloseTo(0.028459736916310638, 12);
    expect(result.pValue).toBeCloseTo(chiSquareSf(4.8, 1), 12);
    expect(result.diff).toBeCloseTo(-0.15, 14);
    expect(result.z).toBeLessThan(0);
  });

  it('Newcombe (1998) hybrid score intervals, Table II method 10 (diff = first - second there)', () => {
    // Newcombe RG, Stat Med 1998;17:873-890: 56/70-48/80 -> (0.0524, 0.3339); 9/10-3/10 -> (0.1705, 0.8090);
    // 5/56-0/29 -> (-0.0381, 0.1926); 0/10-0/20 -> (-0.1611, 0.2775); 0/10-0/10 -> (-0.2775, 0.2775);
    // 10/10-0/20 -> (0.6791, 1.0000); 10/10-0/10 -> (0.6075, 1.0000).
    // Our diff is second - first, so calling (x2, n2, x1, n1) gives the paper's orientation.
    const cases: [number, number, number, number, number, number][] = [
      [56, 70, 48, 80, 0.0524, 0.3339],
      [9, 10, 3, 10, 0.1705, 0.809],
      [5, 56, 0, 29, -0.0381, 0.1926],
      [0, 10, 0, 20, -0.1611, 0.2775],
      [0, 10, 0, 10, -0.2775, 0.2775],
      [10, 10, 0, 20, 0.6791, 1],
      [10, 10, 0, 10, 0.6075, 1],
    ];
    for (const [a, na, b, nb, lower, upper] of cases) {
      const { ci } = twoProportionTest(b, nb, a, na);
      expect(ci.lower).toBeCloseTo(lower, 4);
      expect(ci.upper).toBeCloseTo(upper, 4);
    }
  });

  it('handles 0/n and n/n without NaN: no variance means p = 1', () => {
    for (const [x1, n1, x2, n2] of [
      [0, 50, 0, 80],
      [50, 50, 80, 80],
    ]) {
      const result = twoProportionTest(x1, n1, x2, n2);
      expect(result).toMatchObject({ z: 0, pValue: 1, diff: 0 });
      expect(Number.isFinite(result.ci.lower) && Number.isFinite(result.ci.upper)).toBe(true);
    }
    const extreme = twoProportionTest(0, 50, 50, 50);
    expect(extreme.diff).toBe(1);
    expect(extreme.pValue).toBeLessThan(1e-20);
    expect(extreme.ci.upper).toBe(1);
    expect(extreme.cohensH).toBeCloseTo(Math.PI, 14);
  });

  it('rejects impossible counts with clear errors', () => {
    expect(() => twoProportionTest(1, 0, 1, 5)).toThrow(/first sample.*positive integer/);
    expect(() => twoProportionTest(6, 5, 1, 5)).toThrow(/successes must be an integer in \[0, 5\]/);
    expect(() => twoProportionTest(1, 5, 1.5, 5)).toThrow(/second sample/);
  });
});

describe('wilsonInterval', () => {
  it('matches the closed form at x = 0: upper = z^2 / (n + z^2)', () => {
    const z = 1.959963984540054;
    expect(wilsonInterval(0, 20).lower).toBe(0);
    expect(wilsonInterval(0, 20).upper).toBeCloseTo((z * z) / (20 + z * z), 14);
    expect(wilsonInterval(20, 20).upper).toBe(1);
  });
});

describe('fisherExactTest', () => {
  it('matches scipy.stats.fisher_exact (scipy 1.17.1), including the classic [[1,9],[11,3]] table', () => {
    // fisher_exact([[a, n1 - a], [b, n2 - b]]).pvalue
    const cases: [number, number, number, number, number][] = [
      [1, 10, 11, 14, 0.0027594561852200836],
      [3, 100, 10, 100, 0.08179405296897922],
      [0, 50, 5, 50, 0.05628449442882433],
      [2, 150, 8, 150, 0.10349697741759468],
      [7, 19, 0, 8, 0.06813283335022466],
    ];
    for (const [x1, n1, x2, n2, expected] of cases) {
      expect(fisherExactTest(x1, n1, x2, n2).pValue).toBeCloseTo(expected, 12);
      expect(fisherExactTest(x2, n2, x1, n1).pValue).toBeCloseTo(expected, 12);
    }
  });

  it('gives p = 1 when nothing differs or no events happened', () => {
    expect(fisherExactTest(0, 30, 0, 40).pValue).toBe(1);
    expect(fisherExactTest(5, 50, 5, 50).pValue).toBeCloseTo(1, 12);
  });
});
