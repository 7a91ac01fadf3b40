/**
 * One measurement of the overhead benchmark, in a fresh process started by bench/run.mjs with --expose-gc:
 *
 *   node --expose-gc bench/worker.cjs overhead VARIANT TRANSPORT [BASE_URL]
 *   node --expose-gc bench/worker.cjs heap sightline inprocess
 *   node --expose-gc --cpu-prof bench/worker.cjs profile-plain|profile-stream VARIANT TRANSPORT [BASE_URL]
 *
 * CommonJS on purpose: the peers patch `openai` through require-in-the-middle, so the variant is set up first and
 * `openai` is required after it. Prints one `BENCH_RESULT {json}` line on stdout.
 */
'use strict';

const { setupVariant } = require('./variants.cjs');
const transport = require('./transport.cjs');

const QUICK = process.env.BENCH_QUICK === '1';
const COUNTS = QUICK
  ? { warmPlain: 1000, warmStream: 25, plain: 300, stream: 30, heapFirst: 2000, heapSecond: 6000 }
  : { warmPlain: 5000, warmStream: 125, plain: 2000, stream: 300, heapFirst: 10000, heapSecond: 50000 };

const [mode, variantName, transportName, baseURL] = process.argv.slice(2);
if (typeof global.gc !== 'function') throw new Error('bench worker: run with node --expose-gc');
const MODES = ['overhead', 'heap', 'profile-plain', 'profile-stream'];
if (!MODES.includes(mode)) throw new Error(`bench worker: unknown mode "${mode}"`);
if (!['inprocess', 'http'].includes(transportName))
  throw new Error(`bench worker: unknown transport "${transportName}"`);
if (transportName === 'http' && !baseURL)
  throw new Error('bench worker: the http transport needs a BASE_URL');

let variant;
let client;

/** Sets the variant up, THEN requires openai (after the peers registered their module hooks). */
async function setup() {
  variant = await setupVariant(variantName);
  const OpenAI = require('openai');
  client = variant.instrument(
    new OpenAI({
      apiKey: 'sk-bench-not-a-real-key',
      baseURL: transportName === 'http' ? baseURL : 'https://api.openai.com/v1',
      maxRetries: 0,
      ...(transportName === 'inprocess' ? { fetch: transport.inProcessFetch } : {}),
    }),
  );
}

async function plainCall() {
  const completion = await client.chat.completions.create(transport.PLAIN_REQUEST);
  if (!completion.usage) throw new Error('bench: completion without usage');
}

async function streamCall() {
  const stream = await client.chat.completions.create(transport.STREAM_REQUEST);
  let chunks = 0;
  let usage;
  for await (const chunk of stream) {
    chunks++;
    if (chunk.usage) usage = chunk.usage;
  }
  if (chunks !== transport.STREAM_CHUNKS || !usage) {
    throw new Error(
      `bench: stream gave ${chunks} chunks (expected ${transport.STREAM_CHUNKS}), usage ${!!usage}`,
    );
  }
}

function settle() {
  global.gc();
  global.gc();
}

const median = (sorted) => {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

/** Batches per measurement: the CPU figure is the median batch, so a burst of load elsewhere on the shared
 * machine (which inflates CPU time through cache and scheduler effects) moves one batch, not the result. */
const BATCHES = 10;

/**
 * Runs `count` sequential calls in BATCHES batches. CPU (user+system, all threads of the process) per call:
 * the median over batches and the plain mean; wall-time percentiles over all calls; microseconds.
 */
async function measure(call, count) {
  // No global.gc() here: a forced full GC shrinks the heap and makes the next ~2,000 calls pay for regrowing
  // it (2-5x the steady-state CPU per call). GC is forced only for the memory figures, after measuring.
  const walls = new Float64Array(count);
  const batchCpu = [];
  const perBatch = Math.ceil(count / BATCHES);
  const cpuStart = process.cpuUsage();
  for (let done = 0; done < count; ) {
    const batchStart = process.cpuUsage();
    const end = Math.min(count, done + perBatch);
    const calls = end - done;
    for (; done < end; done++) {
      const start = process.hrtime.bigint();
      await call();
      walls[done] = Number(process.hrtime.bigint() - start) / 1000;
    }
    const cpu = process.cpuUsage(batchStart);
    batchCpu.push((cpu.user + cpu.system) / calls);
  }
  const cpu = process.cpuUsage(cpuStart);
  walls.sort();
  batchCpu.sort((a, b) => a - b);
  return {
    calls: count,
    cpuUsPerCall: median(batchCpu),
    cpuMeanUsPerCall: (cpu.user + cpu.system) / count,
    batchCpuUs: batchCpu,
    p50Us: percentile(walls, 50),
    p99Us: percentile(walls, 99),
  };
}

function memory() {
  settle();
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / 2 ** 20, heapMb: usage.heapUsed / 2 ** 20 };
}

/**
 * Warm-up, both call kinds interleaved: the process reaches steady state only after ~4,000 plain calls (until
 * then TurboFan compiles on background threads, and that CPU lands in process.cpuUsage()). Measuring earlier
 * reports JIT warm-up, not per-call overhead.
 */
async function warmUp() {
  const every = Math.floor(COUNTS.warmPlain / COUNTS.warmStream);
  for (let i = 1; i <= COUNTS.warmPlain; i++) {
    await plainCall();
    if (i % every === 0) await streamCall();
  }
}

async function overhead() {
  await warmUp();
  const plain = await measure(plainCall, COUNTS.plain);
  const plainSpan = (await variant.telemetry()).lastSpan;
  const stream = await measure(streamCall, COUNTS.stream);
  const telemetry = await variant.telemetry();
  return {
    plain,
    stream,
    memory: memory(),
    expectedSpans: COUNTS.warmPlain + COUNTS.warmStream + COUNTS.plain + COUNTS.stream,
    telemetry: { ...telemetry, plainSpan, streamSpan: telemetry.lastSpan, lastSpan: undefined },
  };
}

/** Heap after GC at two points of a long run: flat means nothing is retained per call. */
async function heap() {
  // One stream per 10 calls, so the stream path is covered too.
  const call = (i) => (i % 10 === 9 ? streamCall() : plainCall());
  let done = 0;
  const runTo = async (target) => {
    for (; done < target; done++) await call(done);
  };
  await runTo(1000);
  const points = [];
  for (const target of [COUNTS.heapFirst, COUNTS.heapSecond]) {
    await runTo(target);
    points.push({ calls: target, ...memory() });
  }
  const telemetry = await variant.telemetry();
  return { points, spans: telemetry.spans, expectedSpans: done };
}

/** One call kind only, for a focused --cpu-prof profile (see bench/profile-summary.mjs). */
async function profileOne() {
  const stream = mode === 'profile-stream';
  const call = stream ? streamCall : plainCall;
  await warmUp();
  return {
    [stream ? 'stream' : 'plain']: await measure(call, stream ? COUNTS.stream * 2 : COUNTS.plain * 4),
  };
}

const run = { overhead, heap, 'profile-plain': profileOne, 'profile-stream': profileOne }[mode];
setup()
  .then(run)
  .then(
    (result) => {
      const summary = {
        mode,
        variant: variantName,
        version: variant.version,
        transport: transportName,
        node: process.version,
        ...result,
      };
      process.stdout.write(`BENCH_RESULT ${JSON.stringify(summary)}\n`);
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
