/**
 * The HTML drift report in real headless Chromium (Debian's package, driven by playwright-core): it loads
 * from a file with no console errors and no network request, every chart canvas has drawn pixels, the
 * verdict table is there, and a screenshot is saved to test-artifacts/drift-report.png for a person to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../src/report/html/index.js';
import { fixtureInput } from '../src/report/html/report-fixture.js';
import { findOrInstallChromium, launchChromium } from './support/chromium.js';

const chromium = await findOrInstallChromium();
if (!chromium.path) console.warn(`[report-html-chromium] skipped: ${chromium.reason}`);
const skipNote = chromium.path ? '' : ` (skipped: ${chromium.reason})`;

const artifacts = resolve(__dirname, '..', 'test-artifacts');

describe.skipIf(!chromium.path)(`HTML report in headless Chromium${skipNote}`, () => {
  let session: Awaited<ReturnType<typeof launchChromium>>;
  const consoleProblems: string[] = [];
  const requests: string[] = [];
  let reportUrl: string;
  let expectedCharts = 0;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const html = renderHtmlReport(fixtureInput());
    expectedCharts = (html.match(/<canvas /g) ?? []).length;
    const file = join(artifacts, 'drift-report.html');
    writeFileSync(file, html);
    reportUrl = pathToFileURL(file).href;
    session = await launchChromium(chromium.path as string);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('loads offline without console errors and draws every chart', async () => {
    const page = await session.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        consoleProblems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(reportUrl, { waitUntil: 'load' });
    await page.waitForSelector('html[data-charts-rendered]', { timeout: 30_000 });

    const rendered = Number(await page.getAttribute('html', 'data-charts-rendered'));
    expect(expectedCharts).toBeGreaterThan(10);
    expect(rendered).toBe(expectedCharts);

    // A canvas is drawn when it has opaque pixels in at least two colours (axes and bars/lines).
    const canvases = await page.evaluate(() =>
      Array.from(document.querySelectorAll('canvas')).map((canvas) => {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0 || canvas.height === 0)
          return { id: canvas.id, painted: 0, colours: 0, baseline: 0, current: 0 };
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let painted = 0;
        let baseline = 0;
        let current = 0;
        const colours = new Set<number>();
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] === 0) continue;
          painted++;
          colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
          // Okabe-Ito blue (0,114,178) and vermillion (213,94,0), solid or blended with white.
          if (data[i + 2] > data[i] + 60 && data[i + 1] > data[i]) baseline++;
          if (data[i] > data[i + 2] + 80 && data[i] > data[i + 1] + 40) current++;
        }
        return { id: canvas.id, painted, colours: colours.size, baseline, current };
      }),
    );
    expect(canvases.length).toBe(expectedCharts);
    for (const canvas of canvases) {
      expect(canvas.painted, `${canvas.id} has no drawn pixels`).toBeGreaterThan(500);
      expect(canvas.colours, `${canvas.id} is a flat fill`).toBeGreaterThan(2);
      expect(canvas.baseline, `${canvas.id} shows no baseline series`).toBeGreaterThan(0);
      expect(canvas.current, `${canvas.id} shows no current series`).toBeGreaterThan(0);
    }

    const verdictCells = await page.locator('main table tbody tr .badge').allTextContents();
    expect(verdictCells.filter((text) => text.includes('drift')).length).toBeGreaterThan(3);
    await expect(page.title()).resolves.toBe('Sightline drift report: drift');

    await page.screenshot({ path: join(artifacts, 'drift-report.png'), fullPage: true });
    await page.screenshot({ path: join(artifacts, 'drift-report-top.png') });
    expect(consoleProblems).toEqual([]);
    expect(requests).toEqual([reportUrl]);
    await page.close();
  }, 120_000);

  it('keeps the verdict tables readable with JavaScript disabled', async () => {
    const page = await session.context.newPage();
    // Drop the scripts: what remains is exactly what a reader without JavaScript gets.
    const html = renderHtmlReport(fixtureInput()).replace(/<script>[\s\S]*?<\/script>/g, '');
    await page.setContent(html, { waitUntil: 'load' });
    const rows = await page.locator('main section table tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(fixtureInput().report.metrics.length);
    expect(await page.getAttribute('html', 'data-charts-rendered')).toBeNull();
    await expect(page.locator('#segment-1 table').first().textContent()).resolves.toContain('latency');
    await page.close();
  }, 60_000);
});
