/**
 * Test fixture generator: OTLP/JSON export requests (as Sightline's file exporter writes them) -> traces in
 * Jaeger's query-API JSON, following what a real Jaeger does on the way in and out:
 *
 * - ingest: the OTel Collector's Jaeger translator (`pkg/translator/jaeger/traces_to_jaegerproto.go` in
 *   opentelemetry-collector-contrib, used by Jaeger v1's OTLP receiver and Jaeger v2): resource ->
 *   process (`service.name` -> serviceName, the rest -> tags; no attributes -> `OTLPResourceNoServiceName`),
 *   scope -> `otel.scope.name`/`otel.scope.version` tags first, then attributes (string/int64/bool/float64/
 *   binary; arrays and maps -> their JSON text), then `span.kind`, `otel.status_code` (`OK`/`ERROR`),
 *   `error`=true for ERROR, `otel.status_description`, `w3c.tracestate`; parent -> first `CHILD_OF`
 *   reference, links -> `FOLLOWS_FROM`; events -> logs with an `event` field first (unless an attribute is
 *   called `event`); time -> microseconds, truncated;
 * - query: `model/converter/json/from_domain.go`: trace ids printed `%016x` (a zero high half is dropped),
 *   span ids `%016x`, int64 beyond 2^53 as decimal strings, processes deduplicated into `p1`, `p2`, ...
 *
 * Arrays become JSON through Go's encoding/json, which escapes <, > and & as \u003c, \u003e, \u0026; that is
 * reproduced so the reverse mapping is tested against the exact text Jaeger stores.
 */
import type {
  JaegerKeyValue,
  JaegerLog,
  JaegerProcess,
  JaegerReference,
  JaegerSpan,
  JaegerTrace,
} from '../../src/sources/jaeger-span.js';

/** OTLP/JSON AnyValue (loosely typed: this is test input). */
export interface OtlpValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  bytesValue?: string;
  arrayValue?: { values?: OtlpValue[] };
  kvlistValue?: { values?: { key: string; value: OtlpValue }[] };
}

interface OtlpKeyValue {
  key: string;
  value: OtlpValue;
}

interface OtlpJsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  name: string;
  kind?: number | string;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: OtlpKeyValue[];
  events?: { timeUnixNano: string | number; name?: string; attributes?: OtlpKeyValue[] }[];
  links?: { traceId: string; spanId: string; attributes?: OtlpKeyValue[] }[];
  status?: { code?: number | string; message?: string };
}

/** One OTLP/JSON `ExportTraceServiceRequest`. */
export interface OtlpJsonRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: { scope?: { name?: string; version?: string }; spans?: OtlpJsonSpan[] }[];
  }[];
}

