/**
 * Round trip: spans produced by the real Sightline pipeline (real openai client -> fake provider, real
 * instrumentation, real OTLP/JSON file exporter) are read once from the OTLP file and once through Jaeger's
 * query API (a local server answering in Jaeger's JSON, built by Jaeger's documented OTLP -> Jaeger
 * translation). Both reads must give the same records.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../test/helpers.js';
import { otlpToJaegerTraces } from '../../test/support/jaeger-fixture.js';
import { produceRealSpans } from '../../test/support/jaeger-real-spans.js';
import { type FakeJaeger, startFakeJaeger } from '../../test/support/jaeger-server.js';
import type { CallRecord, TraceRecord } from '../records.js';
import { jaegerSource, jaegerSourceFromSpec } from './jaeger.js';
import { otlpFileSource } from './otlp-file.js';
import { createReadStats } from './source.js';

let dir: string;
let jaeger: FakeJaeger;
let fileRecords: TraceRecord[];
let window: { start: number; end: number };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-jaeger-'));
  const { requests } = await produceRealSpans(dir);
  jaeger = await startFakeJaeger({ traces: otlpToJaegerTraces(requests) });
  fileRecords = await collect(otlpFileSource(dir).records());
  const starts = fileRecords.map((r) => r.startTimeMs);
  const ends = fileRecords.map((r) => r.startTimeMs + r.durationMs);
  window = { start: Math.min(...starts) - 1000, end: Math.max(...ends) + 1000 };
}, 60_000);

afterAll(async () => {
  await jaeger?.close();
  rmSync(dir, { recursive: true, force: true });
});

const bySpanId = (a: TraceRecord, b: TraceRecord) => (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);

/** Asserts equality of two record lists; times may differ only by Jaeger's truncation to microseconds. */
function expectSameRecords(fromJaeger: TraceRecord[], fromFile: TraceRecord[]): void {
  const a = [...fromJaeger].sort(bySpanId);
  const b = [...fromFile].sort(bySpanId);
  expect(a.map((r) => r.spanId)).toEqual(b.map((r) => r.spanId));
  for (let i = 0; i < a.length; i++) {
    expect(Math.abs(a[i].startTimeMs - b[i].startTimeMs)).toBeLessThan(0.001);
    expect(Math.abs(a[i].durationMs - b[i].durationMs)).toBeLessThan(0.001);
    expect({ ...a[i], startTimeMs: 0, durationMs: 0 }).toEqual({ ...b[i], startTimeMs: 0, durationMs: 0 });
  }
}

describe('the real spans cover what the round trip must prove', () => {
  it('has calls with every kind of field set, and chain steps', () => {
    const calls = fileRecords.filter((r): r is CallRecord => r.kind === 'call');
    const steps = fileRecords.filter((r) => r.kind === 'step');
    expect(steps.map((s) => s.kind === 'step' && s.step).sort()).toEqual([
      'task',
      'tool',
      'workflow',
      'workflow',
    ]);
    expect(calls).toHaveLength(6);
    const find = (predicate: (c: CallRecord) => boolean) => {
      const found = calls.find(predicate);
      expect(found).toBeDefined();
      return found as CallRecord;
    };
    const truncated = find((c) => c.contextTruncated === true);
    expect(truncated.outputText).toBe('Your order ships <today> & arrives soon.');
    expect(truncated.finishReasons).toEqual(['stop']);
    expect(truncated.droppedMessages).toBeGreaterThan(0);
    expect(truncated.costUsd).toBeGreaterThan(0);
    expect(truncated.conversationId).toBe('conv-1');
    const streamed = find((c) => c.finishReasons.includes('length'));
    expect(streamed).toMatchObject({
      cacheReadTokens: 1024,
      reasoningTokens: 16,
      promptName: 'support-answer',
    });
    expect(streamed.promptVersion).toBe('3');
    expect(streamed.promptHash).toBeTruthy();
    expect(streamed.ttftMs).toBeGreaterThanOrEqual(0);
    expect(find((c) => c.errorType !== undefined).errorType).toBeTruthy();
    expect(find((c) => c.finishReasons.includes('tool_calls')).outputTokens).toBeGreaterThan(0);
    expect(find((c) => c.usageMissing).inputTokens).toBeUndefined();
    expect(find((c) => c.operation === 'embeddings').service).toBe('kb-service');
  });
});

