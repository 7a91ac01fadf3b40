import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import {
  InputError,
  type NumericMetricSummary,
  parseNow,
  parseWindow,
  type RateMetricSummary,
  readRecords,
  resolveConfig,
  summarize,
} from '../src/index.js';
import { isWindowSpec } from '../src/windows.js';
import { generated, tempDir, write } from './helpers.js';

const dir = tempDir();

describe('summarize', () => {
  it('computes per-segment metrics with bootstrap intervals for latency quantiles', async () => {
    const file = await generated(dir, 's.jsonl', {
      calls: 600,
      seed: 4,
      captureContent: true,
      refusalRate: 0.1,
      chainSpans: true,
    });
    const summary = await summarize(readRecords(file), { config: { bootstrapResamples: 200 } });
    expect(summary.calls).toBe(600);
    expect(summary.segments.map((s) => s.segment)).toEqual([
      'all',
      'provider=anthropic model=claude-3-5-haiku prompt=summarize@1 operation=chat',
      'provider=openai model=gpt-4o-mini prompt=support@3 operation=chat',
    ]);
    const all = summary.segments[0];
    const latency = all.metrics.latency as NumericMetricSummary;
    expect(latency.p50.ci![0]).toBeLessThanOrEqual(latency.p50.value);
    expect(latency.p50.ci![1]).toBeGreaterThanOrEqual(latency.p50.value);
    expect(latency.p95.value).toBeGreaterThan(latency.p50.value);
    const refusals = all.metrics.refusal_rate as RateMetricSummary;
    expect(refusals.rate.value).toBeGreaterThan(0.05);
    expect((all.metrics.cost as NumericMetricSummary).total).toBeGreaterThan(0);
    expect(all.metrics.tool_error_rate?.available).toBe(true);
    expect(summary.segments[1].metrics.tool_error_rate).toBeUndefined();
    expect(all.metrics.reasoning_tokens).toMatchObject({ available: false });
  });

  it('segments by the configured dimensions and caps samples deterministically', async () => {
    const file = await generated(dir, 'cap.jsonl', { calls: 900, seed: 8 });
    const config = { segmentBy: ['provider'] as const, sampleCap: 200 };
    const a = await summarize(readRecords(file), { config: { ...config, segmentBy: ['provider'] } });
    const b = await summarize(readRecords(file), { config: { ...config, segmentBy: ['provider'] } });
    expect(a.segments.map((s) => s.segment)).toEqual(['all', 'provider=anthropic', 'provider=openai']);
    const latency = a.segments[0].metrics.latency as NumericMetricSummary;
    expect(latency.sampled).toBe(true);
    expect(latency.count).toBe(900);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('windows', () => {
  const now = Date.parse('2025-01-15T00:00:00Z');
  it('parses relative and absolute windows against an explicit now', () => {
    expect(parseWindow('14d..7d', now)).toMatchObject({
      fromMs: now - 14 * 86_400_000,
      toMs: now - 7 * 86_400_000,
    });
    expect(parseWindow('7d..now', now).toMs).toBe(now);
    expect(parseWindow('2025-01-01..2025-01-08', now).fromMs).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(parseWindow('2025-01-01T12:00..', now).fromMs).toBe(Date.parse('2025-01-01T12:00:00Z'));
    expect(() => parseWindow('7d..14d', now)).toThrow(/ends before it starts/);
    expect(isWindowSpec('../traces')).toBe(false);
    expect(isWindowSpec('.sightline/traces')).toBe(false);
  });

  it('reads zone-less times as UTC in --now and in windows alike, whatever the machine zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const utc = Date.parse('2025-06-08T02:00:00Z');
      expect(parseNow('2025-06-08T02:00')).toBe(utc);
      expect(parseNow('2025-06-08 02:00')).toBe(utc);
      expect(parseWindow('2025-06-08 02:00..now', utc + 1).fromMs).toBe(utc);
      expect(parseWindow('2025-06-08T02:00..now', utc + 1).fromMs).toBe(utc);
      expect(parseNow('2025-06-08T02:00+02:00')).toBe(utc - 2 * 3_600_000);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    // Date.parse would take these; they are not ISO 8601 times.
    expect(() => parseNow('1')).toThrow(/invalid --now "1"/);
    expect(() => parseNow('June 8, 2025')).toThrow(InputError);
    expect(() => parseWindow('2025-06-08..2025-06-08', now)).toThrow(
      /window "2025-06-08..2025-06-08" is empty/,
    );
  });
});

describe('config', () => {
  it('merges over defaults and names the file and field of a bad value', async () => {
    const config = resolveConfig({
      alpha: 0.01,
      metrics: { cost: { effectThreshold: 0.2 } },
      gates: [{ metric: 'cost', maxIncrease: 0.05 }],
    });
    expect(config.alpha).toBe(0.01);
    expect(config.metrics.cost.effectThreshold).toBe(0.2);
    expect(config.metrics.latency.effectThreshold).toBe(0.1);
    expect(config.gates[0]).toMatchObject({
      metric: 'cost',
      limit: 0.05,
      direction: 'increase',
      statistic: 'mean',
      segment: 'all',
    });
    write(dir, 'sightline.config.yaml', 'drift:\n  metrics:\n    cost:\n      effectTreshold: 0.1\n');
    const error = (await loadConfig(undefined, dir).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /sightline\.config\.yaml:4: drift\.metrics\.cost\.effectTreshold: unknown setting/,
    );
    write(
      dir,
      'other.json',
      JSON.stringify({ drift: { gates: [{ metric: 'finish_reason', maxIncrease: 1 }] } }),
    );
    await expect(loadConfig('other.json', dir)).rejects.toThrow(/drift\.gates\[0\]\.metric/);
  });

  it('names the line of a bad value, a misspelt section and a JSON syntax error', async () => {
    const json = [
      '{',
      '  "drift": {',
      '    "alpha": 0.05,',
      '    "gates": [',
      '      { "metric": "cost", "maxIncrease": 0.05 },',
      '      { "metric": "latency", "maxIncrease": "5%" }',
      '    ]',
      '  }',
      '}',
    ].join('\n');
    write(dir, 'lines.json', json);
    await expect(loadConfig('lines.json', dir)).rejects.toThrow(
      /lines\.json:6: drift\.gates\[1\]\.maxIncrease: expected a number >= 0, got "5%"/,
    );
    write(dir, 'typo.json', '{\n  "drfit": { "alpha": 0.01 }\n}\n');
    await expect(loadConfig('typo.json', dir)).rejects.toThrow(
      /typo\.json:2: drfit: unknown section \(expected: drift, \$schema/,
    );
    write(dir, 'extra.json', '{ "x-team": "ml", "$schema": "./schema.json", "drift": { "alpha": 0.01 } }');
    expect((await loadConfig('extra.json', dir)).config.alpha).toBe(0.01);
    write(dir, 'syntax.json', '{\n  "drift": {\n    "alpha": 0.05,\n  }\n}\n');
    await expect(loadConfig('syntax.json', dir)).rejects.toThrow(/syntax\.json:4: cannot parse/);
    write(dir, 'lines.yaml', 'drift:\n  alpha: 0.05\n  metrics:\n    latency:\n      minSamples: zero\n');
    await expect(loadConfig('lines.yaml', dir)).rejects.toThrow(
      /lines\.yaml:5: drift\.metrics\.latency\.minSamples: expected a number/,
    );
  });
});
