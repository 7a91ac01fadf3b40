import { describe, expect, it } from 'vitest';
import { compareDistinctN, distinctN } from './diversity.js';
import { syntheticAnswers } from './synthetic-text.fixture.js';

describe('distinctN', () => {
  it('counts unique over total n-grams across answers, case-insensitively', () => {
    // unigrams: a b a | A c -> 5 total, {a, b, c} unique
    expect(distinctN(['a b a', 'A c'], 1)).toBeCloseTo(3 / 5, 12);
    // bigrams: ab, ba | ac -> 3 total, 3 unique
    expect(distinctN(['a b a', 'A c'], 2)).toBe(1);
    expect(distinctN(['', 'x'], 2)).toBeUndefined();
  });
});

describe('compareDistinctN', () => {
  it('compares equal-size subsamples and passes windows from one distribution', () => {
    const result = compareDistinctN(
      syntheticAnswers('cooking', 400, 1),
      syntheticAnswers('cooking', 150, 2),
      {
        n: 2,
        permutations: 200,
      },
    );
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.sampleSize).toBe(150);
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(Math.abs(result.effect)).toBeLessThan(0.03);
  });

  it('catches answers that became repetitive', () => {
    // Answers that mention specific references (diverse words) ...
    const specific = (seed: number) =>
      syntheticAnswers('finance', 100, seed).map(
        (text, index) => `${text} See ref${seed}x${index} and case${index * 7}.`,
      );
    const baseline = specific(3);
    // ... versus a window where half of them became one of three canned replies.
    const canned = specific(99).slice(0, 3);
    const current = specific(4).map((text, index) => (index % 2 === 0 ? canned[index % 3] : text));
    const result = compareDistinctN(baseline, current, { n: 1, permutations: 200, seed: 9 });
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.effect).toBeLessThan(0);
    expect(result.pValue).toBeLessThan(0.01);
  });

  it('is deterministic for a seed and skipped when too small', () => {
    const a = syntheticAnswers('cooking', 50, 5);
    const b = syntheticAnswers('cooking', 50, 6);
    expect(compareDistinctN(a, b, { seed: 1, sampleSize: 30 })).toEqual(
      compareDistinctN(a, b, { seed: 1, sampleSize: 30 }),
    );
    expect(compareDistinctN(['one'], b)).toMatchObject({
      status: 'skipped',
      reason: 'needs 2 answers per window, got 1 and 50',
    });
    expect(compareDistinctN(['', ' '], ['', ''], { n: 1 })).toMatchObject({
      status: 'skipped',
      reason: 'a window has no 1-gram in its subsample',
    });
  });
});
