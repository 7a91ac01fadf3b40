/** Which rows a compact report shows, shared by the text and Markdown reporters. */
import type { DriftReport, MetricResult } from '../drift/types.js';
import { ALL_SEGMENT } from '../segments.js';

/**
 * Rows worth a line: everything that drifted or is inconclusive, and every tested metric of the `all`
 * segment (so a passing run still shows the headline numbers). Unavailable metrics are listed separately.
 */
export function visibleRows(report: DriftReport): MetricResult[] {
  return report.metrics.filter(
    (row) =>
      row.verdict === 'drift' ||
      row.verdict === 'inconclusive' ||
      (row.segment === ALL_SEGMENT && row.verdict === 'pass'),
  );
}

/** Metrics unavailable in the `all` segment, with the reason. */
export function unavailableInAll(report: DriftReport): MetricResult[] {
  return report.metrics.filter((row) => row.segment === ALL_SEGMENT && row.verdict === 'unavailable');
}

/** `1,234 calls, 2025-01-01 00:00Z .. 2025-01-08 00:00Z` style window line pieces. */
export function windowLabel(info: DriftReport['baseline']): string {
  const where = [info.source, info.window?.spec].filter(Boolean).join(' @ ');
  return where || 'records';
}

/**
 * The embedder of the semantic metrics, labelled for every format: a lexical embedder always says it is
 * lexical (shared wording, not meaning). Null when no embedder ran.
 */
export function embedderLabel(report: Pick<DriftReport, 'embedder'>): string | null {
  const embedder = report.embedder;
  if (!embedder) return null;
  return embedder.kind === 'lexical'
    ? `${embedder.id} (lexical: measures shared wording, not meaning)`
    : `${embedder.id} (semantic)`;
}
