/**
 * The metrics a drift report can hold: the core catalogue (`METRICS`, from span attributes) plus the output
 * quality metrics (`QUALITY_METRICS`, from captured output text). Both catalogues share one name,
 * `refusal_rate`, and the core one is the only refusal metric of a run (same phrase matcher), so the quality
 * copy never appears as a second row. Reporters and the config look names up here.
 */
import { QUALITY_METRICS, type QualityMetricName } from '../quality/catalogue.js';
import { METRIC_NAMES, METRICS, type MetricName } from './catalogue.js';

/** A metric of a drift report: core or output quality. */
export type DriftMetricName = MetricName | QualityMetricName;

/** Quality metrics that join the drift comparison, in report order (`refusal_rate` is the core's). */
export const QUALITY_DRIFT_METRIC_NAMES = (Object.keys(QUALITY_METRICS) as QualityMetricName[]).filter(
  (name) => !Object.hasOwn(METRICS, name),
);

/** Every drift metric in report order: the core catalogue, then the quality metrics. */
export const DRIFT_METRIC_NAMES: readonly DriftMetricName[] = [
  ...METRIC_NAMES,
  ...QUALITY_DRIFT_METRIC_NAMES,
];

/** True for a core or quality metric name. */
export function isDriftMetricName(name: string): name is DriftMetricName {
  return Object.hasOwn(METRICS, name) || Object.hasOwn(QUALITY_METRICS, name);
}

/** True for a quality metric that is not also a core metric. */
export function isQualityOnlyMetric(name: string): name is QualityMetricName {
  return Object.hasOwn(QUALITY_METRICS, name) && !Object.hasOwn(METRICS, name);
}

/** How a metric's values read: `set` (distinct-n) and `embedding` metrics are plain ratios / distances. */
export type DriftMetricKind = 'numeric' | 'rate' | 'categorical' | 'set' | 'embedding' | 'other';

/** The kind of any metric name (`other` for names outside both catalogues). */
export function driftMetricKind(name: string): DriftMetricKind {
  if (Object.hasOwn(METRICS, name)) return METRICS[name as MetricName].kind;
  if (Object.hasOwn(QUALITY_METRICS, name)) return QUALITY_METRICS[name as QualityMetricName].kind;
  return 'other';
}

/** The unit of any metric name (empty for unknown names). */
export function driftMetricUnit(name: string): string {
  if (Object.hasOwn(METRICS, name)) return METRICS[name as MetricName].unit;
  if (Object.hasOwn(QUALITY_METRICS, name)) return QUALITY_METRICS[name as QualityMetricName].unit;
  return '';
}

/** Default practical threshold of a metric's effect. */
export function defaultEffectThreshold(name: DriftMetricName): number {
  return Object.hasOwn(METRICS, name)
    ? METRICS[name as MetricName].effectThreshold
    : QUALITY_METRICS[name as QualityMetricName].effectThreshold;
}
