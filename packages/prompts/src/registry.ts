/**
 * Loading prompts by name. `load` returns a core `Prompt` (from `definePrompt`), so messages it renders carry
 * the prompt's name, version and hash onto the LLM spans of the call that uses them.
 */
import { definePrompt, type Prompt } from '@sightline/core';
import { PromptFileError, PromptNotFoundError } from './errors.js';
import type { ModelHints } from './model-hints.js';
import {
  type PromptDirOptions,
  promptFilePaths,
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
}

export interface PromptRegistry {
  /**
   * Reads, validates and defines prompt `name` from `DIR/NAME.prompt.yaml|yml|json`. Reads the file on every
   * call (no cache), so call it once at start-up and keep the result. Throws `PromptNotFoundError` when no
   * file declares the name and `PromptFileError` (file, line, field) when the file is malformed.
   */
  load(name: string): LoadedPrompt;
  /** Every prompt file in the folder, sorted by name. Throws `PromptFileError` listing every bad file. */
  list(): PromptFileInfo[];
}

/** Options of `createPromptRegistry` and `loadPrompt`. */
export type PromptRegistryOptions = PromptDirOptions;

/** A registry over one prompts folder (default `./prompts`). Synchronous by design: it runs at start-up. */
export function createPromptRegistry(options: PromptRegistryOptions = {}): PromptRegistry {
  const dir = resolveDir(options);
  return {
    load(name) {
      if (!NAME_PATTERN.test(name)) throw new PromptNotFoundError(`invalid prompt name "${name}"`);
      const paths = promptFilePaths(dir, name);
      if (paths.length === 0) {
        let known: string[] = [];
        try {
          known = readPromptDir(dir).map((p) => p.name);
        } catch {
          // The folder is missing or has bad files: the not-found message stands on its own.
        }
        const hint = known.length > 0 ? ` (available: ${known.join(', ')})` : '';
        throw new PromptNotFoundError(
          `prompt "${name}" not found: no ${name}.prompt.yaml, .prompt.yml or .prompt.json in ${dir.display(dir.path)}${hint}`,
        );
      }
      if (paths.length > 1) {
        throw new PromptFileError(
          paths.map((p) => ({
            file: dir.display(p),
            field: 'name',
            message: `prompt "${name}" is defined by ${paths.length} files; keep one`,
          })),
        );
      }
      return toPrompt(readPromptFile(paths[0], dir));
    },
    list() {
      return readPromptDir(dir).map(toInfo);
    },
  };
}

/** Loads one prompt by name from `options.dir` (default `./prompts`); see `PromptRegistry.load`. */
export function loadPrompt(name: string, options: PromptRegistryOptions = {}): LoadedPrompt {
  return createPromptRegistry(options).load(name);
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

export function toInfo(file: PromptFile): PromptFileInfo {
  const prompt = toPrompt(file);
  return {
    name: file.name,
    version: file.version,
    hash: file.hash,
    file: file.file,
    ...(file.description ? { description: file.description } : {}),
    ...(file.model ? { model: file.model } : {}),
    variables: prompt.variables,
  };
}
