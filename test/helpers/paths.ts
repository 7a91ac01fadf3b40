/** Where things are in the repository, for tests that run built artifacts as child processes. */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_DIR = fileURLToPath(new URL('../../examples/support-bot', import.meta.url));
export const DEMO_MAIN = fileURLToPath(new URL('../../examples/support-bot/dist/main.js', import.meta.url));
export const DEMO_PROMPTS_DIR = fileURLToPath(new URL('../../examples/support-bot/prompts', import.meta.url));
export const SIGHTLINE_BIN = fileURLToPath(new URL('../../packages/cli/bin/sightline.js', import.meta.url));

/** The built entry point of `examples/NAME`. */
export function exampleMain(name: string): string {
  return fileURLToPath(new URL(`../../examples/${name}/dist/main.js`, import.meta.url));
}
