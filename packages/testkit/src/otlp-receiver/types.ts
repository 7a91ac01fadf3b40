/**
 * The normalised shapes the OTLP receiver hands to tests. One shape per signal, whatever the wire encoding
 * (OTLP/JSON or OTLP/protobuf) and compression were: ids are lowercase hex, enums are names, times are
 * nanosecond decimal strings plus millisecond numbers, attribute values are plain typed JS values.
 */

/**
 * An attribute (or log body) value decoded from an OTLP `AnyValue`:
 * `stringValue` -> string, `boolValue` -> boolean, `doubleValue` -> number, `intValue` -> number (a `bigint`
 * only when it is outside Number's safe integer range), `arrayValue` -> array, `kvlistValue` -> object,
 * `bytesValue` -> Uint8Array, an empty AnyValue -> null.
 */
export type AttributeValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Uint8Array
  | readonly AttributeValue[]
  | { readonly [key: string]: AttributeValue };

/** Attributes keyed by name. */
export type Attributes = Readonly<Record<string, AttributeValue>>;

/** The OTLP span kinds, by name (`SPAN_KIND_UNSPECIFIED` becomes 'UNSPECIFIED'). */
export type SpanKindName = 'UNSPECIFIED' | 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';

/** The OTLP span status codes, by name. */
export type StatusCodeName = 'UNSET' | 'OK' | 'ERROR';

/** The resource that produced the telemetry, as sent with it. */
export interface ReceivedResource {
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
  /** `schemaUrl` of the enclosing ResourceSpans/ResourceMetrics/ResourceLogs, if any. */
  readonly schemaUrl: string | undefined;
}

/** The instrumentation scope (tracer/meter/logger name and version) that produced the telemetry. */
export interface ReceivedScope {
  readonly name: string;
  readonly version: string | undefined;
  readonly attributes: Attributes;
  readonly schemaUrl: string | undefined;
}

/** A span event. */
export interface SpanEventView {
  readonly name: string;
  readonly attributes: Attributes;
  /** Milliseconds since the Unix epoch (fractional). */
  readonly timeMs: number;
}

/** A span link. */
export interface SpanLinkView {
  readonly traceId: string;
  readonly spanId: string;
  readonly attributes: Attributes;
}

/**
 * The span shape shared by the receiver's spans and the OTel SDK's `ReadableSpan`s (adapted by the span
 * assertion helpers), so the same assertions work on both.
 */
export interface SpanView {
  /** 32 lowercase hex digits. */
  readonly traceId: string;
  /** 16 lowercase hex digits. */
  readonly spanId: string;
  /** 16 lowercase hex digits, or undefined for a root span. */
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: SpanKindName;
  readonly attributes: Attributes;
  readonly events: readonly SpanEventView[];
  readonly links: readonly SpanLinkView[];
  readonly status: { readonly code: StatusCodeName; readonly message: string };
  /** Milliseconds since the Unix epoch (fractional). */
  readonly startTimeMs: number;
  readonly endTimeMs: number;
  readonly durationMs: number;
  readonly resource: { readonly attributes: Attributes };
  readonly scope: { readonly name: string; readonly version: string | undefined };
}

/** A received span event, with its exact timestamp. */
export interface ReceivedSpanEvent extends SpanEventView {
  /** Nanoseconds since the Unix epoch, as a decimal string (exact; a Number cannot hold it). */
  readonly timeUnixNano: string;
  readonly droppedAttributesCount: number;
}

/** A received span link, with its trace state and flags. */
export interface ReceivedSpanLink extends SpanLinkView {
  readonly traceState: string | undefined;
  readonly droppedAttributesCount: number;
  readonly flags: number;
}

/** A span as the receiver decoded it from an OTLP export request. */
export interface ReceivedSpan extends SpanView {
  readonly traceState: string | undefined;
  /** W3C trace flags in the low 8 bits, OTLP "has/is remote" bits above. */
  readonly flags: number;
  /** Nanoseconds since the Unix epoch, as decimal strings (exact). */
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly events: readonly ReceivedSpanEvent[];
  readonly links: readonly ReceivedSpanLink[];
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
  readonly resource: ReceivedResource;
  readonly scope: ReceivedScope;
}

/** Aggregation temporality of a sum or histogram, by name. */
export type TemporalityName = 'UNSPECIFIED' | 'DELTA' | 'CUMULATIVE';

