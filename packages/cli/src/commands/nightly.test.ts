/**
 * The nightly job of examples/nightly-drift on its own demo data: the same command sequence as
 * nightly-drift.sh (baseline verify, then drift with every report format into --out-dir), after freezing the
 * baseline as its README says. Runs the CLI in-process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIO, runCli } from '../index.js';

const EXAMPLE = resolve(__dirname, '../../../../examples/nightly-drift');
const dir = mkdtempSync(join(tmpdir(), 'sightline-nightly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Demo {
  prepareDemoData(dir: string): Promise<string[]>;
}

function io(): CliIO & { out: string; err: string } {
  const state = { out: '', err: '' };
  return Object.assign(state, {
    stdout: { write: (text: string) => (state.out += text) },
    stderr: { write: (text: string) => (state.err += text) },
    cwd: dir,
    env: {},
  }) as CliIO & { out: string; err: string };
}

async function nightly(current: string, reports: string) {
  // nightly-drift.sh: verify the baseline, then one drift run writing every format.
  const verify = io();
  expect(await runCli(['baseline', 'verify', 'baselines/frozen.json'], verify)).toBe(0);
  const cli = io();
  const code = await runCli(
    [
      'drift',
      '--baseline',
      'baselines/frozen.json',
      '--current',
      current,
      '--format',
      'text,json,html,junit',
      '--out-dir',
      reports,
    ],
    cli,
  );
  return { code, cli };
}

beforeAll(async () => {
  const demo = (await import(pathToFileURL(join(EXAMPLE, 'prepare-demo-data.mjs')).href)) as Demo;
  await demo.prepareDemoData(dir);
  const cli = io();
  const code = await runCli(
    [
      'baseline',
      'freeze',
      '--source',
      'traces/baseline',
      '--window',
      '2025-06-01..2025-06-08',
      '--out',
      'baselines/frozen.json',
    ],
    cli,
  );
  expect(cli.err).toBe('');
  expect(code).toBe(0);
  expect(cli.out).toMatch(/^froze 1400 records .* to baselines\/frozen.json/);
});

describe('examples/nightly-drift', () => {
  it('passes the same day (exit 0) and writes every report', async () => {
    const { code, cli } = await nightly('traces/last-day/ok.jsonl', 'reports-ok');
    expect(cli.out).toBe('');
    expect(cli.err).toMatch(/^sightline drift: pass \(reports written: reports-ok\/drift-report.txt, /);
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'reports-ok', 'drift-report.json'), 'utf8'));
    expect(json.verdict).toBe('pass');
    expect(json.embedder.kind).toBe('lexical');
  });

  it('fails the shifted day (exit 1) with parseable text, JSON, HTML and JUnit reports', async () => {
    const { code } = await nightly('traces/last-day/shifted.jsonl', 'reports');
    expect(code).toBe(1);
    const read = (name: string) => readFileSync(join(dir, 'reports', name), 'utf8');
    const json = JSON.parse(read('drift-report.json'));
    expect(json.verdict).toBe('drift');
    const drifted = json.metrics.filter(
      (m: { verdict: string; segment: string }) => m.verdict === 'drift' && m.segment === 'all',
    );
    expect(drifted.map((m: { metric: string }) => m.metric)).toEqual(
      expect.arrayContaining(['cost', 'json_valid_rate', 'semantic_drift']),
    );
    expect(json.baseline.source).toBe('baselines/frozen.json');
    expect(read('drift-report.txt')).toMatch(/^Sightline drift: DRIFT/);
    const html = read('drift-report.html');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('</html>');
    // Provenance: the frozen baseline and the current file, hashed.
    const data = JSON.parse(
      html
        .match(/<script type="application\/json" id="sightline-report-data">([\s\S]*?)<\/script>/)![1]
        .replace(/\\u003c/g, '<'),
    );
    expect(data.provenance.inputs.map((input: { path: string }) => input.path)).toEqual([
      'baselines/frozen.json',
      join('traces', 'last-day', 'shifted.jsonl'),
    ]);
    expect(data.provenance.command).toContain('--out-dir reports');
    const junit = read('drift-report.junit.xml');
    expect(junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    const failures = Number(junit.match(/<testsuites [^>]*failures="(\d+)"/)![1]);
    expect(failures).toBe((junit.match(/<failure /g) ?? []).length);
    expect(failures).toBeGreaterThan(2);
    expect(existsSync(join(dir, 'reports', 'drift-report.md'))).toBe(false);
  });
});

describe('examples/nightly-drift/nightly-drift.sh', () => {
  // The script's own logic (exit codes, arguments), with a stand-in for the CLI whose exit codes the test
  // chooses; the CLI behind it is tested above.
  const stub = join(dir, 'stub-sightline.sh');
  writeFileSync(
    stub,
    [
      '#!/usr/bin/env bash',
      'echo "$*" >> "$STUB_LOG"',
      'case "$1" in',
      '  baseline) exit "$VERIFY_CODE" ;;',
      '  drift) mkdir -p reports && echo "Sightline drift: stub" > reports/drift-report.txt; exit "$DRIFT_CODE" ;;',
      'esac',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  function script(verifyCode: number, driftCode: number) {
    const log = join(dir, `stub-${verifyCode}-${driftCode}.log`);
    const result = spawnSync('bash', [join(EXAMPLE, 'nightly-drift.sh'), '--now', '2025-06-15T00:00:00Z'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        SIGHTLINE: stub,
        STUB_LOG: log,
        VERIFY_CODE: String(verifyCode),
        DRIFT_CODE: String(driftCode),
      },
      encoding: 'utf8',
    });
    return {
      code: result.status,
      stderr: result.stderr,
      calls: readFileSync(log, 'utf8').trim().split('\n'),
    };
  }

  it("exits with drift's code and passes the documented arguments", () => {
    const pass = script(0, 0);
    expect(pass.code).toBe(0);
    expect(pass.calls).toEqual([
      'baseline verify baselines/frozen.json',
      'drift --baseline baselines/frozen.json --current 24h..now --source .sightline/traces --format text,json,html,junit --out-dir reports --now 2025-06-15T00:00:00Z',
    ]);
    expect(script(0, 1).code).toBe(1);
    expect(script(0, 2).code).toBe(2);
  });

  it('exits 2, without comparing, when the baseline fails verification', () => {
    const modified = script(1, 0);
    expect(modified.code).toBe(2);
    expect(modified.calls).toEqual(['baseline verify baselines/frozen.json']);
    expect(modified.stderr).toContain('baseline baselines/frozen.json failed verification (exit code 1)');
  });
});
