import { describe, expect, it, vi } from 'vitest';
import { escapeInlineScript, jsonForScript } from './escape.js';
import { renderHtmlReport } from './index.js';
import { fixtureInput, SEGMENT_ALL, SEGMENT_ANTHROPIC, SEGMENT_OPENAI } from './report-fixture.js';
import type { HtmlReportInput } from './types.js';

function embeddedData(html: string): { report: HtmlReportInput['report']; charts: { id: string }[] } {
  const match = /<script type="application\/json" id="sightline-report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no data block');
  return JSON.parse(match[1]);
}

describe('renderHtmlReport', () => {
  it('is deterministic and has no time unless provenance gives one', () => {
    const first = renderHtmlReport(fixtureInput());
    expect(renderHtmlReport(fixtureInput())).toBe(first);
    expect(first).toContain('2025-06-15T06:00:00.000Z');
    const input = fixtureInput();
    delete input.provenance.generatedAt;
    const timeless = renderHtmlReport(input);
    expect(timeless).not.toContain('2025-06-15T06:00');
  });

  it('does not depend on the clock', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2031-02-03T04:05:06Z'));
      const early = renderHtmlReport(fixtureInput());
      vi.setSystemTime(new Date('2032-07-08T09:10:11Z'));
      const late = renderHtmlReport(fixtureInput());
      expect(late).toBe(early);
      expect(early).not.toMatch(/203[12]-/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is self-contained: Chart.js inlined, nothing loaded from elsewhere, a CSP that forbids it', () => {
    const html = renderHtmlReport(fixtureInput());
    expect(html).toMatch(/Chart\.js v4\.\d+\.\d+/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
    expect(html).not.toContain('sourceMappingURL');
  });

  it('has a section per segment with its verdict table and a canvas per chart', () => {
    const input = fixtureInput();
    const html = renderHtmlReport(input);
    for (const [index, segment] of [SEGMENT_ALL, SEGMENT_OPENAI, SEGMENT_ANTHROPIC].entries()) {
      expect(html).toContain(
        `<section id="segment-${index + 1}" aria-labelledby="segment-${index + 1}-title">`,
      );
      expect(html).toContain(`<caption>Verdicts for ${segment}</caption>`);
    }
    expect((html.match(/<tr class="row-/g) ?? []).length).toBe(
      input.report.metrics.length + input.report.gates.length,
    );
    const data = embeddedData(html);
    expect(data.report).toEqual(input.report);
    const canvases = [...html.matchAll(/<canvas id="([^"]+)"/g)].map((m) => m[1]);
    expect(canvases).toEqual(data.charts.map((chart) => chart.id));
    // all: 5 distributions + 2 mixes + rates + 3 time series; openai: 5 + 1 + rates + 3; anthropic: 1 + 1 + rates.
    expect(canvases.length).toBe(11 + 10 + 3);
    expect(new Set(canvases).size).toBe(canvases.length);
  });

  it('shows effects, thresholds and intervals in the no-JavaScript table', () => {
    const html = renderHtmlReport(fixtureInput());
    expect(html).toContain('0.42 ≥ 0.1');
    expect(html).toContain('[+18.0%, +27.0%]');
    expect(html).toContain('[+1.10 pp, +3.10 pp]');
    expect(html).toContain('lower bound +11.0% exceeds the allowed +5.0%');
    expect(html).toContain('<noscript>');
  });

  it('escapes hostile text everywhere: markup, script end tags, JSON', () => {
    const input = fixtureInput();
    const evil = '</script><img src=x onerror=alert(1)><!-- & "quotes" \u2028';
    input.report.metrics[0].segment = evil;
    input.report.metrics[0].reason = evil;
    input.provenance.command = evil;
    input.provenance.inputs[0].path = evil;
    input.distributions = {
      ...input.distributions,
      [evil]: { latency: { baseline: [1, 2], current: [3, 4] } },
    };
    const html = renderHtmlReport(input);
    expect(html).not.toContain('<img');
    expect((html.match(/<\/script>/gi) ?? []).length).toBe(3);
    expect((html.match(/<script/gi) ?? []).length).toBe(3);
    expect(embeddedData(html).report.metrics[0].segment).toBe(evil);
  });

  it('uses a given Chart.js source instead of the installed one', () => {
    const html = renderHtmlReport(fixtureInput(), {
      chartJsSource: 'window.Chart = undefined; /* custom */',
    });
    expect(html).toContain('/* custom */');
    expect(html).not.toMatch(/Chart\.js v4/);
  });

  it('renders a report without chart data: tables plus the rates it already holds', () => {
    const input = fixtureInput();
    const html = renderHtmlReport({ report: input.report, provenance: input.provenance });
    const canvases = [...html.matchAll(/<canvas id="([^"]+)"/g)].map((m) => m[1]);
    expect(canvases).toEqual(['segment-1-rates', 'segment-2-rates', 'segment-3-rates']);
    expect(embeddedData(html).charts.map((chart) => chart.id)).toEqual(canvases);
    expect(html).toContain('Verdicts for all');
  });
});

describe('inline escaping', () => {
  it('neutralises </script and <!-- in inlined code, keeping its meaning', () => {
    const code =
      'var a = "</script>"; var b = "<!--"; var c = /<\\/SCRIPT/i;\n//# sourceMappingURL=chart.umd.min.js.map\n';
    const escaped = escapeInlineScript(code);
    expect(escaped).not.toMatch(/<\/script|<!--|sourceMappingURL/i);
    const run = new Function(`${escaped}; return [a, b, c.test('</script')];`) as () => unknown[];
    expect(run()).toEqual(['</script>', '<!--', true]);
  });

  it('writes JSON that cannot end the script element and parses back identically', () => {
    const value = { text: '</script><!-- & \u2028\u2029 >' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
