/** Turns an ExportMetricsServiceRequest (OTLP/JSON mapping) into {@link ReceivedMetric}s. */
import {
  field,
  forEachScopedItem,
  type JsonObject,
  nanosToMs,
  OtlpDecodeError,
  readArray,
  readAttributes,
  readBoolean,
  readEnum,
  readNanos,
  readNumber,
  readObject,
  readOptionalNumber,
  readString,
} from './normalise-common.js';
import type {
  ExponentialBuckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  NumberDataPoint,
  ReceivedMetric,
  ReceivedResource,
  ReceivedScope,
  SummaryDataPoint,
  TemporalityName,
} from './types.js';

const TEMPORALITY_PROTO_NAMES = [
  'AGGREGATION_TEMPORALITY_UNSPECIFIED',
  'AGGREGATION_TEMPORALITY_DELTA',
  'AGGREGATION_TEMPORALITY_CUMULATIVE',
] as const;
const TEMPORALITIES: readonly TemporalityName[] = ['UNSPECIFIED', 'DELTA', 'CUMULATIVE'];

function readTemporality(data: JsonObject, path: string): TemporalityName {
  const index = readEnum(
    field(data, 'aggregationTemporality'),
    `${path}.aggregationTemporality`,
    TEMPORALITY_PROTO_NAMES,
  );
  return TEMPORALITIES[index] ?? 'UNSPECIFIED';
}

function readPointBase(point: JsonObject, path: string, attributesField: string) {
  const timeUnixNano = readNanos(field(point, 'timeUnixNano'), `${path}.timeUnixNano`);
  return {
    attributes: readAttributes(field(point, attributesField), `${path}.${attributesField}`),
    startTimeUnixNano: readNanos(field(point, 'startTimeUnixNano'), `${path}.startTimeUnixNano`),
    timeUnixNano,
    timeMs: nanosToMs(timeUnixNano),
    flags: readNumber(field(point, 'flags'), `${path}.flags`),
  };
}

function readNumberPoint(value: unknown, path: string): NumberDataPoint {
  const point = readObject(value, path);
  const asInt = field(point, 'asInt');
  const asDouble = field(point, 'asDouble');
  return {
    ...readPointBase(point, path, 'attributes'),
    value:
      asInt !== undefined ? readNumber(asInt, `${path}.asInt`) : readNumber(asDouble, `${path}.asDouble`),
    valueType: asInt !== undefined ? 'int' : 'double',
  };
}

function readCounts(value: unknown, path: string): number[] {
  return readArray(value, path).map((count, index) => readNumber(count, `${path}[${index}]`));
}

function readHistogramPoint(value: unknown, path: string): HistogramDataPoint {
  const point = readObject(value, path);
  return {
    ...readPointBase(point, path, 'attributes'),
    count: readNumber(field(point, 'count'), `${path}.count`),
    sum: readOptionalNumber(field(point, 'sum'), `${path}.sum`),
    min: readOptionalNumber(field(point, 'min'), `${path}.min`),
    max: readOptionalNumber(field(point, 'max'), `${path}.max`),
    bucketCounts: readCounts(field(point, 'bucketCounts'), `${path}.bucketCounts`),
    explicitBounds: readCounts(field(point, 'explicitBounds'), `${path}.explicitBounds`),
  };
}

function readBuckets(value: unknown, path: string): ExponentialBuckets {
  const buckets = readObject(value, path);
  return {
    offset: readNumber(field(buckets, 'offset'), `${path}.offset`),
    bucketCounts: readCounts(field(buckets, 'bucketCounts'), `${path}.bucketCounts`),
  };
}

function readExponentialPoint(value: unknown, path: string): ExponentialHistogramDataPoint {
  const point = readObject(value, path);
  return {
    ...readPointBase(point, path, 'attributes'),
    count: readNumber(field(point, 'count'), `${path}.count`),
    sum: readOptionalNumber(field(point, 'sum'), `${path}.sum`),
    min: readOptionalNumber(field(point, 'min'), `${path}.min`),
    max: readOptionalNumber(field(point, 'max'), `${path}.max`),
    scale: readNumber(field(point, 'scale'), `${path}.scale`),
    zeroCount: readNumber(field(point, 'zeroCount'), `${path}.zeroCount`),
    positive: readBuckets(field(point, 'positive'), `${path}.positive`),
    negative: readBuckets(field(point, 'negative'), `${path}.negative`),
  };
}

