/**
 * Reporters turn a drift report or a window summary into text for one output format. Pluggable: a later
 * issue adds HTML and JUnit by adding entries here.
 */
import type { DriftReport, WindowInfo } from '../drift/types.js';
import type { WindowSummary } from '../summary/summarize.js';
import { jsonReporter } from './json.js';
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
  renderSummary(report: SummaryReport, options?: RenderOptions): string;
}

/** Built-in formats. */
export const REPORT_FORMATS = ['text', 'json', 'md'] as const;

/** A built-in format name. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const REPORTERS: Record<ReportFormat, Reporter> = {
  text: textReporter,
  json: jsonReporter,
  md: markdownReporter,
};

/** The reporter of a built-in format. */
export function getReporter(format: ReportFormat): Reporter {
  return REPORTERS[format];
}
