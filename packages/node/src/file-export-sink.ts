import { diag } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { RotatingJsonlFile } from './rotating-jsonl-file.js';

/** Defaults shared by both file exporters (documented on {@link FileExporterOptions}). */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 20;

/** Options of {@link OtlpJsonFileSpanExporter} and {@link OtlpJsonFileMetricExporter}. */
export interface FileExporterOptions {
  /** Directory for the `.jsonl` files; created on the first export. Relative paths resolve against `process.cwd()`. */
  dir: string;
  /** Size at which a new file is started. Default 16 MiB. */
  maxFileBytes?: number;
  /** Files of this kind kept in `dir` (oldest deleted first, across processes). Default 20. */
  maxFiles?: number;
}

/**
 * The part both file exporters share: one OTLP/JSON request per line, synchronous writes, and the
 * "telemetry never breaks the app" rule (every failure becomes a FAILED result plus a `diag` error).
 */
export class FileExportSink {
  private readonly file: RotatingJsonlFile;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly component: string,
    prefix: string,
    options: FileExporterOptions,
  ) {
    this.file = new RotatingJsonlFile({
      dir: options.dir,
      prefix,
      maxFileBytes: positiveOr(options.maxFileBytes, DEFAULT_MAX_FILE_BYTES),
      maxFiles: positiveOr(options.maxFiles, DEFAULT_MAX_FILES),
    });
  }

  /** The file the last line went to (undefined before the first successful write). */
  get currentFile(): string | undefined {
    return this.file.path;
  }

  /** Serializes and appends one request; reports the outcome through `done`, never by throwing. */
  write(serialize: () => Uint8Array | undefined, done: (result: ExportResult) => void): void {
    if (this.stopped) {
      done({ code: ExportResultCode.FAILED, error: new Error(`${this.component} is shut down`) });
      return;
    }
    let result: ExportResult;
    try {
      const bytes = serialize();
      if (bytes === undefined) throw new Error('the OTLP/JSON serializer returned nothing');
      this.file.appendLine(Buffer.from(bytes).toString('utf8'));
      this.failing = false;
      result = { code: ExportResultCode.SUCCESS };
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      // One diag error per run of failures: a read-only folder must not flood the app's logs once per span.
      if (!this.failing) diag.error(`${this.component}: export failed, telemetry dropped: ${error.message}`);
      this.failing = true;
      result = { code: ExportResultCode.FAILED, error };
    }
    done(result);
  }

  /** Writes are synchronous, so there is never anything buffered to flush. */
  async forceFlush(): Promise<void> {}

  /** Closes the file; later exports fail (as the exporter contract requires) without touching the disk. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    try {
      this.file.close();
    } catch (error) {
      diag.error(`${this.component}: closing the file failed: ${String(error)}`);
    }
  }
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
