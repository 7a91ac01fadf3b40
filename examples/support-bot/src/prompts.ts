/**
 * The bot's prompts, from the versioned files in `examples/support-bot/prompts/` (checked by
 * `npx sightline prompts check --dir examples/support-bot/prompts`). The bot runs an A/B of the classifier:
 * both versions are loaded by version label. v2 is the current file; v1 comes from its locked snapshot in
 * `prompts/.history/`, which `loadPrompt` verifies against the lock file's hash, so both versions are exactly
 * what the lock file says they are.
 */
import { fileURLToPath } from 'node:url';
import type { Prompt } from '@sightline/core';
import { loadPrompt } from '@sightline/prompts';

/** The prompts folder, found from this file so the demo runs from any working directory. */
export const PROMPTS_DIR = fileURLToPath(new URL('../prompts', import.meta.url));

export interface BotPrompts {
  /** `classify` by version label. */
  classify: Record<'1' | '2', Prompt>;
  answer: Prompt;
}

/**
 * Loads every prompt the bot uses. Throws a `PromptFileError` naming file, line and field on a bad file or a
 * snapshot that no longer matches the lock, and a `PromptVersionNotFoundError` when a version is not locked.
 */
export function loadBotPrompts(): BotPrompts {
  return {
    classify: {
      '1': loadPrompt('classify', { dir: PROMPTS_DIR, version: '1' }),
      '2': loadPrompt('classify', { dir: PROMPTS_DIR, version: '2' }),
    },
    answer: loadPrompt('answer', { dir: PROMPTS_DIR }),
  };
}
