/**
 * HTML fragments of the page that need no JavaScript: verdict banner, windows, verdict tables, gates and
 * provenance. Every piece of text from the input passes through `escapeHtml`.
 */
import type { DriftReport, GateOutcome, MetricResult, WindowInfo } from '../../drift/types.js';
import { formatTime } from '../format.js';
import { embedderLabel } from '../rows.js';
import {
  changeText,
  ciText,
  effectText,
  pText,
  shortTestText,
  statisticText,
  VERDICT_SYMBOLS,
  valueText,
} from './cells.js';
import type { Figure } from './chart-data.js';
import { escapeHtml as e } from './escape.js';
import type { Provenance } from './types.js';

/** A verdict badge: symbol + word, coloured by class. */
export function badge(verdict: string): string {
  return `<span class="badge verdict-${e(verdict)}">${VERDICT_SYMBOLS[verdict] ?? ''} ${e(verdict)}</span>`;
}

/** The run verdict with counts. */
export function verdictBanner(report: DriftReport): string {
  const c = report.counts;
  const items = [
    `${c.drift} drift`,
    `${c.pass} pass`,
    `${c.inconclusive} inconclusive`,
    `${c.unavailable} unavailable`,
    `${c.gatesFailed} gate${c.gatesFailed === 1 ? '' : 's'} failed`,
  ];
  return `<section class="verdict-banner verdict-${e(report.verdict)}" aria-label="Run verdict">
<p class="headline">Verdict: ${badge(report.verdict)}</p>
<ul class="counts">${items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>
</section>`;
}

function windowCells(info: WindowInfo): string[] {
  const range =
    info.firstTime || info.lastTime ? `${formatTime(info.firstTime)} .. ${formatTime(info.lastTime)}` : '-';
  const filter = info.window
    ? `${info.window.spec} (${info.window.from ? formatTime(info.window.from) : '…'} .. ${info.window.to ? formatTime(info.window.to) : '…'})`
    : '-';
  const read = info.read
    ? `${info.read.files} files, ${info.read.spans} spans, ${info.read.duplicates} duplicates, ${info.read.invalidLines + info.read.invalidSpans} invalid`
    : '-';
  return [info.source ?? '-', filter, range, String(info.calls), String(info.steps), read];
}

/** Which embedder (labelled lexical when it is) and judge the quality metrics used; empty when none. */
export function qualityNote(report: DriftReport): string {
  const embedder = embedderLabel(report);
  const parts = [
    ...(embedder ? [`Semantic metrics embedder: <code>${e(embedder)}</code>`] : []),
    ...(report.judge ? [`LLM judge: <code>${e(report.judge)}</code>`] : []),
  ];
  return parts.length ? `<p class="quality-note">${parts.join('. ')}.</p>` : '';
}

