export { OtlpDecodeError } from './normalise-common.js';
export type { OtlpReceiver, OtlpReceiverOptions } from './server.js';
export { startOtlpReceiver } from './server.js';
export type { WaitOptions } from './telemetry-store.js';
export type {
  Attributes,
  AttributeValue,
  ExponentialBuckets,
  ExponentialHistogramDataPoint,
  ExponentialHistogramMetric,
  GaugeMetric,
  HistogramDataPoint,
  HistogramMetric,
  NumberDataPoint,
  OtlpEncoding,
  RawExportRequest,
  ReceivedLog,
  ReceivedMetric,
  ReceivedResource,
  ReceivedScope,
  ReceivedSpan,
  ReceivedSpanEvent,
  ReceivedSpanLink,
  RejectedRequest,
  SpanEventView,
  SpanKindName,
  SpanLinkView,
  SpanView,
  StatusCodeName,
  SumMetric,
  SummaryDataPoint,
  SummaryMetric,
  TemporalityName,
} from './types.js';
