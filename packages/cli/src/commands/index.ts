import type { Command } from '../command.js';

/** Every subcommand, in the order `sightline --help` lists them. */
export const commands: Command[] = [];