const SPAN_KINDS = ['', 'internal', 'server', 'client', 'producer', 'consumer'];
const SPAN_KIND_NAMES: Record<string, number> = {
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Go's encoding/json escaping of HTML-sensitive characters. */
function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** pcommon.Value.AsRaw(): what encoding/json then prints for arrays and maps. */
function asRaw(value: OtlpValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(asRaw);
  if (value.kvlistValue !== undefined) {
    return Object.fromEntries((value.kvlistValue.values ?? []).map((kv) => [kv.key, asRaw(kv.value)]));
  }
  return null;
}

/** attributeToJaegerProtoTag + from_domain's convertKeyValues. */
export function otlpAttributeToTag(key: string, value: OtlpValue): JaegerKeyValue {
  if (value.stringValue !== undefined) return { key, type: 'string', value: value.stringValue };
  if (value.boolValue !== undefined) return { key, type: 'bool', value: value.boolValue };
  if (value.intValue !== undefined) {
    const n = BigInt(value.intValue);
    const safe = n <= MAX_SAFE && n >= -MAX_SAFE;
    return { key, type: 'int64', value: safe ? Number(n) : n.toString() };
  }
  if (value.doubleValue !== undefined) return { key, type: 'float64', value: value.doubleValue };
  if (value.bytesValue !== undefined) return { key, type: 'binary', value: value.bytesValue };
  if (value.arrayValue !== undefined || value.kvlistValue !== undefined) {
    return { key, type: 'string', value: goJson(asRaw(value)) };
  }
  return { key, type: 'string', value: '' };
}

function toMicros(nanos: string | number | bigint): bigint {
  return BigInt(nanos) / 1000n;
}

/** `%016x` of a 128-bit id as Jaeger prints it: 16 digits when the high half is zero, else 32. */
function jaegerTraceId(otlpTraceId: string): string {
  const id = otlpTraceId.toLowerCase().padStart(32, '0');
  return id.startsWith('0000000000000000') ? id.slice(16) : id;
}

function spanKindTag(kind: number | string | undefined): JaegerKeyValue[] {
  const code = typeof kind === 'string' ? (SPAN_KIND_NAMES[kind] ?? 0) : (kind ?? 0);
  const name = SPAN_KINDS[code];
  return name ? [{ key: 'span.kind', type: 'string', value: name }] : [];
}

function statusCode(status: OtlpJsonSpan['status']): number {
  const code = status?.code;
  if (code === 'STATUS_CODE_ERROR') return 2;
  if (code === 'STATUS_CODE_OK') return 1;
  return typeof code === 'number' ? code : 0;
}

function spanTags(
  span: OtlpJsonSpan,
  scope: { name?: string; version?: string } | undefined,
): JaegerKeyValue[] {
  const tags: JaegerKeyValue[] = [];
  if (scope?.name) tags.push({ key: 'otel.scope.name', type: 'string', value: scope.name });
  if (scope?.version) tags.push({ key: 'otel.scope.version', type: 'string', value: scope.version });
  for (const attribute of span.attributes ?? [])
    tags.push(otlpAttributeToTag(attribute.key, attribute.value));
  tags.push(...spanKindTag(span.kind));
  const code = statusCode(span.status);
  if (code === 2) tags.push({ key: 'otel.status_code', type: 'string', value: 'ERROR' });
  else if (code === 1) tags.push({ key: 'otel.status_code', type: 'string', value: 'OK' });
  if (code === 2) tags.push({ key: 'error', type: 'bool', value: true });
  if (span.status?.message)
    tags.push({ key: 'otel.status_description', type: 'string', value: span.status.message });
  if (span.traceState) tags.push({ key: 'w3c.tracestate', type: 'string', value: span.traceState });
  return tags;
}

function spanLogs(span: OtlpJsonSpan): JaegerLog[] {
  return (span.events ?? []).map((event) => {
    const fields: JaegerKeyValue[] = [];
    const attributes = event.attributes ?? [];
    if (event.name && !attributes.some((a) => a.key === 'event')) {
      fields.push({ key: 'event', type: 'string', value: event.name });
    }
    for (const attribute of attributes) fields.push(otlpAttributeToTag(attribute.key, attribute.value));
    return { timestamp: Number(toMicros(event.timeUnixNano)), fields };
  });
}

function references(span: OtlpJsonSpan, traceID: string): JaegerReference[] {
  const refs: JaegerReference[] = [];
  if (span.parentSpanId) refs.push({ refType: 'CHILD_OF', traceID, spanID: span.parentSpanId.toLowerCase() });
  for (const link of span.links ?? []) {
    const childOf = link.attributes?.some(
      (a) => a.key === 'opentracing.ref_type' && a.value.stringValue === 'child_of',
    );
    refs.push({
      refType: childOf ? 'CHILD_OF' : 'FOLLOWS_FROM',
      traceID: jaegerTraceId(link.traceId),
      spanID: link.spanId.toLowerCase(),
    });
  }
  return refs;
}

function processOf(attributes: OtlpKeyValue[] | undefined): JaegerProcess {
  if (!attributes || attributes.length === 0) return { serviceName: 'OTLPResourceNoServiceName', tags: [] };
  const service = attributes.find((a) => a.key === 'service.name');
  return {
    serviceName: service?.value.stringValue ?? '',
    tags: attributes.filter((a) => a.key !== 'service.name').map((a) => otlpAttributeToTag(a.key, a.value)),
  };
}

/** Converts export requests into Jaeger traces (spans of one trace id grouped, in the order they came). */
export function otlpToJaegerTraces(requests: readonly OtlpJsonRequest[]): JaegerTrace[] {
  const traces = new Map<string, { trace: JaegerTrace; processIds: Map<string, string> }>();
  for (const request of requests) {
    for (const resourceSpans of request.resourceSpans ?? []) {
      const process = processOf(resourceSpans.resource?.attributes);
      const processKey = JSON.stringify(process);
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) {
          const traceID = jaegerTraceId(span.traceId);
          let entry = traces.get(traceID);
          if (!entry) {
            entry = { trace: { traceID, spans: [], processes: {}, warnings: null }, processIds: new Map() };
            traces.set(traceID, entry);
          }
          let processID = entry.processIds.get(processKey);
          if (!processID) {
            processID = `p${entry.processIds.size + 1}`;
            entry.processIds.set(processKey, processID);
            entry.trace.processes[processID] = process;
          }
          const start = BigInt(span.startTimeUnixNano);
          const jaegerSpan: JaegerSpan = {
            traceID,
            spanID: span.spanId.toLowerCase(),
            operationName: span.name,
            references: references(span, traceID),
            startTime: Number(toMicros(start)),
            duration: Number((BigInt(span.endTimeUnixNano) - start) / 1000n),
            tags: spanTags(span, scopeSpans.scope),
            logs: spanLogs(span),
            processID,
            warnings: null,
          };
          entry.trace.spans.push(jaegerSpan);
        }
      }
    }
  }
  return [...traces.values()].map((entry) => entry.trace);
}
