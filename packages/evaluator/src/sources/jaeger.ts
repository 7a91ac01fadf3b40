/**
 * Jaeger as a source: reads traces through Jaeger's HTTP query API (`GET /api/traces`, served on port 16686
 * by Jaeger v1 and v2) and yields the same records as the OTLP file source, because every span goes through
 * the same `spanToRecord` after `jaegerSpanToOtlp` has undone Jaeger's OTLP translation.
 *
 * Paging: the search API has no cursor, only a time window and a trace count, and Jaeger backends do not
 * promise WHICH traces a capped answer keeps. So a window whose answer is full (as many traces as asked for)
 * may have lost traces: its answer is dropped and the window is split in two at the median activity time of
 * the traces it returned, and both halves are read, newer first, until every answer is partial. A trace is
 * read whole the first time it is seen; later sightings (Jaeger matches a trace through ANY span in the
 * window) are skipped by span id. Only one page is held in memory at a time.
 */
import { InputError } from '../errors.js';
import type { TraceRecord } from '../records.js';
import { fetchJaegerPage, type MicrosWindow } from './jaeger-http.js';
import {
  type JaegerSourceOptions,
  type ResolvedJaegerOptions,
  resolveJaegerOptions,
} from './jaeger-options.js';
import { type JaegerTrace, jaegerSpanToOtlp, padId, serviceOfProcess } from './jaeger-span.js';
import { isJaegerSpec, parseJaegerSpec } from './jaeger-spec.js';
import {
  createReadStats,
  MAX_REPORTED_PROBLEMS,
  type ReadOptions,
  type ReadStats,
  type Source,
} from './source.js';
import { SpanKeySet } from './span-key-set.js';
import { spanToRecord } from './span-record.js';

export { JAEGER_DEFAULTS, type JaegerSourceOptions } from './jaeger-options.js';
export type {
  JaegerKeyValue,
  JaegerProcess,
  JaegerResponse,
  JaegerSpan,
  JaegerTrace,
} from './jaeger-span.js';
export { JAEGER_SPEC_PREFIX } from './jaeger-spec.js';
export { isJaegerSpec, parseJaegerSpec };

/**
 * When a trace was last active inside the window: the latest start of its spans that lie in the window
 * (clamped into it). Pages are read in this order, newest first, and full windows are split at the median of
 * it, so a split always lands where the traces are, whatever order the server answered in.
 */
function lastActivityMicros(trace: JaegerTrace, window: MicrosWindow): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const span of trace.spans) {
    const t = span?.startTime;
    if (typeof t === 'number' && t >= window.startMicros && t <= window.endMicros && t > latest) latest = t;
  }
  return Number.isFinite(latest) ? latest : window.endMicros;
}

interface KeyedTrace {
  trace: JaegerTrace;
  at: number;
  id: string;
}

/** The page's traces, most recently active first (ties by trace id), so reads are deterministic. */
function newestFirst(traces: JaegerTrace[], window: MicrosWindow, url: string): KeyedTrace[] {
  const keyed = traces.map((trace, i) => {
    if (trace === null || typeof trace !== 'object' || !Array.isArray(trace.spans)) {
      throw new InputError('expected a trace with a spans array', { file: url, field: `data[${i}].spans` });
    }
    return { trace, at: lastActivityMicros(trace, window), id: String(trace.traceID) };
  });
  keyed.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed;
}

/** Splits a full window in two non-empty halves at the median activity of the traces it returned. */
function split(window: MicrosWindow, keyed: KeyedTrace[]): [older: MicrosWindow, newer: MicrosWindow] {
  const median = keyed[Math.floor(keyed.length / 2)].at;
  const middle = Math.min(Math.max(median, window.startMicros), window.endMicros - 1);
  return [
    { startMicros: window.startMicros, endMicros: middle },
    { startMicros: middle + 1, endMicros: window.endMicros },
  ];
}

class JaegerReader {
  private readonly seen = new SpanKeySet();
  /** Traces read for the first time (what `limit` counts). */
  tracesRead = 0;

  constructor(
    private readonly options: ResolvedJaegerOptions,
    private readonly stats: ReadStats,
    private readonly skipInvalid: boolean,
  ) {}

  problem(error: InputError): void {
    if (!this.skipInvalid) throw error;
    if (this.stats.problems.length < MAX_REPORTED_PROBLEMS) this.stats.problems.push(error.message);
  }

