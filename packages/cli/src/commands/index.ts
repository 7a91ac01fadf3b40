import type { Command } from '../command.js';
import { baselineCommand } from './baseline.js';
import { driftCommand } from './drift.js';
import { promptsCommand } from './prompts.js';
import { summaryCommand } from './summary.js';

/** Every subcommand, in the order `sightline --help` lists them. */
export const commands: Command[] = [promptsCommand, driftCommand, summaryCommand, baselineCommand];
