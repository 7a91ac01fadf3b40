/**
 * Paging and failure handling of the Jaeger source against a local server in Jaeger's JSON shape. The traces
 * are copies of traces the real Sightline pipeline produced, moved in time and given new trace ids.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../test/helpers.js';
import { otlpToJaegerTraces } from '../../test/support/jaeger-fixture.js';
import { produceRealSpans } from '../../test/support/jaeger-real-spans.js';
import { type FakeJaeger, startFakeJaeger } from '../../test/support/jaeger-server.js';
import { InputError } from '../errors.js';
import type { TraceRecord } from '../records.js';
import { type JaegerSourceOptions, type JaegerTrace, jaegerSource } from './jaeger.js';
import { createReadStats } from './source.js';

let dir: string;
let realTraces: JaegerTrace[];
const servers: FakeJaeger[] = [];
/** Copies of the real traces start here (µs), 10 ms apart. */
const BASE_MICROS = 1_750_000_000_000_000;
const STEP_MICROS = 10_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-jaeger-paging-'));
  realTraces = otlpToJaegerTraces((await produceRealSpans(dir)).requests);
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** `count` copies of the real traces, copy i starting at BASE + i * STEP (all starting at BASE when `sameStart`). */
function copies(count: number, sameStart = false): JaegerTrace[] {
  const out: JaegerTrace[] = [];
  for (let i = 0; i < count; i++) {
    const original = realTraces[i % realTraces.length];
    const first = Math.min(...original.spans.map((s) => s.startTime));
    const shift = BASE_MICROS + (sameStart ? 0 : i * STEP_MICROS) - first;
    const traceID = `c0ffee${i.toString(16).padStart(26, '0')}`;
    out.push({
      ...original,
      traceID,
      spans: original.spans.map((span) => ({
        ...span,
        traceID,
        startTime: span.startTime + shift,
        references: span.references?.map((ref) => ({ ...ref, traceID })),
      })),
    });
  }
  return out;
}

async function server(traces: JaegerTrace[], order: 'newest' | 'oldest' | 'shuffled' = 'newest') {
  const started = await startFakeJaeger({ traces, order });
  servers.push(started);
  return started;
}

const wholeWindow = { start: BASE_MICROS / 1000 - 1000, end: BASE_MICROS / 1000 + 3_600_000 };

function read(jaeger: FakeJaeger, options: Partial<JaegerSourceOptions> = {}) {
  return jaegerSource({
    baseUrl: jaeger.url,
    service: 'support-bot',
    allServices: true,
    ...wholeWindow,
    ...options,
  });
}

const key = (r: TraceRecord) => `${r.traceId}/${r.spanId}`;
const sortedKeys = (records: TraceRecord[]) => records.map(key).sort();

describe('paging through a window', () => {
  it.each(['newest', 'oldest', 'shuffled'] as const)(
    'reads every trace exactly once when the server caps answers (%s first)',
    async (order) => {
      const traces = copies(120);
      const jaeger = await server(traces, order);
      const reference = await collect(read(jaeger, { pageSize: 1000 }).records());
      expect(jaeger.requests).toHaveLength(1);
      expect(new Set(reference.map((r) => r.traceId)).size).toBe(120);

      jaeger.requests.length = 0;
      const stats = createReadStats();
      const paged = await collect(read(jaeger, { pageSize: 16 }).records({ stats }));
      expect(sortedKeys(paged)).toEqual(sortedKeys(reference));
      expect(new Set(paged.map(key)).size).toBe(paged.length);
      expect(stats.calls + stats.steps).toBe(reference.length);
      // Split windows stay inside the asked one, in whole microseconds, and the request count stays bounded.
      // Jaeger matches a trace through ANY span in the window, so the work grows with span starts, not traces:
      // bound it by 4 requests per page of span starts plus two per halving of the window.
      const spanStarts = traces.reduce((n, t) => n + t.spans.length, 0);
      const halvings = Math.log2((wholeWindow.end - wholeWindow.start) * 1000);
      expect(jaeger.requests.length).toBeGreaterThan(120 / 16);
      expect(jaeger.requests.length).toBeLessThan(4 * (spanStarts / 16) + 2 * halvings);
      for (const request of jaeger.requests) {
        expect(request.params.limit).toBe('16');
        expect(Number(request.params.start)).toBeGreaterThanOrEqual(wholeWindow.start * 1000);
        expect(Number(request.params.end)).toBeLessThanOrEqual(wholeWindow.end * 1000);
        expect(Number.isInteger(Number(request.params.start))).toBe(true);
      }
    },
  );

  it('with limit, reads the most recently active traces, whatever order the server answers in', async () => {
    const traces = copies(40);
    const jaeger = await server(traces, 'shuffled');
    const records = await collect(read(jaeger, { pageSize: 8, limit: 5 }).records());
    const lastActive = (t: JaegerTrace) => Math.max(...t.spans.map((s) => s.startTime));
    const expected = [...traces].sort((a, b) => lastActive(b) - lastActive(a)).map((t) => t.traceID);
    const read5 = [...new Set(records.map((r) => r.traceId))];
    expect(read5).toEqual(expected.slice(0, 5));
  });

  it('stops with an InputError after maxRequests', async () => {
    const jaeger = await server(copies(30));
    const error = await collect(read(jaeger, { pageSize: 2, maxRequests: 4 }).records()).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('maxRequests');
    expect(error.message).toContain(`${jaeger.url}/api/traces`);
    expect(jaeger.requests).toHaveLength(4);
  });

  it('reports a full page it cannot split (traces in one microsecond), or skips past it with skipInvalid', async () => {
    const jaeger = await server(copies(5, true));
    const error = await collect(read(jaeger, { pageSize: 3 }).records()).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/same microsecond.*raise pageSize/);
    const [, start, end] = /start=(\d+)&end=(\d+)&limit=3: /.exec(error.message) ?? [];
    expect(start).toBe(end);
    const stats = createReadStats();
    const records = await collect(read(jaeger, { pageSize: 3 }).records({ stats, skipInvalid: true }));
    // Jaeger matches a trace by ANY of its spans, so later windows find the others through their later spans;
    // what matters is that the read went on and said a page may have been incomplete.
    expect(new Set(records.map((r) => r.traceId)).size).toBeGreaterThanOrEqual(3);
    expect(stats.problems.length).toBeGreaterThanOrEqual(1);
    expect(stats.problems[0]).toMatch(/same microsecond/);
  });
});

