/**
 * Writes generated OTLP/JSON lines to a file (gzip-compressed when the name ends in `.gz`), streaming with
 * back-pressure so a million-span file never sits in memory.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { generateOtlpLines, type TraceGeneratorOptions } from './generator.js';

/** Writes the generated lines to `path`; resolves to the number of lines written. */
export async function writeOtlpFile(path: string, options: TraceGeneratorOptions): Promise<number> {
  const file = createWriteStream(path);
  let out: Writable = file;
  if (path.endsWith('.gz')) {
    const gzip = createGzip();
    gzip.pipe(file);
    out = gzip;
  }
  let lines = 0;
  let buffer = '';
  for (const line of generateOtlpLines(options)) {
    buffer += `${line}\n`;
    lines++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(file, 'close');
  return lines;
}
