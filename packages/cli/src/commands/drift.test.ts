import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOtlpFile } from '@sightline/evaluator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIO, runCli } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'sightline-cli-drift-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(): CliIO & { out: string; err: string } {
  const state = { out: '', err: '' };
  return Object.assign(state, {
    stdout: { write: (text: string) => (state.out += text) },
    stderr: { write: (text: string) => (state.err += text) },
    cwd: dir,
    env: {},
  }) as CliIO & { out: string; err: string };
}

const segment = {
  provider: 'openai',
  model: 'gpt-4o-mini',
  promptName: 'support',
  promptVersion: '3',
  inputPrice: 0.15,
  outputPrice: 0.6,
};

beforeAll(async () => {
  mkdirSync(join(dir, 'traces'));
  // One folder holding two weeks: the first week is the baseline, the second has 20 % higher cost.
  await writeOtlpFile(join(dir, 'traces', 'week1.jsonl'), {
    calls: 1200,
    seed: 1,
    start: '2025-01-01T00:00:00Z',
    spreadMs: 7 * 86_400_000,
    segments: [segment],
  });
  await writeOtlpFile(join(dir, 'traces', 'week2.jsonl.gz'), {
    calls: 1200,
    seed: 2,
    start: '2025-01-08T00:00:00Z',
    spreadMs: 7 * 86_400_000,
    segments: [segment],
    costMultiplier: 1.2,
  });
  await writeOtlpFile(join(dir, 'same.jsonl'), { calls: 1200, seed: 3, segments: [segment] });
  writeFileSync(join(dir, 'bad.jsonl'), '{"resourceSpans": [\n');
  writeFileSync(join(dir, 'traces', 'bad.jsonl'), '{"resourceSpans": [\n');
  writeFileSync(
    join(dir, 'sightline.config.json'),
    JSON.stringify({ drift: { gates: [{ metric: 'cost', maxIncrease: 0.05 }] } }),
  );
});

