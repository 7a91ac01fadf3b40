#!/usr/bin/env node
/**
 * Prints one plain closing line for the whole `npm test` run, summed over every workspace's vitest results
 * (`.vitest/results.json`, written by the shared vitest config): `tests: N passed, N failed, N skipped`.
 * Exits 1 when a workspace that has tests left no results, so a silently skipped suite cannot pass.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaces = [
  ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)),
  join(root, 'test'),
];

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of workspaces) {
  if (!existsSync(join(dir, 'vitest.config.ts'))) continue;
  const file = join(dir, '.vitest', 'results.json');
  if (!existsSync(file)) {
    missing.push(dir);
    continue;
  }
  const results = JSON.parse(readFileSync(file, 'utf8'));
  passed += results.numPassedTests ?? 0;
  failed += results.numFailedTests ?? 0;
  skipped += (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
}
for (const dir of missing) console.error(`report-totals: no vitest results in ${dir}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || missing.length > 0 ? 1 : 0;
