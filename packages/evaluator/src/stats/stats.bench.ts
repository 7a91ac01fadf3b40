/**
 * Speed figures for the expensive statistics (run: `npx vitest bench --run src/stats` in packages/evaluator).
 * Prints operations per second; nothing here asserts on time (the machine is shared).
 */
import { bench, describe } from 'vitest';
import { bootstrapQuantilesCI, relativeChangeCI } from './bootstrap.js';
import { ksTwoSample } from './ks.js';
import { mmdPermutationTest } from './mmd.js';
import { createRng } from './rng.js';

const rng = createRng('bench');
const sample = (size: number, shift = 0) => Array.from({ length: size }, () => rng.normal() + shift);
const small = [sample(500), sample(500, 0.1)] as const;
const large = [sample(2000), sample(2000, 0.05)] as const;
const latencies = sample(10_000).map((value) => Math.exp(value));
const embeddingsA = Array.from({ length: 200 }, () => sample(64));
const embeddingsB = Array.from({ length: 200 }, () => sample(64, 0.05));

describe('ksTwoSample', () => {
  bench('exact 500 x 500', () => {
    ksTwoSample(small[0], small[1], { mode: 'exact' });
  });
  bench('exact 2000 x 2000 (the auto-mode limit)', () => {
    ksTwoSample(large[0], large[1], { mode: 'exact' });
  });
  bench('asymptotic 2000 x 2000', () => {
    ksTwoSample(large[0], large[1], { mode: 'asymp' });
  });
});

describe('bootstrap', () => {
  bench(
    'p50/p95/p99 of 10,000 latencies, 2000 resamples',
    () => {
      bootstrapQuantilesCI(latencies, [0.5, 0.95, 0.99], { seed: 1 });
    },
    { iterations: 3 },
  );
  bench(
    'relative change of the mean, 2000 x 2000 values, 2000 resamples',
    () => {
      relativeChangeCI(large[0].map(Math.exp), large[1].map(Math.exp), { seed: 1 });
    },
    { iterations: 3 },
  );
});

describe('mmdPermutationTest', () => {
  bench(
    '200 + 200 vectors of dimension 64, 500 permutations',
    () => {
      mmdPermutationTest(embeddingsA, embeddingsB, { seed: 1, permutations: 500 });
    },
    { iterations: 3 },
  );
});
