import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DiagLogger, DiagLogLevel, diag, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attribute,
  lastSum,
  type OtlpJsonMetricsRequest,
  type OtlpJsonTraceRequest,
  readJsonLines,
  spansOf,
} from '../test/support/otlp-json.js';
import { OtlpJsonFileMetricExporter, OtlpJsonFileSpanExporter } from './index.js';

let workDir: string;
beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'sightline-node-file-'));
});
afterEach(() => {
  diag.disable();
  rmSync(workDir, { recursive: true, force: true });
});

/** A real (unregistered) SDK pipeline: spans ended on its tracer go through `exporter` synchronously. */
function tracerWith(exporter: OtlpJsonFileSpanExporter) {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'file-exporter-test' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  return { provider, tracer: provider.getTracer('file-exporter-test-scope', '1.2.3') };
}

function fileNames(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe('OtlpJsonFileSpanExporter', () => {
  it('writes one OTLP/JSON ExportTraceServiceRequest per line, with hex ids and typed attribute values', async () => {
    const dir = join(workDir, 'traces');
    const { provider, tracer } = tracerWith(new OtlpJsonFileSpanExporter({ dir }));
    const parentSpan = tracer.startSpan('parent');
    // Explicit parent context: this test registers no global context manager.
    tracer
      .startSpan(
        'child',
        {
          attributes: {
            'gen_ai.request.model': 'gpt-4o',
            'gen_ai.usage.input_tokens': 42,
            ok: true,
            ratio: 0.5,
          },
        },
        trace.setSpan(ROOT_CONTEXT, parentSpan),
      )
      .end();
    parentSpan.end();
    // No flush before reading: the write happened inside span.end().
    const files = fileNames(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(
      new RegExp(`^traces-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z-${process.pid}\\.jsonl$`),
    );

    const requests = readJsonLines<OtlpJsonTraceRequest>(dir);
    expect(requests).toHaveLength(2); // SimpleSpanProcessor: one export request per span
    const first = requests[0];
    expect(attribute(first.resourceSpans[0].resource.attributes, 'service.name')).toEqual({
      stringValue: 'file-exporter-test',
    });
    expect(first.resourceSpans[0].scopeSpans[0].scope.name).toBe('file-exporter-test-scope');

    const [child, parent] = spansOf(requests);
    expect(child.name).toBe('child');
    expect(parent.name).toBe('parent');
    expect(child.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.traceId).toBe(parent.traceId);
    expect(child.parentSpanId).toBe(parent.spanId);
    expect(attribute(child.attributes, 'gen_ai.request.model')).toEqual({ stringValue: 'gpt-4o' });
    expect(Number(attribute(child.attributes, 'gen_ai.usage.input_tokens')?.intValue)).toBe(42);
    expect(attribute(child.attributes, 'ok')).toEqual({ boolValue: true });
    expect(attribute(child.attributes, 'ratio')).toEqual({ doubleValue: 0.5 });
    await provider.shutdown();
  });

  it('starts a new file at maxFileBytes and keeps only maxFiles files', async () => {
    const dir = join(workDir, 'traces');
    // Files written by "other runs" earlier: the oldest must go, and an unrelated file must stay.
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'traces-2000-01-01T00-00-00-000Z-1.jsonl'), '{}\n');
    writeFileSync(join(dir, 'notes.txt'), 'keep me');

    const exporter = new OtlpJsonFileSpanExporter({ dir, maxFileBytes: 3_000, maxFiles: 3 });
    const { provider, tracer } = tracerWith(exporter);
    for (let index = 0; index < 40; index++) {
      tracer.startSpan(`span-${index}`, { attributes: { index, padding: 'x'.repeat(200) } }).end();
    }
    await provider.shutdown();

    const files = fileNames(dir).filter((name) => name.endsWith('.jsonl'));
    expect(fileNames(dir)).toContain('notes.txt');
    expect(files).not.toContain('traces-2000-01-01T00-00-00-000Z-1.jsonl');
    expect(files).toHaveLength(3);
    for (const name of files) {
      const size = statSync(join(dir, name)).size;
      expect(size).toBeGreaterThan(0);
      expect(size).toBeLessThanOrEqual(3_000);
    }
    // The kept files are the newest: they hold the last spans, in order, ending with span-39.
    const names = spansOf(readJsonLines<OtlpJsonTraceRequest>(dir)).map((span) => span.name);
    expect(names.at(-1)).toBe('span-39');
    const firstKept = Number(names[0].slice('span-'.length));
    expect(names).toEqual(
      Array.from({ length: 40 - firstKept }, (_, offset) => `span-${firstKept + offset}`),
    );
    expect(firstKept).toBeGreaterThan(0);
  });

  it('reports an I/O failure as a FAILED result and one diag error, never by throwing', async () => {
    const notADirectory = join(workDir, 'occupied');
    writeFileSync(notADirectory, 'a file where the traces folder should be');
    const errors: string[] = [];
    diag.setLogger(recordingLogger(errors), DiagLogLevel.ERROR);

    const exporter = new OtlpJsonFileSpanExporter({ dir: join(notADirectory, 'traces') });
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(memory), new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('failing');
    expect(() => {
      tracer.startSpan('one').end();
      tracer.startSpan('two').end();
    }).not.toThrow();

    const result = await new Promise<ExportResult>((resolve) =>
      exporter.export(memory.getFinishedSpans(), resolve),
    );
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toMatch(/ENOTDIR|EEXIST/);
    const exporterErrors = errors.filter((message) => message.includes('OtlpJsonFileSpanExporter'));
    expect(exporterErrors).toHaveLength(1);
    expect(exporterErrors[0]).toMatch(/export failed/);
    await provider.shutdown();
  });

  it('fails exports after shutdown without writing', async () => {
    const dir = join(workDir, 'traces');
    const exporter = new OtlpJsonFileSpanExporter({ dir });
    await exporter.shutdown();
    const span = { name: 'late' } as unknown as ReadableSpan;
    const result = await new Promise<ExportResult>((resolve) => exporter.export([span], resolve));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });
});

