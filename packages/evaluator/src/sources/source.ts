/**
 * The pluggable input side: a `Source` is anything that yields normalised trace records (OTLP files today;
 * the Jaeger API and ClickHouse later). Everything downstream (segments, metrics, drift) sees only records.
 */
import type { TraceRecord } from '../records.js';

/** Counters a read fills in while it runs; complete once the iteration ends. */
export interface ReadStats {
  files: number;
  lines: number;
  spans: number;
  /** LLM call records yielded. */
  calls: number;
  /** Chain step records yielded (workflow, agent, task, tool). */
  steps: number;
  /** Spans seen before (same trace id and span id) and skipped. */
  duplicates: number;
  /** Malformed lines skipped (only with `skipInvalid`). */
  invalidLines: number;
  /** Spans with wrong-typed attributes skipped (only with `skipInvalid`). */
  invalidSpans: number;
  /** The first few problems skipped, as `file:line: field: message`. */
  problems: string[];
}

/** Progress of a read, for a progress line on a terminal. */
export interface ReadProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  /** Bytes of this file read so far (compressed bytes for gzip files). */
  bytesRead: number;
  fileBytes: number;
  spans: number;
}

/** One input file as read: its path (as shown in reports), size and SHA-256 of its bytes. */
export interface FileDigest {
  path: string;
  bytes: number;
  sha256: string;
}

/** Options of a read. */
export interface ReadOptions {
  /**
   * Called once per input file after it was read completely, with its size and SHA-256 (computed from the same
   * bytes while streaming, so it costs no second pass). File sources only.
   */
  onFileRead?: (file: FileDigest) => void;
  /** Count, report and skip malformed lines and invalid spans instead of failing. Default false. */
  skipInvalid?: boolean;
  /** Filled in while reading; pass your own to see the counters afterwards. */
  stats?: ReadStats;
  /** Called now and then during long reads. */
  onProgress?: (progress: ReadProgress) => void;
}

/** A place trace records come from. */
export interface Source {
  /** Human-readable description for reports (e.g. the paths). */
  readonly description: string;
  /** Streams the records. Each call reads the source anew. Throws `InputError` on bad input. */
  records(options?: ReadOptions): AsyncIterable<TraceRecord>;
}

/** Problems kept in `ReadStats.problems`. */
export const MAX_REPORTED_PROBLEMS = 10;

/** Fresh zeroed counters. */
export function createReadStats(): ReadStats {
  return {
    files: 0,
    lines: 0,
    spans: 0,
    calls: 0,
    steps: 0,
    duplicates: 0,
    invalidLines: 0,
    invalidSpans: 0,
    problems: [],
  };
}
