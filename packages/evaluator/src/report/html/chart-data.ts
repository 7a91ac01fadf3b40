/**
 * Turns distributions, mixes, rates and time series into chart specifications: plain JSON the page's script
 * hands to Chart.js, plus a text summary that stays readable without JavaScript and in print. All binning
 * happens here, in Node, so the embedded data is small and the same input gives byte-identical output.
 */
import type {
  BinnedDistribution,
  CategoricalMix,
  NumericDistribution,
  QuantileSummary,
  TimeSeriesPoint,
} from './types.js';

/** One line or bar series. `role` picks the colour (baseline blue, current orange). */
export interface ChartSeries {
  label: string;
  role: 'baseline' | 'current';
  values: (number | null)[];
}

/** What the page script needs to draw one chart. */
export interface ChartSpec {
  id: string;
  type: 'bar' | 'line';
  labels: string[];
  series: ChartSeries[];
  xTitle: string;
  yTitle: string;
  /** `share`: values are fractions shown as percentages. */
  yFormat: 'share' | 'number';
}

/** A chart with its heading and the no-JavaScript text summary. */
export interface Figure {
  title: string;
  spec: ChartSpec;
  /** Short lines describing the data (canvas fallback, caption, print). */
  summary: string[];
}

const MAX_BINS = 30;
const MIN_BINS = 8;
const MAX_CATEGORIES = 12;

/** A compact number: 3 significant digits, exponent only for very small or large magnitudes. */
export function compactNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e9) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}

function finiteSorted(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]);
  return out.sort((a, b) => a - b);
}

/** Quantile of sorted values by linear interpolation between order statistics (type 7). */
export function quantileOfSorted(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

function quantiles(sorted: number[]): QuantileSummary | undefined {
  if (sorted.length === 0) return undefined;
  return {
    p50: quantileOfSorted(sorted, 0.5),
    p95: quantileOfSorted(sorted, 0.95),
    p99: quantileOfSorted(sorted, 0.99),
  };
}

/**
 * Shared bin edges for both windows over the pooled 0.5th..99.5th percentiles: one bin per value for small
 * integer ranges, integer-wide bins for other integer data (token counts), else up to 30 equal bins.
 */
export function binEdges(pooled: number[]): number[] {
  const lo = quantileOfSorted(pooled, 0.005);
  const hi = quantileOfSorted(pooled, 0.995);
  const bins = Math.min(MAX_BINS, Math.max(MIN_BINS, Math.ceil(Math.sqrt(pooled.length))));
  if (pooled.every(Number.isInteger)) {
    const first = Math.floor(lo);
    const span = Math.ceil(hi) - first + 1;
    const width = span <= MAX_BINS ? 1 : Math.ceil(span / bins);
    const count = Math.ceil(span / width);
    return Array.from({ length: count + 1 }, (_, i) => first - 0.5 + i * width);
  }
  if (hi === lo) return [lo, hi];
  const width = (hi - lo) / bins;
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
}

/** Counts per bin; values outside the edges fall into the end bins (the tails are clipped, not dropped). */
export function binCounts(sorted: number[], edges: number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  const lo = edges[0];
  const width = bins > 0 ? (edges[bins] - lo) / bins : 0;
  for (const value of sorted) {
    const index = width > 0 ? Math.floor((value - lo) / width) : 0;
    counts[Math.min(bins - 1, Math.max(0, index))]++;
  }
  return counts;
}

/** Formats a bin edge with as many decimals as the bin width needs (`0.000357`, `502`). */
function edgeFormatter(width: number): (value: number) => string {
  if (!(width > 0) || !Number.isFinite(width)) return compactNumber;
  const decimals = Math.min(10, Math.max(0, 1 - Math.floor(Math.log10(width))));
  return (value) => (Math.abs(value) >= 1e9 ? compactNumber(value) : value.toFixed(decimals));
}

function binLabels(edges: number[], clippedLow: boolean, clippedHigh: boolean): string[] {
  const bins = edges.length - 1;
  const width = (edges[bins] - edges[0]) / Math.max(1, bins);
  const integers =
    width >= 1 && Number.isInteger(width) && edges.every((edge) => Number.isInteger(edge + 0.5));
  const edge = edgeFormatter(width);
  return Array.from({ length: bins }, (_, i) => {
    let label: string;
    if (integers) {
      const from = edges[i] + 0.5;
      const to = edges[i + 1] - 0.5;
      label = from === to ? String(from) : `${from}–${to}`;
    } else if (edges[i] === edges[i + 1]) {
      label = String(Number(edges[i].toPrecision(6)));
    } else {
      label = `${edge(edges[i])}–${edge(edges[i + 1])}`;
      // Long ranges (small money amounts) read better as the bin centre.
      if (label.length > 13) label = `≈${edge((edges[i] + edges[i + 1]) / 2)}`;
    }
    if (bins > 1 && i === 0 && clippedLow) return `≤ ${integers ? edges[1] - 0.5 : edge(edges[1])}`;
    if (bins > 1 && i === bins - 1 && clippedHigh) return `≥ ${integers ? edges[i] + 0.5 : edge(edges[i])}`;
    return label;
  });
}

function shares(counts: number[]): (number | null)[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => (total === 0 ? null : count / total));
}

