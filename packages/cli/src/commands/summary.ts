/**
 * `sightline summary`: one window's metrics per segment. A thin shell over `runSummary` from
 * @sightline/evaluator.
 */
import { getReporter, isWindowSpec, runSummary, SUMMARY_FORMATS } from '@sightline/evaluator';
import { type Command, EXIT_OK, parseCommandArgs, UsageError } from '../command.js';
import { COMMON_OPTIONS, commonHelp, commonOptions, withReadOptions, writeReports } from './drift-shared.js';

const HELP = `Usage: sightline summary [source|window] [options]

Prints one window's metrics per segment: volume, error rate, latency and TTFT (p50/p95/p99 with bootstrap
intervals), tokens, cost per call and total, finish reasons, truncation, context use, output length,
refusal rate, cache hits, model mix. The argument is a source (file, folder or glob of OTLP/JSON, gzip or
not; a frozen baseline file; jaeger:http://host:16686?service=NAME&lookback=1d; default .sightline/traces)
or a time window over --source (e.g. 7d..now).

Options:
  --window <window>       Only calls that start in this window (e.g. 24h..now)
${commonHelp('text|json|md').replace(/ \(drift-report[^)]*\)/, ' (summary.txt, .json, .md)')}

Exit codes: 0 ok, 2 usage or input error (bad flags, bad files, no LLM calls found).
`;

const SUMMARY_FILES = { text: 'summary.txt', json: 'summary.json', md: 'summary.md' } as const;

export const summaryCommand: Command = {
  name: 'summary',
  summary: "Print one window's LLM call metrics per segment",
  help: HELP,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { ...COMMON_OPTIONS, window: { type: 'string' } });
    if (args.positionals.length > 1) throw new UsageError('expected at most one source');
    let source: string | undefined = args.positionals[0];
    let window = args.values.window as string | undefined;
    if (source !== undefined && isWindowSpec(source)) {
      if (window !== undefined) throw new UsageError('give the window either as the argument or as --window');
      window = source;
      source = undefined;
    }
    if (/(^|,)\s*(html|junit)\s*(,|$)/.test(String(args.values.format ?? '')))
      throw new UsageError('html and junit are drift report formats; summary supports text, json and md');
    const options = await commonOptions(args, io, SUMMARY_FORMATS);
    const report = await withReadOptions(io, options, (read) => runSummary(source, window, read));
    const written = await writeReports(
      io,
      options,
      (format, color) => getReporter(format).renderSummary(report, { color }),
      (format) => SUMMARY_FILES[format],
    );
    if (options.outDir !== undefined) io.stderr.write(`sightline summary: written ${written.join(', ')}\n`);
    return EXIT_OK;
  },
};
