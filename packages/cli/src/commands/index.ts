import type { Command } from '../command.js';
import { promptsCommand } from './prompts.js';

/** Every subcommand, in the order `sightline --help` lists them. */
export const commands: Command[] = [promptsCommand];
