/**
 * `diffPrompts`: what changed between two versions of a prompt: a unified line diff of the templates (one
 * `[role]` line per message) plus changes of the description and model hints. Old versions come from the
 * history snapshots that `lock` writes, with git history as the fallback (see history.ts).
 */
import type { PromptCheckOptions } from './check.js';
import { PromptFileError, PromptVersionNotFoundError } from './errors.js';
import { type ResolvedVersion, resolveVersion, type VersionSource } from './history.js';
import { lockFilePath, readLockFile } from './lock-file.js';
import { flattenModelHints } from './model-hints.js';
import { promptFilePaths, readPromptFile, resolveDir } from './prompt-dir.js';
import { type PromptFile, templateLines } from './prompt-file.js';
import { type DiffHunk, diffHunks, diffLines, formatUnifiedDiff } from './text-diff.js';
import { sortVersions } from './versions.js';

/** Options of `diffPrompts`: where the prompts and the lock file are. */
export type PromptDiffOptions = PromptCheckOptions;

/** One side of a diff. */
export interface PromptVersionRef {
  version: string;
  hash: string;
  /** `file` (the current prompt file), `history` (a snapshot) or `git` (an older commit). */
  source: VersionSource;
  /** The file read; for git, `REV:path`. */
  location: string;
  /** The hash the lock file records for this version, if any. */
  lockedHash?: string;
}

/** A changed metadata field: `description` or `model.KEY` (values as JSON text; absent side undefined). */
export interface PromptMetadataChange {
  field: string;
  from?: string;
  to?: string;
}

export interface PromptDiff {
  name: string;
  from: PromptVersionRef;
  to: PromptVersionRef;
  /** True when the content hashes are equal and no metadata changed. */
  identical: boolean;
  /** True when the content hashes differ. */
  templateChanged: boolean;
  hunks: DiffHunk[];
  /** The template diff as unified-diff text (empty when the lines are equal). */
  unified: string;
  metadata: PromptMetadataChange[];
  /** Remarks worth reading: a side that does not match its locked hash, a whitespace-only change. */
  notes: string[];
}

/**
 * Diffs version `from` of prompt `name` against version `to` (default: the prompt file's current version).
 * Throws `PromptVersionNotFoundError` (naming the versions that exist) when a version cannot be found, and
 * `PromptFileError` for malformed files.
 */
export function diffPrompts(
  name: string,
  from: string,
  to?: string,
  options: PromptDiffOptions = {},
): PromptDiff {
  const dir = resolveDir(options);
  const lockPath = lockFilePath(dir, options.lockFile);
  const { lock } = readLockFile(lockPath, dir.display(lockPath));
  const locked = lock.prompts[name]?.versions ?? {};
  const paths = promptFilePaths(dir, name);
  if (paths.length > 1) {
    throw new PromptFileError(
      paths.map((p) => ({
        file: dir.display(p),
        field: 'name',
        message: `prompt "${name}" is defined by ${paths.length} files; keep one`,
      })),
    );
  }
  const current: PromptFile | undefined = paths.length === 1 ? readPromptFile(paths[0], dir) : undefined;
  const known = sortVersions(new Set([...Object.keys(locked), ...(current ? [current.version] : [])]));
  if (known.length === 0) {
    throw new PromptVersionNotFoundError(
      `prompt "${name}" not found: no file in ${dir.display(dir.path)} and no lock entry`,
    );
  }
  const toVersion = to ?? current?.version;
  if (toVersion === undefined) {
    throw new PromptVersionNotFoundError(
      `prompt "${name}" has no file; name both versions (locked: ${known.join(', ')})`,
    );
  }
  const find = (version: string): ResolvedVersion => {
    const found = resolveVersion(dir, name, version, current, locked[version]);
    if (found) return found;
    const hint = known.includes(version)
      ? `it is locked but has no snapshot in ${dir.display(dir.path)}/.history/ and was not found in git history`
      : `known versions: ${known.join(', ')}`;
    throw new PromptVersionNotFoundError(`prompt "${name}" version "${version}" not found (${hint})`);
  };
  const a = find(from);
  const b = find(toVersion);
  return comparePromptVersions(name, ref(a, locked), a.prompt, ref(b, locked), b.prompt);
}

function ref(found: ResolvedVersion, locked: Record<string, string>): PromptVersionRef {
  const lockedHash = locked[found.prompt.version];
  return {
    version: found.prompt.version,
    hash: found.prompt.hash,
    source: found.source,
    location: found.location,
    ...(lockedHash !== undefined ? { lockedHash } : {}),
  };
}

function comparePromptVersions(
  name: string,
  from: PromptVersionRef,
  a: PromptFile,
  to: PromptVersionRef,
  b: PromptFile,
): PromptDiff {
  const hunks = diffHunks(diffLines(templateLines(a.template), templateLines(b.template)));
  const unified = formatUnifiedDiff(
    `${name}@${from.version} (${from.location})`,
    `${name}@${to.version} (${to.location})`,
    hunks,
  );
  const metadata: PromptMetadataChange[] = [];
  if (a.description !== b.description) {
    metadata.push({ field: 'description', ...json('from', a.description), ...json('to', b.description) });
  }
  const before = flattenModelHints(a.model);
  const after = flattenModelHints(b.model);
  for (const field of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    if (before.get(field) !== after.get(field)) {
      metadata.push({ field, ...optional('from', before.get(field)), ...optional('to', after.get(field)) });
    }
  }
  const templateChanged = from.hash !== to.hash;
  const notes: string[] = [];
  if (templateChanged && hunks.length === 0) {
    notes.push('the templates differ only in a trailing newline at the end of a message');
  }
  for (const side of [from, to]) {
    if (side.lockedHash !== undefined && side.lockedHash !== side.hash) {
      notes.push(
        `${name}@${side.version} from ${side.location} has hash ${side.hash}, but the lock records ${side.lockedHash}`,
      );
    }
  }
  return {
    name,
    from,
    to,
    identical: !templateChanged && metadata.length === 0,
    templateChanged,
    hunks,
    unified,
    metadata,
    notes,
  };
}

function json(key: 'from' | 'to', value: string | undefined): Partial<PromptMetadataChange> {
  return value === undefined ? {} : { [key]: JSON.stringify(value) };
}

function optional(key: 'from' | 'to', value: string | undefined): Partial<PromptMetadataChange> {
  return value === undefined ? {} : { [key]: value };
}
