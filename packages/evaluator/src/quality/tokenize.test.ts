import { describe, expect, it } from 'vitest';
import {
  approximateTokens,
  countApproximateTokens,
  ngrams,
  normalizeAnswer,
  repetitionRate,
} from './tokenize.js';

describe('approximateTokens', () => {
  it('splits words and punctuation, keeps contractions', () => {
    expect(approximateTokens("Hello, world! Don't panic.")).toEqual([
      'Hello',
      ',',
      'world',
      '!',
      "Don't",
      'panic',
      '.',
    ]);
  });

  it('counts CJK characters individually and other scripts by word', () => {
    expect(approximateTokens('東京は大きい')).toEqual(['東', '京', 'は', '大', 'き', 'い']);
    expect(countApproximateTokens('Привет, мир')).toBe(3);
    expect(countApproximateTokens('naïve café 42')).toBe(3);
    expect(countApproximateTokens('   ')).toBe(0);
  });
});

describe('normalizeAnswer', () => {
  it('trims, lowercases and collapses whitespace', () => {
    expect(normalizeAnswer('  The   Answer\n is 42 ')).toBe('the answer is 42');
  });
});

describe('repetitionRate (rep-n)', () => {
  it('is 0 without repeats, high for loops, undefined when too short', () => {
    expect(repetitionRate(['a', 'b', 'c', 'd', 'e'], 2)).toBe(0);
    // 6 bigrams: ab, ba, ab, ba, ab, ba -> 2 unique -> 1 - 2/6
    expect(repetitionRate(['a', 'b', 'a', 'b', 'a', 'b', 'a'], 2)).toBeCloseTo(1 - 2 / 6, 12);
    expect(repetitionRate(['a', 'b'], 4)).toBeUndefined();
  });

  it('builds n-grams and rejects bad n', () => {
    expect(ngrams(['a', 'b', 'c'], 2)).toEqual(['a\u0001b', 'b\u0001c']);
    expect(() => ngrams(['a'], 0)).toThrow(/n must be an integer >= 1/);
  });
});
