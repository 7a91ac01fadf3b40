import { describe, expect, it } from 'vitest';
import {
  chiSquareCdf,
  chiSquareSf,
  erfc,
  kolmogorovSf,
  logGamma,
  normalCdf,
  normalQuantile,
  normalSf,
  regularizedGammaP,
  regularizedGammaQ,
} from './distributions.js';

/** Relative closeness, for values spanning many orders of magnitude. */
function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

describe('logGamma', () => {
  it('matches factorials and Gamma(1/2) = sqrt(pi) (closed forms)', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      factorial *= n;
      expectRelativelyClose(logGamma(n + 1), Math.log(factorial), 1e-14);
    }
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expectRelativelyClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
  });

  it('matches scipy.special.gammaln (scipy 1.17.1)', () => {
    // gammaln(0.1) = 2.252712651734206, gammaln(100.5) = 361.43554046777757
    expectRelativelyClose(logGamma(0.1), 2.252712651734206, 1e-13);
    expectRelativelyClose(logGamma(100.5), 361.43554046777757, 1e-14);
  });

  it('rejects x <= 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});

describe('regularized incomplete gamma', () => {
  it('matches closed forms: Q(1, x) = exp(-x), Q(2, x) = (1 + x) exp(-x)', () => {
    for (const x of [0.01, 0.5, 1, 2, 5, 20, 100]) {
      expectRelativelyClose(regularizedGammaQ(1, x), Math.exp(-x), 1e-13);
      expectRelativelyClose(regularizedGammaQ(2, x), (1 + x) * Math.exp(-x), 1e-13);
      expect(regularizedGammaP(1, x) + regularizedGammaQ(1, x)).toBeCloseTo(1, 14);
    }
  });

  it('matches scipy.special.gammaincc / gammainc (scipy 1.17.1)', () => {
    // gammaincc(2.5, 3.0) = 0.30621891841327875; gammaincc(10, 3.0) = 0.9988975118698845
    // gammainc(0.1, 0.01) = 0.6626212599544796
    expectRelativelyClose(regularizedGammaQ(2.5, 3), 0.30621891841327875, 1e-13);
    expectRelativelyClose(regularizedGammaQ(10, 3), 0.9988975118698845, 1e-13);
    expectRelativelyClose(regularizedGammaP(0.1, 0.01), 0.6626212599544796, 1e-13);
  });

  it('handles the boundaries', () => {
    expect(regularizedGammaQ(3, 0)).toBe(1);
    expect(regularizedGammaP(3, 0)).toBe(0);
    expect(regularizedGammaQ(3, Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe('normal distribution', () => {
  it('matches scipy.stats.norm.cdf including the far tail (scipy 1.17.1)', () => {
    const reference: [number, number][] = [
      [-1, 0.15865525393145707],
      [-1.959963984540054, 0.025],
      [-3, 0.0013498980316300933],
      [-5, 2.866515718791933e-7],
      [-10, 7.61985302416047e-24],
      [-20, 2.7536241186061556e-89],
      [-37.5, 4.605353009581954e-308],
      [0.5, 0.6914624612740131],
      [2, 0.9772498680518208],
    ];
    for (const [z, expected] of reference) expectRelativelyClose(normalCdf(z), expected, 1e-12);
    expect(normalCdf(0)).toBe(0.5);
  });

  it('normalSf(z) = normalCdf(-z), and erfc(x) matches 2 * Phi(-x sqrt 2)', () => {
    expectRelativelyClose(normalSf(10), 7.61985302416047e-24, 1e-12);
    expectRelativelyClose(erfc(1), 2 * normalCdf(-Math.SQRT2), 1e-14);
    // erfc(1) = 0.15729920705028513 (Abramowitz & Stegun table 7.1: erf(1) = 0.8427007929)
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 14);
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 14);
  });

  it('quantile matches scipy.stats.norm.ppf (scipy 1.17.1) and inverts the CDF', () => {
    const reference: [number, number][] = [
      [1e-300, -37.0470962993612],
      [1e-10, -6.361340902404056],
      [0.001, -3.090232306167813],
      [0.025, -1.9599639845400545],
      [0.3, -0.5244005127080409],
      [0.975, 1.959963984540054],
      [0.999999, 4.753424308817087],
    ];
    for (const [p, expected] of reference) expectRelativelyClose(normalQuantile(p), expected, 1e-12);
    for (let p = 0.001; p < 1; p += 0.0137) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});

describe('chi-square distribution', () => {
  it('with 2 degrees of freedom the survival function is exp(-x/2) (closed form)', () => {
    for (const x of [0.1, 1, 5.991464547107979, 20, 200])
      expectRelativelyClose(chiSquareSf(x, 2), Math.exp(-x / 2), 1e-13);
  });

  it('with 1 degree of freedom sf(x) = erfc(sqrt(x/2)); 3.841458820694124 is the 5 % critical value', () => {
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 14);
    for (const x of [0.2, 2, 9, 30])
      expectRelativelyClose(chiSquareSf(x, 1), 2 * normalSf(Math.sqrt(x)), 1e-12);
  });

  it('matches scipy.stats.chi2.sf (scipy 1.17.1)', () => {
    const reference: [number, number, number][] = [
      [10, 3, 0.01856613546304325],
      [100, 50, 3.454931382984871e-5],
      [1, 10, 0.9998278843700441],
      [200, 150, 0.003973185970821635],
      [30, 4, 4.894437128029217e-6],
      [0.5, 7, 0.9994464813904249],
    ];
    for (const [x, dof, expected] of reference) expectRelativelyClose(chiSquareSf(x, dof), expected, 1e-11);
    expect(chiSquareSf(10, 3) + chiSquareCdf(10, 3)).toBeCloseTo(1, 14);
    expect(chiSquareSf(0, 3)).toBe(1);
  });
});

describe('Kolmogorov distribution', () => {
  it('matches scipy.stats.kstwobign.sf on both sides of the series switch (scipy 1.17.1)', () => {
    const reference: [number, number][] = [
      [0.5, 0.9639452436648751],
      [1.0, 0.26999967167735456],
      [1.2, 0.11224966667072497],
      [1.3581, 0.0499996304316674],
      [2.0, 0.0006709252557796953],
      [3.0, 3.045995948942526e-8],
    ];
    for (const [x, expected] of reference) expectRelativelyClose(kolmogorovSf(x), expected, 1e-12);
    expect(kolmogorovSf(0)).toBe(1);
    expect(kolmogorovSf(0.05)).toBe(1);
  });

  it('is continuous at the switch between the two series (x = 1.18)', () => {
    // The density there is about 0.58, so a step of 1e-10 may change the value by ~6e-11, not more.
    expect(kolmogorovSf(1.18 - 1e-10)).toBeCloseTo(kolmogorovSf(1.18), 9);
  });
});