function isBinned(distribution: NumericDistribution): distribution is BinnedDistribution {
  return 'edges' in distribution;
}

function describeQuantiles(name: string, n: number, q: QuantileSummary | undefined, unit: string): string {
  if (!q) return `${name}: no values`;
  const u = unit ? ` ${unit}` : '';
  return `${name} (n=${n}): p50 ${compactNumber(q.p50)}${u}, p95 ${compactNumber(q.p95)}${u}, p99 ${compactNumber(q.p99)}${u}`;
}

/** Histogram of a numeric metric in both windows, as shares of each window's values. Null when empty. */
export function distributionFigure(
  id: string,
  metric: string,
  unit: string,
  distribution: NumericDistribution,
): Figure | null {
  let edges: number[];
  let baseCounts: number[];
  let currCounts: number[];
  let labels: string[];
  let q: { baseline?: QuantileSummary; current?: QuantileSummary };
  if (isBinned(distribution)) {
    ({ edges, baselineCounts: baseCounts, currentCounts: currCounts } = distribution);
    if (
      edges.length < 2 ||
      baseCounts.length !== edges.length - 1 ||
      currCounts.length !== edges.length - 1
    ) {
      throw new Error(`html report: binned distribution of ${metric} needs edges.length = counts.length + 1`);
    }
    labels = binLabels(edges, false, false);
    q = distribution.quantiles ?? {};
  } else {
    const base = finiteSorted(distribution.baseline);
    const curr = finiteSorted(distribution.current);
    const pooled = [...base, ...curr].sort((a, b) => a - b);
    if (pooled.length === 0) return null;
    edges = binEdges(pooled);
    baseCounts = binCounts(base, edges);
    currCounts = binCounts(curr, edges);
    labels = binLabels(edges, pooled[0] < edges[0], pooled[pooled.length - 1] > edges[edges.length - 1]);
    q = { baseline: quantiles(base), current: quantiles(curr) };
  }
  const nBase = baseCounts.reduce((a, b) => a + b, 0);
  const nCurr = currCounts.reduce((a, b) => a + b, 0);
  if (nBase + nCurr === 0) return null;
  return {
    title: `${metric}${unit ? ` (${unit})` : ''}`,
    spec: {
      id,
      type: 'bar',
      labels,
      series: [
        { label: `baseline (n=${nBase})`, role: 'baseline', values: shares(baseCounts) },
        { label: `current (n=${nCurr})`, role: 'current', values: shares(currCounts) },
      ],
      xTitle: unit ? `${metric} (${unit})` : metric,
      yTitle: 'share of values',
      yFormat: 'share',
    },
    summary: [
      describeQuantiles('baseline', nBase, q.baseline, unit),
      describeQuantiles('current', nCurr, q.current, unit),
    ],
  };
}

/** Category shares in both windows; the largest categories first, the rest merged into `(other)`. */
export function mixFigure(id: string, metric: string, mix: CategoricalMix): Figure | null {
  const total = (counts: Record<string, number>) =>
    Object.values(counts).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const nBase = total(mix.baseline);
  const nCurr = total(mix.current);
  if (nBase + nCurr === 0) return null;
  const share = (counts: Record<string, number>, n: number, key: string) =>
    n === 0 ? 0 : (counts[key] ?? 0) / n;
  const keys = [...new Set([...Object.keys(mix.baseline), ...Object.keys(mix.current)])];
  const weight = (key: string) => share(mix.baseline, nBase, key) + share(mix.current, nCurr, key);
  keys.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
  const shown = keys.length > MAX_CATEGORIES ? keys.slice(0, MAX_CATEGORIES - 1) : keys;
  const rest = keys.slice(shown.length);
  const values = (counts: Record<string, number>, n: number): (number | null)[] => {
    if (n === 0) return shown.map(() => null).concat(rest.length ? [null] : []);
    const main = shown.map((key) => share(counts, n, key));
    return rest.length ? [...main, rest.reduce((sum, key) => sum + share(counts, n, key), 0)] : main;
  };
  const labels = rest.length ? [...shown, `(other: ${rest.length})`] : shown;
  const baseValues = values(mix.baseline, nBase);
  const currValues = values(mix.current, nCurr);
  const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
  return {
    title: `${metric} mix`,
    spec: {
      id,
      type: 'bar',
      labels,
      series: [
        { label: `baseline (n=${nBase})`, role: 'baseline', values: baseValues },
        { label: `current (n=${nCurr})`, role: 'current', values: currValues },
      ],
      xTitle: metric,
      yTitle: 'share of calls',
      yFormat: 'share',
    },
    summary: labels.map(
      (label, i) => `${label}: baseline ${pct(baseValues[i])}, current ${pct(currValues[i])}`,
    ),
  };
}

