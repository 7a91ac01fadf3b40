/** Turns an ExportTraceServiceRequest (OTLP/JSON mapping) into {@link ReceivedSpan}s. */
import {
  field,
  forEachScopedItem,
  nanosToMs,
  OtlpDecodeError,
  readArray,
  readAttributes,
  readEnum,
  readId,
  readNanos,
  readNumber,
  readObject,
  readOptionalString,
  readString,
} from './normalise-common.js';
import type {
  ReceivedSpan,
  ReceivedSpanEvent,
  ReceivedSpanLink,
  SpanKindName,
  StatusCodeName,
} from './types.js';

const SPAN_KIND_PROTO_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;
const SPAN_KINDS: readonly SpanKindName[] = [
  'UNSPECIFIED',
  'INTERNAL',
  'SERVER',
  'CLIENT',
  'PRODUCER',
  'CONSUMER',
];

const STATUS_PROTO_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;
const STATUS_CODES: readonly StatusCodeName[] = ['UNSET', 'OK', 'ERROR'];

function requiredId(value: unknown, path: string, bytes: 8 | 16): string {
  const id = readId(value, path, bytes);
  if (id === undefined) throw new OtlpDecodeError(path, 'is required');
  return id;
}

function readEvent(value: unknown, path: string): ReceivedSpanEvent {
  const event = readObject(value, path);
  const timeUnixNano = readNanos(field(event, 'timeUnixNano'), `${path}.timeUnixNano`);
  return {
    name: readString(field(event, 'name'), `${path}.name`),
    timeUnixNano,
    timeMs: nanosToMs(timeUnixNano),
    attributes: readAttributes(field(event, 'attributes'), `${path}.attributes`),
    droppedAttributesCount: readNumber(
      field(event, 'droppedAttributesCount'),
      `${path}.droppedAttributesCount`,
    ),
  };
}

function readLink(value: unknown, path: string): ReceivedSpanLink {
  const link = readObject(value, path);
  return {
    traceId: requiredId(field(link, 'traceId'), `${path}.traceId`, 16),
    spanId: requiredId(field(link, 'spanId'), `${path}.spanId`, 8),
    traceState: readOptionalString(field(link, 'traceState'), `${path}.traceState`),
    attributes: readAttributes(field(link, 'attributes'), `${path}.attributes`),
    droppedAttributesCount: readNumber(
      field(link, 'droppedAttributesCount'),
      `${path}.droppedAttributesCount`,
    ),
    flags: readNumber(field(link, 'flags'), `${path}.flags`),
  };
}

/**
 * Normalises every span of an export request. Throws {@link OtlpDecodeError} naming the first bad field; a
 * request is taken whole or not at all, so a test never sees half of a rejected batch.
 */
export function normaliseTraces(request: unknown): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  const names = { resources: 'resourceSpans', scopes: 'scopeSpans', items: 'spans' };
  forEachScopedItem(request, names, (item, resource, scope, path) => {
    const span = readObject(item, path);
    const startTimeUnixNano = readNanos(field(span, 'startTimeUnixNano'), `${path}.startTimeUnixNano`);
    const endTimeUnixNano = readNanos(field(span, 'endTimeUnixNano'), `${path}.endTimeUnixNano`);
    const status = readObject(field(span, 'status'), `${path}.status`);
    const kind = readEnum(field(span, 'kind'), `${path}.kind`, SPAN_KIND_PROTO_NAMES);
    const statusCode = readEnum(field(status, 'code'), `${path}.status.code`, STATUS_PROTO_NAMES);
    const startTimeMs = nanosToMs(startTimeUnixNano);
    const endTimeMs = nanosToMs(endTimeUnixNano);
    spans.push({
      traceId: requiredId(field(span, 'traceId'), `${path}.traceId`, 16),
      spanId: requiredId(field(span, 'spanId'), `${path}.spanId`, 8),
      parentSpanId: readId(field(span, 'parentSpanId'), `${path}.parentSpanId`, 8),
      traceState: readOptionalString(field(span, 'traceState'), `${path}.traceState`),
      flags: readNumber(field(span, 'flags'), `${path}.flags`),
      name: readString(field(span, 'name'), `${path}.name`),
      kind: SPAN_KINDS[kind] ?? 'UNSPECIFIED',
      startTimeUnixNano,
      endTimeUnixNano,
      startTimeMs,
      endTimeMs,
      // Computed from the exact nanoseconds, so a sub-millisecond span does not come out negative or zero.
      durationMs: Number(BigInt(endTimeUnixNano) - BigInt(startTimeUnixNano)) / 1e6,
      attributes: readAttributes(field(span, 'attributes'), `${path}.attributes`),
      droppedAttributesCount: readNumber(
        field(span, 'droppedAttributesCount'),
        `${path}.droppedAttributesCount`,
      ),
      events: readArray(field(span, 'events'), `${path}.events`).map((event, index) =>
        readEvent(event, `${path}.events[${index}]`),
      ),
      droppedEventsCount: readNumber(field(span, 'droppedEventsCount'), `${path}.droppedEventsCount`),
      links: readArray(field(span, 'links'), `${path}.links`).map((link, index) =>
        readLink(link, `${path}.links[${index}]`),
      ),
      droppedLinksCount: readNumber(field(span, 'droppedLinksCount'), `${path}.droppedLinksCount`),
      status: {
        code: STATUS_CODES[statusCode] ?? 'UNSET',
        message: readString(field(status, 'message'), `${path}.status.message`),
      },
      resource,
      scope,
    });
  });
  return spans;
}
