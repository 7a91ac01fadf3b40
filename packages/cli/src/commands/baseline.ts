/**
 * `sightline baseline freeze|verify`: freeze the records of a source (or a time window of it) into one file
 * with a SHA-256 content hash, and check such a file later. A frozen file is itself a source, so
 * `sightline drift --baseline baselines/frozen.json` compares every night with the same reference.
 */

import { dirname } from 'node:path';
import {
  DEFAULT_TRACES_DIR,
  type FrozenBaselineHeader,
  freezeBaseline,
  isWindowSpec,
  parseNow,
  verifyFrozenBaseline,
} from '@sightline/evaluator';
import {
  type CliIO,
  type Command,
  EXIT_CHECK_FAILED,
  EXIT_OK,
  parseCommandArgs,
  UsageError,
} from '../command.js';
import { makeDir, str } from './drift-shared.js';

const HELP = `Usage: sightline baseline freeze --source <source|window> [--window <window>] --out <file> [options]
       sightline baseline verify <file> [--format text|json]

freeze  Writes the call and step records of a source (a file, folder or glob of OTLP/JSON, or
        jaeger:http://host:16686?service=NAME&lookback=14d), optionally only those in a time window, to one
        file: a header line (created, source, window, count, sha256 of the records, sightline version) and one
        record per line as JSON (gzip when the name ends in .gz). Use the file as --baseline of
        \`sightline drift\`: a modified file fails the run.
verify  Recomputes the record count and SHA-256 and compares them with the header.

Options (freeze):
  --source <source|window>  What to freeze (repeatable for files); a window here reads .sightline/traces
  --window <window>         Only records that start in this window (14d..7d, 2025-06-01..2025-06-08)
  --out <file>              The frozen baseline to write (required)
  --now <iso>               "now" for relative windows (default: the current time)
  --skip-invalid            Count and skip malformed lines and invalid spans instead of failing
  --format text|json        What to print about the result. Default text

Exit codes: 0 ok, 1 verify found a modified file, 2 usage or input error (not a frozen baseline, no
records to freeze, bad files).

Examples:
  sightline baseline freeze --source .sightline/traces --window 14d..7d --out baselines/frozen.json
  sightline baseline freeze --source 7d..now --out baselines/week.json.gz
  sightline baseline verify baselines/frozen.json
`;

function describe(header: FrozenBaselineHeader): string {
  const window = header.window ? ` in window ${header.window.spec}` : '';
  return `${header.count} records (${header.calls} calls, ${header.steps} steps) of ${header.source}${window}, ${header.firstTime ?? '-'} .. ${header.lastTime ?? '-'}, sha256 ${header.sha256}`;
}

function printFormat(value: string | undefined): 'text' | 'json' {
  if (value === undefined || value === 'text' || value === 'json') return value ?? 'text';
  throw new UsageError(`unknown --format "${value}" (expected one of: text, json)`);
}

async function freeze(argv: string[], io: CliIO): Promise<number> {
  const args = parseCommandArgs(
    argv,
    {
      source: { type: 'string', multiple: true },
      window: { type: 'string' },
      out: { type: 'string' },
      now: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
      format: { type: 'string' },
    },
    false,
  );
  const out = str(args, 'out');
  if (out === undefined) throw new UsageError('--out <file> is required');
  const format = printFormat(str(args, 'format'));
  let sources = (args.values.source as string[] | undefined) ?? [];
  let window = str(args, 'window');
  if (sources.length === 1 && isWindowSpec(sources[0])) {
    if (window !== undefined) throw new UsageError('give the window either as --source or as --window');
    window = sources[0];
    sources = [];
  }
  if (sources.length === 0) sources = [DEFAULT_TRACES_DIR];
  let nowMs: number;
  try {
    nowMs = parseNow(str(args, 'now'));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // A bad --out fails before the read, not after it.
  await makeDir(io, dirname(out), '--out', out);
  const header = await freezeBaseline(sources, {
    out,
    cwd: io.cwd,
    nowMs,
    skipInvalid: args.values['skip-invalid'] === true,
    ...(window !== undefined ? { window } : {}),
  });
  if (format === 'json') io.stdout.write(`${JSON.stringify({ file: out, ...header }, null, 2)}\n`);
  else io.stdout.write(`froze ${describe(header)} to ${out}\n`);
  return EXIT_OK;
}

async function verify(argv: string[], io: CliIO): Promise<number> {
  const args = parseCommandArgs(argv, { format: { type: 'string' } });
  if (args.positionals.length !== 1) throw new UsageError('expected one frozen baseline file');
  const file = args.positionals[0];
  const format = printFormat(str(args, 'format'));
  const check = await verifyFrozenBaseline(file, { cwd: io.cwd });
  if (format === 'json') {
    io.stdout.write(
      `${JSON.stringify({ file, ok: check.ok, count: check.count, sha256: check.sha256, header: check.header }, null, 2)}\n`,
    );
  } else if (check.ok) {
    io.stdout.write(`ok: ${file}: ${describe(check.header)}\n`);
  } else {
    io.stderr.write(
      `sightline baseline verify: ${file}: MODIFIED: the records hash to ${check.sha256} (${check.count} records), the header says ${check.header.sha256} (${check.header.count} records)\n`,
    );
  }
  return check.ok ? EXIT_OK : EXIT_CHECK_FAILED;
}

export const baselineCommand: Command = {
  name: 'baseline',
  summary: 'Freeze a baseline window to a file with a content hash, or verify one',
  help: HELP,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'freeze') return freeze(rest, io);
    if (sub === 'verify') return verify(rest, io);
    throw new UsageError(
      sub ? `unknown subcommand "${sub}" (expected freeze or verify)` : 'expected freeze or verify',
    );
  },
};
