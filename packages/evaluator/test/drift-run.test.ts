import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildHtmlReportInput,
  REPORT_FORMATS,
  renderDriftRun,
  reportFileName,
  resolveConfig,
  runDriftAnalysis,
  SIGHTLINE_VERSION,
} from '../src/index.js';
import { generated, tempDir } from './helpers.js';

const dir = tempDir();
const DAY = 86_400_000;
const config = resolveConfig({ quality: { semantic: { maxSamples: 100, permutations: 100 } } });

async function run() {
  mkdirSync(join(dir, 'traces'), { recursive: true });
  await generated(dir, 'traces/a.jsonl', {
    calls: 400,
    seed: 11,
    start: '2025-06-01T00:00:00Z',
    spreadMs: 7 * DAY,
    captureContent: true,
  });
  await generated(dir, 'traces/b.jsonl.gz', {
    calls: 300,
    seed: 12,
    start: '2025-06-08T00:00:00Z',
    spreadMs: 7 * DAY,
    captureContent: true,
    latencyMedianMs: 1100,
  });
  return runDriftAnalysis('2025-06-01..2025-06-08', '2025-06-08..2025-06-15', {
    config,
    cwd: dir,
    source: ['traces'],
    nowMs: Date.parse('2025-06-20T00:00:00Z'),
    hashInputs: true,
  });
}

describe('a drift run rendered in every format', () => {
  it('builds the HTML input in one place: distributions, mixes, time series and provenance', async () => {
    const result = await run();
    expect(result.report.verdict).toBe('drift');
    // One pass over the shared source: both files hashed once, while reading.
    expect(result.inputs.map((input) => input.path)).toEqual([
      join('traces', 'a.jsonl'),
      join('traces', 'b.jsonl.gz'),
    ]);
    for (const input of result.inputs) {
      const bytes = readFileSync(join(dir, input.path));
      expect(input.bytes).toBe(bytes.length);
      expect(input.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const input = buildHtmlReportInput(result, { config, command: 'sightline drift --baseline ...' });
    const latency = input.distributions?.all?.latency as {
      baseline: ArrayLike<number>;
      current: ArrayLike<number>;
    };
    expect(latency.baseline.length).toBe(400);
    expect(latency.current.length).toBe(300);
    expect(input.mixes?.all?.finish_reason?.baseline.stop).toBeGreaterThan(300);
    // Seven days per window: daily buckets would give 7 points, the chooser picks 3-hour buckets (<= 120 points).
    const baselinePoints = input.timeSeries!.filter((p) => p.window === 'baseline');
    expect(baselinePoints.reduce((sum, p) => sum + p.calls, 0)).toBe(400);
    expect(
      new Date(baselinePoints[1].bucketStart).getTime() - new Date(baselinePoints[0].bucketStart).getTime(),
    ).toBe(3 * 3_600_000);
    const medians = input.timeSeries!.filter((p) => p.window === 'current').map((p) => p.latencyP50Ms!);
    const sorted = [...medians].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThan(900);
    expect(input.provenance).toMatchObject({
      seed: 'sightline',
      versions: { sightline: SIGHTLINE_VERSION, node: process.version },
      command: 'sightline drift --baseline ...',
    });
    expect(input.provenance.generatedAt).toBeUndefined();
  });

  it('renders every format deterministically (byte-identical JSON and HTML for the same input and seed)', async () => {
    const first = await run();
    const second = await run();
    const context = { config, command: 'sightline drift' };
    for (const format of REPORT_FORMATS) {
      const text = renderDriftRun(first, format, context);
      expect(renderDriftRun(second, format, context), format).toBe(text);
      expect(text.length, format).toBeGreaterThan(100);
    }
    const html = renderDriftRun(first, 'html', context);
    expect(html).toContain(first.inputs[0].sha256);
    expect(html).toContain('lexical: measures shared wording, not meaning');
    expect(reportFileName('junit')).toBe('drift-report.junit.xml');
  });

  it('keeps SIGHTLINE_VERSION equal to the package version', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect(SIGHTLINE_VERSION).toBe(manifest.version);
  });
});
