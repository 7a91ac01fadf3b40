/**
 * The prompts directory: where files live, how paths are shown in messages, and reading every prompt file in
 * it. Only the top level is scanned (`.history/` and other folders are not prompts). Reads are synchronous:
 * prompts load once at app start-up and in CLI runs, where sync fs is simplest and fast enough.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { PromptFileError, type PromptFileIssue } from './errors.js';
import {
  formatOfFile,
  PROMPT_FILE_SUFFIXES,
  type PromptFile,
  parsePromptFile,
  promptNameOfFile,
} from './prompt-file.js';

/** Where the prompt files are. */
export interface PromptDirOptions {
  /** Folder holding the `NAME.prompt.yaml` files, relative to `cwd`. Default: `prompts`. */
  dir?: string;
  /** Base for a relative `dir` and for the file paths shown in messages. Default: `process.cwd()`. */
  cwd?: string;
}

export interface ResolvedDir {
  /** Absolute path of the prompts folder. */
  path: string;
  cwd: string;
  /** A path as messages show it: relative to cwd when inside it. */
  display(path: string): string;
}

export function resolveDir(options: PromptDirOptions = {}): ResolvedDir {
  const cwd = resolve(options.cwd ?? process.cwd());
  const path = resolve(cwd, options.dir ?? 'prompts');
  return { path, cwd, display: (p) => displayPath(cwd, p) };
}

function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Reads and validates one prompt file; its name must match the file name. */
export function readPromptFile(path: string, dir: ResolvedDir): PromptFile {
  const fileName = basename(path);
  return parsePromptFile(
    readFileSync(path, 'utf8'),
    dir.display(path),
    formatOfFile(fileName),
    promptNameOfFile(fileName),
  );
}

/** Absolute paths of the files that declare prompt `name` (more than one is an error for the caller). */
export function promptFilePaths(dir: ResolvedDir, name: string): string[] {
  return PROMPT_FILE_SUFFIXES.map((suffix) => join(dir.path, `${name}${suffix}`)).filter((p) =>
    existsSync(p),
  );
}

/**
 * Reads every prompt file in the folder, sorted by name. Throws one `PromptFileError` listing the issues of
 * every bad file (not just the first), a missing folder, or two files declaring the same name.
 */
export function readPromptDir(dir: ResolvedDir): PromptFile[] {
  if (!existsSync(dir.path) || !statSync(dir.path).isDirectory()) {
    throw new PromptFileError([
      {
        file: dir.display(dir.path),
        message: 'prompts directory not found (create it, or point --dir / the `dir` option at it)',
      },
    ]);
  }
  const issues: PromptFileIssue[] = [];
  const byName = new Map<string, PromptFile>();
  const fileNames = readdirSync(dir.path)
    .filter((f) => promptNameOfFile(f) !== undefined)
    .sort();
  for (const fileName of fileNames) {
    const path = join(dir.path, fileName);
    if (!statSync(path).isFile()) continue;
    try {
      const prompt = readPromptFile(path, dir);
      const other = byName.get(prompt.name);
      if (other) {
        issues.push({
          file: prompt.file,
          field: 'name',
          message: `prompt "${prompt.name}" is also defined by ${other.file}; keep one file per prompt`,
        });
      } else {
        byName.set(prompt.name, prompt);
      }
    } catch (error) {
      if (!(error instanceof PromptFileError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new PromptFileError(issues);
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
