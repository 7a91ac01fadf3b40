/**
 * The bot's prompts, from the versioned files in `examples/support-bot/prompts/` (checked by
 * `npx sightline prompts check examples/support-bot/prompts`). The bot runs an A/B of the classifier: the
 * current file is `classify` v2, and v1 comes from its locked snapshot in `prompts/.history/`, so both
 * versions are exactly what the lock file says they are.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { definePrompt, type Prompt } from '@sightline/core';
import { loadPrompt, parsePromptFile } from '@sightline/prompts';

/** The prompts folder, found from this file so the demo runs from any working directory. */
export const PROMPTS_DIR = fileURLToPath(new URL('../prompts', import.meta.url));

export interface BotPrompts {
  /** `classify` by version label. */
  classify: Record<'1' | '2', Prompt>;
  answer: Prompt;
}

/** Loads a locked earlier version of a prompt from its history snapshot. */
function loadSnapshot(name: string, version: string): Prompt {
  const file = `${PROMPTS_DIR}/.history/${name}@${version}.prompt.yaml`;
  const parsed = parsePromptFile(readFileSync(file, 'utf8'), file, 'yaml', name);
  return definePrompt({ name: parsed.name, version: parsed.version, template: parsed.template });
}

/** Loads every prompt the bot uses; throws a `PromptFileError` naming file, line and field on a bad file. */
export function loadBotPrompts(): BotPrompts {
  const current = loadPrompt('classify', { dir: PROMPTS_DIR });
  if (current.version !== '2') {
    throw new Error(
      `expected ${current.file} to be classify v2 (the demo A/B-tests v1 against it), got v${current.version}`,
    );
  }
  return {
    classify: { '1': loadSnapshot('classify', '1'), '2': current },
    answer: loadPrompt('answer', { dir: PROMPTS_DIR }),
  };
}
