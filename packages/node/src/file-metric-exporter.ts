import type { ExportResult } from '@opentelemetry/core';
import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import {
  AggregationTemporality,
  type InstrumentType,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { type FileExporterOptions, FileExportSink } from './file-export-sink.js';

/** Options of {@link OtlpJsonFileMetricExporter}. */
export interface FileMetricExporterOptions extends FileExporterOptions {
  /** Temporality written for every instrument. Default cumulative (what the OTLP exporters use by default). */
  temporality?: AggregationTemporality;
}

/**
 * A `PushMetricExporter` that appends each collection as one line of OTLP/JSON to
 * `<dir>/metrics-<ISO time>-<pid>.jsonl`: every line is an `ExportMetricsServiceRequest`
 * (`{"resourceMetrics":[...]}`). Use it with a `PeriodicExportingMetricReader`.
 *
 * Guarantees: synchronous writes, size rotation and retention as {@link OtlpJsonFileSpanExporter}; an I/O
 * error never throws: the result is FAILED and a `diag` error is logged.
 */
export class OtlpJsonFileMetricExporter implements PushMetricExporter {
  private readonly sink: FileExportSink;
  private readonly temporality: AggregationTemporality;

  constructor(options: FileMetricExporterOptions) {
    this.sink = new FileExportSink('OtlpJsonFileMetricExporter', 'metrics', options);
    this.temporality = options.temporality ?? AggregationTemporality.CUMULATIVE;
  }

  /** The file the last collection went to (undefined before the first successful export). */
  get currentFile(): string | undefined {
    return this.sink.currentFile;
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    this.sink.write(() => JsonMetricsSerializer.serializeRequest(metrics), resultCallback);
  }

  selectAggregationTemporality(_instrumentType: InstrumentType): AggregationTemporality {
    return this.temporality;
  }

  forceFlush(): Promise<void> {
    return this.sink.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.sink.shutdown();
  }
}
