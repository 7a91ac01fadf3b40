/**
 * Text reporter: the terminal summary. Colours only when asked (the CLI asks only on a TTY).
 */
import type { DriftReport, MetricResult, MetricVerdict } from '../drift/types.js';
import { METRIC_NAMES, type MetricName } from '../metrics/catalogue.js';
import type { MetricSummary } from '../summary/summarize.js';
import { formatChange, formatEffect, formatInterval, formatP, formatTime, formatValue } from './format.js';
import type { RenderOptions, Reporter, SummaryReport } from './reporter.js';
import { embedderLabel, unavailableInAll, visibleRows, windowLabel } from './rows.js';

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
type Style = keyof typeof CODES;

function painter(color: boolean) {
  return (style: Style, text: string) => (color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
}

const VERDICT_STYLE: Record<MetricVerdict | 'fail', Style> = {
  drift: 'red',
  fail: 'red',
  pass: 'green',
  inconclusive: 'yellow',
  unavailable: 'dim',
};

function rowLine(row: MetricResult, paint: ReturnType<typeof painter>): string {
  const verdict = paint(VERDICT_STYLE[row.verdict], row.verdict.toUpperCase().padEnd(12));
  const values = `${formatValue(row.metric, row.baselineValue)} -> ${formatValue(row.metric, row.currentValue)}`;
  const change =
    row.change !== null
      ? ` ${formatChange(row.metric, row.change)} ${formatInterval(row.metric, row.ci)}`
      : '';
  const stats =
    row.test === 'none'
      ? ''
      : `  effect ${formatEffect(row.effect)}/${row.effectThreshold}  adj.p ${formatP(row.adjustedPValue)}`;
  const reason = row.verdict === 'inconclusive' ? paint('dim', `  (${row.reason})`) : '';
  return `  ${verdict} ${row.metric.padEnd(20)} ${row.segment}\n${' '.repeat(15)}${values}${change}${stats}${reason}`;
}

/** `; the first N:` when fewer problems are listed than were skipped, so a reader knows the list is cut. */
function firstOf(read: { invalidLines: number; invalidSpans: number; problems: string[] }): string {
  const skipped = read.invalidLines + read.invalidSpans;
  if (read.problems.length === 0) return '';
  return read.problems.length < skipped ? `; the first ${read.problems.length}:` : ':';
}

function renderDrift(report: DriftReport, options: RenderOptions = {}): string {
  const paint = painter(options.color === true);
  const lines: string[] = [];
  const style = report.verdict === 'drift' ? 'red' : report.verdict === 'pass' ? 'green' : 'yellow';
  lines.push(`Sightline drift: ${paint('bold', paint(style, report.verdict.toUpperCase()))}`);
  for (const [name, info] of [
    ['baseline', report.baseline],
    ['current', report.current],
  ] as const) {
    lines.push(
      `  ${name.padEnd(9)} ${String(info.calls).padStart(7)} calls  ${windowLabel(info)}  ${formatTime(info.firstTime)} .. ${formatTime(info.lastTime)}`,
    );
    if (info.read && (info.read.invalidLines > 0 || info.read.invalidSpans > 0)) {
      lines.push(
        paint(
          'yellow',
          `            skipped ${info.read.invalidLines} malformed line(s), ${info.read.invalidSpans} invalid span(s)${firstOf(info.read)}`,
        ),
      );
      for (const problem of info.read.problems) lines.push(paint('yellow', `              ${problem}`));
    }
  }
  const c = report.counts;
  lines.push(
    `  ${c.drift} drift, ${c.inconclusive} inconclusive, ${c.pass} pass, ${c.unavailable} unavailable, ${c.gatesFailed} gate(s) failed`,
  );
  const embedder = embedderLabel(report);
  if (embedder) lines.push(`  embedder  ${embedder}`);
  if (report.judge) lines.push(`  judge     ${report.judge}`);
  lines.push('');
  for (const row of visibleRows(report)) lines.push(rowLine(row, paint));
  if (report.gates.length > 0) {
    lines.push('', 'Gates:');
    for (const gate of report.gates) {
      const verdict = paint(VERDICT_STYLE[gate.verdict], gate.verdict.toUpperCase().padEnd(12));
      const limit = `${gate.direction === 'increase' ? 'max +' : 'max -'}${formatChange(gate.metric, gate.limit).replace(/^\+/, '')}`;
      const detail =
        gate.estimate === null
          ? gate.reason
          : `estimate ${formatChange(gate.metric, gate.estimate)}, ${gate.boundSide} bound ${formatChange(gate.metric, gate.bound)}`;
      lines.push(`  ${verdict} ${gate.metric} ${gate.statistic}  ${gate.segment}  ${limit}  ${detail}`);
    }
  }
  const unavailable = unavailableInAll(report);
  if (unavailable.length > 0) {
    lines.push('', paint('dim', 'Unavailable:'));
    for (const row of unavailable) lines.push(paint('dim', `  ${row.metric}: ${row.reason}`));
  }
  return `${lines.join('\n')}\n`;
}

function metricLine(name: MetricName, metric: MetricSummary): string {
  if (!metric.available) return `    ${name.padEnd(20)} unavailable: ${metric.note}`;
  let body: string;
  if (metric.kind === 'numeric') {
    const q = (label: string, e: { value: number; ci?: [number, number] }) =>
      `${label} ${formatValue(name, e.value)}${e.ci ? ` [${formatValue(name, e.ci[0])}, ${formatValue(name, e.ci[1])}]` : ''}`;
    body = `n ${metric.count}  mean ${formatValue(name, metric.mean)}  ${q('p50', metric.p50)}  ${q('p95', metric.p95)}  ${q('p99', metric.p99)}`;
    if (name === 'cost' || name.endsWith('_tokens')) body += `  total ${formatValue(name, metric.total)}`;
  } else if (metric.kind === 'rate') {
    const ci = metric.rate.ci
      ? ` [${formatValue(name, metric.rate.ci[0])}, ${formatValue(name, metric.rate.ci[1])}]`
      : '';
    body = `${formatValue(name, metric.rate.value)}${ci}  (${metric.numerator}/${metric.denominator})`;
  } else {
    body = Object.entries(metric.counts)
      .map(([key, count]) => `${key} ${((count / metric.total) * 100).toFixed(1)}%`)
      .join(', ');
  }
  return `    ${name.padEnd(20)} ${body}${metric.note ? `  (${metric.note})` : ''}`;
}

function renderSummary({ info, summary }: SummaryReport, options: RenderOptions = {}): string {
  const paint = painter(options.color === true);
  const lines = [
    `${paint('bold', 'Sightline summary')}: ${summary.calls} calls, ${summary.steps} chain steps  ${windowLabel(info)}  ${formatTime(summary.firstTime)} .. ${formatTime(summary.lastTime)}`,
  ];
  if (info.read && (info.read.invalidLines > 0 || info.read.invalidSpans > 0 || info.read.duplicates > 0)) {
    lines.push(
      `  read ${info.read.files} file(s), ${info.read.spans} spans; skipped ${info.read.duplicates} duplicate(s), ${info.read.invalidLines} malformed line(s), ${info.read.invalidSpans} invalid span(s)${firstOf(info.read)}`,
    );
    for (const problem of info.read.problems) lines.push(`    ${problem}`);
  }
  for (const segment of summary.segments) {
    lines.push('', `  ${paint('bold', segment.segment)}  ${segment.calls} calls`);
    for (const name of METRIC_NAMES) {
      const metric = segment.metrics[name];
      if (metric) lines.push(metricLine(name, metric));
    }
  }
  return `${lines.join('\n')}\n`;
}

export const textReporter: Reporter = {
  format: 'text',
  renderDrift,
  renderSummary,
};
