import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './multiple-testing.js';

/** BH by its definition, O(m^2): adjusted p_i = min(1, min over j with p_j >= p_i of m p_j / rank_j). */
function definitionBH(p: number[]): number[] {
  const sorted = [...p].sort((a, b) => a - b);
  return p.map((value) => {
    let best = 1;
    sorted.forEach((candidate, index) => {
      if (candidate >= value) best = Math.min(best, (p.length * candidate) / (index + 1));
    });
    return best;
  });
}

describe('benjaminiHochberg', () => {
  it('R p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "BH") is 0.05 everywhere', () => {
    expect(benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05])).toEqual([0.05, 0.05, 0.05, 0.05, 0.05]);
  });

  it('matches scipy.stats.false_discovery_control (scipy 1.17.1) on a textbook list', () => {
    // false_discovery_control([0.001,0.008,0.039,0.041,0.042,0.060,0.074,0.205]) ->
    // [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.08457142857142856, 0.205]
    const expected = [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.08457142857142856, 0.205];
    const actual = benjaminiHochberg([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205]);
    actual.forEach((value, index) => {
      expect(value).toBeCloseTo(expected[index], 14);
    });
  });

  it('agrees with the definition on shuffled input with ties, keeping input order', () => {
    const p = [0.3, 0.001, 0.04, 0.04, 0.9, 0.0125, 0.5, 0.04, 0.2];
    const actual = benjaminiHochberg(p);
    definitionBH(p).forEach((value, index) => {
      expect(actual[index]).toBeCloseTo(value, 14);
      expect(actual[index]).toBeGreaterThanOrEqual(p[index]);
    });
  });

  it('excludes undefined / null / NaN (they do not count in m) and returns undefined there', () => {
    const result = benjaminiHochberg([0.01, undefined, Number.NaN, 0.04, null]);
    expect(result[1]).toBeUndefined();
    expect(result[2]).toBeUndefined();
    expect(result[4]).toBeUndefined();
    // m = 2: 0.01 -> min(0.02, 0.04) = 0.02; 0.04 -> 0.04
    expect(result[0]).toBeCloseTo(0.02, 15);
    expect(result[3]).toBeCloseTo(0.04, 15);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.5, 1.2])).toThrow(/index 1 is outside \[0, 1\]/);
  });
});
