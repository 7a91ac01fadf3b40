import { describe, expect, it } from 'vitest';
import { judgeInterval, proportionChangeGate, relativeChangeGate } from './gate.js';
import { createRng } from './rng.js';

function costs(size: number, seed: number, scale: number): number[] {
  const rng = createRng(seed);
  // Log-normal per-call cost around `scale` dollars.
  return Array.from({ length: size }, () => scale * Math.exp(0.5 * rng.normal()));
}

describe('judgeInterval: one-sided semantics', () => {
  const interval = { lower: 0.02, upper: 0.09 };
  it("'increase' + 'confident' fails only when the LOWER bound exceeds the limit", () => {
    expect(judgeInterval(0.05, interval, { limit: 0.05 })).toMatchObject({
      verdict: 'pass',
      boundSide: 'lower',
    });
    expect(judgeInterval(0.05, interval, { limit: 0.01 })).toMatchObject({ verdict: 'fail', bound: 0.02 });
  });
  it("'increase' + 'possible' fails when the UPPER bound exceeds the limit", () => {
    expect(judgeInterval(0.05, interval, { limit: 0.05, failWhen: 'possible' })).toMatchObject({
      verdict: 'fail',
      boundSide: 'upper',
      bound: 0.09,
    });
    expect(judgeInterval(0.05, interval, { limit: 0.1, failWhen: 'possible' }).verdict).toBe('pass');
  });
  it("'decrease' mirrors: confident uses the upper bound against -limit, possible the lower bound", () => {
    const falling = { lower: -0.09, upper: -0.02 };
    expect(judgeInterval(-0.05, falling, { limit: 0.01, direction: 'decrease' })).toMatchObject({
      verdict: 'fail',
      boundSide: 'upper',
      threshold: -0.01,
    });
    expect(judgeInterval(-0.05, falling, { limit: 0.05, direction: 'decrease' }).verdict).toBe('pass');
    expect(
      judgeInterval(-0.05, falling, { limit: 0.05, direction: 'decrease', failWhen: 'possible' }).verdict,
    ).toBe('fail');
  });
  it('rejects invalid options', () => {
    expect(() => judgeInterval(0, interval, { limit: -1 })).toThrow(/limit must be/);
    expect(() => judgeInterval(0, interval, { limit: 0.1, alpha: 0.6 })).toThrow(/alpha must be/);
  });
});

describe('relativeChangeGate ("cost per call may not rise more than 5 %")', () => {
  it('fails on a clear 25 % rise and passes when cost is unchanged', () => {
    const baseline = costs(400, 1, 0.002);
    const risen = relativeChangeGate(baseline, costs(400, 2, 0.0025), {
      limit: 0.05,
      seed: 1,
      resamples: 1000,
    });
    expect(risen.verdict).toBe('fail');
    expect(risen.bound).toBeGreaterThan(0.05);
    expect(risen.confidence).toBe(0.95);
    const same = relativeChangeGate(baseline, costs(400, 3, 0.002), {
      limit: 0.05,
      seed: 1,
      resamples: 1000,
    });
    expect(same.verdict).toBe('pass');
  });

  it("a small noisy sample passes under 'confident' but fails under 'possible' (burden of proof)", () => {
    const baseline = costs(40, 4, 0.002);
    const current = costs(40, 5, 0.00206);
    const lenient = relativeChangeGate(baseline, current, { limit: 0.05, seed: 2, resamples: 1000 });
    const strict = relativeChangeGate(baseline, current, {
      limit: 0.05,
      seed: 2,
      resamples: 1000,
      failWhen: 'possible',
    });
    expect(lenient.verdict).toBe('pass');
    expect(strict.verdict).toBe('fail');
    // Both bounds come from the same 90 % two-sided interval (one-sided 95 %).
    expect(lenient.interval).toEqual(strict.interval);
    expect(lenient.ci?.confidence).toBeCloseTo(0.9, 14);
  });

  it('gates a quantile (p95 latency may not rise more than 10 %)', () => {
    const baseline = costs(500, 6, 800);
    const slower = baseline.map((value) => value * 1.3);
    const result = relativeChangeGate(baseline, slower, {
      limit: 0.1,
      statistic: { quantile: 0.95 },
      seed: 3,
    });
    expect(result.estimate).toBeCloseTo(0.3, 10);
    expect(result.verdict).toBe('fail');
  });

  it('is inconclusive below minSamples or with a zero baseline, and deterministic', () => {
    expect(relativeChangeGate([1, 2, 3], [4, 5, 6], { limit: 0.05, seed: 1 }).verdict).toBe('inconclusive');
    const zeros = new Array(50).fill(0);
    const zeroBaseline = relativeChangeGate(zeros, costs(50, 7, 1), { limit: 0.05, seed: 1 });
    expect(zeroBaseline.verdict).toBe('inconclusive');
    expect(zeroBaseline.reason).toMatch(/relative change is undefined/);
    const a = relativeChangeGate(costs(60, 8, 1), costs(60, 9, 1.1), { limit: 0.05, seed: 'x' });
    const b = relativeChangeGate(costs(60, 8, 1), costs(60, 9, 1.1), { limit: 0.05, seed: 'x' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('proportionChangeGate ("error rate may not rise more than 1 point")', () => {
  it('fails on 1 % -> 4 % errors and passes on 1.2 % -> 1.5 %', () => {
    expect(proportionChangeGate(10, 1000, 40, 1000, { limit: 0.01 }).verdict).toBe('fail');
    expect(proportionChangeGate(12, 1000, 15, 1000, { limit: 0.01 }).verdict).toBe('pass');
    expect(proportionChangeGate(1, 10, 5, 10, { limit: 0.01 }).verdict).toBe('inconclusive');
  });
});