  /** Records of one trace's new spans of the wanted service inside the window. */
  *trace(trace: JaegerTrace, url: string): Generator<TraceRecord> {
    const { options, stats } = this;
    let fresh = false;
    let seenBefore = false;
    for (const span of trace.spans) {
      stats.spans++;
      let traceId: string;
      let spanId: string;
      try {
        traceId = padId(span?.traceID, 32, 'traceID');
        spanId = padId(span?.spanID, 16, 'spanID');
      } catch (error) {
        stats.invalidSpans++;
        this.problem(
          new InputError((error as InputError).detail, { file: url, field: (error as InputError).field }),
        );
        continue;
      }
      if (!this.seen.add(traceId, spanId)) {
        stats.duplicates++;
        seenBefore = true;
        continue;
      }
      fresh = true;
      const process = trace.processes?.[span.processID ?? ''];
      if (!options.allServices && process?.serviceName !== options.service) continue;
      // Jaeger returns whole traces; keep only spans that started inside the asked window. (A start that is
      // not a number goes on to the conversion, which reports it.)
      const start = span.startTime;
      if (typeof start === 'number' && (start < options.startMicros || start > options.endMicros)) continue;
      let record: TraceRecord | undefined;
      try {
        record = spanToRecord(jaegerSpanToOtlp(span), serviceOfProcess(process));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        stats.invalidSpans++;
        this.problem(
          new InputError(`${error.detail} (trace ${traceId} span ${spanId})`, {
            file: url,
            field: error.field,
          }),
        );
        continue;
      }
      if (record === undefined) continue;
      if (record.kind === 'call') stats.calls++;
      else stats.steps++;
      yield record;
    }
    // A trace seen before that gained spans since (still being written) is not a new trace.
    if (fresh && !seenBefore) this.tracesRead++;
  }
}

async function* readJaeger(
  options: ResolvedJaegerOptions,
  readOptions: ReadOptions,
): AsyncGenerator<TraceRecord> {
  const stats = readOptions.stats ?? createReadStats();
  const reader = new JaegerReader(options, stats, readOptions.skipInvalid === true);
  // A stack of windows still to read; the newer half of a split window is pushed last so it is read first.
  const pending: MicrosWindow[] = [{ startMicros: options.startMicros, endMicros: options.endMicros }];
  let requests = 0;
  while (pending.length > 0) {
    if (reader.tracesRead >= options.limit) return;
    const window = pending.pop() as MicrosWindow;
    if (requests >= options.maxRequests) {
      throw new InputError(
        `stopped after ${requests} requests (maxRequests) with windows still to read; raise pageSize or maxRequests, or narrow the window`,
        { file: options.tracesUrl },
      );
    }
    requests++;
    const page = await fetchJaegerPage(options, window);
    readOptions.onProgress?.({
      file: page.url,
      fileIndex: requests - 1,
      fileCount: requests + pending.length,
      bytesRead: page.bytes,
      fileBytes: page.bytes,
      spans: stats.spans,
    });
    const keyed = newestFirst(page.traces, window, page.url);
    if (keyed.length >= options.pageSize) {
      if (window.endMicros > window.startMicros) {
        // A full answer may have left traces out: drop it and read both halves, the newer one first.
        const [older, newer] = split(window, keyed);
        pending.push(older, newer);
        continue;
      }
      reader.problem(
        new InputError(
          `${keyed.length} traces are active in the same microsecond and the page is full, so some may be missing; raise pageSize`,
          { file: page.url },
        ),
      );
    }
    for (const { trace } of keyed) {
      if (reader.tracesRead >= options.limit) return;
      yield* reader.trace(trace, page.url);
    }
  }
}

/**
 * A source over a Jaeger query service. Each `records()` call resolves the window (relative times against
 * `now()`), then pages through it as described in the module comment, newest traces first.
 *
 * Guarantees: only one page of traces is in memory at a time; a span is yielded at most once per read (same
 * trace and span id); only spans of `service` (unless `allServices`) that started inside the window are
 * yielded; with `limit`, the most recent `limit` traces are read. Throws `InputError` naming the URL on
 * network, HTTP, timeout and format problems, and on bad options; `skipInvalid` skips malformed spans instead.
 */
export function jaegerSource(options: JaegerSourceOptions): Source {
  // Validate eagerly so a bad option fails where the source is made, not at the first read.
  resolveJaegerOptions(options);
  const query = new URLSearchParams({ service: options.service });
  return {
    description: `jaeger:${options.baseUrl.replace(/\/+$/, '')}?${query}`,
    records(readOptions: ReadOptions = {}): AsyncIterable<TraceRecord> {
      return readJaeger(resolveJaegerOptions(options), readOptions);
    },
  };
}

/** `jaegerSource(parseJaegerSpec(spec))`, with `overrides` (e.g. `fetch`, `now`, `headers`) applied on top. */
export function jaegerSourceFromSpec(spec: string, overrides: Partial<JaegerSourceOptions> = {}): Source {
  const parsed = parseJaegerSpec(spec);
  return jaegerSource({
    ...parsed,
    ...overrides,
    headers: { ...parsed.headers, ...overrides.headers },
  });
}
