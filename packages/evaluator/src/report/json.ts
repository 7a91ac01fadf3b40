/**
 * JSON reporter: the report object as is, two-space indented, one trailing newline. Byte-identical for the
 * same input (no timestamps, fixed key order). Non-finite numbers never occur (they are null in reports).
 */
import type { Reporter } from './reporter.js';

export const jsonReporter: Reporter = {
  format: 'json',
  renderDrift: (report) => `${JSON.stringify(report, null, 2)}\n`,
  renderSummary: ({ info, summary }) => `${JSON.stringify({ ...info, ...summary }, null, 2)}\n`,
};
