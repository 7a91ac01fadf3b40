/**
 * Test fixture (not exported from the package): a hand-written, realistic drift run with three segments,
 * drift / pass / inconclusive / unavailable metrics, a failed gate, seeded distributions, mixes and a daily
 * time series. Deterministic: built from a fixed-seed generator.
 */
import { createHash } from 'node:crypto';
import type { DriftReport, MetricResult, MetricVerdict } from '../../drift/types.js';
import type { MetricName } from '../../metrics/catalogue.js';
import type { HtmlReportInput, RawDistribution, TimeSeriesPoint } from './types.js';

export const SEGMENT_ALL = 'all';
export const SEGMENT_OPENAI = 'provider=openai model=gpt-4o-mini prompt=support@3 operation=chat';
export const SEGMENT_ANTHROPIC = 'provider=anthropic model=claude-sonnet-4 prompt=summarize@1 operation=chat';

/** mulberry32: a tiny fixed-seed generator, enough for fixture data. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normals(random: () => number, n: number, mean: number, sd: number): number[] {
  return Array.from(
    { length: n },
    () => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
  );
}

function logNormal(random: () => number, n: number, mu: number, sigma: number): number[] {
  return normals(random, n, mu, sigma).map(Math.exp);
}

/** [statistic, p, adjusted p, effect, effect threshold] of a tested row. */
type TestNumbers = [number, number, number, number, number];
/** [baseline value, current value, change]. */
type Values = [number | null, number | null, number | null];

function row(
  segment: string,
  metric: MetricName,
  verdict: MetricVerdict,
  test: MetricResult['test'],
  numbers: TestNumbers | null,
  ci: [number, number] | null,
  values: Values,
  [nBaseline, nCurrent]: [number, number],
  reason: string,
): MetricResult {
  const [statistic, pValue, adjustedPValue, effect, effectThreshold] = numbers ?? [
    null,
    null,
    null,
    null,
    0.1,
  ];
  const [baselineValue, currentValue, change] = values;
  return {
    ...{ metric, segment, test, statistic, pValue, adjustedPValue, effect, effectThreshold, ci },
    ...{ nBaseline, nCurrent, baselineValue, currentValue, change, verdict, reason },
  };
}

const drifted = (adjusted: string, effect: number, threshold: number) =>
  `adjusted p ${adjusted} < 0.05 and effect ${effect} >= ${threshold}`;
const NONE: Values = [null, null, null];
const UNSURE = 'interval includes the threshold: more data needed';

// biome-ignore format: one row per line reads like the table it is
function allRows(): MetricResult[] {
  const s = SEGMENT_ALL;
  const n: [number, number] = [1200, 1150];
  return [
    row(s, 'latency', 'drift', 'ks', [0.31, 1.2e-40, 2.9e-39, 0.42, 0.1], [0.18, 0.27], [742, 909, 0.225], n, drifted('2.9e-39', 0.42, 0.1)),
    row(s, 'ttft', 'pass', 'ks', [0.04, 0.31, 0.52, 0.03, 0.1], [-0.03, 0.05], [212, 215, 0.014], [640, 610], 'adjusted p 0.52 >= 0.05'),
    row(s, 'input_tokens', 'pass', 'ks', [0.03, 0.62, 0.74, 0.02, 0.1], [-0.02, 0.03], [1510, 1522, 0.008], n, 'adjusted p 0.74 >= 0.05'),
    row(s, 'output_tokens', 'drift', 'ks', [0.22, 3.1e-25, 3.7e-24, 0.35, 0.1], [0.21, 0.33], [180, 228, 0.267], n, drifted('3.7e-24', 0.35, 0.1)),
    row(s, 'cost', 'drift', 'ks', [0.19, 4.4e-19, 3.5e-18, 0.29, 0.1], [0.11, 0.19], [0.000412, 0.000476, 0.155], n, drifted('3.5e-18', 0.29, 0.1)),
    row(s, 'output_length', 'pass', 'ks', [0.05, 0.012, 0.024, 0.06, 0.1], [0.01, 0.06], [820, 848, 0.034], n, 'effect 0.06 < threshold 0.1 (significant but small)'),
    row(s, 'error_rate', 'drift', 'two-proportion', [4.1, 4.1e-5, 1.6e-4, 0.021, 0.01], [0.011, 0.031], [0.008, 0.029, 0.021], n, drifted('1.6e-4', 0.021, 0.01)),
    row(s, 'truncation_rate', 'pass', 'two-proportion', [0.6, 0.55, 0.7, 0.003, 0.02], [-0.007, 0.013], [0.031, 0.034, 0.003], n, 'adjusted p 0.7 >= 0.05'),
    row(s, 'refusal_rate', 'inconclusive', 'two-proportion', [1.9, 0.057, 0.098, 0.006, 0.01], [-0.0002, 0.012], [0.004, 0.01, 0.006], n, UNSURE),
    row(s, 'cache_hit', 'pass', 'two-proportion', [-0.8, 0.42, 0.6, -0.016, 0.05], [-0.054, 0.022], [0.41, 0.394, -0.016], n, 'adjusted p 0.6 >= 0.05'),
    row(s, 'finish_reason', 'drift', 'chi-square', [96.3, 1.2e-21, 1.2e-20, 0.14, 0.05], null, NONE, n, drifted('1.2e-20', 0.14, 0.05)),
    row(s, 'model_mix', 'pass', 'chi-square', [1.1, 0.58, 0.72, 0.012, 0.05], null, NONE, n, 'adjusted p 0.72 >= 0.05'),
    row(s, 'workflow_duration', 'unavailable', 'none', null, null, NONE, [0, 0], 'both windows: no workflow spans'),
  ];
}

