/**
 * A tiny persistent key-value store for caches (embeddings, judge verdicts): one folder, 256 shard files named
 * by the first two hex characters of the key, each an append-only JSON Lines file of `{"k": key, "v": value}`.
 * Append-only lines survive concurrent writers and crashes: a torn last line is skipped on read, and a key
 * written twice keeps its last value. Keys must be lowercase hex digests (sha256).
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A string-to-string store on disk. */
export interface DiskStore {
  /** Folder holding the shard files. */
  readonly dir: string;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** Writes many entries with one append per shard. */
  setMany(entries: ReadonlyMap<string, string>): Promise<void>;
}

/** sha256 hex digest of the given parts joined by NUL (so ("ab","c") and ("a","bc") differ). */
export function sha256Hex(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

function assertKey(key: string): void {
  if (!/^[0-9a-f]{2,}$/.test(key))
    throw new RangeError(`disk store: key must be lowercase hex, got "${key}"`);
}

/** Opens (lazily creates) a store in `dir`. Shards are read once and kept in memory. */
export function openDiskStore(dir: string): DiskStore {
  const shards = new Map<string, Promise<Map<string, string>>>();

  const shardFile = (shard: string) => join(dir, `${shard}.jsonl`);

  function loadShard(shard: string): Promise<Map<string, string>> {
    let loaded = shards.get(shard);
    if (!loaded) {
      loaded = readFile(shardFile(shard), 'utf8').then(
        (text) => {
          const entries = new Map<string, string>();
          for (const line of text.split('\n')) {
            if (line.length === 0) continue;
            try {
              const parsed = JSON.parse(line) as { k?: unknown; v?: unknown };
              if (typeof parsed.k === 'string' && typeof parsed.v === 'string')
                entries.set(parsed.k, parsed.v);
            } catch {
              // A torn line from an interrupted write: the entry is simply recomputed.
            }
          }
          return entries;
        },
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return new Map<string, string>();
          throw new Error(`disk store: cannot read ${shardFile(shard)}: ${error.message}`);
        },
      );
      shards.set(shard, loaded);
    }
    return loaded;
  }

  async function setMany(entries: ReadonlyMap<string, string>): Promise<void> {
    const byShard = new Map<string, string[]>();
    for (const [key, value] of entries) {
      assertKey(key);
      const shard = key.slice(0, 2);
      const lines = byShard.get(shard) ?? [];
      lines.push(`${JSON.stringify({ k: key, v: value })}\n`);
      byShard.set(shard, lines);
    }
    if (byShard.size === 0) return;
    await mkdir(dir, { recursive: true });
    for (const [shard, lines] of byShard) {
      const loaded = await loadShard(shard);
      await appendFile(shardFile(shard), lines.join(''), 'utf8');
      for (const [key, value] of entries) if (key.startsWith(shard)) loaded.set(key, value);
    }
  }

  return {
    dir,
    async get(key) {
      assertKey(key);
      return (await loadShard(key.slice(0, 2))).get(key);
    },
    set: (key, value) => setMany(new Map([[key, value]])),
    setMany,
  };
}
