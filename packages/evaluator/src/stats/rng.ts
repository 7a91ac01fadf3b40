/**
 * Seeded pseudo-random numbers for resampling and permutation tests.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna, 2018), a 32-bit generator with a 128-bit state, period
 * 2^128 - 1, that passes BigCrush. Its state is filled from the seed by splitmix32 (the murmur3 `fmix32`
 * finaliser applied to a Weyl sequence with the golden-ratio increment), so neighbouring seeds (1, 2, 3, ...)
 * give unrelated streams. Everything uses 32-bit integer arithmetic (`Math.imul`, `>>> 0`), so the same seed
 * gives the same stream on every JavaScript engine and platform: results that depend on resampling are
 * byte-identical from run to run.
 */

/** A seed: any finite number (its integer bits are used) or a string (hashed with FNV-1a 32). */
export type Seed = number | string;

/** A seeded generator. All methods advance the same stream. */
export interface Rng {
  /** Uniform double in [0, 1) with 53 random bits (two 32-bit draws). */
  next(): number;
  /** Uniform unsigned 32-bit integer in [0, 2^32). */
  nextUint32(): number;
  /** Unbiased uniform integer in [0, maxExclusive) (rejection sampling, no modulo bias). */
  int(maxExclusive: number): number;
  /** Standard normal deviate (Box-Muller, one value per call; the second value is not cached). */
  normal(): number;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** FNV-1a 32-bit hash of a string's UTF-16 code units; used to turn labels into seeds. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function seedToUint32(seed: Seed): number {
  if (typeof seed === 'string') return fnv1a32(seed);
  if (!Number.isFinite(seed))
    throw new RangeError(`createRng: seed must be a finite number or a string, got ${seed}`);
  // Mix the high and low 32-bit halves so seeds above 2^32 are not silently truncated to the same stream.
  const integer = Math.trunc(seed);
  const low = integer >>> 0;
  const high = Math.floor(integer / TWO_POW_32) >>> 0;
  return (low ^ Math.imul(high, 0x9e3779b1)) >>> 0;
}

/** splitmix32 step: returns the next state and a well-mixed output. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/**
 * Creates a seeded xoshiro128** generator. Same seed, same sequence, on every platform.
 * @param seed a number (integer part used) or a string label.
 */
export function createRng(seed: Seed): Rng {
  let mixState = seedToUint32(seed);
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const [nextState, output] = splitmix32(mixState);
    mixState = nextState;
    state[i] = output;
  }
  // xoshiro's only forbidden state is all zeros; splitmix32 cannot produce four zero outputs in a row, but guard.
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;

  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];

  function nextUint32(): number {
    const product = Math.imul(s1, 5);
    const rotated = (product << 7) | (product >>> 25);
    const result = Math.imul(rotated, 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  function next(): number {
    const high = nextUint32() >>> 5; // 27 bits
    const low = nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / TWO_POW_53;
  }

  // Hot path of every resampling loop: cache the rejection limit of the last range used.
  let cachedRange = -1;
  let cachedLimit = 0;
  function int(maxExclusive: number): number {
    if (maxExclusive !== cachedRange) {
      if (!Number.isInteger(maxExclusive) || maxExclusive <= 0 || maxExclusive > TWO_POW_32) {
        throw new RangeError(`Rng.int: maxExclusive must be an integer in [1, 2^32], got ${maxExclusive}`);
      }
      cachedRange = maxExclusive;
      // Reject the top sliver of [0, 2^32) that would make some residues more likely than others.
      cachedLimit = TWO_POW_32 - (TWO_POW_32 % maxExclusive);
    }
    let draw = nextUint32();
    while (draw >= cachedLimit) draw = nextUint32();
    return draw % maxExclusive;
  }

  function normal(): number {
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const u1 = 1 - next();
    const u2 = next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  return { next, nextUint32, int, normal };
}

/**
 * Derives a child seed from a parent seed and a label (e.g. `deriveSeed(runSeed, 'latency/model=gpt-4o')`), so
 * each metric and segment gets its own independent, reproducible stream, and adding a metric does not change
 * the random numbers any other metric sees.
 */
export function deriveSeed(seed: Seed, label: string): number {
  const base = seedToUint32(seed);
  const [, mixed] = splitmix32((base ^ fnv1a32(label)) >>> 0);
  return mixed;
}

/** Unbiased uniform integer in [minInclusive, maxExclusive). */
export function randomInt(rng: Rng, minInclusive: number, maxExclusive: number): number {
  if (!Number.isInteger(minInclusive) || !Number.isInteger(maxExclusive) || maxExclusive <= minInclusive) {
    throw new RangeError(`randomInt: need integers min < max, got [${minInclusive}, ${maxExclusive})`);
  }
  return minInclusive + rng.int(maxExclusive - minInclusive);
}

/** Returns a new array with the elements of `values` in uniformly random order (Fisher-Yates). Input untouched. */
export function shuffle<T>(values: readonly T[], rng: Rng): T[] {
  const result = values.slice();
  for (let i = result.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const held = result[i];
    result[i] = result[j];
    result[j] = held;
  }
  return result;
}

/**
 * Draws `k` distinct elements uniformly at random (every k-subset equally likely), e.g. to cap the sample size
 * of an expensive test. The result keeps the elements' original relative order, so subsampling a time-ordered
 * array stays time-ordered. If `k >= values.length` a copy of the whole array is returned.
 */
export function sampleWithoutReplacement<T>(values: readonly T[], k: number, rng: Rng): T[] {
  if (!Number.isInteger(k) || k < 0)
    throw new RangeError(`sampleWithoutReplacement: k must be an integer >= 0, got ${k}`);
  const n = values.length;
  if (k >= n) return values.slice();
  // Partial Fisher-Yates over indices: O(n) memory, O(k) swaps.
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const held = indices[i];
    indices[i] = indices[j];
    indices[j] = held;
  }
  const chosen = indices.subarray(0, k).sort();
  const result: T[] = new Array(k);
  for (let i = 0; i < k; i++) result[i] = values[chosen[i]];
  return result;
}
