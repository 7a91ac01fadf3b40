import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneity, OTHER_CATEGORY } from './chisquare.js';

describe('chiSquareHomogeneity', () => {
  it('matches scipy chi2_contingency(correction=False) when no cell is sparse (scipy 1.17.1)', () => {
    // chi2_contingency([[30,25,20,7],[20,35,15,10]], correction=False) -> 4.886417554826808, dof 3,
    // p 0.18030566320281746
    const result = chiSquareHomogeneity({ a: 30, b: 25, c: 20, d: 7 }, { a: 20, b: 35, c: 15, d: 10 });
    expect(result.merged).toEqual([]);
    expect(result.statistic).toBeCloseTo(4.886417554826808, 12);
    expect(result.dof).toBe(3);
    expect(result.pValue).toBeCloseTo(0.18030566320281746, 12);
    expect(result.degenerate).toBe(false);
  });

  it('without merging reproduces the unmerged scipy table too', () => {
    // chi2_contingency([[30,25,20,5,2],[20,35,15,9,1]], correction=False) -> 5.833340592334494, dof 4,
    // p 0.2119450115227255 (expected counts of the last column are 1.52 and 1.48)
    const result = chiSquareHomogeneity(
      { a: 30, b: 25, c: 20, d: 5, e: 2 },
      { a: 20, b: 35, c: 15, d: 9, e: 1 },
      {
        minExpected: 0,
      },
    );
    expect(result.statistic).toBeCloseTo(5.833340592334494, 12);
    expect(result.dof).toBe(4);
    expect(result.pValue).toBeCloseTo(0.2119450115227255, 12);
  });

  it('merges sparse categories into _other (here d and e become the d+e column of the table above)', () => {
    // Expected counts of e are ~1.5 < 5 -> sparse. d (expected ~7) is not, so _other = {e} alone would still be
    // sparse and absorbs the smallest remaining category, d: the table becomes the 4-column one above.
    const result = chiSquareHomogeneity(
      { a: 30, b: 25, c: 20, d: 5, e: 2 },
      { a: 20, b: 35, c: 15, d: 9, e: 1 },
    );
    expect(result.merged).toEqual(['d', 'e']);
    expect(result.categories).toEqual(['a', 'b', 'c', OTHER_CATEGORY]);
    expect(result.observed).toEqual([
      [30, 25, 20, 7],
      [20, 35, 15, 10],
    ]);
    expect(result.statistic).toBeCloseTo(4.886417554826808, 12);
    expect(result.pValue).toBeCloseTo(0.18030566320281746, 12);
  });

  it('every expected count of the tested table is at least minExpected', () => {
    const result = chiSquareHomogeneity(
      { stop: 400, length: 30, tool_calls: 6, content_filter: 1, error: 2 },
      { stop: 380, length: 45, tool_calls: 3, content_filter: 0, error: 4 },
    );
    for (const row of result.expected) for (const cell of row) expect(cell).toBeGreaterThanOrEqual(5);
    expect(result.merged).toContain('content_filter');
  });

  it('is degenerate (p = 1, dof 0, note) with fewer than two cells or an empty sample', () => {
    const single = chiSquareHomogeneity({ stop: 10 }, { stop: 12 });
    expect(single).toMatchObject({ degenerate: true, pValue: 1, dof: 0, statistic: 0 });
    expect(single.note).toMatch(/fewer than 2 categories/);
    const allSparse = chiSquareHomogeneity({ a: 1, b: 1 }, { a: 2, b: 1 });
    expect(allSparse.degenerate).toBe(true);
    const empty = chiSquareHomogeneity({}, { a: 3 });
    expect(empty).toMatchObject({ degenerate: true, pValue: 1 });
    expect(empty.note).toMatch(/baseline sample has no observations/);
  });

  it('identical mixes give statistic 0 and p = 1; a strong change gives a tiny p', () => {
    expect(chiSquareHomogeneity({ a: 50, b: 50 }, { a: 50, b: 50 })).toMatchObject({
      statistic: 0,
      pValue: 1,
    });
    expect(chiSquareHomogeneity({ a: 90, b: 10 }, { a: 10, b: 90 }).pValue).toBeLessThan(1e-20);
  });

  it('rejects negative or fractional counts', () => {
    expect(() => chiSquareHomogeneity({ a: -1 }, { a: 1 })).toThrow(/invalid weight for 'a'/);
    expect(() => chiSquareHomogeneity({ a: 1.5 }, { a: 1 })).toThrow(/counts must be integers/);
  });
});
