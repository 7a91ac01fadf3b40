import { closeSync, mkdirSync, openSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Settings of one rotating JSON-lines file family (`<prefix>-<ISO time>-<pid>[-<n>].jsonl` in `dir`). */
export interface RotatingJsonlFileOptions {
  /** Directory the files go to; created (recursively) on the first write. */
  dir: string;
  /** File name prefix, e.g. `traces` or `metrics`. */
  prefix: string;
  /** A new file is started before a line that would make the current file larger than this. */
  maxFileBytes: number;
  /**
   * At most this many files of this family are kept in `dir` (counted over every process writing there); the
   * oldest, by the time in their names, are deleted when a new file is started. Other files are never touched.
   */
  maxFiles: number;
}

/**
 * Appends lines to a size-rotated family of `.jsonl` files with synchronous writes.
 *
 * Why synchronous: a line handed to {@link appendLine} is in the kernel when the call returns, so it survives
 * `process.exit()`, an uncaught exception or a signal arriving right after. Every error is thrown to the
 * caller (the exporters turn it into a FAILED export result); the writer itself never swallows anything.
 */
export class RotatingJsonlFile {
  private fd: number | undefined;
  private currentPath: string | undefined;
  private currentBytes = 0;
  private filesOpened = 0;

  constructor(private readonly options: RotatingJsonlFileOptions) {}

  /** The file the next line goes to, or undefined before the first write. */
  get path(): string | undefined {
    return this.currentPath;
  }

  /** Appends `line` plus a newline; `line` must not contain a newline (JSON.stringify output never does). */
  appendLine(line: string): void {
    const bytes = Buffer.from(line + '\n', 'utf8');
    if (
      this.fd === undefined ||
      (this.currentBytes > 0 && this.currentBytes + bytes.length > this.options.maxFileBytes)
    ) {
      this.openNextFile();
    }
    try {
      writeFully(this.fd!, bytes);
    } catch (error) {
      // The descriptor may be unusable (disk full, file system gone): start over with a fresh file next time.
      this.close();
      throw error;
    }
    this.currentBytes += bytes.length;
  }

  /** Closes the current file; the next {@link appendLine} opens a new one. */
  close(): void {
    if (this.fd !== undefined) {
      const fd = this.fd;
      this.fd = undefined;
      this.currentPath = undefined;
      this.currentBytes = 0;
      closeSync(fd);
    }
  }

  private openNextFile(): void {
    this.close();
    mkdirSync(this.options.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/:/g, '-').replace('.', '-');
    const suffix = this.filesOpened === 0 ? '' : `-${this.filesOpened}`;
    const path = join(this.options.dir, `${this.options.prefix}-${stamp}-${process.pid}${suffix}.jsonl`);
    // 'a' (not 'w'): if the name already exists, never truncate what another writer put there.
    this.fd = openSync(path, 'a');
    this.currentPath = path;
    this.currentBytes = 0;
    this.filesOpened += 1;
    this.deleteOldFiles(path);
  }

  /** Keeps the newest `maxFiles` files of this family (including the one just opened) in the directory. */
  private deleteOldFiles(current: string): void {
    const files = readdirSync(this.options.dir)
      .map((name) => parseFileName(this.options.prefix, name))
      .filter(
        (file): file is ParsedFileName => file !== undefined && join(this.options.dir, file.name) !== current,
      )
      .sort(compareOldestFirst);
    const keepOthers = Math.max(0, this.options.maxFiles - 1);
    for (const file of files.slice(0, Math.max(0, files.length - keepOthers))) {
      try {
        unlinkSync(join(this.options.dir, file.name));
      } catch {
        // Another process may have deleted it first; retention is best effort.
      }
    }
  }
}

interface ParsedFileName {
  name: string;
  stamp: string;
  pid: number;
  sequence: number;
}

const STAMP = String.raw`\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z`;

/** Only files this writer could have produced are candidates for deletion; anything else in the folder stays. */
function parseFileName(prefix: string, name: string): ParsedFileName | undefined {
  const match = new RegExp(`^${escapeRegExp(prefix)}-(${STAMP})-(\\d+)(?:-(\\d+))?\\.jsonl$`).exec(name);
  if (!match) return undefined;
  return { name, stamp: match[1], pid: Number(match[2]), sequence: Number(match[3] ?? 0) };
}

/** Time first; within one millisecond, a process's rotation sequence (names alone would sort `-1` before `.`). */
function compareOldestFirst(a: ParsedFileName, b: ParsedFileName): number {
  if (a.stamp !== b.stamp) return a.stamp < b.stamp ? -1 : 1;
  if (a.pid !== b.pid) return a.pid - b.pid;
  return a.sequence - b.sequence;
}

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