describe('sightline drift', () => {
  it('exits 1 and reports the cost drift and failed gate for time windows over one source', async () => {
    const cli = io();
    const code = await runCli(
      [
        'drift',
        '--baseline',
        '14d..7d',
        '--current',
        '7d..now',
        '--now',
        '2025-01-15T00:00:00Z',
        '--source',
        'traces',
        '--skip-invalid',
        '--format',
        'json',
      ],
      cli,
    );
    expect(cli.err).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(cli.out);
    expect(report.verdict).toBe('drift');
    expect(report.baseline.calls).toBe(1200);
    expect(report.current.calls).toBe(1200);
    expect(report.baseline.window.spec).toBe('14d..7d');
    const cost = report.metrics.find(
      (m: { metric: string; segment: string }) => m.metric === 'cost' && m.segment === 'all',
    );
    expect(cost.verdict).toBe('drift');
    expect(report.gates[0].verdict).toBe('fail');
  });

  it('exits 0 on A/A sources, prints markdown, and is byte-identical across runs', async () => {
    const first = io();
    expect(
      await runCli(
        ['drift', '--baseline', 'traces/week1.jsonl', '--current', 'same.jsonl', '--format', 'md'],
        first,
      ),
    ).toBe(0);
    expect(first.out).toMatch(/^### Sightline drift: 🟢 pass/);
    expect(first.out).toContain('| cost | all |');
    const second = io();
    await runCli(
      ['drift', '--baseline', 'traces/week1.jsonl', '--current', 'same.jsonl', '--format', 'md'],
      second,
    );
    expect(second.out).toBe(first.out);
  });

  it('writes --out files and honours --fail-on inconclusive', async () => {
    const cli = io();
    const code = await runCli(
      [
        'drift',
        '--baseline',
        'traces/week1.jsonl',
        '--current',
        'same.jsonl',
        '--segment-by',
        'provider',
        '--out',
        'r.txt',
        '--fail-on',
        'inconclusive',
        '--config',
        'sightline.config.json',
      ],
      cli,
    );
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).toMatch(/^Sightline drift: PASS/);
    expect(cli.err).toContain('report written to r.txt');
    const tiny = io();
    await writeOtlpFile(join(dir, 'tiny.jsonl'), { calls: 5, seed: 9, segments: [segment] });
    expect(
      await runCli(
        ['drift', '--baseline', 'tiny.jsonl', '--current', 'same.jsonl', '--fail-on', 'inconclusive'],
        tiny,
      ),
    ).toBe(1);
    expect(await runCli(['drift', '--baseline', 'tiny.jsonl', '--current', 'same.jsonl'], io())).toBe(0);
  });

  it('exits 2 with file and line on malformed input, and on an empty window', async () => {
    const bad = io();
    expect(await runCli(['drift', '--baseline', 'bad.jsonl', '--current', 'same.jsonl'], bad)).toBe(2);
    expect(bad.err).toMatch(/bad\.jsonl:1: malformed JSON/);
    const empty = io();
    expect(
      await runCli(
        [
          'drift',
          '--baseline',
          '30d..20d',
          '--current',
          '7d..now',
          '--now',
          '2025-01-15T00:00:00Z',
          '--source',
          'traces',
          '--skip-invalid',
        ],
        empty,
      ),
    ).toBe(2);
    expect(empty.err).toMatch(/baseline: no LLM call spans found in traces in window 30d\.\.20d/);
  });

  it('exits 2 when the two windows over one source overlap', async () => {
    const now = ['--now', '2025-01-15T00:00:00Z', '--source', 'traces', '--skip-invalid'];
    const overlap = io();
    expect(await runCli(['drift', '--baseline', '14d..5d', '--current', '7d..now', ...now], overlap)).toBe(2);
    expect(overlap.err).toMatch(
      /baseline window 14d\.\.5d and current window 7d\.\.now overlap \(2025-01-08T00:00:00\.000Z \.\. 2025-01-10T00:00:00\.000Z\)/,
    );
    const nested = io();
    expect(
      await runCli(['drift', '--baseline', '2025-01-01..', '--current', '7d..now', ...now], nested),
    ).toBe(2);
    expect(nested.err).toContain('overlap');
    // Windows that only touch are fine.
    expect(await runCli(['drift', '--baseline', '14d..7d', '--current', '7d..now', ...now], io())).toBe(1);
  });

  it('exits 2 naming --out / --out-dir when the output path cannot be created, before reading', async () => {
    // same.jsonl is a file, so no folder can be created below it; the missing sources prove nothing was read.
    const outDir = io();
    const args = ['drift', '--baseline', 'missing-a', '--current', 'missing-b'];
    expect(await runCli([...args, '--format', 'json,md', '--out-dir', 'same.jsonl/reports'], outDir)).toBe(2);
    expect(outDir.err).toMatch(
      /^sightline drift: --out-dir same\.jsonl\/reports: cannot create the folder \(E/,
    );
    const out = io();
    expect(await runCli([...args, '--out', 'same.jsonl/drift.md'], out)).toBe(2);
    expect(out.err).toMatch(/^sightline drift: --out same\.jsonl\/drift\.md: cannot create the folder/);
    const summary = io();
    expect(await runCli(['summary', 'missing-a', '--out', 'same.jsonl/s.txt'], summary)).toBe(2);
    expect(summary.err).toMatch(/^sightline summary: --out same\.jsonl\/s\.txt: cannot create the folder/);
  });

  it('exits 2 on usage errors', async () => {
    const cli = io();
    expect(await runCli(['drift', '--baseline', 'x'], cli)).toBe(2);
    expect(cli.err).toContain('--baseline and --current are required');
    expect(await runCli(['drift', '--baseline', 'a', '--current', 'b', '--format', 'xml'], io())).toBe(2);
    expect(await runCli(['drift', '--baseline', 'a', '--current', 'b', '--segment-by', 'colour'], io())).toBe(
      2,
    );
    const help = io();
    expect(await runCli(['drift', '--help'], help)).toBe(0);
    expect(help.out).toContain('Exit codes: 0 no drift, 1 drift');
  });
});

describe('sightline summary', () => {
  it('prints per-segment metrics as text and JSON', async () => {
    const text = io();
    expect(await runCli(['summary', 'traces/week1.jsonl'], text)).toBe(0);
    expect(text.out).toMatch(/Sightline summary: 1200 calls/);
    expect(text.out).toMatch(/latency\s+n 1200/);
    const json = io();
    expect(
      await runCli(
        [
          'summary',
          '7d..now',
          '--now',
          '2025-01-15T00:00:00Z',
          '--source',
          'traces',
          '--skip-invalid',
          '--format',
          'json',
        ],
        json,
      ),
    ).toBe(0);
    const parsed = JSON.parse(json.out);
    expect(parsed.calls).toBe(1200);
    expect(parsed.read.invalidLines).toBe(1);
    expect(parsed.segments[0].metrics.cost.available).toBe(true);
  });

  it('--skip-invalid lists where the skipped lines are in text, for drift and summary', async () => {
    const good = readFileSync(join(dir, 'same.jsonl'), 'utf8').split('\n').slice(0, 30);
    const broken = [...good.slice(0, 3), ...Array.from({ length: 12 }, () => 'not json'), ...good.slice(3)];
    writeFileSync(join(dir, 'skipped.jsonl'), `${broken.join('\n')}\n`);
    const summary = io();
    expect(await runCli(['summary', 'skipped.jsonl', '--skip-invalid'], summary)).toBe(0);
    expect(summary.out).toContain('12 malformed line(s), 0 invalid span(s); the first 10:');
    expect(summary.out).toMatch(/\n {4}skipped\.jsonl:4: malformed JSON/);
    expect(summary.out).toMatch(/\n {4}skipped\.jsonl:13: malformed JSON/);
    expect(summary.out).not.toContain('skipped.jsonl:14:');
    const drift = io();
    expect(
      await runCli(
        ['drift', '--baseline', 'skipped.jsonl', '--current', 'same.jsonl', '--skip-invalid'],
        drift,
      ),
    ).not.toBe(2);
    expect(drift.out).toContain('skipped 12 malformed line(s), 0 invalid span(s); the first 10:');
    expect(drift.out).toMatch(/\n {14}skipped\.jsonl:4: malformed JSON/);
  });

  it('says clearly when there is nothing to summarise', async () => {
    writeFileSync(join(dir, 'empty.jsonl'), '');
    const cli = io();
    expect(await runCli(['summary', 'empty.jsonl'], cli)).toBe(2);
    expect(cli.err).toMatch(/no LLM call spans found in empty\.jsonl/);
  });
});
