/**
 * Monte-Carlo validation: A/A runs (both samples from the same distribution) must raise false alarms at about
 * rate alpha or less, and synthetic shifts must be caught. Every simulation is seeded, so these tests are
 * deterministic; the bands are wide enough (about 3.5 binomial standard deviations) that they would still
 * hold for almost any seed, but a biased test falls outside them.
 */
import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneity } from './chisquare.js';
import { decide } from './decide.js';
import { jensenShannonDistance, standardizedWasserstein } from './effects.js';
import { ksTwoSample } from './ks.js';
import { benjaminiHochberg } from './multiple-testing.js';
import { twoProportionTest } from './proportions.js';
import { createRng, type Rng } from './rng.js';

const ALPHA = 0.05;
const RUNS = 400;
// Binomial(400, 0.05): mean 20, sd 4.36. Upper band mean + 3.5 sd.
const MAX_FALSE_ALARMS = 35;

function normals(rng: Rng, size: number, shift = 0): number[] {
  return Array.from({ length: size }, () => rng.normal() + shift);
}

/** Geometric-like integers (heavily tied, like token counts of short answers). */
function discrete(rng: Rng, size: number, scale = 3): number[] {
  return Array.from({ length: size }, () => Math.floor(-Math.log(1 - rng.next()) * scale));
}

function binomial(rng: Rng, trials: number, p: number): number {
  let successes = 0;
  for (let i = 0; i < trials; i++) if (rng.next() < p) successes++;
  return successes;
}

function categorical(rng: Rng, size: number, probabilities: Record<string, number>): Record<string, number> {
  const entries = Object.entries(probabilities);
  const counts: Record<string, number> = Object.fromEntries(entries.map(([key]) => [key, 0]));
  for (let i = 0; i < size; i++) {
    let u = rng.next();
    for (const [key, p] of entries) {
      u -= p;
      if (u < 0 || key === entries[entries.length - 1][0]) {
        counts[key]++;
        break;
      }
    }
  }
  return counts;
}

const FINISH_REASONS = {
  stop: 0.5,
  length: 0.25,
  tool_calls: 0.15,
  content_filter: 0.06,
  error: 0.03,
  other: 0.01,
};

