/**
 * @sightline/node: one-line OpenTelemetry export setup (OTLP/HTTP, OTLP/JSON files, console) and the OTLP/JSON
 * file exporters for apps that run their own `NodeSDK`.
 */
export { type ExitHookTargets, installExitHooks } from './exit-hooks.js';
export type { FileExporterOptions } from './file-export-sink.js';
export { type FileMetricExporterOptions, OtlpJsonFileMetricExporter } from './file-metric-exporter.js';
export { OtlpJsonFileSpanExporter } from './file-span-exporter.js';
export type { SightlineExporterName, SightlineNodeOptions } from './options.js';
export { type SightlineHandle, setupSightline } from './setup.js';
