/**
 * @sightline/prompts: prompts kept as versioned files (`prompts/NAME.prompt.yaml`), loaded by name into core
 * `Prompt`s, and guarded by a lock file of content hashes, the way schema migrations are: a version, once
 * locked, names one content forever.
 */
export {
  checkPrompts,
  type PromptCheckOptions,
  type PromptCheckResult,
  type PromptLockStatus,
  type PromptProblem,
  type PromptProblemKind,
} from './check.js';
export {
  diffPrompts,
  type PromptDiff,
  type PromptDiffOptions,
  type PromptMetadataChange,
  type PromptVersionRef,
} from './diff.js';
export {
  formatIssue,
  PromptFileError,
  type PromptFileIssue,
  PromptNotFoundError,
  PromptVersionNotFoundError,
} from './errors.js';
export { formatCheckText, formatDiffText, formatListText, formatProblem } from './format.js';
export type { VersionSource } from './history.js';
export {
  lockPrompts,
  PromptLockConflictError,
  type PromptLockOptions,
  type PromptLockResult,
} from './lock.js';
export { LOCKFILE_VERSION, type PromptLock, serializeLock } from './lock-file.js';
export type { ModelHints } from './model-hints.js';
export type { PromptDirOptions } from './prompt-dir.js';
export { type PromptFile, parsePromptFile } from './prompt-file.js';
export {
  createPromptRegistry,
  type LoadedPrompt,
  loadPrompt,
  type PromptFileInfo,
  type PromptLoadOptions,
  type PromptRegistry,
  type PromptRegistryOptions,
} from './registry.js';
export type { DiffHunk, DiffLine } from './text-diff.js';
export { compareVersions } from './versions.js';
