/**
 * Streams the lines of a (possibly gzip-compressed) text file in batches: memory is bounded by the chunk size
 * plus the longest line, never by the file size. Gzip is detected from the magic bytes, not the file name.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 10;

/** True when the file starts with the gzip magic bytes 1f 8b. */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const header = Buffer.alloc(2);
    const { bytesRead } = await handle.read(header, 0, 2, 0);
    return bytesRead === 2 && header[0] === 0x1f && header[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Progress callback: compressed bytes read so far from this file. */
export type BytesReadListener = (bytesRead: number) => void;

/** Receives every raw (still compressed) chunk of the file, in order: for hashing the file while reading it. */
export type RawChunkListener = (chunk: Buffer) => void;

/**
 * Yields the file's lines in order, in batches (one batch per chunk read). A trailing `\r` is removed; a UTF-8
 * byte-order mark at the start of the file is removed (editors on Windows add one; it is not part of the JSON);
 * the last line is yielded even without a final newline; empty lines are yielded too so line numbers stay true.
 */
export async function* readLineBatches(
  path: string,
  onBytes?: BytesReadListener,
  onRawChunk?: RawChunkListener,
): AsyncGenerator<string[]> {
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let stream: Readable = raw;
  const gzip = await isGzipFile(path);
  if (gzip) {
    // Piping already puts the raw stream in flowing mode, so a second data listener sees the same chunks.
    if (onRawChunk) raw.on('data', (chunk) => onRawChunk(chunk as Buffer));
    stream = raw.pipe(createGunzip({ chunkSize: CHUNK_BYTES }));
  }
  // A gunzip error does not propagate to the raw stream: destroy both on any error.
  raw.on('error', (error) => stream.destroy(error));
  let pending: Buffer[] = [];
  let first = true;
  const decode = (bytes: Buffer): string => {
    const text = decodeLine(bytes);
    if (!first) return text;
    first = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (onRawChunk && !gzip) onRawChunk(chunk);
      if (onBytes) onBytes(raw.bytesRead);
      const batch: string[] = [];
      let start = 0;
      let newline = chunk.indexOf(NEWLINE, start);
      while (newline !== -1) {
        let piece: Buffer = chunk.subarray(start, newline);
        if (pending.length > 0) {
          pending.push(piece);
          piece = Buffer.concat(pending);
          pending = [];
        }
        batch.push(decode(piece));
        start = newline + 1;
        newline = chunk.indexOf(NEWLINE, start);
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
      if (batch.length > 0) yield batch;
    }
    if (pending.length > 0) yield [decode(Buffer.concat(pending))];
  } finally {
    raw.destroy();
    stream.destroy();
  }
}

function decodeLine(bytes: Buffer): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', 0, end);
}
