/**
 * Jaeger's query-API JSON (the "UI model" served by `GET /api/traces`) and the adapter that turns one Jaeger
 * span back into the OTLP/JSON span shape `spanToRecord` reads, so Jaeger and OTLP files go through ONE
 * attribute mapping. The adapter undoes the OpenTelemetry -> Jaeger translation that Jaeger (and the OTel
 * Collector's Jaeger translator) applies on ingest:
 *
 * - tags `{key, type, value}` -> attributes: `string` -> stringValue, `bool` -> boolValue, `int64` -> intValue
 *   (Jaeger sends integers beyond 2^53 as decimal strings), `float64` -> doubleValue, `binary` -> bytesValue;
 * - array attributes arrive as JSON strings (`'["stop"]'`): for the attributes the conventions define as
 *   arrays (`ARRAY_ATTRIBUTES`) a JSON-array string becomes an `arrayValue` again;
 * - `otel.status_code` = `ERROR` (or, from non-OTel clients, `error` = true) -> status code 2;
 * - logs -> events named by their `event` field (how span events travel through Jaeger);
 * - `startTime`/`duration` in microseconds -> Unix nanoseconds;
 * - ids: Jaeger prints a 128-bit trace id whose high half is zero as 16 hex digits; OTLP always uses 32.
 */
import {
  ATTR_GEN_AI_REQUEST_ENCODING_FORMATS,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
} from '@sightline/core/semconv';
import { InputError } from '../errors.js';
import type { OtlpAnyValue } from './otlp-values.js';
import type { OtlpSpan } from './span-record.js';

/** A typed tag, log field or process tag. */
export interface JaegerKeyValue {
  key: string;
  /** `string`, `bool`, `int64`, `float64` or `binary`. */
  type?: string;
  value: unknown;
}

/** A span reference (`CHILD_OF` for the parent, `FOLLOWS_FROM` for links). */
export interface JaegerReference {
  refType: string;
  traceID: string;
  spanID: string;
}

/** A span log (an OTel span event). */
export interface JaegerLog {
  /** Unix microseconds. */
  timestamp: number;
  fields?: JaegerKeyValue[] | null;
}

/** A span in Jaeger's query-API JSON. */
export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName?: string;
  references?: JaegerReference[] | null;
  /** Unix microseconds. */
  startTime: number;
  /** Microseconds. */
  duration: number;
  tags?: JaegerKeyValue[] | null;
  logs?: JaegerLog[] | null;
  processID?: string;
  warnings?: string[] | null;
}

/** The process (OTel resource) that emitted spans; `serviceName` is the resource's `service.name`. */
export interface JaegerProcess {
  serviceName: string;
  tags?: JaegerKeyValue[] | null;
}

/** A trace in Jaeger's query-API JSON. */
export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
  warnings?: string[] | null;
}

/** The envelope of every Jaeger query-API answer (`structuredResponse` in Jaeger's http_handler.go). */
export interface JaegerResponse {
  data: JaegerTrace[] | null;
  total?: number;
  limit?: number;
  offset?: number;
  errors?: { code?: number; msg: string; traceID?: string }[] | null;
}

/**
 * Attributes the GenAI conventions define as string arrays. Jaeger stores OTLP arrays as JSON strings; these
 * are turned back into arrays. (Other JSON-looking strings, such as `gen_ai.output.messages`, stay strings.)
 */
export const ARRAY_ATTRIBUTES: ReadonlySet<string> = new Set([
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_ENCODING_FORMATS,
]);

/** Service name Jaeger's translator gives a resource without attributes. */
export const JAEGER_NO_SERVICE_NAME = 'OTLPResourceNoServiceName';

const STATUS_CODE_TAG = 'otel.status_code';
const ERROR_TAG = 'error';
const EVENT_FIELD = 'event';

/** Lower-case hex id left-padded to `digits` (Jaeger drops a zero high half of a 128-bit trace id). */
export function padId(id: unknown, digits: number, field: string): string {
  if (typeof id !== 'string' || id === '' || id.length > digits || !/^[0-9a-fA-F]+$/.test(id)) {
    throw new InputError(`expected a hex id of at most ${digits} digits, got ${JSON.stringify(id)}`, {
      field,
    });
  }
  const lower = id.toLowerCase();
  return lower.length === digits ? lower : lower.padStart(digits, '0');
}

