/** Public API of the HTML report. */

export { type ReportFileFormat, reportFileName } from './file-name.js';
export { renderHtmlReport } from './render.js';
export type {
  BinnedDistribution,
  CategoricalMix,
  HtmlRenderOptions,
  HtmlReportInput,
  NumericDistribution,
  Provenance,
  ProvenanceInput,
  QuantileSummary,
  RawDistribution,
  TimeSeriesPoint,
} from './types.js';
