/**
 * The lock file, `prompts/prompts.lock.json`: for every prompt name, every version ever locked and its content
 * hash. Keeping the history (not just the current version) is what lets `check` catch a version label reused
 * for different content. Written with sorted keys, two-space indent and a final newline so it diffs cleanly.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IssueList } from './errors.js';
import type { ResolvedDir } from './prompt-dir.js';
import { describeNode, isMap, isScalar, type Node, parseSource } from './source-doc.js';
import { sortVersions } from './versions.js';

export const LOCKFILE_VERSION = 1;
export const DEFAULT_LOCK_FILE_NAME = 'prompts.lock.json';

/** The lock file's content. Version keys map to `promptContentHash` values (16 hex characters). */
export interface PromptLock {
  lockfileVersion: typeof LOCKFILE_VERSION;
  prompts: Record<string, { versions: Record<string, string> }>;
}

const HASH_PATTERN = /^[0-9a-f]{16}$/;

/** Absolute path of the lock file: `lockFile` (relative to cwd) or `DIR/prompts.lock.json`. */
export function lockFilePath(dir: ResolvedDir, lockFile?: string): string {
  return lockFile ? resolve(dir.cwd, lockFile) : resolve(dir.path, DEFAULT_LOCK_FILE_NAME);
}

export function emptyLock(): PromptLock {
  return { lockfileVersion: LOCKFILE_VERSION, prompts: {} };
}

/** Reads and validates the lock file; a missing file reads as an empty lock. Throws `PromptFileError`. */
export function readLockFile(path: string, display: string): { lock: PromptLock; exists: boolean } {
  if (!existsSync(path)) return { lock: emptyLock(), exists: false };
  const source = parseSource(readFileSync(path, 'utf8'), display, 'json');
  const issues = new IssueList(display);
  const lock = emptyLock();
  const root = source.resolve(source.doc.contents);
  if (!isMap(root)) {
    issues.add(source.lineOf(root) ?? 1, undefined, `expected an object, got ${describeNode(root)}`);
    issues.throwIfAny();
  }
  let sawVersion = false;
  for (const pair of isMap(root) ? root.items : []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = source.resolve(pair.value);
    if (key === 'lockfileVersion') {
      sawVersion = true;
      if (!isScalar(value) || value.value !== LOCKFILE_VERSION) {
        const got = isScalar(value) ? String(value.value) : describeNode(value);
        issues.add(
          source.lineOf(value),
          key,
          `unsupported lock file version ${got} (this @sightline/prompts writes ${LOCKFILE_VERSION}; upgrade it)`,
        );
      }
    } else if (key === 'prompts') {
      readPrompts(value, source, issues, lock);
    } else {
      issues.add(source.lineOf(pair.key as Node), key, 'unknown field (expected: lockfileVersion, prompts)');
    }
  }
  if (!sawVersion) issues.add(1, 'lockfileVersion', 'required field is missing');
  issues.throwIfAny();
  return { lock, exists: true };
}

function readPrompts(
  node: Node | null,
  source: ReturnType<typeof parseSource>,
  issues: IssueList,
  lock: PromptLock,
): void {
  if (!isMap(node)) {
    issues.add(
      source.lineOf(node),
      'prompts',
      `expected an object keyed by prompt name, got ${describeNode(node)}`,
    );
    return;
  }
  for (const pair of node.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const entry = source.resolve(pair.value);
    const field = `prompts.${name}`;
    if (!isMap(entry)) {
      issues.add(
        source.lineOf(entry),
        field,
        `expected an object with "versions", got ${describeNode(entry)}`,
      );
      continue;
    }
    const versions: Record<string, string> = {};
    for (const entryPair of entry.items) {
      const entryKey = isScalar(entryPair.key) ? String(entryPair.key.value) : '';
      const entryValue = source.resolve(entryPair.value);
      if (entryKey !== 'versions') {
        issues.add(
          source.lineOf(entryPair.key as Node),
          `${field}.${entryKey}`,
          'unknown field (expected: versions)',
        );
      } else if (!isMap(entryValue)) {
        issues.add(
          source.lineOf(entryValue),
          `${field}.versions`,
          `expected an object, got ${describeNode(entryValue)}`,
        );
      } else {
        for (const versionPair of entryValue.items) {
          const version = isScalar(versionPair.key) ? String(versionPair.key.value) : '';
          const hash = source.resolve(versionPair.value);
          if (isScalar(hash) && typeof hash.value === 'string' && HASH_PATTERN.test(hash.value)) {
            versions[version] = hash.value;
          } else {
            issues.add(
              source.lineOf(hash),
              `${field}.versions.${version}`,
              `expected a content hash (16 hex characters), got ${isScalar(hash) ? JSON.stringify(hash.value) : describeNode(hash)}`,
            );
          }
        }
      }
    }
    lock.prompts[name] = { versions };
  }
}

/**
 * The lock as text: prompt names sorted, versions in version order (numeric, then dates, then by text), two-space
 * indent, final newline. Written by hand because JS objects list integer-like keys first whatever their order.
 */
export function serializeLock(lock: PromptLock): string {
  const names = Object.keys(lock.prompts).sort();
  const promptBlocks = names.map((name) => {
    const versions = lock.prompts[name].versions;
    const lines = sortVersions(Object.keys(versions)).map(
      (v) => `        ${JSON.stringify(v)}: ${JSON.stringify(versions[v])}`,
    );
    const body = lines.length > 0 ? `{\n${lines.join(',\n')}\n      }` : '{}';
    return `    ${JSON.stringify(name)}: {\n      "versions": ${body}\n    }`;
  });
  const prompts = promptBlocks.length > 0 ? `{\n${promptBlocks.join(',\n')}\n  }` : '{}';
  return `{\n  "lockfileVersion": ${lock.lockfileVersion},\n  "prompts": ${prompts}\n}\n`;
}

/** Writes the lock atomically (temp file + rename), so an interrupted run never leaves half a lock. */
export function writeLockFile(path: string, lock: PromptLock): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, serializeLock(lock));
  renameSync(temp, path);
}
