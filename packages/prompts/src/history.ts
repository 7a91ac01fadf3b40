/**
 * Old versions of a prompt. `lock` writes a snapshot of every version it records to
 * `DIR/.history/NAME@VERSION.prompt.yaml` (or `.json`), so `diff` works in any checkout, CI cache or tarball.
 * When a snapshot is missing (a version locked before snapshots existed, or a deleted folder), git history of
 * the prompt file is the fallback, if the folder is inside a git work tree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PromptFileError } from './errors.js';
import type { ResolvedDir } from './prompt-dir.js';
import { type PromptFile, parsePromptFile, promptNameOfFile } from './prompt-file.js';

export const HISTORY_DIR_NAME = '.history';

/** Where a version of a prompt came from. */
export type VersionSource = 'file' | 'history' | 'git';

export interface ResolvedVersion {
  prompt: PromptFile;
  source: VersionSource;
  /** The file it was read from; for git, `REV:path`. */
  location: string;
}

export function historyDir(dir: ResolvedDir): string {
  return join(dir.path, HISTORY_DIR_NAME);
}

function snapshotPaths(dir: ResolvedDir, name: string, version: string): string[] {
  return ['yaml', 'json'].map((ext) => join(historyDir(dir), `${name}@${version}.prompt.${ext}`));
}

/** Absolute path of the existing snapshot of `name@version`, if any. */
export function findSnapshot(dir: ResolvedDir, name: string, version: string): string | undefined {
  return snapshotPaths(dir, name, version).find((p) => existsSync(p));
}

/** Reads a snapshot and checks it is the version its file name says. */
export function readSnapshot(path: string, dir: ResolvedDir, name: string, version: string): PromptFile {
  const display = dir.display(path);
  const prompt = parsePromptFile(
    readFileSync(path, 'utf8'),
    display,
    path.endsWith('.json') ? 'json' : 'yaml',
  );
  if (prompt.name !== name || prompt.version !== version) {
    throw new PromptFileError([
      {
        file: display,
        line: prompt.versionLine,
        field: prompt.name !== name ? 'name' : 'version',
        message: `snapshot holds ${prompt.name}@${prompt.version}, not ${name}@${version}; restore it from git`,
      },
    ]);
  }
  return prompt;
}

/**
 * Writes the snapshot of a prompt file's current version unless one exists (snapshots are write-once: they
 * are the record). Returns the path written, or undefined when it already existed.
 */
export function writeSnapshot(dir: ResolvedDir, prompt: PromptFile): string | undefined {
  if (findSnapshot(dir, prompt.name, prompt.version)) return undefined;
  mkdirSync(historyDir(dir), { recursive: true });
  const ext = prompt.format === 'json' ? 'json' : 'yaml';
  const path = join(historyDir(dir), `${prompt.name}@${prompt.version}.prompt.${ext}`);
  const header =
    ext === 'yaml'
      ? `# Snapshot of ${prompt.name} version ${prompt.version}, written by \`sightline prompts lock\`.\n# Do not edit: \`sightline prompts check\` compares it with the lock file.\n`
      : '';
  writeFileSync(path, header + prompt.text);
  return path;
}

/**
 * Finds `name@version`: the current file when it has that version (the working copy is what you are editing),
 * else its snapshot, else git history. When several git revisions carry the version, the newest one whose hash
 * matches `lockedHash` wins. Undefined when nothing has it.
 */
export function resolveVersion(
  dir: ResolvedDir,
  name: string,
  version: string,
  current: PromptFile | undefined,
  lockedHash: string | undefined,
): ResolvedVersion | undefined {
  if (current && current.version === version)
    return { prompt: current, source: 'file', location: current.file };
  const snapshot = findSnapshot(dir, name, version);
  if (snapshot) {
    return {
      prompt: readSnapshot(snapshot, dir, name, version),
      source: 'history',
      location: dir.display(snapshot),
    };
  }
  return findInGit(dir, name, version, lockedHash);
}

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined; // not a git work tree, git missing, or the path absent at that revision
  }
}

/** How many commits touching the prompt file the git fallback looks at, newest first. */
const GIT_REVISION_LIMIT = 500;

function findInGit(
  dir: ResolvedDir,
  name: string,
  version: string,
  lockedHash: string | undefined,
): ResolvedVersion | undefined {
  if (!existsSync(dir.path)) return undefined;
  const fileNames = ['.prompt.yaml', '.prompt.yml', '.prompt.json'].map((s) => `${name}${s}`);
  // --relative prints paths relative to the prompts folder, which is also how `git show REV:./path` reads them.
  const log = git(
    ['log', `-n${GIT_REVISION_LIMIT}`, '--format=commit %H', '--name-only', '--relative', '--', ...fileNames],
    dir.path,
  );
  if (!log) return undefined;
  let fallback: ResolvedVersion | undefined;
  let rev = '';
  for (const line of log.split('\n')) {
    if (line.startsWith('commit ')) {
      rev = line.slice('commit '.length);
      continue;
    }
    if (!line || promptNameOfFile(line) !== name) continue;
    const text = git(['show', `${rev}:./${line}`], dir.path);
    if (text === undefined) continue; // deleted in this commit
    let prompt: PromptFile;
    try {
      prompt = parsePromptFile(
        text,
        `${rev.slice(0, 12)}:${line}`,
        line.endsWith('.json') ? 'json' : 'yaml',
        name,
      );
    } catch {
      continue; // an old revision that did not validate is not a usable version
    }
    if (prompt.version !== version) continue;
    const found: ResolvedVersion = {
      prompt,
      source: 'git',
      location: `${rev.slice(0, 12)}:${dir.display(join(dir.path, line))}`,
    };
    if (lockedHash === undefined || prompt.hash === lockedHash) return found;
    fallback ??= found;
  }
  return fallback;
}
