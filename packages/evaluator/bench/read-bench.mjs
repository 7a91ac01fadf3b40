// Read benchmark of @sightline/evaluator (imports the BUILT package: run `npx tsup` first).
//
//   npm run bench                          # 1,000,000 spans (default)
//   BENCH_SPANS=200000 npm run bench       # smaller
//
// 1. Generates a seeded OTLP/JSON-lines file (10 spans per line) into a temp folder (deleted afterwards).
// 2. Times, in the same process: a bare `JSON.parse`-per-line loop over the file, and `readCalls` over it;
//    reports calls/s of each and the ratio (goal >= 0.7).
// 3. Measures peak RSS (process.resourceUsage().maxRSS) of the full pipeline (read + summarize) at 100k and
//    at the full size, each in a fresh child process (goal: flat, within 1.5x).
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = process.env.SIGHTLINE_EVALUATOR_DIST ?? join(here, '..', 'dist');
const evaluator = await import(pathToFileURL(join(dist, 'index.js')).href);
const testing = await import(pathToFileURL(join(dist, 'testing.js')).href);
const SPANS = Number(process.env.BENCH_SPANS ?? 1_000_000);
const SMALL = Math.min(100_000, SPANS);

async function bareLoop(file) {
  // The simplest fast reader: chunks split on newlines, one JSON.parse per line, count the spans.
  let spans = 0;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) {
      if (line) spans += JSON.parse(line).resourceSpans[0].scopeSpans[0].spans.length;
    }
  }
  if (rest) spans += JSON.parse(rest).resourceSpans[0].scopeSpans[0].spans.length;
  return spans;
}

async function child(mode, file) {
  if (mode === 'rss') {
    const summary = await evaluator.summarize(evaluator.readRecords(file), { intervals: false });
    process.stdout.write(
      JSON.stringify({ calls: summary.calls, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
    );
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-'));
  try {
    const big = join(dir, 'big.jsonl');
    const small = join(dir, 'small.jsonl');
    let t = performance.now();
    await testing.writeOtlpFile(big, { calls: SPANS, seed: 1 });
    await testing.writeOtlpFile(small, { calls: SMALL, seed: 1 });
    const mb = statSync(big).size / 1e6;
    console.log(
      `generated ${SPANS.toLocaleString('en-US')} spans (${mb.toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    t = performance.now();
    const bareSpans = await bareLoop(big);
    const bareSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    let calls = 0;
    for await (const _ of evaluator.readCalls(big)) calls++;
    const readSeconds = (performance.now() - t) / 1000;
    console.log(
      `bare JSON.parse loop: ${Math.round(bareSpans / bareSeconds).toLocaleString('en-US')} spans/s (${bareSeconds.toFixed(2)} s)`,
    );
    console.log(
      `readCalls:            ${Math.round(calls / readSeconds).toLocaleString('en-US')} calls/s (${readSeconds.toFixed(2)} s)`,
    );
    console.log(`ratio readCalls / bare: ${(bareSeconds / readSeconds).toFixed(2)} (goal >= 0.7)`);

    const rss = (file) =>
      JSON.parse(
        execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', 'rss', file], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        }),
      );
    const a = rss(small);
    const b = rss(big);
    console.log(
      `peak RSS, read + summarize: ${a.calls.toLocaleString('en-US')} calls ${a.maxRssMb.toFixed(0)} MB, ${b.calls.toLocaleString('en-US')} calls ${b.maxRssMb.toFixed(0)} MB, ratio ${(b.maxRssMb / a.maxRssMb).toFixed(2)} (goal <= 1.5)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
