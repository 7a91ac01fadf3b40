/**
 * Calls, cost and median latency over time for one window (the HTML report's "over time" charts). Calls are
 * counted into 5-minute base buckets (a sparse map: memory grows with the time covered, not the calls); each
 * bucket keeps a log-spaced latency histogram (160 bins from 1 ms to 1,000 s, about 9 % wide), so the p50 of
 * any merged bucket is exact to within half a bin (about ±4.5 %). The display bucket is chosen after reading,
 * from the span of the windows, so a day and a quarter both draw about a hundred points or fewer.
 */

const BASE_BUCKET_MS = 5 * 60_000;
const BINS = 160;
const LOG_MIN = 0; // log10(1 ms)
const LOG_MAX = 6; // log10(1,000,000 ms)
const BIN_WIDTH = (LOG_MAX - LOG_MIN) / BINS;

/** Candidate display bucket sizes, smallest first. */
const BUCKET_SIZES_MS = [
  5 * 60_000,
  15 * 60_000,
  60 * 60_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  86_400_000,
  7 * 86_400_000,
  30 * 86_400_000,
];

/** Most points a chart should get. */
const MAX_POINTS = 120;

/** One display bucket. */
export interface TimeBucket {
  startMs: number;
  calls: number;
  /** Sum of `sightline.cost.usd` over calls that carried it; null when none did. */
  costUsd: number | null;
  /** Approximate median latency (see module comment); null for an empty bucket. */
  latencyP50Ms: number | null;
}

interface BaseBucket {
  calls: number;
  costUsd: number;
  costCalls: number;
  latency: Uint32Array;
}

function latencyBin(ms: number): number {
  if (!(ms > 1)) return 0;
  const bin = Math.floor((Math.log10(ms) - LOG_MIN) / BIN_WIDTH);
  return bin >= BINS ? BINS - 1 : bin;
}

function medianOf(histogram: Uint32Array, count: number): number | null {
  if (count === 0) return null;
  const half = count / 2;
  let seen = 0;
  for (let bin = 0; bin < BINS; bin++) {
    const inBin = histogram[bin];
    if (seen + inBin >= half && inBin > 0) {
      // Interpolate inside the bin on the log scale.
      const fraction = (half - seen) / inBin;
      return 10 ** (LOG_MIN + (bin + fraction) * BIN_WIDTH);
    }
    seen += inBin;
  }
  return 10 ** LOG_MAX;
}

/** The smallest candidate bucket size that gives at most ~120 points over `spanMs`. */
export function chooseBucketMs(spanMs: number): number {
  for (const size of BUCKET_SIZES_MS) if (spanMs / size <= MAX_POINTS) return size;
  return BUCKET_SIZES_MS[BUCKET_SIZES_MS.length - 1];
}

export class TimeSeriesAccumulator {
  private readonly buckets = new Map<number, BaseBucket>();

  add(startMs: number, durationMs: number, costUsd: number | undefined): void {
    const key = Math.floor(startMs / BASE_BUCKET_MS);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { calls: 0, costUsd: 0, costCalls: 0, latency: new Uint32Array(BINS) };
      this.buckets.set(key, bucket);
    }
    bucket.calls++;
    bucket.latency[latencyBin(durationMs)]++;
    if (costUsd !== undefined) {
      bucket.costUsd += costUsd;
      bucket.costCalls++;
    }
  }

  /** Buckets of `bucketMs` (a multiple of 5 minutes, aligned to the epoch), in time order, empty ones left out. */
  series(bucketMs: number): TimeBucket[] {
    const merged = new Map<number, BaseBucket>();
    for (const [key, base] of this.buckets) {
      const start = Math.floor((key * BASE_BUCKET_MS) / bucketMs) * bucketMs;
      let target = merged.get(start);
      if (target === undefined) {
        target = { calls: 0, costUsd: 0, costCalls: 0, latency: new Uint32Array(BINS) };
        merged.set(start, target);
      }
      target.calls += base.calls;
      target.costUsd += base.costUsd;
      target.costCalls += base.costCalls;
      for (let bin = 0; bin < BINS; bin++) target.latency[bin] += base.latency[bin];
    }
    return [...merged.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([startMs, bucket]) => ({
        startMs,
        calls: bucket.calls,
        costUsd: bucket.costCalls > 0 ? bucket.costUsd : null,
        latencyP50Ms: medianOf(bucket.latency, bucket.calls),
      }));
  }
}
