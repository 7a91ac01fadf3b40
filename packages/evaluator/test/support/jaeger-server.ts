/**
 * A local stand-in for Jaeger's query service: `GET /api/traces` over real HTTP (node:http), answering in
 * Jaeger's exact envelope (`{"data":[...],"total":0,"limit":0,"offset":0,"errors":null}`, as the search
 * handler writes it) and applying the search the way Jaeger's storage does: traces with at least one span of
 * `service` (and `operation`, and all `tags` among span tags, process tags or log fields) whose start time
 * lies in [start, end] microseconds, at most `limit` traces. Error answers use Jaeger's shape too
 * (`{"data":null,...,"errors":[{"code":400,"msg":"parameter 'service' is required"}]}`).
 *
 * Jaeger backends do not promise WHICH traces come back when more than `limit` match; `order` picks newest
 * first (Elasticsearch/Cassandra-like), oldest first, or a fixed shuffle, so paging is tested against all.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JaegerKeyValue, JaegerTrace } from '../../src/sources/jaeger-span.js';

/** A request the fake received. */
export interface JaegerRequestLog {
  path: string;
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
}

/** What the next request(s) get instead of a search answer. */
export type JaegerFault =
  | { kind: 'status'; status: number; body: string; contentType?: string }
  | { kind: 'hang' };

export interface FakeJaeger {
  /** Base URL, e.g. `http://127.0.0.1:4321`. */
  url: string;
  requests: JaegerRequestLog[];
  /** Traces served (replace freely). */
  traces: JaegerTrace[];
  /** Queue a fault for the next request. */
  fail(fault: JaegerFault): void;
  close(): Promise<void>;
}

export interface FakeJaegerOptions {
  traces?: JaegerTrace[];
  order?: 'newest' | 'oldest' | 'shuffled';
}

function envelope(data: JaegerTrace[] | null, errors: { code: number; msg: string }[] | null): string {
  return JSON.stringify({ data, total: 0, limit: 0, offset: 0, errors });
}

function tagMatches(list: readonly JaegerKeyValue[] | null | undefined, key: string, value: string): boolean {
  return (list ?? []).some((tag) => tag.key === key && String(tag.value) === value);
}

function matches(trace: JaegerTrace, params: URLSearchParams): boolean {
  const service = params.get('service');
  const operation = params.get('operation');
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  const tags: Record<string, string> = params.has('tags') ? JSON.parse(params.get('tags') as string) : {};
  return trace.spans.some((span) => {
    const process = trace.processes[span.processID ?? ''];
    if (process?.serviceName !== service) return false;
    if (operation && span.operationName !== operation) return false;
    if (span.startTime < start || span.startTime > end) return false;
    return Object.entries(tags).every(
      ([key, value]) =>
        tagMatches(span.tags, key, value) ||
        tagMatches(process.tags, key, value) ||
        (span.logs ?? []).some((log) => tagMatches(log.fields, key, value)),
    );
  });
}

function traceStart(trace: JaegerTrace): number {
  return Math.min(...trace.spans.map((span) => span.startTime));
}

/** A deterministic shuffle (no randomness in tests). */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeJaeger(options: FakeJaegerOptions = {}): Promise<FakeJaeger> {
  const requests: JaegerRequestLog[] = [];
  const faults: JaegerFault[] = [];
  const hanging = new Set<ServerResponse>();
  const state = { traces: options.traces ?? [] };
  const order = options.order ?? 'newest';

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ path: url.pathname, params: Object.fromEntries(url.searchParams), headers: req.headers });
    const fault = faults.shift();
    if (fault?.kind === 'hang') {
      hanging.add(res);
      return;
    }
    if (fault?.kind === 'status') {
      res
        .writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json' })
        .end(fault.body);
      return;
    }
    const json = (status: number, body: string) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    if (req.method !== 'GET' || url.pathname !== '/api/traces') {
      json(404, envelope(null, [{ code: 404, msg: '404 page not found' }]));
      return;
    }
    const params = url.searchParams;
    if (!params.get('service')) {
      json(400, envelope(null, [{ code: 400, msg: "parameter 'service' is required" }]));
      return;
    }
    for (const name of ['start', 'end', 'limit']) {
      const value = params.get(name);
      if (value !== null && !/^-?\d+$/.test(value)) {
        json(
          400,
          envelope(null, [
            {
              code: 400,
              msg: `unable to parse param '${name}': strconv.ParseInt: parsing "${value}": invalid syntax`,
            },
          ]),
        );
        return;
      }
    }
    const limit = Number(params.get('limit') ?? 100);
    let found = state.traces.filter((trace) => matches(trace, params));
    if (order === 'newest') found.sort((a, b) => traceStart(b) - traceStart(a));
    else if (order === 'oldest') found.sort((a, b) => traceStart(a) - traceStart(b));
    else found = shuffled(found);
    json(200, envelope(found.slice(0, limit), null));
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get traces() {
      return state.traces;
    },
    set traces(traces: JaegerTrace[]) {
      state.traces = traces;
    },
    fail: (fault) => faults.push(fault),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
