/**
 * The entry points for reading: `readRecords(source)` streams calls and chain steps, `readCalls(source)` only
 * the LLM calls. A source is a `Source`, or paths/folders/globs of OTLP/JSON files.
 */
import type { CallRecord, TraceRecord } from './records.js';
import { otlpFileSource } from './sources/otlp-file.js';
import type { ReadOptions, Source } from './sources/source.js';

/** A `Source`, or file specs for `otlpFileSource` (files, folders, globs). */
export type SourceInput = Source | string | readonly string[];

/** Resolves a `SourceInput` into a `Source`. */
export function toSource(input: SourceInput, cwd?: string): Source {
  if (typeof input === 'string' || Array.isArray(input))
    return otlpFileSource(input as string | string[], { cwd });
  return input as Source;
}

/** Streams every call and chain-step record of the source (memory does not grow with input size). */
export function readRecords(source: SourceInput, options: ReadOptions = {}): AsyncIterable<TraceRecord> {
  return toSource(source).records(options);
}

/** Streams the LLM call records of the source, deduplicated, in file order. */
export async function* readCalls(source: SourceInput, options: ReadOptions = {}): AsyncGenerator<CallRecord> {
  for await (const record of readRecords(source, options)) if (record.kind === 'call') yield record;
}
