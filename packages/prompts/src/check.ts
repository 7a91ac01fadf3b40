/**
 * `checkPrompts`: prompt versions treated like schema migrations. A version, once locked, names one exact
 * content forever; changing the content means a new version. The check compares the prompt files with the
 * lock file (and the lock with its history snapshots) and lists every way they disagree.
 */
import { PromptFileError } from './errors.js';
import { findSnapshot, readSnapshot } from './history.js';
import { lockFilePath, type PromptLock, readLockFile } from './lock-file.js';
import { flattenModelHints } from './model-hints.js';
import { type PromptDirOptions, type ResolvedDir, readPromptDir, resolveDir } from './prompt-dir.js';
import type { PromptFile } from './prompt-file.js';
import { compareVersions, sortVersions, suggestNextVersion } from './versions.js';

/** Options of `checkPrompts` and `lockPrompts`. */
export interface PromptCheckOptions extends PromptDirOptions {
  /** Lock file path, relative to `cwd`. Default: `DIR/prompts.lock.json`. */
  lockFile?: string;
}

export type PromptProblemKind =
  /** The file's version is the latest locked one, but its content hash differs: bump the version. */
  | 'changed-without-bump'
  /** The file's version was locked earlier with different content: a label may name one content only. */
  | 'version-reused'
  /** The prompt is not in the lock file at all: run lock. */
  | 'unlocked-prompt'
  /** The file's version is new to the lock file: run lock. */
  | 'unlocked-version'
  /** (warning) The file's version sorts below the latest locked one. */
  | 'version-backwards'
  /** (warning) The lock lists a prompt with no file. */
  | 'missing-file'
  /** A history snapshot does not match the hash the lock recorded for it (edited or corrupted). */
  | 'snapshot-mismatch'
  /** (warning) Model hints differ from the snapshot of the same version (they are not hashed). */
  | 'model-hints-changed';

export interface PromptProblem {
  kind: PromptProblemKind;
  /** Errors fail `check` (exit 1); warnings are printed only. */
  severity: 'error' | 'warning';
  name: string;
  version?: string;
  /** The file to look at (the prompt file, a snapshot, or the lock file). */
  file: string;
  line?: number;
  /** What is wrong. */
  message: string;
  /** What to do about it. */
  fix: string;
}

/** A prompt file against the lock: `locked` (hash matches), `changed`, `reused` or `unlocked`. */
export interface PromptLockStatus {
  name: string;
  version: string;
  hash: string;
  file: string;
  status: 'locked' | 'changed' | 'reused' | 'unlocked';
  /** The hash the lock has for this version, when it has one. */
  lockedHash?: string;
}

export interface PromptCheckResult {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  errors: number;
  warnings: number;
  /** The lock file, as shown in messages; `lockFileExists` says whether it was there. */
  lockFile: string;
  lockFileExists: boolean;
  prompts: PromptLockStatus[];
  /** Errors first, then warnings; by prompt name within each. */
  problems: PromptProblem[];
}

const LOCK_COMMAND = '`sightline prompts lock`';

/**
 * Checks the prompt files in `dir` against the lock file. Never writes. Throws `PromptFileError` (file, line,
 * field) when a prompt file or the lock file is malformed, since nothing can be compared then.
 */
export function checkPrompts(options: PromptCheckOptions = {}): PromptCheckResult {
  const dir = resolveDir(options);
  const lockPath = lockFilePath(dir, options.lockFile);
  const lockDisplay = dir.display(lockPath);
  const files = readPromptDir(dir);
  const { lock, exists } = readLockFile(lockPath, lockDisplay);
  return compareWithLock(dir, files, lock, lockDisplay, exists);
}

