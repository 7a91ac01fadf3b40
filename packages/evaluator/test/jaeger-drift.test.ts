/**
 * `jaeger:` specs wherever a source is accepted: time windows over a Jaeger source (`--source jaeger:...`)
 * give the same drift report as the same spans read from an OTLP file, and a summary reads one directly.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCalls, resolveConfig, runDrift, runSummary } from '../src/index.js';
import { generateOtlpLines } from '../src/testing.js';
import { collect, tempDir } from './helpers.js';
import { type OtlpJsonRequest, otlpToJaegerTraces } from './support/jaeger-fixture.js';
import { type FakeJaeger, startFakeJaeger } from './support/jaeger-server.js';

const dir = tempDir();
const config = resolveConfig({ quality: { enabled: false }, segmentBy: [] });
let jaeger: FakeJaeger;
let spec: string;

beforeAll(async () => {
  const lines = [
    ...generateOtlpLines({ calls: 300, seed: 21, start: '2025-03-01T00:00:00Z', spreadMs: 3 * 86_400_000 }),
    ...generateOtlpLines({
      calls: 300,
      seed: 22,
      start: '2025-03-04T00:00:00Z',
      spreadMs: 3 * 86_400_000,
      costMultiplier: 1.5,
    }),
  ];
  writeFileSync(join(dir, 'traces.jsonl'), `${lines.join('\n')}\n`);
  jaeger = await startFakeJaeger({
    traces: otlpToJaegerTraces(lines.map((line) => JSON.parse(line) as OtlpJsonRequest)),
  });
  spec = `jaeger:${jaeger.url}?service=support-bot&pageSize=100`;
});
afterAll(async () => jaeger?.close());

describe('jaeger: sources in drift and summary', () => {
  it('windows over a Jaeger source give the report the same spans give from a file', async () => {
    const options = { config, cwd: dir, nowMs: Date.parse('2025-03-10T00:00:00Z') };
    const windows = ['2025-03-01..2025-03-04', '2025-03-04..2025-03-07'] as const;
    const fromJaeger = await runDrift(...windows, { ...options, source: [spec] });
    const fromFile = await runDrift(...windows, { ...options, source: ['traces.jsonl'] });
    expect(fromJaeger.baseline.calls).toBe(300);
    expect(fromJaeger.current.calls).toBe(300);
    expect(fromJaeger.metrics.find((m) => m.metric === 'cost')?.verdict).toBe('drift');
    const strip = (rows: typeof fromJaeger.metrics) =>
      rows.map(({ metric, segment, verdict, nBaseline, nCurrent }) => ({
        metric,
        segment,
        verdict,
        nBaseline,
        nCurrent,
      }));
    expect(strip(fromJaeger.metrics)).toEqual(strip(fromFile.metrics));
    expect(fromJaeger.baseline.source).toBe(spec);
    // The Jaeger source was asked for just the span of both windows.
    const searches = jaeger.requests.filter((request) => request.path === '/api/traces');
    expect(Math.min(...searches.map((r) => Number(r.params.start)))).toBe(
      Date.parse('2025-03-01T00:00:00Z') * 1000,
    );
  });

  it('reads a jaeger: spec as the source of a summary and of readCalls', async () => {
    const summary = await runSummary(
      `${spec}&start=2025-03-01T00:00:00Z&end=2025-03-08T00:00:00Z`,
      undefined,
      {
        config,
        cwd: dir,
      },
    );
    expect(summary.summary.calls).toBe(600);
    expect(
      (await collect(readCalls(`${spec}&start=2025-03-04T00:00:00Z&end=2025-03-08T00:00:00Z`))).length,
    ).toBe(300);
  });
});
