/**
 * Loading a locked version of a prompt at run time (`load(name, { version })`). The current file serves its own
 * version; any other version comes only from its `.history/` snapshot, and only when the snapshot's content
 * hash equals the hash the lock file recorded for that version. A snapshot that was edited after locking would
 * otherwise produce spans that claim a locked version while running different text, which is exactly what
 * versioning exists to rule out. There is deliberately no git fallback here (unlike `diff`): a running app
 * should not shell out to git, and deployed builds rarely carry a git history.
 */
import { PromptFileError, PromptVersionNotFoundError } from './errors.js';
import { findSnapshot, historyDir, readSnapshot } from './history.js';
import { lockFilePath, readLockFile } from './lock-file.js';
import type { ResolvedDir } from './prompt-dir.js';
import type { PromptFile } from './prompt-file.js';
import { sortVersions, VERSION_PATTERN } from './versions.js';

/** The versions the lock file records for one prompt (version -> content hash), and how to show the lock file. */
export interface LockedVersions {
  versions: Readonly<Record<string, string>>;
  lockDisplay: string;
  lockExists: boolean;
}

/**
 * Reads the lock file once and returns the lookup of each prompt's locked versions. A missing lock file means
 * no locked versions. Throws `PromptFileError` for a malformed lock file.
 */
export function readLockedVersions(dir: ResolvedDir, lockFile?: string): (name: string) => LockedVersions {
  const lockPath = lockFilePath(dir, lockFile);
  const lockDisplay = dir.display(lockPath);
  const { lock, exists } = readLockFile(lockPath, lockDisplay);
  return (name) => ({ versions: lock.prompts[name]?.versions ?? {}, lockDisplay, lockExists: exists });
}

/**
 * Versions `load(name, { version })` can serve without error from missing files: the current file's version
 * plus every locked version whose snapshot exists, in version order. (Snapshot hashes are verified on load.)
 */
export function availableVersions(dir: ResolvedDir, current: PromptFile, locked: LockedVersions): string[] {
  const versions = new Set([current.version]);
  for (const version of Object.keys(locked.versions)) {
    if (findSnapshot(dir, current.name, version)) versions.add(version);
  }
  return sortVersions(versions);
}

/**
 * Version `version` of prompt `name`: `current` when it has that version, else the verified snapshot.
 * Throws `PromptVersionNotFoundError` (listing the known versions) for a version neither the file nor the lock
 * has, or a locked version whose snapshot is missing; `PromptFileError` (snapshot file, line, field) for a
 * snapshot that is malformed, holds another version, or does not match its locked hash.
 */
export function resolveLockedVersion(
  dir: ResolvedDir,
  name: string,
  version: string,
  current: PromptFile | undefined,
  locked: LockedVersions,
): PromptFile {
  if (current && current.version === version) return current;
  const known = sortVersions(
    new Set([...Object.keys(locked.versions), ...(current ? [current.version] : [])]),
  );
  const lockedHash = VERSION_PATTERN.test(version) ? locked.versions[version] : undefined;
  if (lockedHash === undefined) {
    const where = current ? `${current.file} (version "${current.version}") and ` : '';
    const lockNote = locked.lockExists ? locked.lockDisplay : `${locked.lockDisplay}, which does not exist`;
    throw new PromptVersionNotFoundError(
      `prompt "${name}" version "${version}" not found (known versions: ${known.join(', ') || 'none'}); ` +
        `looked in ${where}${lockNote}. Only the current file's version and versions recorded by ` +
        '`sightline prompts lock` can be loaded',
    );
  }
  const path = findSnapshot(dir, name, version);
  if (!path) {
    throw new PromptVersionNotFoundError(
      `prompt "${name}" version "${version}" is locked in ${locked.lockDisplay} but its snapshot ` +
        `${dir.display(historyDir(dir))}/${name}@${version}.prompt.yaml (or .json) is missing; restore it from git ` +
        `(commit ${dir.display(historyDir(dir))}/ with the lock file)`,
    );
  }
  const snapshot = readSnapshot(path, dir, name, version);
  if (snapshot.hash !== lockedHash) {
    throw new PromptFileError([
      {
        file: snapshot.file,
        line: snapshot.templateLine,
        field: typeof snapshot.template === 'string' ? 'template' : 'messages',
        message:
          `content hash ${snapshot.hash} differs from the hash ${lockedHash} that ${locked.lockDisplay} records ` +
          `for ${name}@${version}: the snapshot was edited after locking; restore it from git ` +
          '(snapshots are written once by `sightline prompts lock`, never edited)',
      },
    ]);
  }
  return snapshot;
}
