import { ROOT_CONTEXT, trace, ValueType } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, type LogRecordExporter, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, type ReceivedMetric, startOtlpReceiver } from './index.js';

type CompressionOption = NonNullable<
  NonNullable<ConstructorParameters<typeof JsonLogExporter>[0]>['compression']
>;
const compression = (gzip: boolean) => (gzip ? 'gzip' : 'none') as CompressionOption;

const cases = [
  { encoding: 'json', gzip: false },
  { encoding: 'json', gzip: true },
  { encoding: 'protobuf', gzip: false },
  { encoding: 'protobuf', gzip: true },
] as const;

const resource = resourceFromAttributes({ 'service.name': 'receiver-test' });

async function exportSampleMetrics(exporter: PushMetricExporter): Promise<void> {
  // A long interval: the export is driven by forceFlush, never by a timer.
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({ resource, readers: [reader] });
  const meter = provider.getMeter('sightline-metrics', '0.4.0');
  meter.createCounter('requests', { unit: '{request}', valueType: ValueType.INT }).add(5, { route: '/a' });
  const latency = meter.createHistogram('latency', {
    unit: 'ms',
    advice: { explicitBucketBoundaries: [10, 100] },
  });
  latency.record(3, { route: '/a' });
  latency.record(120, { route: '/a' });
  meter.createGauge('queue.depth').record(7.5, { queue: 'main' });
  meter.createUpDownCounter('in.flight').add(-2);
  await provider.forceFlush();
  await provider.shutdown();
}

function byName(metrics: readonly ReceivedMetric[], name: string): ReceivedMetric {
  const found = metrics.find((metric) => metric.name === name);
  if (!found)
    throw new Error(`metric ${name} missing; got ${metrics.map((metric) => metric.name).join(', ')}`);
  return found;
}

describe('OTLP receiver: metrics and logs from the real exporters', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(() => receiver.reset());

  it.each(cases)('decodes $encoding metrics (gzip: $gzip)', async ({ encoding, gzip }) => {
    const config = { url: receiver.endpoints.metrics, compression: compression(gzip) };
    await exportSampleMetrics(
      encoding === 'json' ? new JsonMetricExporter(config) : new ProtoMetricExporter(config),
    );
    const metrics = await receiver.waitForMetrics(4);

    const requests = byName(metrics, 'requests');
    if (requests.type !== 'sum') throw new Error(`requests is a ${requests.type}`);
    expect(requests.isMonotonic).toBe(true);
    expect(requests.temporality).toBe('CUMULATIVE');
    expect(requests.unit).toBe('{request}');
    expect(requests.dataPoints).toHaveLength(1);
    expect(requests.dataPoints[0]).toMatchObject({ value: 5, valueType: 'int', attributes: { route: '/a' } });
    expect(requests.resource.attributes['service.name']).toBe('receiver-test');
    expect(requests.scope).toMatchObject({ name: 'sightline-metrics', version: '0.4.0' });

    const latency = byName(metrics, 'latency');
    if (latency.type !== 'histogram') throw new Error(`latency is a ${latency.type}`);
    expect(latency.dataPoints[0]).toMatchObject({
      count: 2,
      sum: 123,
      min: 3,
      max: 120,
      explicitBounds: [10, 100],
      bucketCounts: [1, 0, 1],
      attributes: { route: '/a' },
    });

    const gauge = byName(metrics, 'queue.depth');
    if (gauge.type !== 'gauge') throw new Error(`queue.depth is a ${gauge.type}`);
    expect(gauge.dataPoints[0]).toMatchObject({
      value: 7.5,
      valueType: 'double',
      attributes: { queue: 'main' },
    });
    expect(gauge.dataPoints[0].timeMs).toBeGreaterThan(0);

    const inFlight = byName(metrics, 'in.flight');
    if (inFlight.type !== 'sum') throw new Error(`in.flight is a ${inFlight.type}`);
    expect(inFlight.isMonotonic).toBe(false);
    expect(inFlight.dataPoints[0].value).toBe(-2);

    expect(receiver.rawMetricRequests().every((raw) => raw.encoding === encoding && raw.gzip === gzip)).toBe(
      true,
    );
  });

  it.each(cases)('decodes $encoding logs (gzip: $gzip)', async ({ encoding, gzip }) => {
    const config = { url: receiver.endpoints.logs, compression: compression(gzip) };
    const exporter: LogRecordExporter =
      encoding === 'json' ? new JsonLogExporter(config) : new ProtoLogExporter(config);
    const provider = new LoggerProvider({
      resource,
      processors: [new SimpleLogRecordProcessor({ exporter })],
    });
    const logger = provider.getLogger('sightline-logs', '0.1.0');
    const spanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    };
    logger.emit({
      severityNumber: SeverityNumber.WARN,
      severityText: 'WARN',
      body: 'cache nearly full',
      attributes: { 'cache.size': 1024, 'cache.ratio': 0.97 },
      context: trace.setSpanContext(ROOT_CONTEXT, spanContext),
    });
    logger.emit({
      severityNumber: SeverityNumber.INFO,
      body: { user: 'u1', tags: ['x', 'y'], nested: { ok: true } },
    });
    await provider.forceFlush();
    await provider.shutdown();

    const logs = await receiver.waitForLogs(2);
    const warn = logs.find((log) => log.severityText === 'WARN');
    const info = logs.find((log) => log.severityNumber === SeverityNumber.INFO);
    if (!warn || !info) throw new Error('a log record is missing');
    expect(warn).toMatchObject({
      severityNumber: SeverityNumber.WARN,
      body: 'cache nearly full',
      attributes: { 'cache.size': 1024, 'cache.ratio': 0.97 },
      traceId: spanContext.traceId,
      spanId: spanContext.spanId,
    });
    expect(warn.flags & 0xff).toBe(1);
    expect(warn.resource.attributes['service.name']).toBe('receiver-test');
    expect(warn.scope).toMatchObject({ name: 'sightline-logs', version: '0.1.0' });
    expect(warn.observedTimeMs).toBeGreaterThan(0);
    expect(info.body).toEqual({ user: 'u1', tags: ['x', 'y'], nested: { ok: true } });
    expect(info.traceId).toBeUndefined();
    expect(receiver.rawLogRequests().every((raw) => raw.encoding === encoding && raw.gzip === gzip)).toBe(
      true,
    );
  });
});
