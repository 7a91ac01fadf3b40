/**
 * The `sightline-fake-provider` command, as a function so tests can run it in-process. The bin file is a thin
 * shell that calls this and wires SIGINT/SIGTERM.
 */
import { startFakeProvider } from './server.js';
import type { FakeProvider, FakeProviderOptions } from './types.js';

/** Where the command writes. Defaults to the process streams. */
export interface FakeProviderCliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Outcome of `runFakeProviderCli`: a running provider, or an exit code when it did not start. */
export interface FakeProviderCliResult {
  exitCode: number;
  provider?: FakeProvider;
}

const USAGE = `Usage: sightline-fake-provider [options]

A wire-faithful fake OpenAI + Anthropic API for tests and offline staging.

Options:
  --port <n>              port to listen on (default 8787; 0 picks a free port)
  --host <host>           interface to bind (default 127.0.0.1)
  --latency <ms>          delay before every response's headers (default 0)
  --inter-chunk <ms>      delay between streamed events (default 0)
  --record <upstream>     proxy to this upstream base URL and record (needs --cassette)
  --cassette <file>       cassette file written in --record mode
  --replay <file>         serve a recorded cassette offline
  -h, --help              show this help

Runs until SIGINT or SIGTERM.`;

class UsageError extends Error {}

function parseNumber(flag: string, value: string | undefined, max = Number.MAX_SAFE_INTEGER): number {
  const number = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(number) || number < 0 || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'a non-negative integer' : `an integer from 0 to ${max}`;
    throw new UsageError(`${flag} expects ${range}, got ${value === undefined ? 'nothing' : `"${value}"`}`);
  }
  return number;
}

function parseArgs(argv: string[]): FakeProviderOptions | 'help' {
  const options: FakeProviderOptions = { port: 8787 };
  let record: string | undefined;
  let cassette: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] =
      argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i]];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new UsageError(`${flag} expects a value`);
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--port':
        options.port = parseNumber(flag, value(), 65535);
        break;
      case '--host':
        options.host = value();
        break;
      case '--latency':
        options.delays = { ...options.delays, latencyMs: parseNumber(flag, value()) };
        break;
      case '--inter-chunk':
        options.delays = { ...options.delays, interChunkMs: parseNumber(flag, value()) };
        break;
      case '--record':
        record = value();
        break;
      case '--cassette':
        cassette = value();
        break;
      case '--replay':
        options.replay = value();
        break;
      default:
        throw new UsageError(`unknown option "${argv[i]}"`);
    }
  }
  if (record !== undefined || cassette !== undefined) {
    if (!record || !cassette) throw new UsageError('--record and --cassette must be given together');
    if (options.replay) throw new UsageError('--record and --replay cannot be combined');
    options.record = { upstream: record, cassette };
  }
  return options;
}

const processIo: FakeProviderCliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Parses `argv` (without `node` and the script), starts the fake provider and prints its URL and the two SDK
 * base URLs. Resolves with the running provider (the caller decides when to close it), or with exit code 0
 * after `--help` and 2 after a usage error (the message names the offending option).
 */
export async function runFakeProviderCli(
  argv: string[],
  io: FakeProviderCliIo = processIo,
): Promise<FakeProviderCliResult> {
  let options: FakeProviderOptions | 'help';
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`sightline-fake-provider: ${error.message}`);
    io.err('Run with --help for usage.');
    return { exitCode: 2 };
  }
  if (options === 'help') {
    io.out(USAGE);
    return { exitCode: 0 };
  }
  let provider: FakeProvider;
  try {
    provider = await startFakeProvider(options);
  } catch (error) {
    io.err(`sightline-fake-provider: cannot start: ${(error as Error).message}`);
    return { exitCode: 1 };
  }
  const mode = options.record
    ? ` (recording to ${options.record.cassette})`
    : options.replay
      ? ` (replaying ${options.replay})`
      : '';
  io.out(`sightline-fake-provider listening on ${provider.url}${mode}`);
  io.out(`  OpenAI base URL:    ${provider.openaiBaseURL}`);
  io.out(`  Anthropic base URL: ${provider.anthropicBaseURL}`);
  return { exitCode: 0, provider };
}
