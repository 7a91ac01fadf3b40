import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDiskStore, sha256Hex } from './disk-store.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('openDiskStore', () => {
  it('persists entries across instances, keeps the last write, and skips a torn line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sightline-store-'));
    dirs.push(dir);
    const key = sha256Hex('a');
    const store = openDiskStore(dir);
    expect(await store.get(key)).toBeUndefined();
    await store.set(key, 'first');
    await store.set(key, 'second');
    expect(await store.get(key)).toBe('second');
    await appendFile(join(dir, `${key.slice(0, 2)}.jsonl`), '{"k":"ab');
    const reopened = openDiskStore(dir);
    expect(await reopened.get(key)).toBe('second');
    expect((await readFile(join(dir, `${key.slice(0, 2)}.jsonl`), 'utf8')).split('\n')).toHaveLength(3);
  });

  it('separates hash parts and rejects keys that are not hex', async () => {
    expect(sha256Hex('ab', 'c')).not.toBe(sha256Hex('a', 'bc'));
    await expect(openDiskStore('/nonexistent').get('../etc')).rejects.toThrow('key must be lowercase hex');
  });
});
