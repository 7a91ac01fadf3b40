/**
 * `renderHtmlReport(input)`: one self-contained HTML page (styles, Chart.js, data and script inlined; a
 * Content-Security-Policy forbids every network request) with the verdict, per-segment verdict tables and
 * charts, and the run's provenance. Pure and deterministic: the same input gives byte-identical HTML.
 */
import type { MetricResult } from '../../drift/types.js';
import { DRIFT_METRIC_NAMES } from '../../metrics/drift-metrics.js';
import { metricKind, metricUnit } from './cells.js';
import { distributionFigure, type Figure, mixFigure, ratesFigure, timeSeriesFigures } from './chart-data.js';
import { chartJsSource } from './chart-library.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { escapeHtml as e, escapeInlineScript, jsonForScript, segmentAnchor } from './escape.js';
import {
  badge,
  driftSummary,
  figureHtml,
  gatesTable,
  provenanceSection,
  qualityNote,
  verdictBanner,
  verdictTable,
  windowsTable,
} from './sections.js';
import { STYLES } from './styles.js';
import type { HtmlRenderOptions, HtmlReportInput } from './types.js';

const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const CATALOGUE_ORDER = new Map<string, number>(DRIFT_METRIC_NAMES.map((name, index) => [name, index]));

/** Catalogue order first, then other names alphabetically. */
function byMetricOrder(a: string, b: string): number {
  const ia = CATALOGUE_ORDER.get(a) ?? Number.MAX_SAFE_INTEGER;
  const ib = CATALOGUE_ORDER.get(b) ?? Number.MAX_SAFE_INTEGER;
  return ia - ib || (a < b ? -1 : a > b ? 1 : 0);
}

