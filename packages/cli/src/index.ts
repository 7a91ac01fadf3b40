/**
 * @sightline/cli: the `sightline` command. `runCli(argv, io)` is the whole tool as a function (the bin is a
 * one-line shell over it), so tests and other tools can run it in-process.
 */
import { type CliIO, type Command, EXIT_USAGE, UsageError } from './command.js';
import { commands } from './commands/index.js';

export { type CliIO, type Command, EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './command.js';

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: sightline <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run `sightline <command> --help` for a command's options.",
    'Exit codes: 0 ok, 1 check failed (drift, changed prompt without a version bump, ...), 2 usage or input error.',
    '',
  ].join('\n');
}

/** Runs `sightline` with `argv` (without the node and script paths); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`sightline: unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`sightline ${name}: ${error.message}\nRun \`sightline ${name} --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    // Input errors from the libraries (bad files) carry their own file/line/field message.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`sightline ${name}: ${message}\n`);
    return EXIT_USAGE;
  }
}

const VERSION = '0.1.0';

function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
