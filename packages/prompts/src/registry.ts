/**
 * Loading prompts by name. `load` returns a core `Prompt` (from `definePrompt`), so messages it renders carry
 * the prompt's name, version and hash onto the LLM spans of the call that uses them.
 */
import { definePrompt, type Prompt } from '@sightline/core';
import { PromptFileError, PromptNotFoundError } from './errors.js';
import { availableVersions, readLockedVersions, resolveLockedVersion } from './locked-version.js';
import type { ModelHints } from './model-hints.js';
import {
  type PromptDirOptions,
  promptFilePaths,
  type ResolvedDir,
  readPromptDir,
  readPromptFile,
  resolveDir,
} from './prompt-dir.js';
import { NAME_PATTERN, type PromptFile } from './prompt-file.js';

/** A prompt loaded from a file: a core `Prompt` plus where it came from and its full model hints. */
export interface LoadedPrompt extends Prompt {
  /** The file it was read from (relative to cwd when inside it). */
  readonly file: string;
  /** The file's `model` hints; `prompt.model` is their `id`. */
  readonly modelHints?: ModelHints;
}

/** One prompt file, as `list()` and `sightline prompts list` report it. */
export interface PromptFileInfo {
  name: string;
  version: string;
  /** Content hash of the template (`promptContentHash`), as in the lock file and on spans. */
  hash: string;
  file: string;
  description?: string;
  model?: ModelHints;
  /** Template variables, in order of first appearance. */
  variables: readonly string[];
  /**
   * Versions `load(name, { version })` can serve, in version order: the file's own version plus every version
   * the lock file records whose `.history/` snapshot exists (snapshot hashes are verified when loaded).
   */
  versions: readonly string[];
}

/** Options of one `load` call. */
export interface PromptLoadOptions {
  /**
   * The version to load. Default: whatever version the prompt file has now. When the file has this version it
   * is used as is (it is the working copy; `sightline prompts check` guards it in CI); any other version must
   * be recorded in the lock file and is read from its snapshot `DIR/.history/NAME@VERSION.prompt.yaml`, whose
   * content hash must equal the locked hash.
   */
  version?: string;
}

export interface PromptRegistry {
  /**
   * Reads, validates and defines prompt `name` from `DIR/NAME.prompt.yaml|yml|json`, or a locked older version
   * of it with `{ version }` (see `PromptLoadOptions`). Reads the files on every call (no cache), so call it
   * once at start-up and keep the result. Throws `PromptNotFoundError` when no file or lock entry has the name,
   * `PromptVersionNotFoundError` (listing the known versions) for an unknown version or a missing snapshot, and
   * `PromptFileError` (file, line, field) for a malformed file or a snapshot that does not match the lock.
   */
  load(name: string, options?: PromptLoadOptions): LoadedPrompt;
  /**
   * Every prompt file in the folder, sorted by name, with the versions each can load. Throws `PromptFileError`
   * listing every bad file, or for a malformed lock file.
   */
  list(): PromptFileInfo[];
}

/** Options of `createPromptRegistry`. */
export interface PromptRegistryOptions extends PromptDirOptions {
  /** Lock file path, relative to `cwd`, read to load older versions. Default: `DIR/prompts.lock.json`. */
  lockFile?: string;
}

/** A registry over one prompts folder (default `./prompts`). Synchronous by design: it runs at start-up. */
export function createPromptRegistry(options: PromptRegistryOptions = {}): PromptRegistry {
  const dir = resolveDir(options);
  const notFound = (name: string) => {
    let known: string[] = [];
    try {
      known = readPromptDir(dir).map((p) => p.name);
    } catch {
      // The folder is missing or has bad files: the not-found message stands on its own.
    }
    const hint = known.length > 0 ? ` (available: ${known.join(', ')})` : '';
    return new PromptNotFoundError(
      `prompt "${name}" not found: no ${name}.prompt.yaml, .prompt.yml or .prompt.json in ${dir.display(dir.path)}${hint}`,
    );
  };
  return {
    load(name, { version } = {}) {
      if (!NAME_PATTERN.test(name)) throw new PromptNotFoundError(`invalid prompt name "${name}"`);
      const current = readCurrentFile(dir, name);
      if (version === undefined || current?.version === version) {
        if (!current) throw notFound(name);
        return toPrompt(current);
      }
      const locked = readLockedVersions(dir, options.lockFile)(name);
      if (!current && Object.keys(locked.versions).length === 0) throw notFound(name);
      return toPrompt(resolveLockedVersion(dir, name, version, current, locked));
    },
    list() {
      const files = readPromptDir(dir);
      const lockedOf = readLockedVersions(dir, options.lockFile);
      return files.map((file) => toInfo(file, availableVersions(dir, file, lockedOf(file.name))));
    },
  };
}

/** The prompt file declaring `name`, if any; two files declaring it is a `PromptFileError`. */
function readCurrentFile(dir: ResolvedDir, name: string): PromptFile | undefined {
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
  return paths.length === 1 ? readPromptFile(paths[0], dir) : undefined;
}

/**
 * Loads one prompt by name from `options.dir` (default `./prompts`), optionally a locked older `version`;
 * see `PromptRegistry.load`.
 */
export function loadPrompt(
  name: string,
  options: PromptRegistryOptions & PromptLoadOptions = {},
): LoadedPrompt {
  const { version, ...registryOptions } = options;
  return createPromptRegistry(registryOptions).load(name, version === undefined ? {} : { version });
}

/** Turns a parsed file into a core prompt (hash and render come from `definePrompt`). */
export function toPrompt(file: PromptFile): LoadedPrompt {
  const prompt = definePrompt({
    name: file.name,
    version: file.version,
    template: file.template,
    ...(file.model?.id ? { model: file.model.id } : {}),
    ...(file.description ? { description: file.description } : {}),
  });
  // Spread keeps `render` (a closure over the definition); the extra fields only describe the source.
  return { ...prompt, file: file.file, ...(file.model ? { modelHints: file.model } : {}) };
}

export function toInfo(file: PromptFile, versions: readonly string[] = [file.version]): PromptFileInfo {
  const prompt = toPrompt(file);
  return {
    name: file.name,
    version: file.version,
    hash: file.hash,
    file: file.file,
    ...(file.description ? { description: file.description } : {}),
    ...(file.model ? { model: file.model } : {}),
    variables: prompt.variables,
    versions,
  };
}