/** The comparison behind `checkPrompts`, shared with `lockPrompts`. */
export function compareWithLock(
  dir: ResolvedDir,
  files: PromptFile[],
  lock: PromptLock,
  lockDisplay: string,
  lockFileExists: boolean,
): PromptCheckResult {
  const problems: PromptProblem[] = [];
  const prompts: PromptLockStatus[] = [];
  const problem = (p: Omit<PromptProblem, 'severity'>, severity: 'error' | 'warning' = 'error') =>
    problems.push({ severity, ...p });

  for (const file of files) {
    const locked = lock.prompts[file.name]?.versions;
    const at = { name: file.name, version: file.version, file: file.file, line: file.versionLine };
    const status: PromptLockStatus = {
      name: file.name,
      version: file.version,
      hash: file.hash,
      file: file.file,
      status: 'locked',
    };
    prompts.push(status);
    if (!locked || Object.keys(locked).length === 0) {
      status.status = 'unlocked';
      problem({
        kind: 'unlocked-prompt',
        ...at,
        message: `new prompt "${file.name}" (version "${file.version}") is not in ${lockDisplay}`,
        fix: `run ${LOCK_COMMAND} and commit the lock file and ${dir.display(dir.path)}/.history/`,
      });
      continue;
    }
    const versions = sortVersions(Object.keys(locked));
    const latest = versions[versions.length - 1];
    const lockedHash = locked[file.version];
    if (lockedHash !== undefined) status.lockedHash = lockedHash;
    if (lockedHash === undefined) {
      status.status = 'unlocked';
      problem({
        kind: 'unlocked-version',
        ...at,
        message: `version "${file.version}" is not in ${lockDisplay} (locked versions: ${versions.join(', ')})`,
        fix: `run ${LOCK_COMMAND} to record it`,
      });
    } else if (lockedHash !== file.hash) {
      const next = suggestNextVersion(latest);
      if (file.version === latest) {
        status.status = 'changed';
        problem({
          kind: 'changed-without-bump',
          ...at,
          message: `content changed but version is still "${file.version}" (locked hash ${lockedHash}, file hash ${file.hash})`,
          fix: `bump \`version\`${next ? ` (e.g. to "${next}")` : ''}, then run ${LOCK_COMMAND}; or undo the change`,
        });
      } else {
        status.status = 'reused';
        problem({
          kind: 'version-reused',
          ...at,
          message: `version "${file.version}" was already locked with different content (hash ${lockedHash}, file hash ${file.hash}); a version names one content forever`,
          fix: `use a new version above the latest locked "${latest}"${nextHint(latest)}, then run ${LOCK_COMMAND}`,
        });
      }
    } else {
      checkModelHints(dir, file, problem);
    }
    const order = compareVersions(file.version, latest);
    if (order !== undefined && order < 0 && status.status !== 'reused') {
      problem(
        {
          kind: 'version-backwards',
          ...at,
          message: `version "${file.version}" is lower than the latest locked version "${latest}"`,
          fix: `use a version above "${latest}"${nextHint(latest)}, unless going back is intended`,
        },
        'warning',
      );
    }
  }

  const fileNames = new Set(files.map((f) => f.name));
  for (const [name, entry] of Object.entries(lock.prompts)) {
    if (!fileNames.has(name)) {
      problem(
        {
          kind: 'missing-file',
          name,
          file: lockDisplay,
          message: `prompt "${name}" is in the lock file but has no file (${name}.prompt.yaml, .yml or .json) in ${dir.display(dir.path)}`,
          fix: `restore the file, or run \`sightline prompts lock --prune\` if it was removed on purpose`,
        },
        'warning',
      );
    }
    for (const [version, hash] of Object.entries(entry.versions))
      checkSnapshot(dir, name, version, hash, problem);
  }

  problems.sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    ok: errors === 0,
    errors,
    warnings: problems.length - errors,
    lockFile: lockDisplay,
    lockFileExists,
    prompts,
    problems,
  };
}

function nextHint(latest: string): string {
  const next = suggestNextVersion(latest);
  return next ? ` (e.g. "${next}")` : '';
}

type AddProblem = (p: Omit<PromptProblem, 'severity'>, severity?: 'error' | 'warning') => void;

function checkSnapshot(
  dir: ResolvedDir,
  name: string,
  version: string,
  hash: string,
  problem: AddProblem,
): void {
  const path = findSnapshot(dir, name, version);
  if (!path) return; // a missing snapshot only means `diff` falls back to git
  const file = dir.display(path);
  const restore =
    'restore it from git (snapshots are written once by `sightline prompts lock`, never edited)';
  try {
    const snapshot = readSnapshot(path, dir, name, version);
    if (snapshot.hash !== hash) {
      problem({
        kind: 'snapshot-mismatch',
        name,
        version,
        file,
        message: `snapshot content hash ${snapshot.hash} differs from the locked hash ${hash}`,
        fix: restore,
      });
    }
  } catch (error) {
    if (!(error instanceof PromptFileError)) throw error;
    problem({ kind: 'snapshot-mismatch', name, version, file, message: error.message, fix: restore });
  }
}

function checkModelHints(dir: ResolvedDir, file: PromptFile, problem: AddProblem): void {
  const path = findSnapshot(dir, file.name, file.version);
  if (!path) return;
  let snapshot: PromptFile;
  try {
    snapshot = readSnapshot(path, dir, file.name, file.version);
  } catch {
    return; // reported by checkSnapshot
  }
  const before = flattenModelHints(snapshot.model);
  const after = flattenModelHints(file.model);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
    (k) => before.get(k) !== after.get(k),
  );
  if (changed.length === 0) return;
  problem(
    {
      kind: 'model-hints-changed',
      name: file.name,
      version: file.version,
      file: file.file,
      line: file.versionLine,
      message: `model hints changed since version "${file.version}" was locked (${changed.sort().join(', ')}); they are not part of the content hash`,
      fix: 'bump `version` if the change alters behaviour, then run `sightline prompts lock`',
    },
    'warning',
  );
}
