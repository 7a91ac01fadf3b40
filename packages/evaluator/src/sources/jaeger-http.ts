/**
 * One request to Jaeger's trace search (`GET /api/traces`), with every failure turned into an `InputError`
 * that names the URL: unreachable host, timeout, HTTP error status (with the `errors` Jaeger put in its
 * answer), a body that is not JSON, or JSON that is not Jaeger's `{data: [...]}` envelope.
 */
import { InputError } from '../errors.js';
import type { ResolvedJaegerOptions } from './jaeger-options.js';
import type { JaegerResponse, JaegerTrace } from './jaeger-span.js';

/** A search window in whole Unix microseconds, inclusive at both ends (as Jaeger reads `start`/`end`). */
export interface MicrosWindow {
  startMicros: number;
  endMicros: number;
}

/** One answered search. */
export interface JaegerPage {
  url: string;
  traces: JaegerTrace[];
  /** Size of the response body in bytes. */
  bytes: number;
}

/** The search URL for a window (parameters as Jaeger's query_parser.go reads them). */
export function searchUrl(options: ResolvedJaegerOptions, window: MicrosWindow): string {
  const params = new URLSearchParams({
    service: options.service,
    start: String(window.startMicros),
    end: String(window.endMicros),
    limit: String(options.pageSize),
  });
  if (options.operation !== undefined) params.set('operation', options.operation);
  if (options.tags !== undefined) params.set('tags', JSON.stringify(options.tags));
  return `${options.tracesUrl}?${params}`;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}...` : flat;
}

/** Jaeger's `errors[].msg` texts, when the body is its JSON envelope. */
function jaegerErrors(body: unknown): string[] {
  const errors = (body as JaegerResponse | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => (typeof e?.msg === 'string' ? e.msg : JSON.stringify(e)));
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function describeFetchFailure(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return `no complete answer within ${timeoutMs} ms (timeoutMs)`;
  const cause = err?.cause?.code ?? err?.cause?.message;
  return `cannot reach Jaeger (${cause ?? err?.message ?? String(error)})`;
}

/**
 * Fetches one page. Throws `InputError` (field-less, `file` = the URL) on any failure; rethrows the caller's
 * own abort reason untouched.
 */
export async function fetchJaegerPage(
  options: ResolvedJaegerOptions,
  window: MicrosWindow,
): Promise<JaegerPage> {
  const url = searchUrl(options, window);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let status: number;
  let statusText: string;
  let text: string;
  try {
    const response = await options.fetch(url, {
      headers: { accept: 'application/json', ...options.headers },
      signal,
    });
    status = response.status;
    statusText = response.statusText;
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new InputError(describeFetchFailure(error, options.timeoutMs), { file: url });
  }
  const parsed = parseJson(text);
  if (status < 200 || status >= 300) {
    const reported = parsed.ok ? jaegerErrors(parsed.value) : [];
    const detail = reported.length > 0 ? reported.join('; ') : snippet(text) || '(empty body)';
    throw new InputError(`HTTP ${status}${statusText ? ` ${statusText}` : ''}: ${detail}`, { file: url });
  }
  if (!parsed.ok) {
    throw new InputError(`response is not valid JSON (${parsed.message}): ${snippet(text)}`, { file: url });
  }
  const body = parsed.value as JaegerResponse | null;
  const reported = jaegerErrors(body);
  if (reported.length > 0)
    throw new InputError(`Jaeger reported errors: ${reported.join('; ')}`, { file: url });
  if (body === null || typeof body !== 'object' || !('data' in body)) {
    throw new InputError(`expected Jaeger's {"data": [...]} answer, got: ${snippet(text)}`, { file: url });
  }
  const data = body.data;
  if (data !== null && !Array.isArray(data)) {
    throw new InputError('expected an array of traces', { file: url, field: 'data' });
  }
  return { url, traces: data ?? [], bytes: Buffer.byteLength(text) };
}
