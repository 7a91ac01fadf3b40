/**
 * Summarises a V8 .cpuprofile (from `BENCH_PROFILE=VARIANT npm run bench`, written to
 * $TMPDIR/sightline-bench-profiles, or from `node --cpu-prof bench/worker.cjs profile-plain VARIANT inprocess`):
 * self time by package and the top self-time functions, optionally only those whose script URL contains a filter.
 *
 *   node bench/profile-summary.mjs /tmp/sightline-bench-profiles/overhead-sightline-inprocess-*.cpuprofile [FILTER] [TOP]
 */
import { readFileSync } from 'node:fs';

const [file, filter = '', topArg = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs FILE.cpuprofile [URL_FILTER] [TOP]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const dt = new Map();
// samples[i] lasted timeDeltas[i + 1]; attribute each delta to the sample it ends.
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}
const total = [...dt.values()].reduce((a, b) => a + b, 0);

function packageOf(url) {
  if (!url) return '(native/gc/idle)';
  if (url.includes('/packages/core/dist/')) return '@sightline/core';
  if (url.includes('/packages/openai/dist/')) return '@sightline/openai';
  if (url.includes('/packages/openai/bench/')) return 'bench harness';
  const match = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/);
  if (match) return match[1];
  if (url.startsWith('node:')) return 'node core';
  return url;
}

const selfByFunction = new Map();
const selfByPackage = new Map();
for (const [id, time] of dt) {
  const node = byId.get(id);
  const { functionName, url, lineNumber } = node.callFrame;
  const pkg = packageOf(url);
  selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + time);
  if (filter && !url.includes(filter)) continue;
  const key = `${functionName || '(anonymous)'}  ${url.replace(/.*\/(packages|node_modules)\//, '$1/')}:${lineNumber + 1}`;
  selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + time);
}

const pct = (time) =>
  `${((100 * time) / total).toFixed(1).padStart(5)}% ${(time / 1000).toFixed(0).padStart(5)} ms`;
console.log(`profile ${file}: ${(total / 1000).toFixed(0)} ms sampled`);
console.log('\nself time by package:');
for (const [pkg, time] of [...selfByPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`  ${pct(time)}  ${pkg}`);
}
console.log(`\ntop self-time functions${filter ? ` (url contains "${filter}")` : ''}:`);
for (const [key, time] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) {
  console.log(`  ${pct(time)}  ${key}`);
}