interface DataPointBase {
  readonly attributes: Attributes;
  /** Nanoseconds since the Unix epoch as decimal strings; '0' when the sender left it unset. */
  readonly startTimeUnixNano: string;
  readonly timeUnixNano: string;
  readonly timeMs: number;
  readonly flags: number;
}

/** A gauge or sum data point. */
export interface NumberDataPoint extends DataPointBase {
  readonly value: number;
  /** Which OTLP field carried the value: `asInt` or `asDouble`. */
  readonly valueType: 'int' | 'double';
}

/** An explicit-bucket histogram data point. */
export interface HistogramDataPoint extends DataPointBase {
  readonly count: number;
  readonly sum: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly bucketCounts: readonly number[];
  readonly explicitBounds: readonly number[];
}

/** Buckets of an exponential histogram. */
export interface ExponentialBuckets {
  readonly offset: number;
  readonly bucketCounts: readonly number[];
}

/** An exponential histogram data point. */
export interface ExponentialHistogramDataPoint extends DataPointBase {
  readonly count: number;
  readonly sum: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly scale: number;
  readonly zeroCount: number;
  readonly positive: ExponentialBuckets;
  readonly negative: ExponentialBuckets;
}

/** A summary data point. */
export interface SummaryDataPoint extends DataPointBase {
  readonly count: number;
  readonly sum: number;
  readonly quantileValues: readonly { readonly quantile: number; readonly value: number }[];
}

interface MetricBase {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly resource: ReceivedResource;
  readonly scope: ReceivedScope;
}

/** A gauge metric. */
export interface GaugeMetric extends MetricBase {
  readonly type: 'gauge';
  readonly dataPoints: readonly NumberDataPoint[];
}

/** A sum (counter / up-down counter) metric. */
export interface SumMetric extends MetricBase {
  readonly type: 'sum';
  readonly temporality: TemporalityName;
  readonly isMonotonic: boolean;
  readonly dataPoints: readonly NumberDataPoint[];
}

/** An explicit-bucket histogram metric. */
export interface HistogramMetric extends MetricBase {
  readonly type: 'histogram';
  readonly temporality: TemporalityName;
  readonly dataPoints: readonly HistogramDataPoint[];
}

/** An exponential histogram metric. */
export interface ExponentialHistogramMetric extends MetricBase {
  readonly type: 'exponentialHistogram';
  readonly temporality: TemporalityName;
  readonly dataPoints: readonly ExponentialHistogramDataPoint[];
}

/** A summary metric. */
export interface SummaryMetric extends MetricBase {
  readonly type: 'summary';
  readonly dataPoints: readonly SummaryDataPoint[];
}

/** A metric as the receiver decoded it; narrow on `type` to reach the data point fields. */
export type ReceivedMetric =
  | GaugeMetric
  | SumMetric
  | HistogramMetric
  | ExponentialHistogramMetric
  | SummaryMetric;

/** A log record as the receiver decoded it. */
export interface ReceivedLog {
  /** Nanoseconds since the Unix epoch as decimal strings; '0' when unset. */
  readonly timeUnixNano: string;
  readonly observedTimeUnixNano: string;
  readonly timeMs: number;
  readonly observedTimeMs: number;
  /** 0 (unspecified) to 24 (FATAL4). */
  readonly severityNumber: number;
  readonly severityText: string;
  /** The body as a typed value; undefined when the record has none. */
  readonly body: AttributeValue | undefined;
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
  readonly flags: number;
  /** Lowercase hex, undefined when the record is not tied to a span. */
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
  readonly eventName: string | undefined;
  readonly resource: ReceivedResource;
  readonly scope: ReceivedScope;
}

/** The wire encoding of an export request. */
export type OtlpEncoding = 'json' | 'protobuf';

/**
 * One accepted export request, kept for tests that want the exact payload.
 * `payload` is the request in the OTLP/JSON mapping (camelCase fields, hex ids, int64 as strings for protobuf
 * input) whichever encoding arrived; `body` is the request body after gzip decompression.
 */
export interface RawExportRequest {
  readonly signal: 'traces' | 'metrics' | 'logs';
  readonly encoding: OtlpEncoding;
  readonly gzip: boolean;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
  readonly payload: unknown;
}

/** A request the receiver refused, kept so a test can see why an exporter's data never arrived. */
export interface RejectedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly message: string;
}
