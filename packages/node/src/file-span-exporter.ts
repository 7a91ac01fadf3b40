import type { ExportResult } from '@opentelemetry/core';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { type FileExporterOptions, FileExportSink } from './file-export-sink.js';

/**
 * A `SpanExporter` that appends each export request as one line of OTLP/JSON to
 * `<dir>/traces-<ISO time>-<pid>.jsonl`: the OTel Collector file exporter's format, i.e. every line is an
 * `ExportTraceServiceRequest` (`{"resourceSpans":[...]}`) with hex trace and span ids.
 *
 * Guarantees: the line is written synchronously before `export` calls back (pair it with a
 * `SimpleSpanProcessor` and a span is on disk when `span.end()` returns); files rotate at `maxFileBytes` and
 * at most `maxFiles` are kept; an I/O error never throws: the result is FAILED and a `diag` error is logged.
 */
export class OtlpJsonFileSpanExporter implements SpanExporter {
  private readonly sink: FileExportSink;

  constructor(options: FileExporterOptions) {
    this.sink = new FileExportSink('OtlpJsonFileSpanExporter', 'traces', options);
  }

  /** The file the last request went to (undefined before the first successful export). */
  get currentFile(): string | undefined {
    return this.sink.currentFile;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.sink.write(() => JsonTraceSerializer.serializeRequest(spans), resultCallback);
  }

  forceFlush(): Promise<void> {
    return this.sink.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.sink.shutdown();
  }
}
