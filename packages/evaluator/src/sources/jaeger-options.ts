/**
 * Options of the Jaeger source, their defaults, and their validation. Times are resolved when a read starts
 * (not when the source is created), so a long-lived source with `lookback: '1h'` always reads the last hour.
 */
import { InputError } from '../errors.js';

/** Options of `jaegerSource`. Every field except `baseUrl` and `service` is optional. */
export interface JaegerSourceOptions {
  /**
   * Jaeger query service root, e.g. `http://localhost:16686` (plus the base path when Jaeger runs with
   * `--query.base-path`, e.g. `http://host/jaeger`). `/api/traces` is appended.
   */
  baseUrl: string;
  /** Service whose traces are read (Jaeger requires one). */
  service: string;
  /**
   * Start of the window: a `Date`, epoch milliseconds, or text (`now`, a duration before now such as `7d`,
   * `12h`, `30m`, or an ISO time, read as UTC when it has no zone). Default: `end` minus `lookback`.
   */
  start?: Date | number | string;
  /** End of the window (same forms as `start`). Default: now. */
  end?: Date | number | string;
  /** Window length when `start` is not given: milliseconds or text such as `7d`, `1h30m`. Default `1h`. */
  lookback?: number | string;
  /**
   * Maximum number of TRACES read in total (the most recent ones win, as in Jaeger's UI). Default: no limit,
   * every trace in the window is read.
   */
  limit?: number;
  /** Traces asked for per request (Jaeger's own `limit` parameter). Default 200. */
  pageSize?: number;
  /** Only traces with a span of this operation (span name). */
  operation?: string;
  /** Only traces with a span carrying all these tags (sent as Jaeger's `tags` JSON parameter). */
  tags?: Record<string, string>;
  /** Extra request headers (e.g. `authorization` for a Jaeger behind an auth proxy). */
  headers?: Record<string, string>;
  /** `fetch` implementation. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Per-request timeout in milliseconds, body included. Default 30000. */
  timeoutMs?: number;
  /** Upper bound on requests per read; reaching it is an `InputError`. Default 1000. */
  maxRequests?: number;
  /** Aborts a read in progress (the abort reason is thrown as is). */
  signal?: AbortSignal;
  /**
   * Also yield spans of OTHER services found in the matching traces. Default false: only spans whose
   * process is `service` are yielded.
   */
  allServices?: boolean;
  /** Clock for "now" (epoch milliseconds). Default `Date.now`. */
  now?: () => number;
}

/** Defaults, documented in the package README. */
export const JAEGER_DEFAULTS = {
  lookbackMs: 3_600_000,
  pageSize: 200,
  timeoutMs: 30_000,
  maxRequests: 1000,
} as const;

/** Options with defaults applied and the window resolved to integer microseconds. */
export interface ResolvedJaegerOptions {
  tracesUrl: string;
  service: string;
  startMicros: number;
  endMicros: number;
  limit: number;
  pageSize: number;
  operation?: string;
  tags?: Record<string, string>;
  headers: Record<string, string>;
  fetch: typeof fetch;
  timeoutMs: number;
  maxRequests: number;
  signal?: AbortSignal;
  allServices: boolean;
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses `7d`, `12h`, `1h30m`, `500ms` into milliseconds; undefined when the text is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(DURATION_PART)) total += Number(amount) * UNIT_MS[unit];
  return total;
}

/** Parses a time endpoint (see `JaegerSourceOptions.start`) to epoch milliseconds. */
export function parseTimeMs(value: Date | number | string, nowMs: number, field: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isFinite(ms)) return ms;
  } else if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (text === 'now') return nowMs;
    const ago = parseDurationMs(text);
    if (ago !== undefined) return nowMs - ago;
    if (ISO.test(text)) {
      // A time without a zone is UTC, so the same spec means the same window on every machine.
      const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) || !/[T ]/.test(text) ? text : `${text}Z`;
      const ms = Date.parse(iso);
      if (!Number.isNaN(ms)) return ms;
    }
  }
  throw new InputError(
    `invalid time ${JSON.stringify(value)} (expected "now", a duration before now such as 7d, or an ISO time)`,
    { field },
  );
}

function positiveInteger(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (Number.isSafeInteger(value) && value > 0) return value;
  throw new InputError(`expected a positive integer, got ${JSON.stringify(value)}`, { field });
}

function lookbackMs(value: number | string | undefined): number {
  if (value === undefined) return JAEGER_DEFAULTS.lookbackMs;
  const ms = typeof value === 'number' ? value : parseDurationMs(value.trim());
  if (ms !== undefined && Number.isFinite(ms) && ms > 0) return ms;
  throw new InputError(`expected a positive duration such as 1h or 7d, got ${JSON.stringify(value)}`, {
    field: 'lookback',
  });
}

/** `baseUrl` + `/api/traces`, validated. */
export function tracesUrlOf(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputError(`invalid URL ${JSON.stringify(baseUrl)}`, { field: 'baseUrl' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`expected an http(s) URL, got ${JSON.stringify(baseUrl)}`, { field: 'baseUrl' });
  }
  if (url.username || url.password) {
    throw new InputError('credentials in the URL are not sent; pass an authorization header instead', {
      field: 'baseUrl',
    });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/api/traces`;
}

/** Applies defaults and validates; the window is resolved against `now()` at this moment. */
export function resolveJaegerOptions(options: JaegerSourceOptions): ResolvedJaegerOptions {
  const tracesUrl = tracesUrlOf(options.baseUrl);
  if (typeof options.service !== 'string' || options.service.trim() === '') {
    throw new InputError('a service name is required (Jaeger searches one service at a time)', {
      field: 'service',
    });
  }
  const nowMs = (options.now ?? Date.now)();
  const endMs = options.end === undefined ? nowMs : parseTimeMs(options.end, nowMs, 'end');
  const startMs =
    options.start === undefined
      ? endMs - lookbackMs(options.lookback)
      : parseTimeMs(options.start, nowMs, 'start');
  // Jaeger's window is inclusive at both ends, in whole microseconds.
  const startMicros = Math.ceil(startMs * 1000);
  const endMicros = Math.floor(endMs * 1000);
  if (!(endMicros >= startMicros) || startMicros < 0) {
    throw new InputError(
      `the window ends before it starts (${new Date(startMs).toISOString()} .. ${new Date(endMs).toISOString()})`,
      { field: 'start' },
    );
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function')
    throw new InputError('no fetch implementation available', { field: 'fetch' });
  if (options.tags !== undefined) {
    for (const [key, value] of Object.entries(options.tags)) {
      if (typeof value !== 'string') {
        throw new InputError(`tag values must be strings, got ${JSON.stringify(value)}`, {
          field: `tags.${key}`,
        });
      }
    }
  }
  return {
    tracesUrl,
    service: options.service,
    startMicros,
    endMicros,
    limit: positiveInteger(options.limit, Number.POSITIVE_INFINITY, 'limit'),
    pageSize: positiveInteger(options.pageSize, JAEGER_DEFAULTS.pageSize, 'pageSize'),
    operation: options.operation || undefined,
    tags: options.tags && Object.keys(options.tags).length > 0 ? options.tags : undefined,
    headers: { ...options.headers },
    fetch: fetchImpl,
    timeoutMs: positiveInteger(options.timeoutMs, JAEGER_DEFAULTS.timeoutMs, 'timeoutMs'),
    maxRequests: positiveInteger(options.maxRequests, JAEGER_DEFAULTS.maxRequests, 'maxRequests'),
    signal: options.signal,
    allServices: options.allServices === true,
  };
}
