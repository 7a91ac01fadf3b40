/**
 * The page's stylesheet. Colours: Okabe-Ito (safe for the common colour-vision deficiencies) for the two
 * windows, and verdict badges that also carry a symbol and a word, so colour is never the only signal.
 * Text colours meet WCAG AA contrast on their backgrounds. Print: no navigation, no split figures or rows.
 */
export const STYLES = `
:root {
  --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --panel: #f5f7fa;
  --baseline: #0072B2; --current: #D55E00;
  --drift-bg: #fde4d6; --drift-ink: #8a2e00; --drift-edge: #D55E00;
  --pass-bg: #d9f2ea; --pass-ink: #00573f; --pass-edge: #009E73;
  --inconclusive-bg: #fdf6c9; --inconclusive-ink: #5c4a00; --inconclusive-edge: #b8a300;
  --unavailable-bg: #eceff1; --unavailable-ink: #3e4c59; --unavailable-edge: #9aa5b1;
}
* { box-sizing: border-box; }
html { color: var(--ink); background: #fff; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: #0b5394; }
a:focus, summary:focus { outline: 3px solid #F0E442; outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip-link:focus { left: .5rem; }
header, nav, main, footer { max-width: 1360px; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-top: .75rem; border-top: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
.verdict-banner { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem 1.5rem; padding: .75rem 1rem;
  border-left: 6px solid; border-radius: 4px; margin-bottom: 1rem; }
.verdict-banner.verdict-drift { background: var(--drift-bg); border-color: var(--drift-edge); }
.verdict-banner.verdict-pass { background: var(--pass-bg); border-color: var(--pass-edge); }
.verdict-banner.verdict-inconclusive { background: var(--inconclusive-bg); border-color: var(--inconclusive-edge); }
.verdict-banner .headline { font-size: 1.25rem; font-weight: 700; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 3px; border: 1px solid; font-weight: 600;
  font-size: .85rem; white-space: nowrap; }
.verdict-drift .badge, .badge.verdict-drift { background: var(--drift-bg); color: var(--drift-ink); border-color: var(--drift-edge); }
.badge.verdict-pass { background: var(--pass-bg); color: var(--pass-ink); border-color: var(--pass-edge); }
.badge.verdict-inconclusive { background: var(--inconclusive-bg); color: var(--inconclusive-ink); border-color: var(--inconclusive-edge); }
.badge.verdict-unavailable, .badge.verdict-fail { background: var(--unavailable-bg); color: var(--unavailable-ink); border-color: var(--unavailable-edge); }
.badge.verdict-fail { background: var(--drift-bg); color: var(--drift-ink); border-color: var(--drift-edge); }
.counts { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .25rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; color: var(--muted); }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--panel); border-bottom: 2px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.row-drift td:first-child { box-shadow: inset 4px 0 0 var(--drift-edge); }
tr.row-inconclusive td:first-child { box-shadow: inset 4px 0 0 var(--inconclusive-edge); }
.reason { color: var(--muted); font-size: .85rem; }
.detail { color: var(--muted); font-size: .85em; }
table.verdicts { font-size: .85rem; }
table.verdicts td.reason { min-width: 15rem; }
nav ul { margin: 0; padding-left: 1.25rem; }
nav li { margin: .15rem 0; }
.nowrap { white-space: nowrap; }
.legend-key { display: inline-block; width: .9rem; height: .9rem; vertical-align: -2px; margin-right: .25rem; border-radius: 2px; }
.legend-key.baseline { background: var(--baseline); }
.legend-key.current { background: var(--current); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 1rem; }
figure { margin: 0; padding: .75rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
.chart-box { position: relative; height: 240px; }
.chart-notes { margin: .5rem 0 0; padding-left: 1.1rem; font-size: .8rem; color: var(--muted); }
.noscript-note { background: var(--panel); padding: .5rem .75rem; border-radius: 4px; }
pre { background: var(--panel); padding: .75rem; overflow-x: auto; font-size: .8rem; border-radius: 4px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; word-break: break-all; }
footer { color: var(--muted); font-size: .8rem; padding-bottom: 2rem; margin-top: 2rem; }
@media print {
  body { font-size: 10pt; }
  .skip-link, nav { display: none; }
  h2 { break-before: auto; break-after: avoid; }
  figure, tr, .verdict-banner { break-inside: avoid; }
  .charts { grid-template-columns: repeat(2, 1fr); }
  .chart-box { height: 200px; }
  a { color: inherit; text-decoration: none; }
  pre { white-space: pre-wrap; }
  .table-wrap { overflow: visible; }
  table, table.verdicts { font-size: 8pt; }
  td.num, .nowrap { white-space: normal; }
  table.verdicts { table-layout: fixed; }
  table.verdicts th, table.verdicts td { overflow-wrap: anywhere; padding: .2rem .25rem; }
  table.verdicts th:first-child { width: 13%; }
  table.verdicts th:nth-child(2) { width: 12%; }
  table.verdicts th:last-child { width: 20%; }
  table.verdicts td.reason, .detail { min-width: 0; font-size: 7.5pt; }
  .badge { font-size: 7.5pt; padding: 0 .2rem; }
  .verdict-banner, .badge, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
