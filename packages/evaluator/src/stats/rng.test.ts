import { describe, expect, it } from 'vitest';
import { chiSquareSf } from './distributions.js';
import { createRng, deriveSeed, randomInt, sampleWithoutReplacement, shuffle } from './rng.js';

describe('createRng', () => {
  it('is deterministic: the same seed gives the same stream, different seeds differ', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const streamA = Array.from({ length: 100 }, () => a.nextUint32());
    const streamB = Array.from({ length: 100 }, () => b.nextUint32());
    const streamC = Array.from({ length: 100 }, () => c.nextUint32());
    expect(streamA).toEqual(streamB);
    expect(streamA).not.toEqual(streamC);
    expect(createRng('segment/model=a').next()).toBe(createRng('segment/model=a').next());
  });

  it('next() is in [0, 1) and passes a chi-square uniformity test over 20 bins', () => {
    const rng = createRng(7);
    const bins = new Array(20).fill(0);
    const draws = 100_000;
    let outOfRange = 0;
    for (let i = 0; i < draws; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outOfRange++;
      bins[Math.floor(u * 20)]++;
    }
    expect(outOfRange).toBe(0);
    const expected = draws / 20;
    const statistic = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // A fixed seed makes this deterministic; a biased generator would give p far below 1e-4.
    expect(chiSquareSf(statistic, 19)).toBeGreaterThan(1e-4);
  });

  it('int(n) is unbiased over a non-power-of-two range and stays in range', () => {
    const rng = createRng(3);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.int(7)]++;
    const statistic = counts.reduce((sum, count) => sum + (count - 10_000) ** 2 / 10_000, 0);
    expect(chiSquareSf(statistic, 6)).toBeGreaterThan(1e-4);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => createRng(1).int(0)).toThrow(RangeError);
    expect(() => createRng(1).int(2.5)).toThrow(RangeError);
    expect(randomInt(rng, 5, 6)).toBe(5);
  });

  it('normal() has mean ~0 and variance ~1', () => {
    const rng = createRng(11);
    const n = 50_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      squares += z * z;
    }
    // Standard errors: mean 1/sqrt(n) = 0.0045, variance sqrt(2/n) = 0.0063; allow ~5 standard errors.
    expect(Math.abs(sum / n)).toBeLessThan(0.025);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.035);
  });

  it('deriveSeed gives distinct, reproducible child seeds per label', () => {
    expect(deriveSeed(1, 'latency')).toBe(deriveSeed(1, 'latency'));
    expect(deriveSeed(1, 'latency')).not.toBe(deriveSeed(1, 'cost'));
    expect(deriveSeed(1, 'latency')).not.toBe(deriveSeed(2, 'latency'));
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRng(Number.NaN)).toThrow(/seed must be a finite number/);
  });
});

describe('shuffle and sampleWithoutReplacement', () => {
  it('shuffle returns a permutation and leaves the input untouched', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const output = shuffle(input, createRng(1));
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...output].sort((a, b) => a - b)).toEqual(input);
  });

  it('shuffle makes every position equally likely for every element', () => {
    const rng = createRng(5);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[shuffle([0, 1, 2, 3], rng).indexOf(0)]++;
    const statistic = counts.reduce((sum, count) => sum + (count - 10_000) ** 2 / 10_000, 0);
    expect(chiSquareSf(statistic, 3)).toBeGreaterThan(1e-4);
  });

  it('sampleWithoutReplacement returns k distinct elements in original order, each equally likely', () => {
    const rng = createRng(9);
    const population = Array.from({ length: 10 }, (_, i) => i);
    const counts = new Array(10).fill(0);
    let malformed = 0;
    for (let i = 0; i < 20_000; i++) {
      const sample = sampleWithoutReplacement(population, 3, rng);
      const ordered = sample.every((value, index) => index === 0 || sample[index - 1] < value);
      if (!ordered || sample.length !== 3) malformed++;
      for (const value of sample) counts[value]++;
    }
    expect(malformed).toBe(0);
    // Each element is included with probability 3/10.
    const statistic = counts.reduce((sum, count) => sum + (count - 6000) ** 2 / 6000, 0);
    expect(chiSquareSf(statistic, 9)).toBeGreaterThan(1e-4);
    expect(sampleWithoutReplacement(population, 20, rng)).toEqual(population);
    expect(sampleWithoutReplacement(population, 0, rng)).toEqual([]);
  });
});