/** Segments in report order, then any segment that only has chart data, alphabetically. */
function segmentOrder(input: HtmlReportInput): string[] {
  const ordered = [...new Set(input.report.metrics.map((row) => row.segment))];
  const known = new Set(ordered);
  const extra = new Set<string>();
  for (const key of [...Object.keys(input.distributions ?? {}), ...Object.keys(input.mixes ?? {})])
    if (!known.has(key)) extra.add(key);
  for (const point of input.timeSeries ?? [])
    if (!known.has(point.segment ?? 'all')) extra.add(point.segment ?? 'all');
  return [...ordered, ...[...extra].sort()];
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function segmentVerdict(rows: MetricResult[]): string {
  if (rows.some((row) => row.verdict === 'drift')) return 'drift';
  if (rows.some((row) => row.verdict === 'inconclusive')) return 'inconclusive';
  return rows.some((row) => row.verdict === 'pass') ? 'pass' : 'unavailable';
}

function figureGroup(heading: string, figures: Figure[]): string {
  if (figures.length === 0) return '';
  return `<h3>${e(heading)}</h3><div class="charts">${figures.map(figureHtml).join('\n')}</div>`;
}

function segmentFigures(input: HtmlReportInput, segment: string, anchor: string, rows: MetricResult[]) {
  const distributions = input.distributions?.[segment] ?? {};
  const numeric = Object.keys(distributions)
    .sort(byMetricOrder)
    .map((metric) =>
      distributionFigure(`${anchor}-dist-${slug(metric)}`, metric, metricUnit(metric), distributions[metric]),
    )
    .filter((figure): figure is Figure => figure !== null);
  const mixes = input.mixes?.[segment] ?? {};
  const categorical = Object.keys(mixes)
    .sort(byMetricOrder)
    .map((metric) => mixFigure(`${anchor}-mix-${slug(metric)}`, metric, mixes[metric]))
    .filter((figure): figure is Figure => figure !== null);
  const rates = ratesFigure(
    `${anchor}-rates`,
    rows
      .filter((row) => metricKind(row.metric) === 'rate')
      .map((row) => ({ metric: row.metric, baseline: row.baselineValue, current: row.currentValue })),
  );
  if (rates) categorical.push(rates);
  const points = (input.timeSeries ?? []).filter((point) => (point.segment ?? 'all') === segment);
  const overTime = timeSeriesFigures(`${anchor}-time`, points);
  return { numeric, categorical, overTime };
}

/**
 * Renders the drift report as one self-contained HTML document. Guarantees: no external resource is referenced
 * (a CSP meta tag also blocks any), the verdict tables read without JavaScript, all input text is escaped, and
 * no time or randomness enters the page except `provenance.generatedAt`. Throws only when Chart.js cannot be
 * found (pass `options.chartJsSource` then) or a binned distribution is malformed.
 */
export function renderHtmlReport(input: HtmlReportInput, options: HtmlRenderOptions = {}): string {
  const { report, provenance } = input;
  const title = input.title ?? 'Sightline drift report';
  const segments = segmentOrder(input);
  const anchors = new Map(segments.map((segment, index) => [segment, segmentAnchor(index)]));
  const charts: Figure['spec'][] = [];
  const sections = segments.map((segment) => {
    const anchor = anchors.get(segment) as string;
    const rows = report.metrics.filter((row) => row.segment === segment);
    const figures = segmentFigures(input, segment, anchor, rows);
    for (const figure of [...figures.numeric, ...figures.categorical, ...figures.overTime])
      charts.push(figure.spec);
    return `<section id="${anchor}" aria-labelledby="${anchor}-title">
<h2 id="${anchor}-title">Segment <code>${e(segment)}</code> ${badge(segmentVerdict(rows))}</h2>
${verdictTable(`Verdicts for ${segment}`, rows)}
${figureGroup('Distributions, baseline vs current', figures.numeric)}
${figureGroup('Mixes and rates', figures.categorical)}
${figureGroup('Over time', figures.overTime)}
</section>`;
  });
  const nav = segments
    .map((segment) => {
      const rows = report.metrics.filter((row) => row.segment === segment);
      return `<li><a href="#${anchors.get(segment)}"><code>${e(segment)}</code></a> ${badge(segmentVerdict(rows))}</li>`;
    })
    .join('\n');
  const data = { report, provenance, charts };
  const chartJs = options.chartJsSource ?? chartJsSource();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sightline ${e(provenance.versions.sightline)}">
<title>${e(title)}: ${e(report.verdict)}</title>
<style>${STYLES}</style>
</head>
<body>
<a class="skip-link" href="#verdicts">Skip to the verdicts</a>
<header>
<h1>${e(title)}</h1>
${verdictBanner(report)}
${windowsTable(report)}
${qualityNote(report)}
<p><span class="legend-key baseline" aria-hidden="true"></span>Baseline <span class="legend-key current" aria-hidden="true"></span>Current.
Drift means the Benjamini-Hochberg adjusted p-value is below alpha (${e(String(report.settings.alpha))}) <em>and</em> the effect reaches its practical threshold.</p>
<noscript><p class="noscript-note">Charts need JavaScript; every verdict, effect and interval is in the tables below.</p></noscript>
</header>
<nav aria-label="Segments"><h2>Segments</h2><ul>
${nav}
</ul></nav>
<main id="main">
<h2 id="verdicts">Drifted metrics</h2>
${driftSummary(report, anchors)}
${gatesTable(report.gates)}
${sections.join('\n')}
${provenanceSection(provenance, report.settings)}
</main>
<footer><p>Generated by sightline ${e(provenance.versions.sightline)} on Node ${e(provenance.versions.node)}${
    provenance.generatedAt ? ` at ${e(provenance.generatedAt)}` : ''
  }. This file is self-contained: it loads nothing from the network.</p></footer>
<script type="application/json" id="sightline-report-data">${jsonForScript(data)}</script>
<script>${escapeInlineScript(chartJs)}</script>
<script>${escapeInlineScript(CLIENT_SCRIPT)}</script>
</body>
</html>
`;
}
