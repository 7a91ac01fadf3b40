import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../../drift/types.js';
import { fixtureReport, SEGMENT_ALL, SEGMENT_ANTHROPIC } from '../html/report-fixture.js';
import { renderJUnitReport } from './index.js';
import { parseStrictXml, type XmlElement } from './strict-xml.js';

const COUNT = /^(0|[1-9][0-9]*)$/;
const TIME = /^[0-9]+(\.[0-9]+)?$/;

function requireAttributes(element: XmlElement, names: string[], pattern?: Record<string, RegExp>): void {
  for (const name of names) {
    expect(element.attributes, `<${element.name}> lacks ${name}`).toHaveProperty(name);
    const check = pattern?.[name];
    if (check) expect(element.attributes[name], `<${element.name} ${name}>`).toMatch(check);
  }
}

/** Checks the common JUnit XML shape (the subset CI systems agree on) and that every count adds up. */
function validateJUnit(xml: string): XmlElement {
  const root = parseStrictXml(xml);
  expect(root.name).toBe('testsuites');
  const counts = { tests: COUNT, failures: COUNT, errors: COUNT, skipped: COUNT, time: TIME };
  requireAttributes(root, ['tests', 'failures', 'errors', 'skipped', 'time'], counts);
  const totals = { tests: 0, failures: 0, skipped: 0 };
  for (const suite of root.children) {
    expect(suite.name).toBe('testsuite');
    requireAttributes(suite, ['name', 'tests', 'failures', 'errors', 'skipped', 'time'], counts);
    const cases = suite.children.filter((child) => child.name === 'testcase');
    const others = suite.children.filter((child) => child.name !== 'testcase');
    expect(others.map((child) => child.name).every((name) => name === 'properties')).toBe(true);
    for (const property of others.flatMap((child) => child.children)) {
      expect(property.name).toBe('property');
      requireAttributes(property, ['name', 'value']);
    }
    let failures = 0;
    let skipped = 0;
    for (const testCase of cases) {
      requireAttributes(testCase, ['name', 'classname', 'time'], { time: TIME });
      const kinds = testCase.children.map((child) => child.name);
      expect(kinds.every((kind) => ['failure', 'skipped', 'system-out'].includes(kind))).toBe(true);
      expect(kinds.filter((kind) => kind === 'failure' || kind === 'skipped').length).toBeLessThanOrEqual(1);
      for (const child of testCase.children) {
        if (child.name === 'failure') requireAttributes(child, ['message', 'type']);
        if (child.name === 'skipped') requireAttributes(child, ['message']);
      }
      if (kinds.includes('failure')) failures++;
      if (kinds.includes('skipped')) skipped++;
    }
    expect(Number(suite.attributes.tests)).toBe(cases.length);
    expect(Number(suite.attributes.failures)).toBe(failures);
    expect(Number(suite.attributes.skipped)).toBe(skipped);
    expect(suite.attributes.errors).toBe('0');
    totals.tests += cases.length;
    totals.failures += failures;
    totals.skipped += skipped;
  }
  expect(Number(root.attributes.tests)).toBe(totals.tests);
  expect(Number(root.attributes.failures)).toBe(totals.failures);
  expect(Number(root.attributes.skipped)).toBe(totals.skipped);
  return root;
}

function cases(root: XmlElement): XmlElement[] {
  return root.children.flatMap((suite) => suite.children.filter((child) => child.name === 'testcase'));
}

function find(root: XmlElement, classname: string, name: string): XmlElement {
  const found = cases(root).find((c) => c.attributes.classname === classname && c.attributes.name === name);
  if (!found) throw new Error(`no testcase ${classname} / ${name}`);
  return found;
}

