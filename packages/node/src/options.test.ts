import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';

describe('resolveOptions', () => {
  it('defaults to the embedded file exporter under .sightline/ in the working directory', () => {
    const resolved = resolveOptions({}, {});
    expect([...resolved.traceExporters]).toEqual(['file']);
    expect([...resolved.metricExporters]).toEqual(['file']);
    expect(resolved.tracesDir).toBe(resolve('.sightline/traces'));
    expect(resolved.metricsDir).toBe(resolve('.sightline/metrics'));
    expect(resolved.maxFileBytes).toBe(16 * 1024 * 1024);
    expect(resolved.maxFiles).toBe(20);
    expect(resolved.metricIntervalMs).toBe(60_000);
    expect(resolved.installSignalHandlers).toBe(true);
  });

  it('adds otlp per signal when that signal has an OTLP endpoint', () => {
    const both = resolveOptions({}, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' });
    expect([...both.traceExporters]).toEqual(['file', 'otlp']);
    expect([...both.metricExporters]).toEqual(['file', 'otlp']);
    const tracesOnly = resolveOptions(
      {},
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://localhost:4318/v1/traces' },
    );
    expect([...tracesOnly.traceExporters]).toEqual(['file', 'otlp']);
    expect([...tracesOnly.metricExporters]).toEqual(['file']);
  });

  it('reads SIGHTLINE_EXPORTER and the folder variables; options win over the environment', () => {
    const env = {
      SIGHTLINE_EXPORTER: ' console , file ',
      SIGHTLINE_TRACES_DIR: '/tmp/t',
      SIGHTLINE_METRICS_DIR: '/tmp/m',
      OTEL_SERVICE_NAME: 'from-env',
      OTEL_METRIC_EXPORT_INTERVAL: '5000',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    };
    const fromEnv = resolveOptions({}, env);
    expect([...fromEnv.traceExporters]).toEqual(['console', 'file']);
    expect(fromEnv.tracesDir).toBe('/tmp/t');
    expect(fromEnv.metricsDir).toBe('/tmp/m');
    expect(fromEnv.serviceName).toBe('from-env');
    expect(fromEnv.metricIntervalMs).toBe(5000);

    const fromOptions = resolveOptions({ exporter: 'otlp', tracesDir: '/srv/t', serviceName: 'svc' }, env);
    expect([...fromOptions.traceExporters]).toEqual(['otlp']);
    expect(fromOptions.tracesDir).toBe('/srv/t');
    expect(fromOptions.serviceName).toBe('svc');
  });

  it('treats none as "export nothing"', () => {
    expect([...resolveOptions({}, { SIGHTLINE_EXPORTER: 'none' }).traceExporters]).toEqual([]);
    expect([...resolveOptions({ exporter: ['file', 'none'] }, {}).metricExporters]).toEqual([]);
  });

  it('names the source of an unknown exporter', () => {
    expect(() => resolveOptions({}, { SIGHTLINE_EXPORTER: 'file,zipkin' })).toThrow(
      '@sightline/node: unknown exporter "zipkin" in SIGHTLINE_EXPORTER="file,zipkin"; expected one of file, otlp, console, none',
    );
  });
});