/** Baseline and current windows side by side. */
export function windowsTable(report: DriftReport): string {
  const head = ['Window', 'Sources', 'Time filter', 'Records from .. to', 'Calls', 'Steps', 'Read'];
  const row = (name: string, role: string, info: WindowInfo) => {
    const cells = windowCells(info);
    return `<tr><th scope="row" class="nowrap"><span class="legend-key ${role}" aria-hidden="true"></span>${name}</th>${cells
      .map((cell, i) => `<td${i === 3 || i === 4 ? ' class="num"' : ''}>${e(cell)}</td>`)
      .join('')}</tr>`;
  };
  const problems = [...(report.baseline.read?.problems ?? []), ...(report.current.read?.problems ?? [])];
  return `<div class="table-wrap"><table>
<caption>Compared windows</caption>
<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${row('Baseline', 'baseline', report.baseline)}${row('Current', 'current', report.current)}</tbody>
</table></div>${problems.length ? `<ul class="reason">${problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul>` : ''}`;
}

const VERDICT_COLUMNS = [
  'Metric',
  'Verdict',
  'Test',
  'p (adjusted)',
  'Effect vs threshold',
  'Change [CI]',
  'Baseline → current',
  'n',
  'Why',
];
const NUMERIC_COLUMNS = new Set([3, 4, 5, 6, 7]);

/** Two short lines in one cell: the main figure and a muted detail. */
function twoLines(main: string, detail: string): string {
  return detail ? `${e(main)}<br><span class="detail">${e(detail)}</span>` : e(main);
}

function verdictRow(row: MetricResult): string {
  const values =
    row.baselineValue === null && row.currentValue === null
      ? '-'
      : twoLines(valueText(row.metric, row.baselineValue), `→ ${valueText(row.metric, row.currentValue)}`);
  const cells = [
    `<td class="nowrap">${twoLines(shortTestText(row.test), row.statistic === null ? '' : statisticText(row).replace(/ = /, '='))}</td>`,
    `<td class="num">${row.pValue === null ? '-' : twoLines(pText(row.pValue), `adj. ${pText(row.adjustedPValue)}`)}</td>`,
    `<td class="num">${e(effectText(row))}</td>`,
    `<td class="num">${twoLines(changeText(row.metric, row.change), row.ci ? ciText(row.metric, row.ci) : '')}</td>`,
    `<td class="num">${values}</td>`,
    `<td class="num">${twoLines(String(row.nBaseline), String(row.nCurrent))}</td>`,
  ];
  return `<tr class="row-${e(row.verdict)}"><th scope="row">${e(row.metric)}</th><td>${badge(row.verdict)}</td>${cells.join(
    '',
  )}<td class="reason">${e(row.reason)}</td></tr>`;
}

/** Every metric of one segment: verdict, test, p-values, effect vs threshold, change and its CI. */
export function verdictTable(caption: string, rows: MetricResult[]): string {
  if (rows.length === 0) return '<p>No metrics were compared in this segment.</p>';
  return `<div class="table-wrap"><table class="verdicts">
<caption>${e(caption)}</caption>
<thead><tr>${VERDICT_COLUMNS.map((h, i) => `<th scope="col"${NUMERIC_COLUMNS.has(i) ? ' class="num"' : ''}>${h}</th>`).join('')}</tr></thead>
<tbody>${rows.map(verdictRow).join('\n')}</tbody>
</table></div>`;
}

/** The drifted metrics of every segment at a glance, linking to their segments. */
export function driftSummary(report: DriftReport, anchors: Map<string, string>): string {
  const drifted = report.metrics.filter((row) => row.verdict === 'drift');
  if (drifted.length === 0) return '<p>No metric drifted.</p>';
  const items = drifted.map(
    (row) =>
      `<li><a href="#${anchors.get(row.segment) ?? ''}"><code>${e(row.segment)}</code></a>: <strong>${e(row.metric)}</strong> ${e(
        row.change === null ? 'changed' : changeText(row.metric, row.change),
      )} (effect ${e(effectText(row))}, adjusted p ${e(pText(row.adjustedPValue))})</li>`,
  );
  return `<ul>${items.join('\n')}</ul>`;
}

function gateRow(gate: GateOutcome): string {
  const cells = [
    `${gate.statistic} ${gate.direction}`,
    changeText(gate.metric, gate.limit),
    changeText(gate.metric, gate.estimate),
    gate.bound === null ? '-' : `${gate.boundSide} ${changeText(gate.metric, gate.bound)}`,
    ciText(gate.metric, gate.ci),
    `${gate.nBaseline} / ${gate.nCurrent}`,
  ];
  return `<tr class="row-${gate.verdict === 'fail' ? 'drift' : e(gate.verdict)}"><th scope="row">${e(gate.metric)}</th><td><code>${e(
    gate.segment,
  )}</code></td><td>${badge(gate.verdict)}</td>${cells.map((cell) => `<td>${e(cell)}</td>`).join('')}<td class="reason">${e(gate.reason)}</td></tr>`;
}

/** Configured gates (empty string when none). */
export function gatesTable(gates: GateOutcome[]): string {
  if (gates.length === 0) return '';
  const head = [
    'Metric',
    'Segment',
    'Verdict',
    'Gate',
    'Limit',
    'Estimate',
    'Bound',
    'CI',
    'n baseline / current',
    'Why',
  ];
  return `<h2 id="gates">Gates</h2><div class="table-wrap"><table>
<caption>Configured gates (one-sided bounds against allowed changes)</caption>
<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${gates.map(gateRow).join('\n')}</tbody></table></div>`;
}

/** One chart: canvas with a text fallback, heading and notes (the notes also print). */
export function figureHtml(figure: Figure): string {
  const id = figure.spec.id;
  const notes = figure.summary.map((line) => `<li>${e(line)}</li>`).join('');
  return `<figure><figcaption id="${id}-title">${e(figure.title)}</figcaption>
<div class="chart-box"><canvas id="${id}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-notes">${e(
    figure.summary.join('; '),
  )}</canvas></div>
<ul class="chart-notes" id="${id}-notes">${notes}</ul></figure>`;
}

/** The run's inputs, hashes, command, seed, versions, settings and configuration. */
export function provenanceSection(provenance: Provenance, settings: DriftReport['settings']): string {
  const inputs = provenance.inputs.length
    ? `<div class="table-wrap"><table><caption>Input files</caption>
<thead><tr><th scope="col">Path</th><th scope="col">Window</th><th scope="col" class="num">Bytes</th><th scope="col">SHA-256</th></tr></thead>
<tbody>${provenance.inputs
        .map(
          (input) =>
            `<tr><td><code>${e(input.path)}</code></td><td>${e(input.window ?? '-')}</td><td class="num">${input.bytes}</td><td><code>${e(
              input.sha256,
            )}</code></td></tr>`,
        )
        .join('\n')}</tbody></table></div>`
    : '<p>No input files recorded.</p>';
  const facts: [string, string][] = [
    ['Seed', String(provenance.seed)],
    ['Alpha', String(settings.alpha)],
    ['Confidence', String(settings.confidence)],
    ['Minimum samples', String(settings.minSamples)],
    ['Segmented by', settings.segmentBy.join(', ') || '-'],
    ...Object.keys(provenance.versions)
      .sort()
      .map((name): [string, string] => [`Version: ${name}`, provenance.versions[name]]),
    ...(provenance.generatedAt ? [['Generated at', provenance.generatedAt] as [string, string]] : []),
  ];
  const config = JSON.stringify(provenance.config ?? null, null, 2) ?? 'null';
  return `<h2 id="provenance">Provenance</h2>
<h3>Command</h3><pre><code>${e(provenance.command)}</code></pre>
${inputs}
<div class="table-wrap"><table><caption>Run settings and versions</caption><tbody>${facts
    .map(([name, value]) => `<tr><th scope="row">${e(name)}</th><td>${e(value)}</td></tr>`)
    .join('')}</tbody></table></div>
<h3>Configuration</h3><pre><code>${e(config)}</code></pre>`;
}
