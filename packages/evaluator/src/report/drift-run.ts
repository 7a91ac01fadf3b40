/**
 * Renders a finished drift run in any built-in format, so the CLI and library users write every format the
 * same way: text, json and md through their reporters, junit from the report, html from the input built by
 * `buildHtmlReportInput` (charts and provenance included).
 */
import type { DriftRun } from '../run.js';
import { renderHtmlReport } from './html/render.js';
import type { HtmlRenderOptions } from './html/types.js';
import { buildHtmlReportInput, type HtmlContext } from './html-input.js';
import { renderJUnitReport } from './junit/render.js';
import { getReporter, type ReportFormat } from './reporter.js';

/** Options of `renderDriftRun`. */
export interface RenderDriftRunOptions extends HtmlContext {
  /** ANSI colours in the text format. Default false. */
  color?: boolean;
  html?: HtmlRenderOptions;
}

/** The report of `run` in `format` (deterministic for the same run and options). */
export function renderDriftRun(run: DriftRun, format: ReportFormat, options: RenderDriftRunOptions): string {
  switch (format) {
    case 'html':
      return renderHtmlReport(buildHtmlReportInput(run, options), options.html);
    case 'junit':
      return renderJUnitReport(run.report);
    default:
      return getReporter(format).renderDrift(run.report, { color: options.color === true });
  }
}
