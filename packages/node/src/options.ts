import { resolve } from 'node:path';
import type { NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES } from './file-export-sink.js';

/** Where telemetry goes. `none` turns export off (useful as `SIGHTLINE_EXPORTER=none`). */
export type SightlineExporterName = 'file' | 'otlp' | 'console' | 'none';

/** The exporter names accepted in options and in `SIGHTLINE_EXPORTER`. */
export const EXPORTER_NAMES: readonly SightlineExporterName[] = ['file', 'otlp', 'console', 'none'];

/**
 * Options of {@link setupSightline}. Every field is optional; precedence is option > environment variable >
 * default.
 */
export interface SightlineNodeOptions {
  /**
   * `service.name` on every span and metric. Env: `OTEL_SERVICE_NAME`. Default: OTel's `unknown_service:node`.
   */
  serviceName?: string;
  /** `service.version`. Default: not set. */
  serviceVersion?: string;
  /** `deployment.environment.name`, e.g. `production`, `staging`. Default: not set. */
  environment?: string;
  /**
   * One exporter or several (`['file', 'otlp']`). Env: `SIGHTLINE_EXPORTER=file,otlp,console` (or `none`).
   * Default: `file`, plus `otlp` for traces when `OTEL_EXPORTER_OTLP_ENDPOINT` or
   * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set, and `otlp` for metrics when `OTEL_EXPORTER_OTLP_ENDPOINT` or
   * `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT` is set. `otlp` is OTLP/HTTP with JSON bodies and honours every
   * standard `OTEL_EXPORTER_OTLP_*` variable (endpoint, headers, timeout, compression).
   */
  exporter?: SightlineExporterName | readonly SightlineExporterName[];
  /** Folder of the `file` span exporter. Env: `SIGHTLINE_TRACES_DIR`. Default: `.sightline/traces` (cwd). */
  tracesDir?: string;
  /** Folder of the `file` metric exporter. Env: `SIGHTLINE_METRICS_DIR`. Default: `.sightline/metrics` (cwd). */
  metricsDir?: string;
  /** A new `.jsonl` file is started at this size. Default 16 MiB. */
  maxFileBytes?: number;
  /** Files kept per folder (traces and metrics each); the oldest are deleted. Default 20. */
  maxFiles?: number;
  /** Metric export interval. Env: `OTEL_METRIC_EXPORT_INTERVAL`. Default 60000 ms. */
  metricIntervalMs?: number;
  /** Extra resource attributes (e.g. `{ 'team': 'search' }`); `OTEL_RESOURCE_ATTRIBUTES` is read too. */
  resourceAttributes?: Record<string, string | number | boolean>;
  /** Instrumentations handed to `NodeSDK` (e.g. `getNodeAutoInstrumentations()`). Default: none. */
  instrumentations?: NodeSDKConfiguration['instrumentations'];
  /** Sampler. Env: `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG`. Default: parent-based always-on. */
  sampler?: NodeSDKConfiguration['sampler'];
  /** Flush on SIGTERM, SIGINT and `beforeExit` (see the README for exactly what happens). Default true. */
  installSignalHandlers?: boolean;
}

/** The options after applying environment variables and defaults; one exporter list per signal. */
export interface ResolvedOptions {
  serviceName: string | undefined;
  serviceVersion: string | undefined;
  environment: string | undefined;
  traceExporters: Set<SightlineExporterName>;
  metricExporters: Set<SightlineExporterName>;
  tracesDir: string;
  metricsDir: string;
  maxFileBytes: number;
  maxFiles: number;
  metricIntervalMs: number;
  resourceAttributes: Record<string, string | number | boolean>;
  installSignalHandlers: boolean;
}

type Env = Record<string, string | undefined>;

/**
 * Applies environment variables and defaults. Throws a clear error for an unknown exporter name, naming where
 * it came from (the `exporter` option or `SIGHTLINE_EXPORTER`).
 */
export function resolveOptions(options: SightlineNodeOptions, env: Env = process.env): ResolvedOptions {
  const explicit = explicitExporters(options, env);
  const traceExporters = explicit ?? defaultExporters(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const metricExporters = explicit ?? defaultExporters(env, 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
  return {
    serviceName: options.serviceName ?? nonEmpty(env.OTEL_SERVICE_NAME),
    serviceVersion: options.serviceVersion,
    environment: options.environment,
    traceExporters,
    metricExporters,
    tracesDir: resolve(options.tracesDir ?? nonEmpty(env.SIGHTLINE_TRACES_DIR) ?? '.sightline/traces'),
    metricsDir: resolve(options.metricsDir ?? nonEmpty(env.SIGHTLINE_METRICS_DIR) ?? '.sightline/metrics'),
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    maxFiles: options.maxFiles ?? DEFAULT_MAX_FILES,
    metricIntervalMs: options.metricIntervalMs ?? positiveNumber(env.OTEL_METRIC_EXPORT_INTERVAL) ?? 60_000,
    resourceAttributes: options.resourceAttributes ?? {},
    installSignalHandlers: options.installSignalHandlers ?? true,
  };
}

function explicitExporters(options: SightlineNodeOptions, env: Env): Set<SightlineExporterName> | undefined {
  if (options.exporter !== undefined) {
    const names = typeof options.exporter === 'string' ? [options.exporter] : [...options.exporter];
    return validated(names, 'the `exporter` option');
  }
  const fromEnv = nonEmpty(env.SIGHTLINE_EXPORTER);
  if (fromEnv === undefined) return undefined;
  const names = fromEnv
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return validated(names, `SIGHTLINE_EXPORTER=${JSON.stringify(fromEnv)}`);
}

function validated(names: string[], source: string): Set<SightlineExporterName> {
  const result = new Set<SightlineExporterName>();
  for (const name of names) {
    if (!(EXPORTER_NAMES as readonly string[]).includes(name)) {
      throw new Error(
        `@sightline/node: unknown exporter ${JSON.stringify(name)} in ${source}; expected one of ${EXPORTER_NAMES.join(', ')}`,
      );
    }
    result.add(name as SightlineExporterName);
  }
  // `none` wins: it is how an operator switches export off without touching code.
  return result.has('none') ? new Set() : result;
}

/** The embedded default needs no backend; OTLP joins in as soon as an endpoint is configured. */
function defaultExporters(env: Env, signalEndpointVariable: string): Set<SightlineExporterName> {
  const exporters = new Set<SightlineExporterName>(['file']);
  if (nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT) || nonEmpty(env[signalEndpointVariable]))
    exporters.add('otlp');
  return exporters;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function positiveNumber(value: string | undefined): number | undefined {
  const parsed = Number(nonEmpty(value));
  return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}
