import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOtlpFile } from '@sightline/evaluator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIO, runCli } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'sightline-cli-baseline-'));
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

async function cli(...argv: string[]) {
  const streams = io();
  const code = await runCli(argv, streams);
  return { code, out: streams.out, err: streams.err };
}

beforeAll(async () => {
  mkdirSync(join(dir, '.sightline', 'traces'), { recursive: true });
  await writeOtlpFile(join(dir, '.sightline', 'traces', 'a.jsonl'), {
    calls: 300,
    seed: 1,
    start: '2025-06-01T00:00:00Z',
    spreadMs: 14 * 86_400_000,
  });
  writeFileSync(
    join(dir, 'sightline.config.json'),
    JSON.stringify({ drift: { quality: { enabled: false } } }),
  );
});

describe('sightline baseline', () => {
  it('freezes a window of the default source, verifies it, and detects a modified file', async () => {
    const frozen = await cli(
      'baseline',
      'freeze',
      '--source',
      '2025-06-01..2025-06-08',
      '--out',
      'baselines/week.json.gz',
      '--format',
      'json',
    );
    expect(frozen.err).toBe('');
    expect(frozen.code).toBe(0);
    const header = JSON.parse(frozen.out);
    expect(header).toMatchObject({
      file: 'baselines/week.json.gz',
      window: { spec: '2025-06-01..2025-06-08' },
    });
    expect(header.calls).toBeGreaterThan(100);
    expect(header.calls).toBeLessThan(200);
    expect((await cli('baseline', 'verify', 'baselines/week.json.gz')).code).toBe(0);

    await cli('baseline', 'freeze', '--source', '.sightline/traces', '--out', 'plain.json');
    const lines = readFileSync(join(dir, 'plain.json'), 'utf8').split('\n');
    lines[5] = lines[5].replace('"durationMs":', '"durationMs":1');
    writeFileSync(join(dir, 'plain.json'), lines.join('\n'));
    const verify = await cli('baseline', 'verify', 'plain.json');
    expect(verify.code).toBe(1);
    expect(verify.err).toMatch(/plain.json: MODIFIED: the records hash to [0-9a-f]{64} \(300 records\)/);
    const drift = await cli('drift', '--baseline', 'plain.json', '--current', '.sightline/traces');
    expect(drift.code).toBe(2);
    expect(drift.err).toMatch(/plain.json: frozen baseline content does not match its header/);
  });

  it('reports bad use with exit 2', async () => {
    expect((await cli('baseline', 'freeze', '--source', '.sightline/traces')).err).toMatch(
      /--out <file> is required/,
    );
    expect((await cli('baseline', 'verify', '.sightline/traces/a.jsonl')).err).toMatch(
      /not a frozen baseline/,
    );
    expect((await cli('baseline', 'thaw')).code).toBe(2);
    const empty = await cli('baseline', 'freeze', '--source', '2020-01-01..2020-01-02', '--out', 'x.json');
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/no records to freeze/);
    // An --out below a file fails before the read (the missing source is never looked at).
    const below = '.sightline/traces/a.jsonl/frozen.json';
    const blocked = await cli('baseline', 'freeze', '--source', 'missing', '--out', below);
    expect(blocked.code).toBe(2);
    expect(blocked.err).toContain(`--out ${below}: cannot create the folder`);
  });
});

describe('report formats and --out-dir', () => {
  it('needs --out-dir for several formats and writes one file per format', async () => {
    const args = ['drift', '--baseline', '2025-06-01..2025-06-08', '--current', '2025-06-08..2025-06-15'];
    const now = ['--now', '2025-06-20T00:00:00Z'];
    const several = await cli(...args, ...now, '--format', 'json,junit');
    expect(several.code).toBe(2);
    expect(several.err).toMatch(/several formats \(json, junit\) need --out-dir/);
    expect((await cli(...args, ...now, '--out', 'a', '--out-dir', 'b')).err).toMatch(
      /either --out or --out-dir/,
    );
    const junit = await cli(...args, ...now, '--format', 'junit');
    expect(junit.code).toBe(0);
    expect(junit.out).toMatch(/^<\?xml/);
    const written = await cli(...args, ...now, '--format', 'md,json,html', '--out-dir', 'out/reports');
    expect(written.code).toBe(0);
    expect(readdirSync(join(dir, 'out', 'reports')).sort()).toEqual([
      'drift-report.html',
      'drift-report.json',
      'drift-report.md',
    ]);
    // ~150 calls per window over two segments: some segments are below the minimum sample size.
    expect(JSON.parse(readFileSync(join(dir, 'out', 'reports', 'drift-report.json'), 'utf8')).verdict).toBe(
      'inconclusive',
    );
  });

  it('summary keeps to text, json and md, several with --out-dir', async () => {
    const html = await cli('summary', '--format', 'html');
    expect(html.code).toBe(2);
    expect(html.err).toMatch(/html and junit are drift report formats/);
    const files = await cli('summary', '--format', 'text,json', '--out-dir', 'summary');
    expect(files.code).toBe(0);
    expect(readdirSync(join(dir, 'summary')).sort()).toEqual(['summary.json', 'summary.txt']);
  });
});