// biome-ignore format: one row per line reads like the table it is
function openaiRows(): MetricResult[] {
  const s = SEGMENT_OPENAI;
  const n: [number, number] = [900, 880];
  return [
    row(s, 'latency', 'drift', 'ks', [0.36, 2e-45, 6e-44, 0.5, 0.1], [0.22, 0.31], [690, 871, 0.262], n, drifted('6e-44', 0.5, 0.1)),
    row(s, 'output_tokens', 'drift', 'ks', [0.25, 1e-24, 1e-23, 0.4, 0.1], [0.24, 0.37], [170, 222, 0.306], n, drifted('1e-23', 0.4, 0.1)),
    row(s, 'cost', 'pass', 'ks', [0.04, 0.35, 0.55, 0.05, 0.1], [-0.02, 0.04], [0.00031, 0.000314, 0.013], n, 'adjusted p 0.55 >= 0.05'),
    row(s, 'error_rate', 'inconclusive', 'two-proportion', [1.7, 0.09, 0.14, 0.009, 0.01], [-0.001, 0.019], [0.009, 0.018, 0.009], n, UNSURE),
    row(s, 'finish_reason', 'drift', 'chi-square', [88.2, 6.4e-20, 4.8e-19, 0.16, 0.05], null, NONE, n, drifted('4.8e-19', 0.16, 0.05)),
  ];
}

function anthropicRows(): MetricResult[] {
  const s = SEGMENT_ANTHROPIC;
  const n: [number, number] = [300, 24];
  const few = 'too few samples (baseline 300, current 24; need 30 each)';
  return [
    row(s, 'latency', 'inconclusive', 'none', null, null, [910, 955, null], n, few),
    row(s, 'output_tokens', 'inconclusive', 'none', null, null, [210, 236, null], n, few),
    row(s, 'error_rate', 'inconclusive', 'none', null, null, [0.006, 0, null], n, few),
    row(s, 'finish_reason', 'inconclusive', 'none', null, null, NONE, n, few),
  ];
}

/** The drift report of the fixture run. */
export function fixtureReport(): DriftReport {
  const metrics = [...allRows(), ...openaiRows(), ...anthropicRows()];
  const counts = { drift: 0, pass: 0, inconclusive: 0, unavailable: 0, gatesFailed: 1 };
  for (const metric of metrics) counts[metric.verdict]++;
  return {
    verdict: 'drift',
    embedder: { id: 'lexical:char-3-5:hash-2^18:tfidf', kind: 'lexical' },
    judge: null,
    baseline: {
      source: 'traces/2025-06-0*.jsonl',
      window: {
        spec: '2025-06-01..2025-06-08',
        from: '2025-06-01T00:00:00.000Z',
        to: '2025-06-08T00:00:00.000Z',
      },
      calls: 1200,
      steps: 0,
      firstTime: '2025-06-01T00:03:11.000Z',
      lastTime: '2025-06-07T23:58:40.000Z',
      read: {
        files: 7,
        lines: 1200,
        spans: 1200,
        duplicates: 0,
        invalidLines: 0,
        invalidSpans: 0,
        problems: [],
      },
    },
    current: {
      source: 'traces/2025-06-1*.jsonl',
      window: {
        spec: '2025-06-08..2025-06-15',
        from: '2025-06-08T00:00:00.000Z',
        to: '2025-06-15T00:00:00.000Z',
      },
      calls: 1150,
      steps: 0,
      firstTime: '2025-06-08T00:01:02.000Z',
      lastTime: '2025-06-14T23:59:59.000Z',
      read: {
        files: 7,
        lines: 1152,
        spans: 1150,
        duplicates: 2,
        invalidLines: 0,
        invalidSpans: 0,
        problems: [],
      },
    },
    settings: {
      alpha: 0.05,
      confidence: 0.95,
      seed: 'sightline',
      segmentBy: ['provider', 'model', 'prompt', 'operation'],
      minSamples: 30,
    },
    counts,
    metrics,
    gates: [
      {
        metric: 'cost',
        segment: SEGMENT_ALL,
        statistic: 'mean',
        direction: 'increase',
        limit: 0.05,
        estimate: 0.155,
        bound: 0.11,
        boundSide: 'lower',
        ci: [0.11, 0.19],
        nBaseline: 1200,
        nCurrent: 1150,
        verdict: 'fail',
        reason: 'lower bound +11.0% exceeds the allowed +5.0%',
      },
    ],
  };
}