describe('failures name the URL', () => {
  const expectInputError = async (
    jaeger: FakeJaeger,
    pattern: RegExp,
    options: Partial<JaegerSourceOptions> = {},
  ) => {
    const error = await collect(read(jaeger, options).records()).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message.startsWith(`${jaeger.url}/api/traces?service=support-bot&start=`)).toBe(true);
    expect(error.message).toMatch(pattern);
  };

  it('HTTP 500 with the errors Jaeger reported', async () => {
    const jaeger = await server([]);
    jaeger.fail({
      kind: 'status',
      status: 500,
      body: JSON.stringify({
        data: null,
        total: 0,
        limit: 0,
        offset: 0,
        errors: [{ code: 500, msg: 'elasticsearch: no such index' }],
      }),
    });
    await expectInputError(jaeger, /: HTTP 500 Internal Server Error: elasticsearch: no such index$/);
  });

  it('an HTTP error page that is not JSON', async () => {
    const jaeger = await server([]);
    jaeger.fail({
      kind: 'status',
      status: 502,
      body: '<html>\n<b>Bad gateway</b></html>',
      contentType: 'text/html',
    });
    await expectInputError(jaeger, /HTTP 502 Bad Gateway: <html> <b>Bad gateway<\/b><\/html>/);
  });

  it('a 200 whose body is not JSON, or not the Jaeger envelope, or carries errors', async () => {
    const jaeger = await server([]);
    jaeger.fail({ kind: 'status', status: 200, body: '{"data": [' });
    await expectInputError(jaeger, /response is not valid JSON/);
    jaeger.fail({ kind: 'status', status: 200, body: '{"traces": []}' });
    await expectInputError(jaeger, /expected Jaeger's \{"data": \[\.\.\.\]\} answer/);
    jaeger.fail({
      kind: 'status',
      status: 200,
      body: '{"data": [], "errors": [{"code": 503, "msg": "busy"}]}',
    });
    await expectInputError(jaeger, /Jaeger reported errors: busy/);
    jaeger.fail({ kind: 'status', status: 200, body: '{"data": {"a": 1}}' });
    await expectInputError(jaeger, /data: expected an array of traces/);
  });

  it('a server that never answers (timeoutMs)', async () => {
    const jaeger = await server([]);
    jaeger.fail({ kind: 'hang' });
    await expectInputError(jaeger, /no complete answer within 200 ms/, { timeoutMs: 200 });
  });

  it('a host that refuses connections', async () => {
    const jaeger = await server([]);
    await jaeger.close();
    await expectInputError(jaeger, /cannot reach Jaeger \(ECONNREFUSED\)/);
  });

  it("the caller's abort is rethrown as is", async () => {
    const jaeger = await server([]);
    jaeger.fail({ kind: 'hang' });
    const controller = new AbortController();
    const reading = collect(read(jaeger, { signal: controller.signal }).records());
    while (jaeger.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const reason = new Error('user cancelled');
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
  });

  it('a malformed span names trace, span and field; skipInvalid counts it and reads on', async () => {
    const [good, bad] = copies(2);
    bad.spans[0] = { ...bad.spans[0], startTime: 'yesterday' as unknown as number };
    const jaeger = await server([good, bad]);
    const error = await collect(read(jaeger).records()).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe('startTime');
    expect(error.message).toContain(`(trace ${bad.traceID} span ${bad.spans[0].spanID})`);
    const stats = createReadStats();
    const records = await collect(read(jaeger).records({ stats, skipInvalid: true }));
    expect(stats.invalidSpans).toBe(1);
    expect(records.filter((r) => r.traceId === good.traceID).length).toBeGreaterThan(0);
  });
});