describe('Jaeger source round trip', () => {
  it('yields the same records as the OTLP file of the same spans (allServices)', async () => {
    const source = jaegerSource({
      baseUrl: jaeger.url,
      service: 'support-bot',
      ...window,
      allServices: true,
    });
    const stats = createReadStats();
    const records = await collect(source.records({ stats }));
    expectSameRecords(records, fileRecords);
    expect(stats.calls + stats.steps).toBe(fileRecords.length);
    expect(stats.invalidSpans).toBe(0);
  });

  it('yields only the asked service by default, even from traces shared with another service', async () => {
    const records = await collect(
      jaegerSource({ baseUrl: jaeger.url, service: 'support-bot', ...window }).records(),
    );
    expectSameRecords(
      records,
      fileRecords.filter((r) => r.service === 'support-bot'),
    );
    const kb = await collect(
      jaegerSource({ baseUrl: jaeger.url, service: 'kb-service', ...window }).records(),
    );
    expectSameRecords(
      kb,
      fileRecords.filter((r) => r.service === 'kb-service'),
    );
    expect(kb).toHaveLength(1);
  });

  it('reads through a spec string, with the window as ISO times', async () => {
    const start = new Date(window.start).toISOString();
    const end = new Date(window.end).toISOString();
    const source = jaegerSourceFromSpec(`jaeger:${jaeger.url}?service=support-bot&start=${start}&end=${end}`);
    expect(source.description).toBe(`jaeger:${jaeger.url}?service=support-bot`);
    const records = await collect(source.records());
    expectSameRecords(
      records,
      fileRecords.filter((r) => r.service === 'support-bot'),
    );
  });

  it('sends the window in whole microseconds, with service, limit, operation and tags', async () => {
    jaeger.requests.length = 0;
    const start = Date.UTC(2025, 5, 1, 12, 0, 0, 250);
    const end = Date.UTC(2025, 5, 8, 12, 0, 0, 500);
    await collect(
      jaegerSource({
        baseUrl: `${jaeger.url}/`,
        service: 'support-bot',
        start: new Date(start),
        end,
        pageSize: 50,
        operation: 'chat gpt-4o',
        tags: { 'gen_ai.request.model': 'gpt-4o' },
        headers: { authorization: 'Bearer t0k' },
      }).records(),
    );
    expect(jaeger.requests).toHaveLength(1);
    const [request] = jaeger.requests;
    expect(request.path).toBe('/api/traces');
    expect(request.params).toEqual({
      service: 'support-bot',
      start: String(start * 1000),
      end: String(end * 1000),
      limit: '50',
      operation: 'chat gpt-4o',
      tags: '{"gen_ai.request.model":"gpt-4o"}',
    });
    expect(request.headers.authorization).toBe('Bearer t0k');
  });

  it('resolves lookback against the clock at read time', async () => {
    jaeger.requests.length = 0;
    let now = Date.UTC(2025, 0, 10);
    const source = jaegerSourceFromSpec(`jaeger:${jaeger.url}?service=x&lookback=7d`, { now: () => now });
    await collect(source.records());
    now += 3_600_000;
    await collect(source.records());
    const windows = jaeger.requests.map((r) => [Number(r.params.start), Number(r.params.end)]);
    const day = 86_400_000_000;
    expect(windows).toEqual([
      [(Date.UTC(2025, 0, 10) - 0) * 1000 - 7 * day, Date.UTC(2025, 0, 10) * 1000],
      [(Date.UTC(2025, 0, 10) + 3_600_000) * 1000 - 7 * day, (Date.UTC(2025, 0, 10) + 3_600_000) * 1000],
    ]);
  });

  it('yields nothing for a service Jaeger does not know (200 with empty data)', async () => {
    const stats = createReadStats();
    const records = await collect(
      jaegerSource({ baseUrl: jaeger.url, service: 'no-such-service', ...window }).records({ stats }),
    );
    expect(records).toEqual([]);
    expect(stats.spans).toBe(0);
  });
});