function distributionsFor(
  seed: number,
  nBase: number,
  nCurr: number,
  latencyShift: number,
  tokenShift: number,
): Record<string, RawDistribution> {
  const random = generator(seed);
  const baseTokens = normals(random, nBase, 180, 45).map((v) => Math.max(1, Math.round(v)));
  const currTokens = normals(random, nCurr, 180 + tokenShift, 55).map((v) => Math.max(1, Math.round(v)));
  return {
    latency: {
      baseline: logNormal(random, nBase, 6.55, 0.35),
      current: logNormal(random, nCurr, 6.55 + latencyShift, 0.4),
    },
    input_tokens: {
      baseline: normals(random, nBase, 1510, 300).map(Math.round),
      current: normals(random, nCurr, 1522, 300).map(Math.round),
    },
    output_tokens: { baseline: baseTokens, current: currTokens },
    cost: {
      baseline: baseTokens.map((tokens) => tokens * 0.0000006 + 0.0003),
      current: currTokens.map((tokens) => tokens * 0.0000006 + 0.0003),
    },
    // A near-constant metric: exercises the single-value binning path.
    ttft: { baseline: new Array(nBase).fill(212), current: new Array(nCurr).fill(212) },
  };
}

function dailySeries(segment: string | undefined, perDay: number, seed: number): TimeSeriesPoint[] {
  const random = generator(seed);
  const points: TimeSeriesPoint[] = [];
  for (let day = 1; day <= 14; day++) {
    const window = day <= 7 ? 'baseline' : 'current';
    const calls = Math.round(perDay * (0.85 + 0.3 * random()));
    const latency = (window === 'baseline' ? 700 : 880) * (0.95 + 0.1 * random());
    points.push({
      bucketStart: `2025-06-${String(day).padStart(2, '0')}T00:00:00.000Z`,
      window,
      ...(segment ? { segment } : {}),
      calls,
      costUsd: Number((calls * (window === 'baseline' ? 0.000412 : 0.000476)).toFixed(6)),
      latencyP50Ms: Math.round(latency),
    });
  }
  return points;
}

/** The complete renderer input of the fixture run. */
export function fixtureInput(): HtmlReportInput {
  const sha = (name: string) => createHash('sha256').update(name).digest('hex');
  const inputs = Array.from({ length: 14 }, (_, i) => {
    const path = `traces/2025-06-${String(i + 1).padStart(2, '0')}.jsonl`;
    return {
      path,
      sha256: sha(path),
      bytes: 180_000 + i * 1_337,
      window: i < 7 ? ('baseline' as const) : ('current' as const),
    };
  });
  return {
    report: fixtureReport(),
    distributions: {
      [SEGMENT_ALL]: distributionsFor(1, 1200, 1150, 0.2, 45),
      [SEGMENT_OPENAI]: distributionsFor(2, 900, 880, 0.25, 50),
      [SEGMENT_ANTHROPIC]: { latency: distributionsFor(3, 300, 24, 0.05, 10).latency },
    },
    mixes: {
      [SEGMENT_ALL]: {
        finish_reason: {
          baseline: { stop: 1130, length: 58, content_filter: 12 },
          current: { stop: 952, length: 176, content_filter: 22 },
        },
        model_mix: {
          baseline: { 'gpt-4o-mini-2024-07-18': 900, 'claude-sonnet-4-20250514': 300 },
          current: { 'gpt-4o-mini-2024-07-18': 880, 'claude-sonnet-4-20250514': 270 },
        },
      },
      [SEGMENT_OPENAI]: {
        finish_reason: { baseline: { stop: 850, length: 50 }, current: { stop: 720, length: 160 } },
      },
      [SEGMENT_ANTHROPIC]: {
        finish_reason: {
          baseline: { end_turn: 292, max_tokens: 8 },
          current: { end_turn: 23, max_tokens: 1 },
        },
      },
    },
    timeSeries: [...dailySeries(undefined, 170, 7), ...dailySeries(SEGMENT_OPENAI, 128, 8)],
    provenance: {
      inputs,
      config: {
        drift: {
          alpha: 0.05,
          confidence: 0.95,
          seed: 'sightline',
          minSamples: 30,
          gates: [{ metric: 'cost', limit: 0.05 }],
        },
      },
      seed: 'sightline',
      versions: { sightline: '0.1.0', node: 'v20.20.2' },
      generatedAt: '2025-06-15T06:00:00.000Z',
      command:
        'sightline drift --baseline "traces/2025-06-0*.jsonl" --current "traces/2025-06-1*.jsonl" --format json,html,junit --out-dir reports/',
    },
  };
}
