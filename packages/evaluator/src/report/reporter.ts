/**
 * Reporters turn a drift report or a window summary into text for one output format. `text`, `json` and `md`
 * render both; `junit` and `html` are drift formats (a summary has nothing to pass or fail, and its numbers
 * are in the other formats). For the full HTML page with charts and provenance use `renderDriftRun`.
 */
import type { DriftReport, WindowInfo } from '../drift/types.js';
import type { WindowSummary } from '../summary/summarize.js';
import { SIGHTLINE_VERSION } from '../version.js';
import { renderHtmlReport } from './html/render.js';
import { jsonReporter } from './json.js';
import { renderJUnitReport } from './junit/render.js';
import { markdownReporter } from './markdown.js';
import { textReporter } from './text.js';

/** Rendering options. */
export interface RenderOptions {
  /** ANSI colours (the CLI sets this only on a TTY). Default false. */
  color?: boolean;
}

/** A one-window summary with where it came from. */
export interface SummaryReport {
  info: WindowInfo;
  summary: WindowSummary;
}

/** One output format. */
export interface Reporter {
  format: string;
  renderDrift(report: DriftReport, options?: RenderOptions): string;
  /** Throws for drift-only formats (`junit`, `html`). */
  renderSummary(report: SummaryReport, options?: RenderOptions): string;
}

/** Built-in formats. */
export const REPORT_FORMATS = ['text', 'json', 'md', 'html', 'junit'] as const;

/** A built-in format name. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats that can render a summary (`sightline summary`). */
export const SUMMARY_FORMATS = ['text', 'json', 'md'] as const satisfies readonly ReportFormat[];

function driftOnly(format: string): Reporter['renderSummary'] {
  return () => {
    throw new TypeError(
      `the ${format} format renders drift reports only; use text, json or md for summaries`,
    );
  };
}

const REPORTERS: Record<ReportFormat, Reporter> = {
  text: textReporter,
  json: jsonReporter,
  md: markdownReporter,
  junit: {
    format: 'junit',
    renderDrift: (report) => renderJUnitReport(report),
    renderSummary: driftOnly('junit'),
  },
  html: {
    format: 'html',
    // Tables and provenance from the report alone; `renderDriftRun` adds the charts and input file hashes.
    renderDrift: (report) =>
      renderHtmlReport({
        report,
        provenance: {
          inputs: [],
          config: report.settings,
          seed: report.settings.seed,
          versions: { sightline: SIGHTLINE_VERSION, node: process.version },
          command: '-',
        },
      }),
    renderSummary: driftOnly('html'),
  },
};

/** The reporter of a built-in format. */
export function getReporter(format: ReportFormat): Reporter {
  return REPORTERS[format];
}
