/**
 * Chi-square test of homogeneity on the 2 x K table (baseline counts, current counts) of a categorical mix
 * (finish reasons, models, tool names, error types, ...).
 *
 * Sparse-cell merge rule (the chi-square approximation needs expected counts of about 5 or more):
 *  1. Categories are the union of both inputs' keys; categories with zero count in both are dropped.
 *  2. Expected counts under homogeneity are E[r][k] = rowTotal[r] * colTotal[k] / N. A category is sparse when
 *     its smaller expected count (the one of the smaller sample) is below `minExpected`.
 *  3. All sparse categories are pooled into one cell labelled `_other` (an input category literally named
 *     `_other` always joins that cell).
 *  4. If `_other` is itself still sparse, it absorbs the remaining category with the smallest total (ties broken
 *     by name), repeatedly, until it is not sparse or nothing is left to absorb.
 *  5. With fewer than 2 cells left (or an empty sample) the test is degenerate: statistic 0, dof 0, p = 1 and a
 *     `note` saying why. Such a result is evidence of nothing and callers should report it as inconclusive.
 * No continuity correction is applied (scipy `chi2_contingency(correction=False)`, R `chisq.test(correct =
 * FALSE)`). The p-value is the chi-square survival function with K - 1 degrees of freedom.
 */
import { chiSquareSf } from './distributions.js';
import { alignCategories, type CategoricalWeights } from './effects.js';

/** Label of the merged sparse cell. */
export const OTHER_CATEGORY = '_other';

/** Options of `chiSquareHomogeneity`. */
export interface ChiSquareOptions {
  /** Minimum expected count per cell before merging. Default 5. Use 0 to disable merging. */
  minExpected?: number;
}

/** Result of `chiSquareHomogeneity`. */
export interface ChiSquareResult {
  /** Pearson's X^2 on the merged table (0 when degenerate). */
  statistic: number;
  /** Degrees of freedom: cells - 1 (0 when degenerate). */
  dof: number;
  /** P(chi2(dof) >= statistic); 1 when degenerate. */
  pValue: number;
  /** Cell labels actually tested, in order (sorted category names, then `_other` if present). */
  categories: string[];
  /** Observed counts of the tested cells: [baseline row, current row]. */
  observed: [number[], number[]];
  /** Expected counts of the tested cells under homogeneity. */
  expected: [number[], number[]];
  /** Input categories pooled into `_other` (sorted); empty when nothing was merged. */
  merged: string[];
  /** True when fewer than 2 cells remained or a sample was empty: the result carries no evidence. */
  degenerate: boolean;
  /** Why the result is degenerate, when it is. */
  note?: string;
}

function degenerateResult(
  categories: string[],
  observed: [number[], number[]],
  merged: string[],
  note: string,
): ChiSquareResult {
  return {
    statistic: 0,
    dof: 0,
    pValue: 1,
    categories,
    observed,
    expected: [observed[0].map(() => 0), observed[1].map(() => 0)],
    merged,
    degenerate: true,
    note,
  };
}

/**
 * Chi-square test of homogeneity of two categorical count maps, with sparse categories merged (see module
 * comment). Counts must be non-negative integers. Never returns NaN.
 */
export function chiSquareHomogeneity(
  countsA: CategoricalWeights,
  countsB: CategoricalWeights,
  options: ChiSquareOptions = {},
): ChiSquareResult {
  const minExpected = options.minExpected ?? 5;
  if (!(minExpected >= 0) || !Number.isFinite(minExpected)) {
    throw new RangeError(
      `chiSquareHomogeneity: minExpected must be a finite number >= 0, got ${minExpected}`,
    );
  }
  const aligned = alignCategories(countsA, countsB, 'chiSquareHomogeneity');
  aligned.categories.forEach((category, k) => {
    if (!Number.isInteger(aligned.a[k]) || !Number.isInteger(aligned.b[k])) {
      throw new RangeError(`chiSquareHomogeneity: counts must be integers; category '${category}' is not`);
    }
  });

  const cells = aligned.categories
    .map((category, k) => ({ category, a: aligned.a[k], b: aligned.b[k] }))
    .filter((cell) => cell.a + cell.b > 0);
  const totalA = cells.reduce((sum, cell) => sum + cell.a, 0);
  const totalB = cells.reduce((sum, cell) => sum + cell.b, 0);
  const grandTotal = totalA + totalB;
  const asObserved = (list: typeof cells): [number[], number[]] => [
    list.map((c) => c.a),
    list.map((c) => c.b),
  ];

  if (totalA === 0 || totalB === 0) {
    return degenerateResult(
      cells.map((c) => c.category),
      asObserved(cells),
      [],
      `${totalA === 0 ? 'baseline' : 'current'} sample has no observations`,
    );
  }

  // The smaller row has the smaller expected count in every column.
  const smallerRowShare = Math.min(totalA, totalB) / grandTotal;
  const isSparse = (a: number, b: number) => (a + b) * smallerRowShare < minExpected;

  const kept = cells.filter((cell) => cell.category !== OTHER_CATEGORY && !isSparse(cell.a, cell.b));
  const pooled = cells.filter((cell) => !kept.includes(cell));
  const mergedNames = pooled.map((cell) => cell.category);
  if (pooled.length > 0) {
    let otherA = pooled.reduce((sum, cell) => sum + cell.a, 0);
    let otherB = pooled.reduce((sum, cell) => sum + cell.b, 0);
    while (isSparse(otherA, otherB) && kept.length > 0) {
      // Absorb the smallest remaining category (ties by name) until the pooled cell is large enough.
      let smallestIndex = 0;
      for (let k = 1; k < kept.length; k++) {
        const candidate = kept[k].a + kept[k].b;
        const best = kept[smallestIndex].a + kept[smallestIndex].b;
        if (candidate < best || (candidate === best && kept[k].category < kept[smallestIndex].category)) {
          smallestIndex = k;
        }
      }
      const [absorbed] = kept.splice(smallestIndex, 1);
      otherA += absorbed.a;
      otherB += absorbed.b;
      mergedNames.push(absorbed.category);
    }
    kept.push({ category: OTHER_CATEGORY, a: otherA, b: otherB });
  }
  const merged = mergedNames.sort();

  const categories = kept.map((cell) => cell.category);
  const observed = asObserved(kept);
  if (kept.length < 2) {
    return degenerateResult(
      categories,
      observed,
      merged,
      `fewer than 2 categories remain after merging cells with expected count < ${minExpected}`,
    );
  }

  const expected: [number[], number[]] = [
    kept.map((cell) => ((cell.a + cell.b) * totalA) / grandTotal),
    kept.map((cell) => ((cell.a + cell.b) * totalB) / grandTotal),
  ];
  let statistic = 0;
  for (let row = 0; row < 2; row++) {
    for (let k = 0; k < kept.length; k++) {
      const difference = observed[row][k] - expected[row][k];
      statistic += (difference * difference) / expected[row][k];
    }
  }
  const dof = kept.length - 1;
  return {
    statistic,
    dof,
    pValue: chiSquareSf(statistic, dof),
    categories,
    observed,
    expected,
    merged,
    degenerate: false,
  };
}