function scalarToAnyValue(value: unknown): OtlpAnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  // Nested arrays and maps have no typed form left after Jaeger's JSON encoding: keep them as JSON text.
  return { stringValue: JSON.stringify(value) };
}

/** A JSON-array string as an OTLP arrayValue, or undefined when the text is not a JSON array. */
function arrayFromJson(text: string): OtlpAnyValue | undefined {
  if (!text.startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  return { arrayValue: { values: parsed.map(scalarToAnyValue) } };
}

/** One Jaeger tag value as an OTLP AnyValue (see the module comment for the mapping). */
export function tagToAnyValue(tag: JaegerKeyValue): OtlpAnyValue {
  const { key, type, value } = tag;
  switch (type) {
    case 'string':
      if (typeof value === 'string' && ARRAY_ATTRIBUTES.has(key))
        return arrayFromJson(value) ?? { stringValue: value };
      return { stringValue: value };
    case 'bool':
      return { boolValue: value };
    case 'int64':
      return { intValue: value };
    case 'float64':
      return { doubleValue: value };
    case 'binary':
      // The OTLP/JSON form of bytes is base64 too; declared loosely because the evaluator reads no bytes.
      return { bytesValue: value } as OtlpAnyValue;
    default:
      // No (or an unknown) type: infer it from the JSON value, as Jaeger's own JSON decoder would fail to.
      return scalarToAnyValue(value);
  }
}

function requireMicros(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new InputError(`expected non-negative integer microseconds, got ${JSON.stringify(value)}`, { field });
}

/** True when the span's tags say it failed: `otel.status_code=ERROR`, else (non-OTel clients) `error=true`. */
function isErrorSpan(tags: readonly JaegerKeyValue[]): boolean {
  let statusCode: unknown;
  let errorFlag = false;
  for (const tag of tags) {
    if (tag?.key === STATUS_CODE_TAG) statusCode = tag.value;
    else if (tag?.key === ERROR_TAG && (tag.value === true || tag.value === 'true')) errorFlag = true;
  }
  return statusCode !== undefined ? statusCode === 'ERROR' : errorFlag;
}

function eventName(log: JaegerLog): string | undefined {
  const fields = log?.fields;
  if (!Array.isArray(fields)) return undefined;
  for (const field of fields)
    if (field?.key === EVENT_FIELD && typeof field.value === 'string') return field.value;
  return undefined;
}

/**
 * The OTLP/JSON form of one Jaeger span, as far as `spanToRecord` reads it. Throws `InputError` (with `field`)
 * on a malformed id, time or tag list; the caller adds the URL.
 */
export function jaegerSpanToOtlp(span: JaegerSpan): OtlpSpan {
  const tags = span.tags ?? [];
  if (!Array.isArray(tags)) throw new InputError('expected an array', { field: 'tags' });
  const startMicros = requireMicros(span.startTime, 'startTime');
  const durationMicros = requireMicros(span.duration, 'duration');
  const attributes: { key: string; value: OtlpAnyValue }[] = new Array(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (tag === null || typeof tag !== 'object' || typeof tag.key !== 'string') {
      throw new InputError('expected a {key, type, value} tag', { field: `tags[${i}]` });
    }
    attributes[i] = { key: tag.key, value: tagToAnyValue(tag) };
  }
  const logs = Array.isArray(span.logs) ? span.logs : [];
  const events: { name?: unknown }[] = [];
  for (const log of logs) {
    const name = eventName(log);
    if (name !== undefined) events.push({ name });
  }
  return {
    traceId: padId(span.traceID, 32, 'traceID'),
    spanId: padId(span.spanID, 16, 'spanID'),
    name: span.operationName,
    // Microseconds -> nanoseconds as text: the nanosecond numbers exceed 2^53.
    startTimeUnixNano: startMicros === 0 ? '0' : `${startMicros}000`,
    endTimeUnixNano: startMicros + durationMicros === 0 ? '0' : `${startMicros + durationMicros}000`,
    attributes,
    events,
    status: isErrorSpan(tags) ? { code: 2 } : undefined,
  };
}

/** `service.name` of a span's process; undefined for a resource Jaeger received without attributes. */
export function serviceOfProcess(process: JaegerProcess | undefined): string | undefined {
  const name = process?.serviceName;
  if (typeof name !== 'string' || name === '' || name === JAEGER_NO_SERVICE_NAME) return undefined;
  return name;
}
