import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from './index.js';

type CompressionOption = NonNullable<
  NonNullable<ConstructorParameters<typeof JsonTraceExporter>[0]>['compression']
>;
const GZIP = 'gzip' as CompressionOption;
const NONE = 'none' as CompressionOption;

const cases = [
  { encoding: 'json', gzip: false },
  { encoding: 'json', gzip: true },
  { encoding: 'protobuf', gzip: false },
  { encoding: 'protobuf', gzip: true },
] as const;

function makeExporter(receiver: OtlpReceiver, encoding: 'json' | 'protobuf', gzip: boolean): SpanExporter {
  const config = { url: receiver.endpoints.traces, compression: gzip ? GZIP : NONE };
  return encoding === 'json' ? new JsonTraceExporter(config) : new ProtoTraceExporter(config);
}

/** Emits a small trace through the real SDK and exporter: a SERVER root with a CLIENT child linked elsewhere. */
async function exportSampleTrace(exporter: SpanExporter) {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'receiver-test', 'deployment.environment': 'ci' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('sightline-test', '1.2.3');
  const linked = tracer.startSpan('elsewhere');
  linked.end();
  const root = tracer.startSpan('root', {
    kind: SpanKind.SERVER,
    attributes: {
      'text.value': 'hello',
      'int.value': 42,
      'double.value': 1.5,
      'bool.value': true,
      'text.array': ['a', 'b'],
      'int.array': [1, 2, 3],
      'double.array': [0.5, 2.25],
      'bool.array': [true, false],
    },
  });
  root.addEvent('cache.miss', { 'cache.key': 'k1', attempts: 7 });
  const child = tracer.startSpan(
    'child',
    { kind: SpanKind.CLIENT, links: [{ context: linked.spanContext(), attributes: { reason: 'batch' } }] },
    trace.setSpan(ROOT_CONTEXT, root),
  );
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  child.end();
  root.setStatus({ code: SpanStatusCode.OK });
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return { root: root.spanContext(), child: child.spanContext(), linked: linked.spanContext() };
}

describe('OTLP receiver: traces from the real exporters', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(() => receiver.reset());

  it.each(cases)(
    'decodes $encoding spans (gzip: $gzip) into the normalised shape',
    async ({ encoding, gzip }) => {
      const ids = await exportSampleTrace(makeExporter(receiver, encoding, gzip));
      const spans = await receiver.waitForSpans(3, { timeoutMs: 10_000 });
      expect(spans.map((span) => span.name).sort()).toEqual(['child', 'elsewhere', 'root']);

      const root = spans.find((span) => span.name === 'root');
      const child = spans.find((span) => span.name === 'child');
      if (!root || !child) throw new Error('root or child span missing');

      expect(root.traceId).toBe(ids.root.traceId);
      expect(root.spanId).toBe(ids.root.spanId);
      expect(root.parentSpanId).toBeUndefined();
      expect(child.traceId).toBe(ids.root.traceId);
      expect(child.spanId).toBe(ids.child.spanId);
      expect(child.parentSpanId).toBe(ids.root.spanId);
      expect(root.kind).toBe('SERVER');
      expect(child.kind).toBe('CLIENT');

      expect(root.attributes).toEqual({
        'text.value': 'hello',
        'int.value': 42,
        'double.value': 1.5,
        'bool.value': true,
        'text.array': ['a', 'b'],
        'int.array': [1, 2, 3],
        'double.array': [0.5, 2.25],
        'bool.array': [true, false],
      });
      expect(root.events).toHaveLength(1);
      expect(root.events[0].name).toBe('cache.miss');
      expect(root.events[0].attributes).toEqual({ 'cache.key': 'k1', attempts: 7 });
      expect(root.events[0].timeMs).toBeGreaterThanOrEqual(root.startTimeMs);

      expect(child.links).toHaveLength(1);
      expect(child.links[0].traceId).toBe(ids.linked.traceId);
      expect(child.links[0].spanId).toBe(ids.linked.spanId);
      expect(child.links[0].attributes).toEqual({ reason: 'batch' });

      expect(root.status).toEqual({ code: 'OK', message: '' });
      expect(child.status).toEqual({ code: 'ERROR', message: 'boom' });

      expect(root.resource.attributes['service.name']).toBe('receiver-test');
      expect(root.resource.attributes['deployment.environment']).toBe('ci');
      expect(root.scope.name).toBe('sightline-test');
      expect(root.scope.version).toBe('1.2.3');

      // Times: exact nanosecond strings agree with the millisecond numbers and the duration.
      expect(root.startTimeUnixNano).toMatch(/^\d{19}$/);
      expect(root.startTimeMs).toBe(Number(BigInt(root.startTimeUnixNano) / 1000n) / 1000);
      expect(root.durationMs).toBeGreaterThanOrEqual(0);
      expect(root.endTimeMs).toBeGreaterThanOrEqual(root.startTimeMs);
      expect(Math.abs(root.startTimeMs - Date.now())).toBeLessThan(10 * 60_000);
      expect(root.flags & 0xff).toBe(1);

      const raw = receiver.rawTraceRequests();
      expect(raw.length).toBeGreaterThanOrEqual(1);
      expect(raw.every((request) => request.encoding === encoding && request.gzip === gzip)).toBe(true);
      const payload = raw[0].payload as {
        resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[];
      };
      // The raw payload is in the OTLP/JSON mapping whatever the encoding: ids are hex.
      expect(payload.resourceSpans[0].scopeSpans[0].spans[0].traceId).toMatch(/^[0-9a-f]{32}$/);
    },
  );

  it('rejects waitForSpans with how many arrived when too few come', async () => {
    await exportSampleTrace(makeExporter(receiver, 'json', false));
    await receiver.waitForSpans(3);
    await expect(receiver.waitForSpans(5, { timeoutMs: 50 })).rejects.toThrow(
      /waiting for 5 spans: 3 arrived: .*"root"/,
    );
  });

  it('keeps what it returned stable and forgets everything on reset', async () => {
    await exportSampleTrace(makeExporter(receiver, 'protobuf', false));
    const before = await receiver.waitForSpans(3);
    receiver.reset();
    expect(before).toHaveLength(3);
    expect(receiver.spans()).toEqual([]);
    expect(receiver.rawTraceRequests()).toEqual([]);
  });
});
