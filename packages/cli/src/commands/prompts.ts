/**
 * `sightline prompts check|lock|diff|list`: a thin shell over @sightline/prompts. Prompt versions are treated
 * like schema migrations: `check` fails CI when a prompt changed without a version bump.
 */
import {
  checkPrompts,
  createPromptRegistry,
  diffPrompts,
  formatCheckText,
  formatDiffText,
  formatListText,
  formatProblem,
  lockPrompts,
  PromptLockConflictError,
} from '@sightline/prompts';
import {
  type CliIO,
  type Command,
  EXIT_CHECK_FAILED,
  EXIT_OK,
  parseCommandArgs,
  parseFormats,
  UsageError,
} from '../command.js';

const HELP = `Usage: sightline prompts <subcommand> [options]

Prompts live in versioned files (prompts/NAME.prompt.yaml) and a lock file of content hashes
(prompts/prompts.lock.json). Like schema migrations, a locked version names one content forever:
change the template, bump \`version\`, run \`sightline prompts lock\`, commit.

Subcommands:
  check                Compare prompt files with the lock file. Exit 1 when a prompt changed without a
                       version bump, reuses a locked version, or is not locked yet (run in CI).
  lock                 Record each prompt's current version and hash in the lock file and snapshot it
                       to DIR/.history/NAME@VERSION.prompt.yaml. Refuses (exit 1) to overwrite a locked
                       version whose content changed.
  diff NAME FROM [TO]  Show what changed between two versions of a prompt (TO defaults to the file's
                       current version): a unified template diff plus model-hint changes. Exit 2 when a
                       version is unknown.
  list                 List prompt files with version, content hash and lock status.

Options:
  --dir DIR            Prompts folder (default: prompts)
  --lock-file FILE     Lock file (default: DIR/prompts.lock.json)
  --format FORMAT      text or json (check, diff, list; default: text)
  --strict             check: fail on warnings too
  --prune              lock: drop lock entries of prompts whose file was deleted

Exit codes: 0 ok, 1 check failed or lock refused, 2 usage error or malformed file (file:line: field ...).
`;

const COMMON = {
  dir: { type: 'string' },
  'lock-file': { type: 'string' },
} as const;

type Format = 'text' | 'json';

function format(value: unknown): Format {
  const formats = parseFormats(
    typeof value === 'string' ? value : undefined,
    ['text', 'json'] as const,
    'text',
  );
  if (formats.length !== 1) throw new UsageError('--format takes one of: text, json');
  return formats[0];
}

function locations(values: Record<string, unknown>, io: CliIO) {
  return {
    cwd: io.cwd,
    ...(typeof values.dir === 'string' ? { dir: values.dir } : {}),
    ...(typeof values['lock-file'] === 'string' ? { lockFile: values['lock-file'] } : {}),
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function noPositionals(sub: string, positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`prompts ${sub}: unexpected argument "${positionals[0]}"`);
}

async function check(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...COMMON,
    format: { type: 'string' },
    strict: { type: 'boolean' },
  });
  noPositionals('check', positionals);
  const output = format(values.format);
  const result = checkPrompts(locations(values, io));
  io.stdout.write(output === 'json' ? json(result) : formatCheckText(result));
  const failed = !result.ok || (values.strict === true && result.warnings > 0);
  return failed ? EXIT_CHECK_FAILED : EXIT_OK;
}

async function lock(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...COMMON, prune: { type: 'boolean' } });
  noPositionals('lock', positionals);
  try {
    const result = lockPrompts({ ...locations(values, io), prune: values.prune === true });
    for (const entry of result.added)
      io.stdout.write(`locked ${entry.name}@${entry.version} (${entry.hash})\n`);
    for (const name of result.pruned) io.stdout.write(`pruned ${name} (no file)\n`);
    for (const snapshot of result.snapshots) io.stdout.write(`wrote ${snapshot}\n`);
    for (const warning of result.warnings) io.stderr.write(formatProblem(warning));
    io.stdout.write(result.written ? `updated ${result.lockFile}\n` : `${result.lockFile} is up to date\n`);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof PromptLockConflictError)) throw error;
    io.stderr.write('prompts lock: refusing to overwrite locked versions; nothing was written\n');
    for (const problem of error.problems) io.stderr.write(formatProblem(problem));
    return EXIT_CHECK_FAILED;
  }
}

async function diff(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...COMMON, format: { type: 'string' } });
  const output = format(values.format);
  if (positionals.length < 2 || positionals.length > 3) {
    throw new UsageError(
      'prompts diff: expected NAME FROM [TO], e.g. `sightline prompts diff support-answer 1 2`',
    );
  }
  const [name, from, to] = positionals;
  const result = diffPrompts(name, from, to, locations(values, io));
  io.stdout.write(output === 'json' ? json(result) : formatDiffText(result));
  return EXIT_OK;
}

async function list(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...COMMON, format: { type: 'string' } });
  noPositionals('list', positionals);
  const output = format(values.format);
  const options = locations(values, io);
  const statuses = new Map(checkPrompts(options).prompts.map((p) => [p.name, p.status]));
  const prompts = createPromptRegistry(options)
    .list()
    .map((p) => ({ ...p, status: statuses.get(p.name) }));
  io.stdout.write(output === 'json' ? json(prompts) : formatListText(prompts));
  return EXIT_OK;
}

const SUBCOMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  check,
  lock,
  diff,
  list,
};

/** `sightline prompts`: check, lock, diff and list versioned prompt files. */
export const promptsCommand: Command = {
  name: 'prompts',
  summary: 'Check, lock, diff and list versioned prompt files (prompts/*.prompt.yaml)',
  help: HELP,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (!sub) throw new UsageError('missing subcommand (check, lock, diff or list)');
    if (sub === 'help') {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    const run = SUBCOMMANDS[sub];
    if (!run || !Object.hasOwn(SUBCOMMANDS, sub)) {
      throw new UsageError(`unknown subcommand "${sub}" (expected check, lock, diff or list)`);
    }
    return run(rest, io);
  },
};
