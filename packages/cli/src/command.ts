/**
 * The shape every `sightline` subcommand shares: one module per subcommand under commands/, each a thin shell
 * over a library API. Exit codes are the same everywhere: 0 ok, 1 check failed, 2 usage or input error.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;

/** Where a command writes. Tests pass buffers; the bin passes the process streams. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface Command {
  /** Subcommand name, e.g. `drift`. */
  name: string;
  /** One line for `sightline --help`. */
  summary: string;
  /** Full help text printed by `sightline NAME --help`. */
  help: string;
  /** Runs the command; resolves to the exit code. Throw `UsageError` for bad flags or input. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Bad flags, arguments or input: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * `node:util` parseArgs with errors turned into `UsageError` and `--help` always accepted.
 * Pass the options of the command; `strict` is on, so unknown flags are usage errors.
 */
export interface ParsedCommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export function parseCommandArgs(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  allowPositionals = true,
): ParsedCommandArgs {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Validates `--format` against the formats a command supports; returns the list (comma-separated allowed). */
export function parseFormats<F extends string>(
  value: string | undefined,
  allowed: readonly F[],
  fallback: F,
): F[] {
  const requested = (value ?? fallback).split(',').map((f) => f.trim());
  for (const format of requested) {
    if (!allowed.includes(format as F)) {
      throw new UsageError(`unknown --format "${format}" (expected one of: ${allowed.join(', ')})`);
    }
  }
  return requested as F[];
}