describe('OtlpJsonFileMetricExporter', () => {
  it('writes each collection as one OTLP/JSON ExportMetricsServiceRequest line', async () => {
    const dir = join(workDir, 'metrics');
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'metric-test' }),
      readers: [
        new PeriodicExportingMetricReader({
          exporter: new OtlpJsonFileMetricExporter({ dir }),
          exportIntervalMillis: 3_600_000,
        }),
      ],
    });
    const meter = provider.getMeter('metric-test-scope');
    const counter = meter.createCounter('sightline.test.requests');
    counter.add(2, { route: '/a' });
    await provider.forceFlush();
    counter.add(3, { route: '/a' });
    meter.createHistogram('sightline.test.latency', { unit: 'ms' }).record(12.5);
    await provider.shutdown();

    const files = fileNames(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^metrics-.*\.jsonl$/);
    const lines = readFileSync(join(dir, files[0]), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const requests = readJsonLines<OtlpJsonMetricsRequest>(dir);
    expect(attribute(requests[0].resourceMetrics[0].resource.attributes, 'service.name')).toEqual({
      stringValue: 'metric-test',
    });
    expect(requests[0].resourceMetrics[0].scopeMetrics[0].scope.name).toBe('metric-test-scope');
    expect(lastSum(requests.slice(0, 1), 'sightline.test.requests')).toBe(2);
    expect(lastSum(requests, 'sightline.test.requests')).toBe(5); // cumulative
    const metricNames = requests
      .at(-1)!
      .resourceMetrics[0].scopeMetrics[0].metrics.map((metric) => metric.name);
    expect(metricNames).toEqual(
      expect.arrayContaining(['sightline.test.requests', 'sightline.test.latency']),
    );
  });
});

function recordingLogger(errors: string[]): DiagLogger {
  const ignore = (): void => {};
  return {
    error: (message: string) => errors.push(message),
    warn: ignore,
    info: ignore,
    debug: ignore,
    verbose: ignore,
  };
}
