/**
 * The entry points for reading: `readRecords(source)` streams calls and chain steps, `readCalls(source)` only
 * the LLM calls. A source is a `Source`, paths/folders/globs of OTLP/JSON files (frozen baselines included),
 * or a `jaeger:` spec.
 */
import { InputError } from './errors.js';
import type { CallRecord, TraceRecord } from './records.js';
import { isJaegerSpec, type JaegerSourceOptions, jaegerSourceFromSpec } from './sources/jaeger.js';
import { otlpFileSource } from './sources/otlp-file.js';
import type { ReadOptions, Source } from './sources/source.js';

/** A `Source`, file specs for `otlpFileSource` (files, folders, globs), or one `jaeger:` spec. */
export type SourceInput = Source | string | readonly string[];

/** Options of `toSource`. */
export interface ToSourceOptions {
  /** Folder relative paths and globs resolve against. Default `process.cwd()`. */
  cwd?: string;
  /** Applied to a `jaeger:` spec (e.g. the window to query: `start`, `end`, `now`). */
  jaeger?: Partial<JaegerSourceOptions>;
}

/**
 * Resolves a `SourceInput` into a `Source`: a `jaeger:` spec becomes a Jaeger source, anything else file specs.
 * A `jaeger:` spec must be the only spec (throws `InputError` otherwise).
 */
export function toSource(input: SourceInput, options: string | ToSourceOptions = {}): Source {
  const { cwd, jaeger } = typeof options === 'string' ? { cwd: options, jaeger: undefined } : options;
  if (typeof input !== 'string' && !Array.isArray(input)) return input as Source;
  const specs = typeof input === 'string' ? [input] : [...(input as readonly string[])];
  const jaegerSpecs = specs.filter(isJaegerSpec);
  if (jaegerSpecs.length > 0) {
    if (specs.length > 1)
      throw new InputError(
        `a jaeger: source must be the only source, got ${specs.length} (${specs.join(', ')})`,
      );
    return jaegerSourceFromSpec(jaegerSpecs[0], jaeger);
  }
  return otlpFileSource(specs, { cwd });
}

/** Streams every call and chain-step record of the source (memory does not grow with input size). */
export function readRecords(source: SourceInput, options: ReadOptions = {}): AsyncIterable<TraceRecord> {
  return toSource(source).records(options);
}

/** Streams the LLM call records of the source, deduplicated, in file order. */
export async function* readCalls(source: SourceInput, options: ReadOptions = {}): AsyncGenerator<CallRecord> {
  for await (const record of readRecords(source, options)) if (record.kind === 'call') yield record;
}
