import { describe, expect, it } from 'vitest';
import {
  binCounts,
  binEdges,
  distributionFigure,
  mixFigure,
  quantileOfSorted,
  timeSeriesFigures,
} from './chart-data.js';
import { reportFileName } from './file-name.js';

const sum = (values: (number | null)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);

describe('histogram binning', () => {
  it('gives one bin per value for small integer ranges', () => {
    const values = [1, 1, 2, 3, 3, 3, 5];
    const edges = binEdges(values);
    expect(edges).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]);
    expect(binCounts(values, edges)).toEqual([2, 1, 3, 0, 1]);
  });

  it('uses integer-wide bins for wide integer data and keeps every value', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 100 + ((i * 37) % 400));
    const edges = binEdges(values);
    const width = edges[1] - edges[0];
    expect(Number.isInteger(width)).toBe(true);
    expect(edges.length - 1).toBeLessThanOrEqual(30);
    expect(sum(binCounts(values, edges))).toBe(1000);
  });

  it('clips the tails into the end bins rather than dropping them', () => {
    const values = [...Array.from({ length: 400 }, (_, i) => i / 10), 1e6].sort((a, b) => a - b);
    const edges = binEdges(values);
    const counts = binCounts(values, edges);
    expect(sum(counts)).toBe(401);
    expect(edges[edges.length - 1]).toBeLessThan(1e6);
    const figure = distributionFigure('x', 'latency', 'ms', { baseline: values, current: values });
    expect(figure?.spec.labels.at(-1)).toMatch(/^≥ /);
  });

  it('shows shares of each window so windows of different sizes compare', () => {
    const figure = distributionFigure('x', 'latency', 'ms', {
      baseline: [1.5, 2.5, 3.5, 4.5],
      current: [2.5, Number.NaN, 2.5],
    });
    expect(figure).not.toBeNull();
    const [baseline, current] = figure?.spec.series ?? [];
    expect(sum(baseline.values)).toBeCloseTo(1, 12);
    expect(sum(current.values)).toBeCloseTo(1, 12);
    expect(current.label).toBe('current (n=2)');
    expect(figure?.summary[0]).toContain('p50 3 ms');
  });

  it('handles a constant metric and an empty one', () => {
    const figure = distributionFigure('x', 'ttft', 'ms', { baseline: [212.5, 212.5], current: [212.5] });
    expect(figure?.spec.labels).toEqual(['212.5']);
    expect(distributionFigure('x', 'ttft', 'ms', { baseline: [], current: [Number.NaN] })).toBeNull();
  });

  it('accepts pre-binned histograms and rejects malformed ones', () => {
    const figure = distributionFigure('x', 'cost', 'USD', {
      edges: [0, 1, 2],
      baselineCounts: [1, 3],
      currentCounts: [2, 2],
    });
    expect(figure?.spec.series[0].values).toEqual([0.25, 0.75]);
    expect(() =>
      distributionFigure('x', 'cost', 'USD', {
        edges: [0, 1],
        baselineCounts: [1, 3],
        currentCounts: [2, 2],
      }),
    ).toThrow(/edges.length = counts.length \+ 1/);
  });

  it('interpolates quantiles between order statistics', () => {
    expect(quantileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileOfSorted([7], 0.99)).toBe(7);
  });
});

describe('mixes and time series', () => {
  it('orders categories by share and merges the long tail into (other)', () => {
    const baseline: Record<string, number> = {};
    const current: Record<string, number> = {};
    for (let i = 0; i < 15; i++) {
      baseline[`c${i}`] = 100 - i;
      current[`c${i}`] = 100 - i;
    }
    const figure = mixFigure('m', 'finish_reason', { baseline, current });
    expect(figure?.spec.labels).toHaveLength(12);
    expect(figure?.spec.labels[0]).toBe('c0');
    expect(figure?.spec.labels.at(-1)).toBe('(other: 4)');
    expect(sum(figure?.spec.series[0].values ?? [])).toBeCloseTo(1, 12);
  });

  it('aligns both windows on the union of buckets, with gaps as null', () => {
    const figures = timeSeriesFigures('t', [
      {
        bucketStart: '2025-06-01T00:00:00.000Z',
        window: 'baseline',
        calls: 3,
        costUsd: null,
        latencyP50Ms: 10,
      },
      {
        bucketStart: '2025-06-02T00:00:00.000Z',
        window: 'current',
        calls: 4,
        costUsd: null,
        latencyP50Ms: 12,
      },
    ]);
    expect(figures.map((f) => f.title)).toEqual(['Volume', 'Latency p50']);
    expect(figures[0].spec.labels).toEqual(['2025-06-01', '2025-06-02']);
    expect(figures[0].spec.series.map((s) => s.values)).toEqual([
      [3, null],
      [null, 4],
    ]);
  });
});

describe('reportFileName', () => {
  it('names every format consistently', () => {
    expect(reportFileName('html')).toBe('drift-report.html');
    expect(reportFileName('junit')).toBe('drift-report.junit.xml');
    expect(reportFileName('json')).toBe('drift-report.json');
    expect(() => reportFileName('pdf' as 'html')).toThrow(/unknown report format "pdf"/);
  });
});
