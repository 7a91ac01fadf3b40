/**
 * `lockPrompts`: records the current version of every prompt file in the lock file and snapshots it into
 * `DIR/.history/`. It only ever adds: a version already locked with a different hash is the very mistake
 * `check` reports, so `lock` refuses instead of overwriting history.
 */
import { existsSync, readFileSync } from 'node:fs';
import { compareWithLock, type PromptCheckOptions, type PromptProblem } from './check.js';
import { writeSnapshot } from './history.js';
import { lockFilePath, readLockFile, serializeLock, writeLockFile } from './lock-file.js';
import { readPromptDir, resolveDir } from './prompt-dir.js';

export interface PromptLockOptions extends PromptCheckOptions {
  /** Also drop lock entries of prompts whose file is gone (their snapshots stay). Default: false. */
  prune?: boolean;
}

export interface PromptLockResult {
  /** The lock file, as shown in messages. */
  lockFile: string;
  /** Whether the lock file was (re)written; false when it already said exactly this. */
  written: boolean;
  /** Versions newly recorded. */
  added: { name: string; version: string; hash: string }[];
  /** Prompt names dropped by `prune`. */
  pruned: string[];
  /** Snapshot files written (including back-filled snapshots of versions locked earlier). */
  snapshots: string[];
  /** Warnings that remain after locking (e.g. a version going backwards, a missing file). */
  warnings: PromptProblem[];
}

/** `lockPrompts` refused: some prompt changed without a version bump or reuses a version. */
export class PromptLockConflictError extends Error {
  override name = 'PromptLockConflictError';
  readonly problems: readonly PromptProblem[];

  constructor(problems: readonly PromptProblem[]) {
    super(
      `refusing to overwrite locked versions:\n${problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}; ${p.fix}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

/**
 * Adds each prompt file's current version and hash to the lock file (created if missing) and writes its
 * snapshot. Throws `PromptLockConflictError` without writing anything when a locked version's content changed,
 * and `PromptFileError` for malformed files.
 */
export function lockPrompts(options: PromptLockOptions = {}): PromptLockResult {
  const dir = resolveDir(options);
  const lockPath = lockFilePath(dir, options.lockFile);
  const lockDisplay = dir.display(lockPath);
  const files = readPromptDir(dir);
  const { lock, exists } = readLockFile(lockPath, lockDisplay);
  const before = compareWithLock(dir, files, lock, lockDisplay, exists);
  const conflicts = before.problems.filter(
    (p) => p.kind === 'changed-without-bump' || p.kind === 'version-reused',
  );
  if (conflicts.length > 0) throw new PromptLockConflictError(conflicts);

  const added: PromptLockResult['added'] = [];
  for (const file of files) {
    lock.prompts[file.name] ??= { versions: {} };
    const entry = lock.prompts[file.name];
    if (entry.versions[file.version] === undefined) {
      entry.versions[file.version] = file.hash;
      added.push({ name: file.name, version: file.version, hash: file.hash });
    }
  }
  const pruned: string[] = [];
  if (options.prune) {
    const names = new Set(files.map((f) => f.name));
    for (const name of Object.keys(lock.prompts)) {
      if (!names.has(name)) {
        delete lock.prompts[name];
        pruned.push(name);
      }
    }
  }
  const text = serializeLock(lock);
  const written = !existsSync(lockPath) || readFileSync(lockPath, 'utf8') !== text;
  if (written) writeLockFile(lockPath, lock);
  // Snapshots after the lock: a snapshot is only written for a version the lock now records with this hash.
  const snapshots = files
    .map((file) => writeSnapshot(dir, file))
    .filter((p): p is string => p !== undefined)
    .map((p) => dir.display(p));

  const after = compareWithLock(dir, files, lock, lockDisplay, true);
  return {
    lockFile: lockDisplay,
    written,
    added,
    pruned: pruned.sort(),
    snapshots,
    warnings: after.problems.filter((p) => p.severity === 'warning'),
  };
}