describe('A/A simulations: false-alarm rate at alpha = 0.05', () => {
  it('KS on continuous data (400 runs, n = 200 per side)', () => {
    const rng = createRng('aa-ks-continuous');
    let alarms = 0;
    for (let run = 0; run < RUNS; run++)
      if (ksTwoSample(normals(rng, 200), normals(rng, 200)).pValue < ALPHA) alarms++;
    expect(alarms).toBeLessThanOrEqual(MAX_FALSE_ALARMS);
    expect(alarms).toBeGreaterThanOrEqual(5);
  });

  it('KS on heavily tied discrete data: exact conditional p never exceeds alpha, asymptotic is conservative', () => {
    const rng = createRng('aa-ks-discrete');
    let exactAlarms = 0;
    let asymptoticAlarms = 0;
    for (let run = 0; run < RUNS; run++) {
      const x = discrete(rng, 200);
      const y = discrete(rng, 200);
      if (ksTwoSample(x, y, { mode: 'exact' }).pValue < ALPHA) exactAlarms++;
      if (ksTwoSample(x, y, { mode: 'asymp' }).pValue < ALPHA) asymptoticAlarms++;
    }
    expect(exactAlarms).toBeLessThanOrEqual(MAX_FALSE_ALARMS);
    expect(asymptoticAlarms).toBeLessThanOrEqual(exactAlarms);
  });

  it('two-proportion z-test (error rate 10 %, n = 500 per side)', () => {
    const rng = createRng('aa-proportion');
    let alarms = 0;
    for (let run = 0; run < RUNS; run++) {
      if (twoProportionTest(binomial(rng, 500, 0.1), 500, binomial(rng, 500, 0.1), 500).pValue < ALPHA)
        alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(MAX_FALSE_ALARMS);
    expect(alarms).toBeGreaterThanOrEqual(5);
  });

  it('chi-square homogeneity with sparse-cell merging (6 finish reasons, n = 300 per side)', () => {
    const rng = createRng('aa-chisquare');
    let alarms = 0;
    for (let run = 0; run < RUNS; run++) {
      const result = chiSquareHomogeneity(
        categorical(rng, 300, FINISH_REASONS),
        categorical(rng, 300, FINISH_REASONS),
      );
      if (result.pValue < ALPHA) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(MAX_FALSE_ALARMS);
    expect(alarms).toBeGreaterThanOrEqual(5);
  });
});

describe('synthetic shifts are caught (power)', () => {
  it('KS detects a 0.5 sd location shift at n = 200 in at least 95 of 100 runs', () => {
    const rng = createRng('power-ks');
    let detected = 0;
    for (let run = 0; run < 100; run++)
      if (ksTwoSample(normals(rng, 200), normals(rng, 200, 0.5)).pValue < ALPHA) detected++;
    expect(detected).toBeGreaterThanOrEqual(95);
  });

  it('the proportion test detects 10 % -> 16 % errors at n = 1000 in at least 95 of 100 runs', () => {
    const rng = createRng('power-proportion');
    let detected = 0;
    for (let run = 0; run < 100; run++) {
      if (twoProportionTest(binomial(rng, 1000, 0.1), 1000, binomial(rng, 1000, 0.16), 1000).pValue < ALPHA)
        detected++;
    }
    expect(detected).toBeGreaterThanOrEqual(95);
  });

  it('chi-square detects a finish-reason mix where "length" doubles (n = 300) in at least 95 of 100 runs', () => {
    const rng = createRng('power-chisquare');
    const shifted = {
      stop: 0.3,
      length: 0.5,
      tool_calls: 0.12,
      content_filter: 0.05,
      error: 0.02,
      other: 0.01,
    };
    let detected = 0;
    for (let run = 0; run < 100; run++) {
      if (
        chiSquareHomogeneity(categorical(rng, 300, FINISH_REASONS), categorical(rng, 300, shifted)).pValue <
        ALPHA
      ) {
        detected++;
      }
    }
    expect(detected).toBeGreaterThanOrEqual(95);
  });
});

describe('the whole rule: tests -> Benjamini-Hochberg -> decide', () => {
  interface MetricOutcome {
    pValue: number;
    effect: number;
    threshold: number;
  }

  /** One evaluator run: 4 segments x 3 metrics; segment 0's latency optionally shifted by `shift` sd. */
  function simulateRun(rng: Rng, shift: number): MetricOutcome[] {
    const outcomes: MetricOutcome[] = [];
    for (let segment = 0; segment < 4; segment++) {
      const baseline = normals(rng, 150);
      const current = normals(rng, 150, segment === 0 ? shift : 0);
      outcomes.push({
        pValue: ksTwoSample(baseline, current).pValue,
        effect: standardizedWasserstein(baseline, current).effect,
        threshold: 0.2,
      });
      const errors = twoProportionTest(binomial(rng, 150, 0.05), 150, binomial(rng, 150, 0.05), 150);
      outcomes.push({ pValue: errors.pValue, effect: errors.diff, threshold: 0.02 });
      const mixA = categorical(rng, 150, FINISH_REASONS);
      const mixB = categorical(rng, 150, FINISH_REASONS);
      outcomes.push({
        pValue: chiSquareHomogeneity(mixA, mixB).pValue,
        effect: jensenShannonDistance(mixA, mixB),
        threshold: 0.05,
      });
    }
    return outcomes;
  }

  function verdicts(outcomes: MetricOutcome[]): string[] {
    const adjusted = benjaminiHochberg(outcomes.map((outcome) => outcome.pValue));
    return outcomes.map((outcome, index) =>
      decide({
        adjustedP: adjusted[index],
        alpha: ALPHA,
        effect: outcome.effect,
        effectThreshold: outcome.threshold,
        nBaseline: 150,
        nCurrent: 150,
        minSamples: 30,
      }),
    );
  }

  it('A/A: runs with ANY drift flag among 12 tests stay at or below about alpha (FDR = FWER under H0)', () => {
    const rng = createRng('aa-pipeline');
    let runsWithAlarm = 0;
    for (let run = 0; run < 200; run++) if (verdicts(simulateRun(rng, 0)).includes('drift')) runsWithAlarm++;
    // At most alpha * 200 = 10 expected; upper band 10 + 3.5 * sd(3.1).
    expect(runsWithAlarm).toBeLessThanOrEqual(21);
  });

  it('a 0.6 sd latency shift in one segment is flagged there, and rarely anywhere else', () => {
    const rng = createRng('shift-pipeline');
    let caught = 0;
    let elsewhere = 0;
    for (let run = 0; run < 100; run++) {
      const result = verdicts(simulateRun(rng, 0.6));
      if (result[0] === 'drift') caught++;
      elsewhere += result.slice(1).filter((verdict) => verdict === 'drift').length;
    }
    expect(caught).toBeGreaterThanOrEqual(90);
    // 11 null metrics x 100 runs; BH keeps the false share among flags small.
    expect(elsewhere).toBeLessThanOrEqual(20);
  });
});
