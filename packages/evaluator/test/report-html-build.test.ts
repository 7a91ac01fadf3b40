/**
 * The HTML report must work from the published builds, not only from the TypeScript sources: it locates the
 * Chart.js bundle relative to its own module (`import.meta.url`, shimmed by tsup in CJS). This builds the
 * HTML and JUnit entry points with the package's real tsup recipe and renders a report from the CJS build
 * (`require`) and the ESM build (`import`) in fresh Node processes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Options } from 'tsup';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = resolve(__dirname, '..');
// Inside the package, so `chart.js` resolves from the output exactly as it does from dist/.
const outDir = resolve(packageDir, 'test-artifacts', 'build-check');

const SCRIPT = `
const report = { verdict: 'pass', baseline: { calls: 40, steps: 0 }, current: { calls: 41, steps: 0 },
  settings: { alpha: 0.05, confidence: 0.95, seed: 's', segmentBy: [], minSamples: 30 },
  counts: { drift: 0, pass: 1, inconclusive: 0, unavailable: 0, gatesFailed: 0 },
  metrics: [{ metric: 'latency', segment: 'all', test: 'ks', statistic: 0.1, pValue: 0.5, adjustedPValue: 0.5, effect: 0.01,
    effectThreshold: 0.1, ci: [-0.1, 0.1], nBaseline: 40, nCurrent: 41, baselineValue: 100, currentValue: 101, change: 0.01,
    verdict: 'pass', reason: 'ok' }], gates: [] };
const input = { report, distributions: { all: { latency: { baseline: [1, 2, 3], current: [2, 3, 4] } } },
  provenance: { inputs: [], config: {}, seed: 's', versions: { sightline: '0', node: process.version }, command: 'x' } };
const html = m.renderHtmlReport(input);
const junit = j.renderJUnitReport(report);
console.log(JSON.stringify({ chart: /Chart\\.js v4/.test(html), canvases: (html.match(/<canvas /g) || []).length,
  junit: junit.includes('<testcase name="latency" classname="all"'), file: m.reportFileName('html') }));
`;

function run(args: string[]): { chart: boolean; canvases: number; junit: boolean; file: string } {
  const output = execFileSync(process.execPath, args, { cwd: outDir, encoding: 'utf8', timeout: 30_000 });
  return JSON.parse(output.trim().split('\n').pop() as string);
}

describe('HTML and JUnit reports from the built package', () => {
  beforeAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const { build } = await import('tsup');
    const shared = (await import(pathToFileURL(resolve(packageDir, '../../tsup.shared.ts')).href)) as {
      packageBuild(entry: Record<string, string>, extra?: Partial<Options>): Options;
    };
    await build({
      ...shared.packageBuild(
        {
          html: resolve(packageDir, 'src/report/html/index.ts'),
          junit: resolve(packageDir, 'src/report/junit/index.ts'),
        },
        { outDir, dts: false, sourcemap: false, silent: true },
      ),
      config: false,
    });
  }, 120_000);

  it('renders from the CJS build', () => {
    const result = run(['-e', `const m = require('./html.cjs'); const j = require('./junit.cjs');${SCRIPT}`]);
    expect(result).toEqual({ chart: true, canvases: 1, junit: true, file: 'drift-report.html' });
  });

  it('renders from the ESM build', () => {
    const result = run([
      '--input-type=module',
      '-e',
      `const m = await import('./html.js'); const j = await import('./junit.js');${SCRIPT}`,
    ]);
    expect(result).toEqual({ chart: true, canvases: 1, junit: true, file: 'drift-report.html' });
  });
});
