/**
 * A bounded numeric sample: exact count, sum (compensated), min and max over every value, plus a seeded
 * uniform reservoir (Vitter's algorithm R) of at most `cap` values for distribution tests and quantiles.
 * Memory is O(cap) however many values arrive; the same values in the same order give the same reservoir.
 */
import { createRng, deriveSeed, type Rng, type Seed } from '../stats/index.js';

export class NumericSample {
  count = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  private total = 0;
  private compensation = 0;
  private values = new Float64Array(16);
  private rng: Rng | undefined;

  constructor(
    private readonly cap: number,
    private readonly seed: Seed,
    private readonly label: string,
  ) {}

  /** Exact sum of all values (Neumaier summation). */
  get sum(): number {
    return this.total + this.compensation;
  }

  /** Exact mean of all values (NaN when empty). */
  get mean(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }

  /** True when the reservoir holds fewer values than were added. */
  get sampled(): boolean {
    return this.count > this.cap;
  }

  add(value: number): void {
    const index = this.count++;
    const t = this.total + value;
    this.compensation +=
      Math.abs(this.total) >= Math.abs(value) ? this.total - t + value : value - t + this.total;
    this.total = t;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (index < this.cap) {
      if (index === this.values.length) {
        const grown = new Float64Array(Math.min(this.cap, this.values.length * 2));
        grown.set(this.values);
        this.values = grown;
      }
      this.values[index] = value;
      return;
    }
    // Algorithm R: keep the new value with probability cap / count, replacing a uniform slot.
    this.rng ??= createRng(deriveSeed(this.seed, this.label));
    const slot = this.rng.int(index + 1);
    if (slot < this.cap) this.values[slot] = value;
  }

  /** The reservoir (all values while count <= cap), in a fresh array the caller may sort. */
  sample(): Float64Array {
    return this.values.slice(0, Math.min(this.count, this.cap));
  }
}