describe('renderJUnitReport', () => {
  it('is well-formed JUnit XML with one case per metric x segment and counts that add up', () => {
    const report = fixtureReport();
    const root = validateJUnit(renderJUnitReport(report));
    expect(root.children.map((suite) => suite.attributes.name)).toEqual([
      'sightline drift',
      'sightline drift gates',
    ]);
    const metricCases = root.children[0].children.filter((child) => child.name === 'testcase');
    expect(metricCases.map((c) => `${c.attributes.classname}/${c.attributes.name}`)).toEqual(
      report.metrics.map((row) => `${row.segment}/${row.metric}`),
    );
    const drift = report.metrics.filter((row) => row.verdict === 'drift').length;
    const skipped = report.metrics.filter(
      (row) => row.verdict === 'inconclusive' || row.verdict === 'unavailable',
    ).length;
    expect(root.children[0].attributes).toMatchObject({
      tests: String(report.metrics.length),
      failures: String(drift),
      skipped: String(skipped),
    });
    expect(root.attributes).toMatchObject({ failures: String(drift + 1), errors: '0', time: '0' });
  });

  it('puts the statistic, p-values, effect vs threshold and CI into the failure message', () => {
    const root = validateJUnit(renderJUnitReport(fixtureReport()));
    const failure = find(root, SEGMENT_ALL, 'latency').children[0];
    expect(failure.name).toBe('failure');
    expect(failure.attributes.type).toBe('drift');
    expect(failure.attributes.message).toBe(
      'latency drifted: KS D = 0.31; p <1e-12; adjusted p <1e-12 (alpha 0.05); effect 0.42 ≥ threshold 0.1; change +22.5%, 95% CI [+18.0%, +27.0%]; baseline 742 ms -> current 909 ms; n 1200 / 1150',
    );
    expect(failure.text).toContain('reason: adjusted p 2.9e-39 < 0.05');
    const rate = find(root, SEGMENT_ALL, 'error_rate').children[0];
    expect(rate.attributes.message).toContain('two-proportion test z = 4.1; p 0.000041; adjusted p 0.00016');
    expect(rate.attributes.message).toContain(
      'effect 0.021 ≥ threshold 0.01; change +2.10 pp, 95% CI [+1.10 pp, +3.10 pp]',
    );
  });

  it('skips inconclusive and unavailable metrics with the reason, and passes the rest', () => {
    const root = validateJUnit(renderJUnitReport(fixtureReport()));
    const inconclusive = find(root, SEGMENT_ANTHROPIC, 'latency').children;
    expect(inconclusive.map((c) => [c.name, c.attributes.message])).toEqual([
      ['skipped', 'inconclusive: too few samples (baseline 300, current 24; need 30 each)'],
    ]);
    expect(find(root, SEGMENT_ALL, 'workflow_duration').children[0].attributes.message).toBe(
      'unavailable: both windows: no workflow spans',
    );
    const pass = find(root, SEGMENT_ALL, 'ttft').children;
    expect(pass.map((c) => c.name)).toEqual(['system-out']);
    expect(pass[0].text).toMatch(/^pass: KS D = 0.04; p 0.31/);
    const gate = find(root, SEGMENT_ALL, 'gate cost mean increase limit +5.0%').children[0];
    expect(gate.attributes).toMatchObject({ type: 'gate' });
    expect(gate.attributes.message).toContain('lower bound +11.0% exceeds the allowed +5.0%');
  });

  it('stays well-formed for hostile text and keeps it readable', () => {
    const report: DriftReport = fixtureReport();
    const hostile =
      'a<b>&"quote"\'apos\' ]]> tab\there\nline2\r\u0000\u0001\u001f\ufffe\ud800 ok \ud83d\ude00';
    report.metrics[0].segment = hostile;
    report.metrics[0].reason = hostile;
    report.metrics[1].reason = hostile;
    report.metrics.find((row) => row.verdict === 'inconclusive')!.reason = hostile;
    const root = validateJUnit(renderJUnitReport(report));
    const testCase = cases(root)[0];
    const readable =
      'a<b>&"quote"\'apos\' ]]> tab\there\nline2\r\\u0000\\u0001\\u001F\\uFFFE\\uD800 ok \ud83d\ude00';
    expect(testCase.attributes.classname).toBe(readable);
    expect(testCase.children[0].text).toContain(`reason: ${readable}`);
    const skipped = cases(root).find(
      (c) => c.children[0]?.name === 'skipped' && c.children[0].attributes.message.includes('quote'),
    );
    expect(skipped?.children[0].attributes.message).toBe(`inconclusive: ${readable}`);
  });

  it('is deterministic, with a timestamp only when asked', () => {
    const xml = renderJUnitReport(fixtureReport());
    expect(renderJUnitReport(fixtureReport())).toBe(xml);
    expect(xml).not.toContain('timestamp=');
    const stamped = validateJUnit(
      renderJUnitReport(fixtureReport(), { timestamp: '2025-06-15T06:00:00Z', suiteName: 'drift <nightly>' }),
    );
    expect(stamped.attributes).toMatchObject({ name: 'drift <nightly>', timestamp: '2025-06-15T06:00:00Z' });
  });

  it('renders an empty run as an empty, valid suite', () => {
    const report = { ...fixtureReport(), metrics: [], gates: [] };
    const root = validateJUnit(renderJUnitReport(report));
    expect(root.children).toHaveLength(1);
    expect(root.attributes).toMatchObject({ tests: '0', failures: '0', skipped: '0' });
  });
});

describe('parseStrictXml (the validator itself)', () => {
  it.each([
    ['a bare ampersand', '<a>&</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a forbidden character reference', '<a>&#1;</a>'],
    ['a raw control character', '<a>\u0001</a>'],
    ['a raw < in an attribute', '<a b="<"/>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a><b/>'],
    ['duplicate attributes', '<a b="1" b="2"/>'],
    ['two roots', '<a/><b/>'],
    ['an unquoted attribute', '<a b=1/>'],
  ])('rejects %s', (_, xml) => {
    expect(() => parseStrictXml(xml)).toThrow(/XML error at line 1/);
  });

  it('accepts and decodes valid XML', () => {
    const root = parseStrictXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a x="&lt;&#10;&#x9;&quot;"><b/>t&amp;u</a>',
    );
    expect(root).toEqual({
      name: 'a',
      attributes: { x: '<\n\t"' },
      children: [{ name: 'b', attributes: {}, children: [], text: '' }],
      text: 't&u',
    });
  });
});
