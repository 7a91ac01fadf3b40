/**
 * Instrumentation overhead benchmark of @sightline/openai against no instrumentation and two peers
 * (@opentelemetry/instrumentation-openai, @traceloop/instrumentation-openai). Run after a build:
 *
 *   cd packages/openai && npm run bench          # full run (~4 minutes on 2 cores)
 *   BENCH_QUICK=1 npm run bench                  # smoke run (~1 minute), figures not meaningful
 *   BENCH_ROUNDS=5 npm run bench                 # more rounds (default 3; medians are printed)
 *   BENCH_PROFILE=sightline npm run bench        # also write --cpu-prof profiles of that variant's workers
 *                                                # to $TMPDIR/sightline-bench-profiles (see profile-summary.mjs)
 *
 * Every variant runs in a fresh `node --expose-gc` worker (bench/worker.cjs), over both transports, in rounds
 * whose variant order rotates (so a burst of load on the shared machine does not always hit the same variant).
 * The HTTP transport is the testkit fake provider in its own process. Prints markdown tables to stdout and
 * exits 1 when a measurement is broken (an instrumented variant that did not emit one span per call, or
 * Sightline not recording stream usage and cost). The goal check (Sightline's added CPU <= 0.5x the lightest
 * peer's) is printed, not enforced: the machine is shared and figures vary.
 */
import { fork, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReport } from './report.mjs';
import variants from './variants.cjs';

const here = dirname(fileURLToPath(import.meta.url));
const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const PROFILE = process.env.BENCH_PROFILE;
const TRANSPORTS = ['inprocess', 'http'];
/** Outside the repository, so profiles never end up in git. */
const PROFILE_DIR = join(os.tmpdir(), 'sightline-bench-profiles');
if (!Number.isInteger(ROUNDS) || ROUNDS < 1)
  throw new Error(`BENCH_ROUNDS must be a positive integer, got ${ROUNDS}`);

/** The workers' environment: no OTEL_* variable may change what one variant records. */
function workerEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('OTEL_')) delete env[key];
  return env;
}

function runWorker(args, profile) {
  const flags = ['--expose-gc'];
  if (profile) {
    const dir = PROFILE_DIR;
    mkdirSync(dir, { recursive: true });
    flags.push(
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      `--cpu-prof-name=${args.slice(0, 3).join('-')}-${Date.now()}.cpuprofile`,
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, join(here, 'worker.cjs'), ...args], {
      env: workerEnv(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (data) => {
      out += data;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) reject(new Error(`bench worker ${args.join(' ')} exited ${code}\n${out}`));
      else resolve(JSON.parse(line.slice('BENCH_RESULT '.length)));
    });
  });
}

/** Starts the fake provider in its own process; resolves to `{ url, reset(), close() }`. */
function startFakeServer() {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'fake-server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const waiters = [];
    child.on('message', (message) => {
      if (message.url) {
        resolve({
          url: message.url,
          reset: () =>
            new Promise((done) => {
              waiters.push(done);
              child.send('reset');
            }),
          close: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.send('close');
            }),
        });
      } else if (message.reset) waiters.shift()?.();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake provider exited ${code} before listening`)));
  });
}

const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  const server = await startFakeServer();
  const results = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const transport of TRANSPORTS) {
        for (const variant of rotate(variants.VARIANTS, round)) {
          if (transport === 'http') await server.reset();
          const args = ['overhead', variant, transport, ...(transport === 'http' ? [server.url] : [])];
          process.stderr.write(`round ${round + 1}/${ROUNDS} ${transport} ${variant}\n`);
          results.push(await runWorker(args, PROFILE === variant));
        }
      }
    }
    process.stderr.write('heap flatness: sightline inprocess\n');
    const heap = await runWorker(['heap', 'sightline', 'inprocess'], false);
    const machine = {
      date: new Date().toISOString().slice(0, 10),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadBefore,
      loadAfter: os.loadavg()[0],
      seconds: (Date.now() - started) / 1000,
      rounds: ROUNDS,
      quick: QUICK,
    };
    const { text, broken } = renderReport({ results, heap, machine, transports: TRANSPORTS, ...variants });
    process.stdout.write(text);
    if (PROFILE) process.stderr.write(`\nCPU profiles of ${PROFILE}: ${PROFILE_DIR}\n`);
    if (broken.length > 0) {
      process.stderr.write(`\nBROKEN MEASUREMENT:\n- ${broken.join('\n- ')}\n`);
      process.exitCode = 1;
    }
  } finally {
    await server.close();
  }
}

await main();
