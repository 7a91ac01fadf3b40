/**
 * `renderJUnitReport(report)`: the drift report as JUnit XML, so any CI shows drift as failed tests. One test
 * case per metric x segment (classname = segment, name = metric): drift is a `<failure>` whose message has
 * the statistic, p-values, effect vs threshold and CI; inconclusive and unavailable are `<skipped>` with the
 * reason; pass is a passing case with the same numbers in `<system-out>`. Gates form a second suite.
 */
import type { DriftReport, GateOutcome, MetricResult } from '../../drift/types.js';
import { changeText, ciText, effectText, pText, statisticText, testText, valueText } from '../html/cells.js';
import { embedderLabel } from '../rows.js';
import { attributes, xmlAttribute, xmlText } from './xml.js';

/** Options of `renderJUnitReport`. */
export interface JUnitOptions {
  /** Name of the test suites element and the metric suite. Default `sightline drift`. */
  suiteName?: string;
  /** ISO timestamp for the suites (omitted by default, so output is deterministic). */
  timestamp?: string;
}

interface Case {
  name: string;
  classname: string;
  outcome:
    | { kind: 'failure'; message: string; type: string; details: string }
    | { kind: 'skipped'; message: string }
    | { kind: 'pass'; output: string };
}

/** One line with every number that decided the verdict. */
export function metricSummary(row: MetricResult, alpha: number, confidence: number): string {
  const parts = [
    row.statistic === null ? testText(row.test) : `${testText(row.test)} ${statisticText(row)}`,
    `p ${pText(row.pValue)}`,
    `adjusted p ${pText(row.adjustedPValue)} (alpha ${alpha})`,
    `effect ${effectText(row, true)}`,
    `change ${changeText(row.metric, row.change)}${row.ci ? `, ${Math.round(confidence * 100)}% CI ${ciText(row.metric, row.ci)}` : ''}`,
    `baseline ${valueText(row.metric, row.baselineValue)} -> current ${valueText(row.metric, row.currentValue)}`,
    `n ${row.nBaseline} / ${row.nCurrent}`,
  ];
  return parts.join('; ');
}

function metricCase(row: MetricResult, report: DriftReport): Case {
  const { alpha, confidence } = report.settings;
  const summary = metricSummary(row, alpha, confidence);
  const base = { name: row.metric, classname: row.segment };
  switch (row.verdict) {
    case 'drift':
      return {
        ...base,
        outcome: {
          kind: 'failure',
          type: 'drift',
          message: `${row.metric} drifted: ${summary}`,
          details: `${summary}\nreason: ${row.reason}`,
        },
      };
    case 'pass':
      return { ...base, outcome: { kind: 'pass', output: `pass: ${summary}\nreason: ${row.reason}` } };
    default:
      return {
        ...base,
        outcome: { kind: 'skipped', message: `${row.verdict}: ${row.reason || 'no reason given'}` },
      };
  }
}

function gateCase(gate: GateOutcome): Case {
  const name = `gate ${gate.metric} ${gate.statistic} ${gate.direction} limit ${changeText(gate.metric, gate.limit)}`;
  const bound = gate.bound === null ? '-' : `${gate.boundSide} bound ${changeText(gate.metric, gate.bound)}`;
  const summary = `estimate ${changeText(gate.metric, gate.estimate)}; ${bound}; CI ${ciText(gate.metric, gate.ci)}; n ${gate.nBaseline} / ${gate.nCurrent}`;
  const base = { name, classname: gate.segment };
  if (gate.verdict === 'fail') {
    return {
      ...base,
      outcome: {
        kind: 'failure',
        type: 'gate',
        message: `${name} failed: ${gate.reason}; ${summary}`,
        details: `${summary}\nreason: ${gate.reason}`,
      },
    };
  }
  if (gate.verdict === 'inconclusive')
    return { ...base, outcome: { kind: 'skipped', message: `inconclusive: ${gate.reason}` } };
  return { ...base, outcome: { kind: 'pass', output: `pass: ${summary}\nreason: ${gate.reason}` } };
}