function readSummaryPoint(value: unknown, path: string): SummaryDataPoint {
  const point = readObject(value, path);
  const quantiles = readArray(field(point, 'quantileValues'), `${path}.quantileValues`);
  return {
    ...readPointBase(point, path, 'attributes'),
    count: readNumber(field(point, 'count'), `${path}.count`),
    sum: readNumber(field(point, 'sum'), `${path}.sum`),
    quantileValues: quantiles.map((entry, index) => {
      const quantile = readObject(entry, `${path}.quantileValues[${index}]`);
      return {
        quantile: readNumber(field(quantile, 'quantile'), `${path}.quantileValues[${index}].quantile`),
        value: readNumber(field(quantile, 'value'), `${path}.quantileValues[${index}].value`),
      };
    }),
  };
}

function points<T>(data: JsonObject, path: string, read: (value: unknown, path: string) => T): T[] {
  return readArray(field(data, 'dataPoints'), `${path}.dataPoints`).map((point, index) =>
    read(point, `${path}.dataPoints[${index}]`),
  );
}

function readMetric(
  value: unknown,
  path: string,
  resource: ReceivedResource,
  scope: ReceivedScope,
): ReceivedMetric {
  const metric = readObject(value, path);
  const base = {
    name: readString(field(metric, 'name'), `${path}.name`),
    description: readString(field(metric, 'description'), `${path}.description`),
    unit: readString(field(metric, 'unit'), `${path}.unit`),
    resource,
    scope,
  };
  const gauge = field(metric, 'gauge');
  if (gauge !== undefined) {
    const data = readObject(gauge, `${path}.gauge`);
    return { ...base, type: 'gauge', dataPoints: points(data, `${path}.gauge`, readNumberPoint) };
  }
  const sum = field(metric, 'sum');
  if (sum !== undefined) {
    const data = readObject(sum, `${path}.sum`);
    return {
      ...base,
      type: 'sum',
      temporality: readTemporality(data, `${path}.sum`),
      isMonotonic: readBoolean(field(data, 'isMonotonic'), `${path}.sum.isMonotonic`),
      dataPoints: points(data, `${path}.sum`, readNumberPoint),
    };
  }
  const histogram = field(metric, 'histogram');
  if (histogram !== undefined) {
    const data = readObject(histogram, `${path}.histogram`);
    return {
      ...base,
      type: 'histogram',
      temporality: readTemporality(data, `${path}.histogram`),
      dataPoints: points(data, `${path}.histogram`, readHistogramPoint),
    };
  }
  const exponential = field(metric, 'exponentialHistogram');
  if (exponential !== undefined) {
    const data = readObject(exponential, `${path}.exponentialHistogram`);
    return {
      ...base,
      type: 'exponentialHistogram',
      temporality: readTemporality(data, `${path}.exponentialHistogram`),
      dataPoints: points(data, `${path}.exponentialHistogram`, readExponentialPoint),
    };
  }
  const summary = field(metric, 'summary');
  if (summary !== undefined) {
    const data = readObject(summary, `${path}.summary`);
    return { ...base, type: 'summary', dataPoints: points(data, `${path}.summary`, readSummaryPoint) };
  }
  throw new OtlpDecodeError(path, 'has none of gauge, sum, histogram, exponentialHistogram, summary');
}

/** Normalises every metric of an export request; throws {@link OtlpDecodeError} naming the first bad field. */
export function normaliseMetrics(request: unknown): ReceivedMetric[] {
  const metrics: ReceivedMetric[] = [];
  const names = { resources: 'resourceMetrics', scopes: 'scopeMetrics', items: 'metrics' };
  forEachScopedItem(request, names, (item, resource, scope, path) => {
    metrics.push(readMetric(item, path, resource, scope));
  });
  return metrics;
}
