/**
 * End-to-end behaviour of the built package in real child processes: signals, natural exit, OTLP/HTTP export
 * with standard OTEL_* variables. Child processes keep global OTel registration and env out of this worker.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  lastSum,
  type OtlpJsonMetricsRequest,
  type OtlpJsonTraceRequest,
  readJsonLines,
  spansOf,
} from '../test/support/otlp-json.js';
import { type OtlpRecorder, startOtlpRecorder } from '../test/support/otlp-recorder.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = join(packageDir, 'test', 'fixtures', 'traced-app.mjs');
const SPANS_PER_RUN = 6; // the fixture ends a request span and an llm-call span three times

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let recorder: OtlpRecorder;
let workDir: string;

/** Newest modification time of the package's sources (and build recipe), in ms. */
function newestSourceMtime(): number {
  const sources = readdirSync(join(packageDir, 'src')).map((name) => join(packageDir, 'src', name));
  return Math.max(...[...sources, join(packageDir, 'tsup.config.ts')].map((file) => statSync(file).mtimeMs));
}

beforeAll(() => {
  // The fixture imports `@sightline/node` like a user would, so it needs the built package. Under turbo
  // (`npm test`) the build task has just run; rebuilding here would empty dist/ while other workspaces
  // type-check against it, so build only when dist/ is missing or older than the sources.
  const built = join(packageDir, 'dist', 'index.js');
  if (!existsSync(built) || statSync(built).mtimeMs < newestSourceMtime()) {
    execFileSync('npx', ['tsup'], { cwd: packageDir, stdio: 'pipe' });
  }
}, 120_000);

beforeEach(async () => {
  recorder = await startOtlpRecorder();
  workDir = mkdtempSync(join(tmpdir(), 'sightline-node-child-'));
});
afterEach(async () => {
  await recorder.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** Runs the fixture with a clean OTel environment plus `env`; sends `signal` once it printed "ready". */
function runFixture(
  mode: string,
  env: Record<string, string>,
  signal?: NodeJS.Signals,
): Promise<ChildResult> {
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('OTEL_') && !name.startsWith('SIGHTLINE_'),
    ),
  );
  const child = spawn(process.execPath, [fixture, mode], {
    cwd: workDir,
    env: {
      ...cleanEnv,
      SIGHTLINE_TRACES_DIR: join(workDir, 'traces'),
      SIGHTLINE_METRICS_DIR: join(workDir, 'metrics'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let signalled = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (signal && !signalled && stdout.includes('ready')) {
      signalled = true;
      child.kill(signal);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, exitSignal) => resolve({ code, signal: exitSignal, stdout, stderr }));
  });
}

function fileSpanNames(): string[] {
  return spansOf(readJsonLines<OtlpJsonTraceRequest>(join(workDir, 'traces')))
    .map((span) => span.name)
    .sort();
}

function receivedSpanNames(): string[] {
  const bodies = recorder.requests
    .filter((request) => request.path === '/v1/traces')
    .map((request) => request.body as OtlpJsonTraceRequest);
  return spansOf(bodies)
    .map((span) => span.name)
    .sort();
}

function receivedMetrics(): OtlpJsonMetricsRequest[] {
  return recorder.requests
    .filter((request) => request.path === '/v1/metrics')
    .map((request) => request.body as OtlpJsonMetricsRequest);
}

const expectedSpanNames = ['llm-call-0', 'llm-call-1', 'llm-call-2', 'request-0', 'request-1', 'request-2'];

describe('flush before the process ends (built package, child process)', () => {
  it('SIGTERM: flushes file and OTLP exporters, then dies of SIGTERM as without Sightline', async () => {
    const result = await runFixture(
      'wait',
      { SIGHTLINE_EXPORTER: 'file,otlp', OTEL_EXPORTER_OTLP_ENDPOINT: recorder.url },
      'SIGTERM',
    );
    expect(result.stderr).toBe('');
    expect(result.signal).toBe('SIGTERM');
    expect(result.code).toBeNull();
    expect(fileSpanNames()).toEqual(expectedSpanNames);
    // The batch processor's 5 s delay had not elapsed: these arrived because of the SIGTERM flush.
    expect(receivedSpanNames()).toEqual(expectedSpanNames);
    expect(lastSum(receivedMetrics(), 'fixture.requests')).toBe(3);
    expect(lastSum(readJsonLines<OtlpJsonMetricsRequest>(join(workDir, 'metrics')), 'fixture.requests')).toBe(
      3,
    );
    expect(SPANS_PER_RUN).toBe(expectedSpanNames.length);
  });

  it('SIGINT: the default exporter gains OTLP from OTEL_EXPORTER_OTLP_ENDPOINT; dies of SIGINT', async () => {
    const result = await runFixture('wait', { OTEL_EXPORTER_OTLP_ENDPOINT: recorder.url }, 'SIGINT');
    expect(result.stdout).toContain('"traces":["file","otlp"]');
    expect(result.signal).toBe('SIGINT');
    expect(fileSpanNames()).toEqual(expectedSpanNames);
    expect(receivedSpanNames()).toEqual(expectedSpanNames);
  });

  it('natural end (beforeExit): exports everything, sends OTEL_EXPORTER_OTLP_HEADERS, exit code 0', async () => {
    const result = await runFixture('natural', {
      SIGHTLINE_EXPORTER: 'file,otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: recorder.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=test-key',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fileSpanNames()).toEqual(expectedSpanNames);
    expect(receivedSpanNames()).toEqual(expectedSpanNames);
    expect(recorder.requests.length).toBeGreaterThan(0);
    for (const request of recorder.requests) {
      expect(request.headers['x-honeycomb-team']).toBe('test-key');
      expect(request.headers['content-type']).toMatch(/application\/json/);
    }
    expect(lastSum(receivedMetrics(), 'fixture.requests')).toBe(3);
  });

  it("SIGTERM with the app's own handler: flushes, runs the app's handler, lets the app decide (exit 0)", async () => {
    const result = await runFixture(
      'own-handler',
      { SIGHTLINE_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: recorder.url },
      'SIGTERM',
    );
    expect(result.stdout).toContain('app-handler');
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(receivedSpanNames()).toEqual(expectedSpanNames);
  });

  it('natural end with an OTLP backend that never answers: ends after the flush bound with its own code', async () => {
    // Accepts every request and never answers, so only Sightline's bound can end the wait (the exporter's own
    // timeout is set to ten minutes, far beyond this test's timeout).
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const result = await runFixture('natural', {
        SIGHTLINE_EXPORTER: 'file,otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_EXPORTER_OTLP_TIMEOUT: '600000',
        OTEL_LOG_LEVEL: 'warn',
        FIXTURE_EXIT_CODE: '3',
      });
      expect(result.signal).toBeNull();
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('beforeExit shutdown did not finish within 5000 ms');
      expect(fileSpanNames()).toEqual(expectedSpanNames);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 40_000);

  it('an unwritable traces folder never breaks the app: exit code 0, one diag error', async () => {
    const occupied = join(workDir, 'occupied');
    writeFileSync(occupied, 'a file, not a folder');
    const result = await runFixture('natural', {
      SIGHTLINE_EXPORTER: 'file',
      SIGHTLINE_TRACES_DIR: occupied,
      OTEL_LOG_LEVEL: 'error',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ready');
    expect(result.stderr.match(/OtlpJsonFileSpanExporter: export failed/g)).toHaveLength(1);
  });
});