function caseXml(testCase: Case): string {
  const open = `    <testcase${attributes([
    ['name', testCase.name],
    ['classname', testCase.classname],
    ['time', '0'],
  ])}`;
  const { outcome } = testCase;
  if (outcome.kind === 'failure') {
    return `${open}>\n      <failure message="${xmlAttribute(outcome.message)}" type="${xmlAttribute(outcome.type)}">${xmlText(outcome.details)}</failure>\n    </testcase>`;
  }
  if (outcome.kind === 'skipped')
    return `${open}>\n      <skipped message="${xmlAttribute(outcome.message)}"/>\n    </testcase>`;
  return `${open}>\n      <system-out>${xmlText(outcome.output)}</system-out>\n    </testcase>`;
}

function counts(cases: Case[]) {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome.kind === 'failure').length,
    skipped: cases.filter((c) => c.outcome.kind === 'skipped').length,
  };
}

function suiteXml(
  name: string,
  cases: Case[],
  properties: [string, string][],
  timestamp: string | undefined,
): string {
  const c = counts(cases);
  const head = `  <testsuite${attributes([
    ['name', name],
    ['tests', c.tests],
    ['failures', c.failures],
    ['errors', 0],
    ['skipped', c.skipped],
    ['time', '0'],
    ...(timestamp ? ([['timestamp', timestamp]] as [string, string][]) : []),
  ])}>`;
  const props = properties.length
    ? `\n    <properties>\n${properties
        .map(
          ([key, value]) =>
            `      <property${attributes([
              ['name', key],
              ['value', value],
            ])}/>`,
        )
        .join('\n')}\n    </properties>`
    : '';
  const body = cases.map(caseXml).join('\n');
  return `${head}${props}${body ? `\n${body}` : ''}\n  </testsuite>`;
}

/**
 * Renders the drift report as JUnit XML (UTF-8, XML 1.0). Guarantees: well-formed for any input text
 * (escaped, forbidden characters made visible), counts match the cases, `errors` is always 0, `time` is 0
 * (the comparison is not a timed test), and the same report gives byte-identical output.
 */
export function renderJUnitReport(report: DriftReport, options: JUnitOptions = {}): string {
  const name = options.suiteName ?? 'sightline drift';
  const metricCases = report.metrics.map((row) => metricCase(row, report));
  const gateCases = report.gates.map(gateCase);
  const properties: [string, string][] = [
    ['verdict', report.verdict],
    ['alpha', String(report.settings.alpha)],
    ['confidence', String(report.settings.confidence)],
    ['seed', String(report.settings.seed)],
    ['segmentBy', report.settings.segmentBy.join(',')],
    ['baseline.calls', String(report.baseline.calls)],
    ['current.calls', String(report.current.calls)],
    ...(report.baseline.source ? ([['baseline.source', report.baseline.source]] as [string, string][]) : []),
    ...(report.current.source ? ([['current.source', report.current.source]] as [string, string][]) : []),
    ...(report.embedder
      ? ([
          ['embedder.id', report.embedder.id],
          ['embedder.kind', report.embedder.kind],
          ['embedder', embedderLabel(report) ?? ''],
        ] as [string, string][])
      : []),
    ...(report.judge ? ([['judge', report.judge]] as [string, string][]) : []),
  ];
  const suites = [suiteXml(name, metricCases, properties, options.timestamp)];
  if (gateCases.length) suites.push(suiteXml(`${name} gates`, gateCases, [], options.timestamp));
  const all = counts([...metricCases, ...gateCases]);
  const root = `<testsuites${attributes([
    ['name', name],
    ['tests', all.tests],
    ['failures', all.failures],
    ['errors', 0],
    ['skipped', all.skipped],
    ['time', '0'],
    ...(options.timestamp ? ([['timestamp', options.timestamp]] as [string, string][]) : []),
  ])}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${suites.join('\n')}\n</testsuites>\n`;
}
