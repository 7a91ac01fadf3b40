/**
 * Turns user options (+ environment, read once) into the settings a provider call needs, and finds the tracer
 * and instruments at call time.
 */
import {
  diag,
  type MeterProvider,
  metrics,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { type GenAiInstruments, genAiInstruments, type InstrumentationScope } from '../metrics/index.js';
import { type ModelTable, resolveModelTable } from '../models/index.js';
import type { CaptureContentMode, Redactor, SightlineInstrumentationOptions } from '../options.js';
import { defaultRedactor } from '../redaction/index.js';
import { ENV_CAPTURE_MESSAGE_CONTENT, ENV_SEMCONV_STABILITY_OPT_IN } from '../semconv.js';

/** Default budget of text characters per content attribute. */
export const DEFAULT_MAX_CONTENT_LENGTH = 16_384;

/** Resolved, validated settings of one instrumented client. Immutable; build with `resolveInstrumentationOptions`. */
export interface ResolvedInstrumentation {
  readonly scope: InstrumentationScope;
  /** Explicit providers; `undefined` means "the global one at call time". */
  readonly tracerProvider: TracerProvider | undefined;
  readonly meterProvider: MeterProvider | undefined;
  /** Content goes into span attributes. */
  readonly contentInSpan: boolean;
  /** Content goes into a `gen_ai.client.inference.operation.details` span event. */
  readonly contentInEvent: boolean;
  /** Either of the above: whether a provider should gather content at all. */
  readonly captureContent: boolean;
  readonly redact: Redactor | undefined;
  readonly maxContentLength: number;
  readonly models: ModelTable;
  /** The `providerName` option, if given. */
  readonly providerName: string | undefined;
  /** `OTEL_SEMCONV_STABILITY_OPT_IN` contains `gen_ai_latest_experimental`: emit the newer metric names too. */
  readonly latestExperimental: boolean;
}

const CAPTURE_MODES = new Set(['span_only', 'event_only', 'span_and_event', 'none']);

function captureFlags(mode: CaptureContentMode): { span: boolean; event: boolean } {
  if (mode === true || mode === 'span_only') return { span: true, event: false };
  if (mode === 'span_and_event') return { span: true, event: true };
  if (mode === 'event_only') return { span: false, event: true };
  return { span: false, event: false };
}

function captureFromEnv(raw: string | undefined): CaptureContentMode {
  if (raw === undefined) return false;
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0' || value === 'none') return false;
  if (value === 'true' || value === '1') return true;
  if (CAPTURE_MODES.has(value)) return value as CaptureContentMode;
  diag.warn(
    `sightline: ${ENV_CAPTURE_MESSAGE_CONTENT}="${raw}" is not one of true, false, span_only, event_only, ` +
      'span_and_event, none; content capture stays off',
  );
  return false;
}

function invalid(field: string, expected: string, got: unknown): TypeError {
  const shown = typeof got === 'string' ? `"${got}"` : typeof got === 'function' ? 'a function' : String(got);
  return new TypeError(`sightline options: ${field} must be ${expected}, got ${shown}`);
}

/**
 * Validates `options` (throwing a `TypeError` naming the bad field) and reads the environment once.
 * Precedence: an explicit option, then the environment variable, then the default.
 */
export function resolveInstrumentationOptions(
  options: SightlineInstrumentationOptions | undefined,
  scope: InstrumentationScope,
  env: Record<string, string | undefined> = process.env,
): ResolvedInstrumentation {
  const o = options ?? {};
  if (typeof o !== 'object') throw invalid('options', 'an object', o);
  const capture = o.captureContent;
  if (capture !== undefined && typeof capture !== 'boolean' && !CAPTURE_MODES.has(capture as string)) {
    throw invalid('captureContent', 'a boolean or span_only | event_only | span_and_event | none', capture);
  }
  if (o.redact !== undefined && o.redact !== false && typeof o.redact !== 'function') {
    throw invalid('redact', 'a function (text: string) => string or false', o.redact);
  }
  const max = o.maxContentLength;
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
    throw invalid('maxContentLength', 'a positive integer', max);
  }
  if (o.providerName !== undefined && (typeof o.providerName !== 'string' || o.providerName === '')) {
    throw invalid('providerName', 'a non-empty string', o.providerName);
  }
  if (o.pricing !== undefined && (o.pricing === null || typeof o.pricing !== 'object')) {
    throw invalid('pricing', 'an object keyed by model id', o.pricing);
  }
  for (const field of ['tracerProvider', 'meterProvider'] as const) {
    const provider = o[field];
    if (provider !== undefined && (provider === null || typeof provider !== 'object')) {
      throw invalid(field, 'an OpenTelemetry provider object', provider);
    }
  }
  const flags = captureFlags(capture ?? captureFromEnv(env[ENV_CAPTURE_MESSAGE_CONTENT]));
  return Object.freeze({
    scope,
    tracerProvider: o.tracerProvider,
    meterProvider: o.meterProvider,
    contentInSpan: flags.span,
    contentInEvent: flags.event,
    captureContent: flags.span || flags.event,
    redact: o.redact === false ? undefined : (o.redact ?? defaultRedactor),
    maxContentLength: max ?? DEFAULT_MAX_CONTENT_LENGTH,
    models: resolveModelTable(o.pricing ?? {}),
    providerName: o.providerName,
    latestExperimental: (env[ENV_SEMCONV_STABILITY_OPT_IN] ?? '')
      .split(',')
      .some((entry) => entry.trim() === 'gen_ai_latest_experimental'),
  });
}

const tracers = new WeakMap<TracerProvider, Map<string, Tracer>>();

/** The tracer for a call: the explicit provider or the global one NOW. Cached per provider; may throw. */
export function tracerFor(kit: ResolvedInstrumentation): Tracer {
  const provider = kit.tracerProvider ?? trace.getTracerProvider();
  let byScope = tracers.get(provider);
  if (!byScope) {
    byScope = new Map();
    tracers.set(provider, byScope);
  }
  let tracer = byScope.get(kit.scope.name);
  if (!tracer) {
    tracer = provider.getTracer(kit.scope.name, kit.scope.version);
    byScope.set(kit.scope.name, tracer);
  }
  return tracer;
}

/** The instruments for a call: the explicit meter provider or the global one NOW. Cached; may throw. */
export function instrumentsFor(kit: ResolvedInstrumentation): GenAiInstruments {
  return genAiInstruments(kit.meterProvider ?? metrics.getMeterProvider(), kit.scope, kit.latestExperimental);
}
