/**
 * OTLP/JSON file source: files written by Sightline's file exporter or the OTel Collector's file exporter
 * (JSON lines, one `ExportTraceServiceRequest` per line), or a single pretty-printed export request; gzip or
 * not; files, folders and globs. Reading is streaming: one `JSON.parse` per line, then a walk over the spans.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { ATTR_SERVICE_NAME } from '@sightline/core/semconv';
import {
  FrozenContentCheck,
  isFrozenHeaderLine,
  parseFrozenHeader,
  parseFrozenRecord,
} from '../baseline/frozen-format.js';
import { InputError } from '../errors.js';
import type { TraceRecord } from '../records.js';
import { expandSources } from './glob.js';
import { readLineBatches } from './lines.js';
import type { OtlpAnyValue } from './otlp-values.js';
import {
  createReadStats,
  MAX_REPORTED_PROBLEMS,
  type ReadOptions,
  type ReadStats,
  type Source,
} from './source.js';
import { SpanKeySet } from './span-key-set.js';
import { type OtlpSpan, spanToRecord } from './span-record.js';

/** Default location of Sightline's file exporter. */
export const DEFAULT_TRACES_DIR = '.sightline/traces';

interface OtlpResourceSpans {
  resource?: { attributes?: { key: string; value: OtlpAnyValue }[] };
  scopeSpans?: { spans?: OtlpSpan[] }[];
  /** Pre-1.0 OTLP name of `scopeSpans`, still written by old collectors. */
  instrumentationLibrarySpans?: { spans?: OtlpSpan[] }[];
}

/** Options of `otlpFileSource`. */
export interface OtlpFileSourceOptions {
  /** Folder relative paths and globs are resolved against. Default `process.cwd()`. */
  cwd?: string;
}

function serviceNameOf(resource: OtlpResourceSpans['resource']): string | undefined {
  const attributes = resource?.attributes;
  if (!Array.isArray(attributes)) return undefined;
  for (const attribute of attributes) {
    if (attribute?.key === ATTR_SERVICE_NAME && typeof attribute.value?.stringValue === 'string') {
      return attribute.value.stringValue;
    }
  }
  return undefined;
}

class FileReader {
  constructor(
    private readonly file: string,
    private readonly stats: ReadStats,
    private readonly seen: SpanKeySet,
    private readonly skipInvalid: boolean,
  ) {}

  /** Adds one record of a frozen baseline file (already normalised; deduplicated like spans). */
  addFrozen(record: TraceRecord, out: TraceRecord[]): void {
    this.stats.spans++;
    if (!this.seen.add(record.traceId, record.spanId)) {
      this.stats.duplicates++;
      return;
    }
    if (record.kind === 'call') this.stats.calls++;
    else this.stats.steps++;
    out.push(record);
  }

  private problem(error: InputError): void {
    if (!this.skipInvalid) throw error;
    if (this.stats.problems.length < MAX_REPORTED_PROBLEMS) this.stats.problems.push(error.message);
  }

  /** Parses one line (or whole document) and appends its records to `out`. */
  parse(text: string, line: number | undefined, out: TraceRecord[]): void {
    let request: { resourceSpans?: OtlpResourceSpans[] };
    try {
      request = JSON.parse(text);
    } catch (error) {
      this.stats.invalidLines++;
      this.problem(new InputError(`malformed JSON (${(error as Error).message})`, { file: this.file, line }));
      return;
    }
    const resourceSpans = request?.resourceSpans;
    if (!Array.isArray(resourceSpans)) {
      this.stats.invalidLines++;
      this.problem(
        new InputError('expected an OTLP ExportTraceServiceRequest with a resourceSpans array', {
          file: this.file,
          line,
          field: 'resourceSpans',
        }),
      );
      return;
    }
    for (const resource of resourceSpans) {
      const service = serviceNameOf(resource?.resource);
      const scopes = resource?.scopeSpans ?? resource?.instrumentationLibrarySpans;
      if (!Array.isArray(scopes)) continue;
      for (const scope of scopes) {
        const spans = scope?.spans;
        if (!Array.isArray(spans)) continue;
        for (const span of spans) this.parseSpan(span, service, line, out);
      }
    }
  }

