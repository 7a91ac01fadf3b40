/**
 * Frozen baselines: `freezeBaseline(source)` writes the records of a source (optionally one time window of it)
 * to one file with a header carrying a SHA-256 of the records (format in `frozen-format.ts`), so a nightly job
 * compares every day with the same, provably unchanged reference. The file is itself a source: pass its path
 * wherever traces are read (`readCalls`, `sightline drift --baseline baseline.json`); a modified file fails.
 */

import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { InputError } from '../errors.js';
import { type SourceInput, toSource } from '../read.js';
import { readLineBatches } from '../sources/lines.js';
import { createReadStats, type ReadStats, type Source } from '../sources/source.js';
import { SIGHTLINE_VERSION } from '../version.js';
import { inWindow, parseWindow, type TimeWindow } from '../windows.js';
import {
  FROZEN_BASELINE_VERSION,
  type FrozenBaselineHeader,
  FrozenContentCheck,
  isFrozenHeaderLine,
  parseFrozenHeader,
  RECORDS_DESCRIPTION,
} from './frozen-format.js';

/** Options of `freezeBaseline`. */
export interface FreezeOptions {
  /** The file to write (`.gz` for gzip). Parent folders are created. */
  out: string;
  /** Only records that start in this window: a spec such as `14d..7d` or a parsed window. */
  window?: string | TimeWindow;
  /** "now" for relative window specs, epoch ms. Default `Date.now()`. */
  nowMs?: number;
  /** Folder relative paths resolve against. Default `process.cwd()`. */
  cwd?: string;
  skipInvalid?: boolean;
  /** ISO time written as `created`. Default the current time. */
  created?: string;
  /** Filled with the reading counters. */
  stats?: ReadStats;
}

function isoOrNull(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

async function write(out: Writable, text: string | Buffer): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Writes a frozen baseline of `source` and returns its header. Records are streamed to a temporary file while
 * hashed, then header and records are written to `out` (replaced atomically by a rename), so memory stays flat.
 * Throws `InputError` when the source has no records (in the window).
 */
export async function freezeBaseline(
  source: SourceInput,
  options: FreezeOptions,
): Promise<FrozenBaselineHeader> {
  const cwd = options.cwd ?? process.cwd();
  const resolvedSource = toSource(source, cwd);
  const window =
    typeof options.window === 'string'
      ? parseWindow(options.window, options.nowMs ?? Date.now())
      : options.window;
  const out = resolve(cwd, options.out);
  await mkdir(dirname(out), { recursive: true });
  const body = `${out}.records-${process.pid}.tmp`;
  const partial = `${out}.${process.pid}.tmp`;
  const hash = createHash('sha256');
  const stats = options.stats ?? createReadStats();
  let calls = 0;
  let steps = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  try {
    const bodyStream = createWriteStream(body);
    for await (const record of resolvedSource.records({ stats, skipInvalid: options.skipInvalid })) {
      if (window && !inWindow(window, record.startTimeMs)) continue;
      const line = `${JSON.stringify(record)}\n`;
      hash.update(line);
      await write(bodyStream, line);
      if (record.kind === 'call') calls++;
      else steps++;
      first = Math.min(first, record.startTimeMs);
      last = Math.max(last, record.startTimeMs + record.durationMs);
    }
    bodyStream.end();
    await once(bodyStream, 'close');
    if (calls + steps === 0) {
      const where = window ? ` in window ${window.spec}` : '';
      throw new InputError(
        `no records to freeze in ${resolvedSource.description}${where} (read ${stats.files} file(s), ${stats.spans} span(s))`,
      );
    }
    const header: FrozenBaselineHeader = {
      sightlineFrozenBaseline: FROZEN_BASELINE_VERSION,
      created: options.created ?? new Date().toISOString(),
      sightlineVersion: SIGHTLINE_VERSION,
      source: resolvedSource.description,
      window: window
        ? { spec: window.spec, from: isoOrNull(window.fromMs), to: isoOrNull(window.toMs) }
        : null,
      count: calls + steps,
      calls,
      steps,
      firstTime: isoOrNull(first),
      lastTime: isoOrNull(last),
      sha256: hash.digest('hex'),
      records: RECORDS_DESCRIPTION,
    };
    const file = createWriteStream(partial);
    const gzip = out.endsWith('.gz') ? createGzip() : undefined;
    const target: Writable = gzip ?? file;
    const done = gzip ? pipeline(gzip, file) : once(file, 'close');
    await write(target, `${JSON.stringify(header)}\n`);
    for await (const chunk of createReadStream(body)) await write(target, chunk as Buffer);
    target.end();
    await done;
    await rename(partial, out);
    return header;
  } finally {
    await rm(body, { force: true });
    await rm(partial, { force: true });
  }
}

/** Reads the header of a file; undefined when the file is not a frozen baseline. */
export async function readFrozenHeader(path: string): Promise<FrozenBaselineHeader | undefined> {
  for await (const batch of readLineBatches(path)) {
    const first = batch[0] ?? '';
    return isFrozenHeaderLine(first) ? parseFrozenHeader(first, path) : undefined;
  }
  return undefined;
}

/**
 * Opens a frozen baseline: its header, and a `Source` over its records that verifies count and hash while
 * reading (an `InputError` at the end of the read when the file was modified). Throws when the file is not one.
 */
export async function readFrozenBaseline(
  path: string,
  options: { cwd?: string } = {},
): Promise<{ header: FrozenBaselineHeader; source: Source }> {
  const cwd = options.cwd ?? process.cwd();
  const header = await readFrozenHeader(resolve(cwd, path));
  if (!header)
    throw new InputError('not a frozen baseline (no sightlineFrozenBaseline header on line 1)', {
      file: path,
    });
  const files = toSource(path, cwd);
  const window = header.window ? `, window ${header.window.spec}` : '';
  return {
    header,
    source: {
      description: `${path} (frozen baseline of ${header.source}${window}, ${header.count} records, sha256 ${header.sha256.slice(0, 12)})`,
      records: (readOptions) => files.records(readOptions),
    },
  };
}

/** Result of `verifyFrozenBaseline`. */
export interface FrozenBaselineCheck {
  ok: boolean;
  header: FrozenBaselineHeader;
  /** Record lines found and their hash. */
  count: number;
  sha256: string;
}

/** Recomputes count and hash of a frozen baseline's records and compares them with its header. */
export async function verifyFrozenBaseline(
  path: string,
  options: { cwd?: string } = {},
): Promise<FrozenBaselineCheck> {
  const file = resolve(options.cwd ?? process.cwd(), path);
  let check: FrozenContentCheck | undefined;
  let first = true;
  for await (const batch of readLineBatches(file)) {
    for (const line of batch) {
      if (first) {
        first = false;
        if (!isFrozenHeaderLine(line))
          throw new InputError('not a frozen baseline (no sightlineFrozenBaseline header on line 1)', {
            file: path,
          });
        check = new FrozenContentCheck(parseFrozenHeader(line, path), path);
        continue;
      }
      check?.add(line);
    }
  }
  if (!check) throw new InputError('empty file, not a frozen baseline', { file: path });
  const sha256 = check.digest();
  return {
    ok: sha256 === check.header.sha256 && check.count === check.header.count,
    header: check.header,
    count: check.count,
    sha256,
  };
}