/** Rates of one segment side by side (error, truncation, refusal, cache hit, ...). Null without any rate. */
export function ratesFigure(
  id: string,
  rates: { metric: string; baseline: number | null; current: number | null }[],
): Figure | null {
  const shown = rates.filter((rate) => rate.baseline !== null || rate.current !== null);
  if (shown.length === 0) return null;
  const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(2)}%`);
  return {
    title: 'Rates',
    spec: {
      id,
      type: 'bar',
      labels: shown.map((rate) => rate.metric),
      series: [
        { label: 'baseline', role: 'baseline', values: shown.map((rate) => rate.baseline) },
        { label: 'current', role: 'current', values: shown.map((rate) => rate.current) },
      ],
      xTitle: 'metric',
      yTitle: 'share of calls',
      yFormat: 'share',
    },
    summary: shown.map(
      (rate) => `${rate.metric}: baseline ${pct(rate.baseline)}, current ${pct(rate.current)}`,
    ),
  };
}

type SeriesField = 'calls' | 'costUsd' | 'latencyP50Ms';

const TIME_SERIES: {
  field: SeriesField;
  title: string;
  yTitle: string;
  type: 'bar' | 'line';
  slug: string;
}[] = [
  { field: 'calls', title: 'Volume', yTitle: 'calls per bucket', type: 'bar', slug: 'volume' },
  { field: 'costUsd', title: 'Cost', yTitle: 'USD per bucket', type: 'bar', slug: 'cost' },
  { field: 'latencyP50Ms', title: 'Latency p50', yTitle: 'ms', type: 'line', slug: 'latency' },
];

const ISO_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** `2025-01-01T06:00:00.000Z` -> `2025-01-01 06:00` (just the date when every bucket starts at midnight). */
function bucketLabeller(buckets: string[]): (iso: string) => string {
  const daily = buckets.every((bucket) => ISO_MINUTE.test(bucket) && bucket.slice(11, 16) === '00:00');
  return (iso) =>
    !ISO_MINUTE.test(iso) ? iso : daily ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** Volume, cost and p50 latency per time bucket of one segment, one chart each (a chart only with data). */
export function timeSeriesFigures(idPrefix: string, points: TimeSeriesPoint[]): Figure[] {
  if (points.length === 0) return [];
  const buckets = [...new Set(points.map((point) => point.bucketStart))].sort();
  const bucketLabel = bucketLabeller(buckets);
  const figures: Figure[] = [];
  for (const series of TIME_SERIES) {
    const valuesOf = (window: 'baseline' | 'current') =>
      buckets.map((bucket) => {
        const point = points.find((p) => p.bucketStart === bucket && p.window === window);
        const value = point?.[series.field];
        return value === undefined || value === null || !Number.isFinite(value) ? null : value;
      });
    const base = valuesOf('baseline');
    const curr = valuesOf('current');
    const present = [...base, ...curr].filter((v): v is number => v !== null);
    if (present.length === 0) continue;
    figures.push({
      title: series.title,
      spec: {
        id: `${idPrefix}-${series.slug}`,
        type: series.type,
        labels: buckets.map(bucketLabel),
        series: [
          { label: 'baseline', role: 'baseline', values: base },
          { label: 'current', role: 'current', values: curr },
        ],
        xTitle: 'bucket start (UTC)',
        yTitle: series.yTitle,
        yFormat: 'number',
      },
      summary: [
        `${buckets.length} buckets from ${bucketLabel(buckets[0])} to ${bucketLabel(buckets[buckets.length - 1])}`,
        `range ${compactNumber(Math.min(...present))} to ${compactNumber(Math.max(...present))} ${series.yTitle}`,
      ],
    });
  }
  return figures;
}
