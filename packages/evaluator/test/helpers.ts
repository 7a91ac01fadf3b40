/** Test helpers: temp folders and generated trace files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { generateOtlpLines, type TraceGeneratorOptions, writeOtlpFile } from '../src/testing.js';

/** A temp folder removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-evaluator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes generated lines to `dir/name` (gzip when it ends in .gz); returns the path. */
export async function generated(dir: string, name: string, options: TraceGeneratorOptions): Promise<string> {
  const path = join(dir, name);
  await writeOtlpFile(path, options);
  return path;
}

/** The generated lines as an array (small inputs only). */
export function lines(options: TraceGeneratorOptions): string[] {
  return [...generateOtlpLines(options)];
}

/** Writes text to `dir/name`; returns the path. */
export function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
