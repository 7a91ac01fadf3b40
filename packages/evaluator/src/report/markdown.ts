/**
 * Markdown reporter: a compact table fit for a pull-request comment. Shows drifted, inconclusive and headline
 * (`all` segment) metrics, failed or inconclusive gates, and one line for what was unavailable.
 */
import type { DriftReport } from '../drift/types.js';
import { METRIC_NAMES, METRICS } from '../metrics/catalogue.js';
import type { MetricSummary } from '../summary/summarize.js';
import { formatChange, formatEffect, formatInterval, formatP, formatTime, formatValue } from './format.js';
import type { Reporter, SummaryReport } from './reporter.js';
import { embedderLabel, unavailableInAll, visibleRows, windowLabel } from './rows.js';

const ICON = {
  drift: '🔴 drift',
  pass: '🟢 pass',
  inconclusive: '🟡 inconclusive',
  unavailable: '⚪ unavailable',
};
const GATE_ICON = { fail: '🔴 fail', pass: '🟢 pass', inconclusive: '🟡 inconclusive' };

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function renderDrift(report: DriftReport): string {
  const lines: string[] = [];
  lines.push(`### Sightline drift: ${ICON[report.verdict]}`, '');
  lines.push(
    `Baseline: ${report.baseline.calls} calls (${cell(windowLabel(report.baseline))}, ${formatTime(report.baseline.firstTime)} .. ${formatTime(report.baseline.lastTime)}) · ` +
      `Current: ${report.current.calls} calls (${cell(windowLabel(report.current))}, ${formatTime(report.current.firstTime)} .. ${formatTime(report.current.lastTime)})`,
    '',
  );
  const c = report.counts;
  lines.push(
    `${c.drift} drift · ${c.inconclusive} inconclusive · ${c.pass} pass · ${c.unavailable} unavailable · ${c.gatesFailed} gate(s) failed`,
    '',
  );
  const embedder = embedderLabel(report);
  if (embedder) lines.push(`Embedder: \`${cell(embedder)}\``, '');
  if (report.judge) lines.push(`Judge: \`${cell(report.judge)}\``, '');
  const rows = visibleRows(report);
  if (rows.length > 0) {
    lines.push('| metric | segment | baseline | current | change | CI | effect | adj. p | verdict |');
    lines.push('|---|---|---:|---:|---:|---|---:|---:|---|');
    for (const row of rows) {
      lines.push(
        `| ${row.metric} | ${cell(row.segment)} | ${formatValue(row.metric, row.baselineValue)} | ${formatValue(row.metric, row.currentValue)} | ` +
          `${formatChange(row.metric, row.change)} | ${formatInterval(row.metric, row.ci)} | ${formatEffect(row.effect)} / ${row.effectThreshold} | ` +
          `${formatP(row.adjustedPValue)} | ${ICON[row.verdict]} |`,
      );
    }
    lines.push('');
  }
  if (report.gates.length > 0) {
    lines.push('| gate | segment | limit | estimate | bound | verdict |', '|---|---|---:|---:|---:|---|');
    for (const gate of report.gates) {
      const limit = `${gate.direction === 'increase' ? '≤ +' : '≥ -'}${formatChange(gate.metric, gate.limit).replace(/^\+/, '')}`;
      lines.push(
        `| ${gate.metric} ${gate.statistic} | ${cell(gate.segment)} | ${limit} | ${formatChange(gate.metric, gate.estimate)} | ` +
          `${gate.boundSide} ${formatChange(gate.metric, gate.bound)} | ${GATE_ICON[gate.verdict]} |`,
      );
    }
    lines.push('');
  }
  const unavailable = unavailableInAll(report);
  if (unavailable.length > 0) {
    lines.push(`<details><summary>Unavailable metrics (${unavailable.length})</summary>`, '');
    for (const row of unavailable) lines.push(`- ${row.metric}: ${row.reason}`);
    lines.push('', '</details>', '');
  }
  return `${lines.join('\n')}`;
}

function headline(name: string, metric: MetricSummary | undefined): string {
  if (!metric) return '-';
  if (!metric.available) return 'n/a';
  const key = name as (typeof METRIC_NAMES)[number];
  if (metric.kind === 'numeric')
    return `${formatValue(key, metric.mean)} (p95 ${formatValue(key, metric.p95.value)})`;
  if (metric.kind === 'rate') return formatValue(key, metric.rate.value);
  return Object.entries(metric.counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

function renderSummary({ info, summary }: SummaryReport): string {
  const lines = [`### Sightline summary: ${summary.calls} calls`, ''];
  lines.push(
    `${cell(windowLabel(info))}, ${formatTime(summary.firstTime)} .. ${formatTime(summary.lastTime)}`,
    '',
  );
  const shown = METRIC_NAMES.filter((name) => METRICS[name].scope === 'call' && name !== 'reasoning_tokens');
  lines.push(`| segment | calls | ${shown.join(' | ')} |`, `|---|---:|${shown.map(() => '---').join('|')}|`);
  for (const segment of summary.segments) {
    lines.push(
      `| ${cell(segment.segment)} | ${segment.calls} | ${shown.map((name) => cell(headline(name, segment.metrics[name]))).join(' | ')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export const markdownReporter: Reporter = {
  format: 'md',
  renderDrift,
  renderSummary,
};
