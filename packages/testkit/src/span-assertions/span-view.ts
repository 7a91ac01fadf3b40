/**
 * One small span interface for assertions: the receiver's spans already have it; the OTel SDK's
 * `ReadableSpan`s (e.g. from `InMemorySpanExporter`) are adapted to it. Declared structurally so the shipped
 * code never imports the SDK.
 */
import type {
  Attributes,
  AttributeValue,
  SpanKindName,
  SpanView,
  StatusCodeName,
} from '../otlp-receiver/types.js';

/** `[seconds, nanoseconds]`, the OTel API's `HrTime`. */
type HrTimeLike = readonly [number, number];

/**
 * The parts of the OTel SDK's `ReadableSpan` (sdk-trace-base 2.x) the adapter reads. Any `ReadableSpan` is
 * assignable to it.
 */
export interface ReadableSpanLike {
  readonly name: string;
  /** The OTel API's `SpanKind`: INTERNAL 0, SERVER 1, CLIENT 2, PRODUCER 3, CONSUMER 4. */
  readonly kind: number;
  readonly spanContext: () => { readonly traceId: string; readonly spanId: string };
  readonly parentSpanContext?: { readonly spanId: string } | undefined;
  /** SDK 1.x spelling of the parent, read when `parentSpanContext` is absent. */
  readonly parentSpanId?: string | undefined;
  readonly startTime: HrTimeLike;
  readonly endTime: HrTimeLike;
  /** The OTel API's `SpanStatusCode`: UNSET 0, OK 1, ERROR 2. */
  readonly status: { readonly code: number; readonly message?: string };
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly events: readonly {
    readonly name: string;
    readonly time: HrTimeLike;
    readonly attributes?: Readonly<Record<string, unknown>>;
  }[];
  readonly links: readonly {
    readonly context: { readonly traceId: string; readonly spanId: string };
    readonly attributes?: Readonly<Record<string, unknown>>;
  }[];
  readonly resource: { readonly attributes: Readonly<Record<string, unknown>> };
  readonly instrumentationScope: { readonly name: string; readonly version?: string };
}

/** What the assertion helpers accept: a receiver span (or any {@link SpanView}) or an SDK `ReadableSpan`. */
export type SpanInput = SpanView | ReadableSpanLike;

// API enums are offset from OTLP's: the API has no UNSPECIFIED.
const API_SPAN_KINDS: readonly SpanKindName[] = ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const API_STATUS_CODES: readonly StatusCodeName[] = ['UNSET', 'OK', 'ERROR'];

function isReadableSpan(span: SpanInput): span is ReadableSpanLike {
  return typeof (span as ReadableSpanLike).spanContext === 'function';
}

function hrTimeToMs(time: HrTimeLike): number {
  return time[0] * 1000 + time[1] / 1e6;
}

function apiValue(value: unknown): AttributeValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(apiValue);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint' || value instanceof Uint8Array) return value;
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, apiValue(entry)]));
  }
  return String(value);
}

/** Copies OTel API attributes into plain {@link Attributes}; keys whose value is undefined are left out. */
export function apiAttributes(attributes: Readonly<Record<string, unknown>> | undefined): Attributes {
  const result: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value !== undefined) result[key] = apiValue(value);
  }
  return result;
}

const viewCache = new WeakMap<ReadableSpanLike, SpanView>();

/** Returns the span as a {@link SpanView}: receiver spans as they are, SDK spans adapted (and cached). */
export function toSpanView(span: SpanInput): SpanView {
  if (!isReadableSpan(span)) return span;
  const cached = viewCache.get(span);
  if (cached) return cached;
  const context = span.spanContext();
  const startTimeMs = hrTimeToMs(span.startTime);
  const endTimeMs = hrTimeToMs(span.endTime);
  const view: SpanView = {
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: (span.parentSpanContext?.spanId ?? span.parentSpanId) || undefined,
    name: span.name,
    kind: API_SPAN_KINDS[span.kind] ?? 'UNSPECIFIED',
    attributes: apiAttributes(span.attributes),
    events: span.events.map((event) => ({
      name: event.name,
      attributes: apiAttributes(event.attributes),
      timeMs: hrTimeToMs(event.time),
    })),
    links: span.links.map((link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      attributes: apiAttributes(link.attributes),
    })),
    status: { code: API_STATUS_CODES[span.status.code] ?? 'UNSET', message: span.status.message ?? '' },
    startTimeMs,
    endTimeMs,
    durationMs: endTimeMs - startTimeMs,
    resource: { attributes: apiAttributes(span.resource.attributes) },
    scope: { name: span.instrumentationScope.name, version: span.instrumentationScope.version },
  };
  viewCache.set(span, view);
  return view;
}

/** The span's attributes as a plain object (copied), whichever kind of span it is. */
export function attributeMap(span: SpanInput): Record<string, AttributeValue> {
  return { ...toSpanView(span).attributes };
}
