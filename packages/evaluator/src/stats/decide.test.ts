import { describe, expect, it } from 'vitest';
import { decide, decideWithReason } from './decide.js';

const base = { alpha: 0.05, effectThreshold: 0.1, nBaseline: 100, nCurrent: 100, minSamples: 30 };

describe('decide', () => {
  it('drift needs BOTH a significant adjusted p and a practical effect', () => {
    expect(decide({ ...base, adjustedP: 0.01, effect: 0.3 })).toBe('drift');
    expect(decide({ ...base, adjustedP: 0.01, effect: -0.3 })).toBe('drift');
    expect(decide({ ...base, adjustedP: 0.01, effect: 0.05 })).toBe('pass');
    expect(decide({ ...base, adjustedP: 0.2, effect: 0.9 })).toBe('pass');
    // "below alpha" is strict
    expect(decide({ ...base, adjustedP: 0.05, effect: 0.9 })).toBe('pass');
    expect(decideWithReason({ ...base, adjustedP: 0.01, effect: 0.05 }).reason).toMatch(
      /effect 0.05 < threshold/,
    );
  });

  it('is inconclusive (never pass) below the minimum sample size, without a p-value, or when degenerate', () => {
    expect(decide({ ...base, nCurrent: 29, adjustedP: 0.9, effect: 0 })).toBe('inconclusive');
    expect(decide({ ...base, nBaseline: 0, adjustedP: 0.001, effect: 5 })).toBe('inconclusive');
    expect(decide({ ...base, adjustedP: undefined, effect: 1 })).toBe('inconclusive');
    expect(decide({ ...base, adjustedP: Number.NaN, effect: 1 })).toBe('inconclusive');
    expect(decide({ ...base, adjustedP: 0.001, effect: Number.NaN })).toBe('inconclusive');
    expect(decide({ ...base, adjustedP: 0.001, effect: 1, degenerate: true })).toBe('inconclusive');
    expect(decideWithReason({ ...base, nCurrent: 3, adjustedP: 0.5, effect: 0 }).reason).toMatch(
      /too few samples/,
    );
  });

  it('an infinite effect (constant moved) counts as practical', () => {
    expect(decide({ ...base, adjustedP: 0.001, effect: Number.POSITIVE_INFINITY })).toBe('drift');
  });

  it('rejects invalid parameters', () => {
    expect(() => decide({ ...base, alpha: 0, adjustedP: 0.1, effect: 0 })).toThrow(/alpha/);
    expect(() => decide({ ...base, minSamples: 0, adjustedP: 0.1, effect: 0 })).toThrow(/minSamples/);
    expect(() => decide({ ...base, nCurrent: -1, adjustedP: 0.1, effect: 0 })).toThrow(/nCurrent/);
  });
});
