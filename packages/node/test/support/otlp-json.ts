import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of an OTLP/JSON ExportTraceServiceRequest the tests look at. */
export interface OtlpJsonAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string; boolValue?: boolean; doubleValue?: number };
}
export interface OtlpJsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: OtlpJsonAttribute[];
}
export interface OtlpJsonTraceRequest {
  resourceSpans: {
    resource: { attributes: OtlpJsonAttribute[] };
    scopeSpans: { scope: { name: string }; spans: OtlpJsonSpan[] }[];
  }[];
}
export interface OtlpJsonMetricsRequest {
  resourceMetrics: {
    resource: { attributes: OtlpJsonAttribute[] };
    scopeMetrics: {
      scope: { name: string };
      metrics: { name: string; sum?: { dataPoints: { asInt?: number | string; asDouble?: number }[] } }[];
    }[];
  }[];
}

/** Every `.jsonl` file in `dir` (sorted by name), each line parsed; throws naming file and line on bad JSON. */
export function readJsonLines<T>(dir: string): T[] {
  const lines: T[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.jsonl')) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    text
      .split('\n')
      .filter((line) => line !== '')
      .forEach((line, index) => {
        try {
          lines.push(JSON.parse(line) as T);
        } catch (error) {
          throw new Error(`${join(dir, name)}:${index + 1}: not JSON: ${String(error)}`);
        }
      });
  }
  return lines;
}

export function spansOf(requests: OtlpJsonTraceRequest[]): OtlpJsonSpan[] {
  return requests.flatMap((request) =>
    request.resourceSpans.flatMap((resourceSpans) =>
      resourceSpans.scopeSpans.flatMap((scope) => scope.spans),
    ),
  );
}

export function attribute(
  attributes: OtlpJsonAttribute[],
  key: string,
): OtlpJsonAttribute['value'] | undefined {
  return attributes.find((entry) => entry.key === key)?.value;
}

/** The last reported value of a cumulative integer sum, across all collections. */
export function lastSum(requests: OtlpJsonMetricsRequest[], metricName: string): number | undefined {
  let value: number | undefined;
  for (const request of requests) {
    for (const resourceMetrics of request.resourceMetrics) {
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          const point = metric.name === metricName ? metric.sum?.dataPoints[0] : undefined;
          if (point) value = Number(point.asInt ?? point.asDouble);
        }
      }
    }
  }
  return value;
}
