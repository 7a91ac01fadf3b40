/**
 * Finds and reads the Chart.js UMD bundle that the page inlines. Works from the TypeScript sources and from
 * both builds: `import.meta.url` is native in ESM, and tsup's `shims` option (tsup.shared.ts) rewrites it to
 * the file's own URL in the CJS output (test/report-html-build.test.ts builds and loads both).
 * `chart.js` does not export its UMD file, so we resolve the package's main entry (`dist/chart.cjs`) and take
 * the sibling `chart.umd.min.js`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const UMD_FILE = 'chart.umd.min.js';

let cached: string | undefined;

/** Absolute path of the Chart.js UMD bundle. Throws with a clear message when `chart.js` is not installed. */
export function chartJsPath(): string {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('chart.js');
  } catch (error) {
    throw new Error(
      `html report: cannot resolve the chart.js package (a dependency of @sightline/evaluator): ${String(error)}`,
    );
  }
  const umd = join(dirname(entry), UMD_FILE);
  if (!existsSync(umd)) throw new Error(`html report: ${umd} not found; is chart.js 4 installed?`);
  return umd;
}

/** The Chart.js UMD source (read once per process). */
export function chartJsSource(): string {
  cached ??= readFileSync(chartJsPath(), 'utf8');
  return cached;
}