  private parseSpan(
    span: OtlpSpan,
    service: string | undefined,
    line: number | undefined,
    out: TraceRecord[],
  ) {
    this.stats.spans++;
    let record: TraceRecord | undefined;
    try {
      record = spanToRecord(span, service);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.stats.invalidSpans++;
      const id = typeof span?.spanId === 'string' ? ` (span ${span.spanId})` : '';
      this.problem(new InputError(error.detail + id, { file: this.file, line, field: error.field }));
      return;
    }
    if (record === undefined) return;
    if (!this.seen.add(record.traceId, record.spanId)) {
      this.stats.duplicates++;
      return;
    }
    if (record.kind === 'call') this.stats.calls++;
    else this.stats.steps++;
    out.push(record);
  }
}

/** True when the text is the start of a pretty-printed JSON document rather than a complete JSON line. */
function looksPrettyPrinted(firstLine: string): boolean {
  const trimmed = firstLine.trim();
  return trimmed.startsWith('{') && !trimmed.endsWith('}');
}

async function* readFile(
  file: string,
  displayName: string,
  fileIndex: number,
  fileCount: number,
  stats: ReadStats,
  seen: SpanKeySet,
  options: ReadOptions,
): AsyncGenerator<TraceRecord> {
  const reader = new FileReader(displayName, stats, seen, options.skipInvalid === true);
  const fileBytes = options.onProgress ? (await stat(file)).size : 0;
  const onBytes = options.onProgress
    ? (bytesRead: number) =>
        options.onProgress?.({
          file: displayName,
          fileIndex,
          fileCount,
          bytesRead,
          fileBytes,
          spans: stats.spans,
        })
    : undefined;
  let lineNumber = 0;
  let documentLines: string[] | undefined;
  // A frozen baseline (`sightline baseline freeze`) is recognised by its header and checked while streaming.
  let frozen: FrozenContentCheck | undefined;
  const digest = options.onFileRead ? createHash('sha256') : undefined;
  let bytes = 0;
  const onRawChunk = digest
    ? (chunk: Buffer) => {
        digest.update(chunk);
        bytes += chunk.length;
      }
    : undefined;
  const out: TraceRecord[] = [];
  for await (const batch of readLineBatches(file, onBytes, onRawChunk)) {
    for (const line of batch) {
      lineNumber++;
      stats.lines++;
      if (frozen) {
        frozen.add(line);
        if (line.length > 0) reader.addFrozen(parseFrozenRecord(line, displayName, lineNumber), out);
        continue;
      }
      if (documentLines) {
        documentLines.push(line);
        continue;
      }
      if (lineNumber === 1 && isFrozenHeaderLine(line)) {
        frozen = new FrozenContentCheck(parseFrozenHeader(line, displayName), displayName);
        continue;
      }
      if (line.length === 0 || line.trim().length === 0) continue;
      if (lineNumber === 1 && looksPrettyPrinted(line)) {
        documentLines = [line];
        continue;
      }
      reader.parse(line, lineNumber, out);
    }
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
  }
  if (documentLines) {
    // A pretty-printed document: errors point at its first line (JSON.parse positions are not lines).
    reader.parse(documentLines.join('\n'), 1, out);
    yield* out;
  }
  frozen?.verify();
  if (digest) options.onFileRead?.({ path: displayName, bytes, sha256: digest.digest('hex') });
}

/**
 * A source over OTLP/JSON trace files. `specs` are files, folders (searched recursively for *.jsonl, *.json,
 * *.ndjson, optionally .gz) or glob patterns; default `.sightline/traces`. Files are read in sorted path order
 * and spans seen twice (same trace and span id) are yielded once, so results are deterministic.
 */
export function otlpFileSource(
  specs: string | readonly string[] = DEFAULT_TRACES_DIR,
  options: OtlpFileSourceOptions = {},
): Source {
  const list = typeof specs === 'string' ? [specs] : [...specs];
  const cwd = options.cwd ?? process.cwd();
  return {
    description: list.join(', '),
    async *records(readOptions: ReadOptions = {}): AsyncGenerator<TraceRecord> {
      const stats = readOptions.stats ?? createReadStats();
      const files = await expandSources(list, cwd);
      const seen = new SpanKeySet();
      for (let i = 0; i < files.length; i++) {
        stats.files++;
        const displayName = relative(cwd, files[i]) || files[i];
        try {
          yield* readFile(
            files[i],
            displayName.startsWith('..') ? files[i] : displayName,
            i,
            files.length,
            stats,
            seen,
            readOptions,
          );
        } catch (error) {
          if (error instanceof InputError) throw error;
          // zlib and fs errors: name the file.
          throw new InputError(`cannot read (${(error as Error).message})`, { file: displayName });
        }
      }
    },
  };
}
