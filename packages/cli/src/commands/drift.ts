/**
 * `sightline drift`: compares a current window of LLM calls with a baseline and exits 1 when something
 * drifted or a gate failed. A thin shell over `runDriftAnalysis` and `renderDriftRun` from @sightline/evaluator.
 */
import { REPORT_FORMATS, renderDriftRun, reportFileName, runDriftAnalysis } from '@sightline/evaluator';
import { type Command, EXIT_CHECK_FAILED, EXIT_OK, parseCommandArgs, UsageError } from '../command.js';
import {
  COMMON_OPTIONS,
  commandLine,
  commonHelp,
  commonOptions,
  withReadOptions,
  writeReports,
} from './drift-shared.js';

const HELP = `Usage: sightline drift --baseline <source|window> --current <source|window> [options]

Compares the LLM calls of a current window with a baseline: latency, TTFT, tokens, cost, errors, finish
reasons, truncation, refusals, cache hits, model mix, and output quality when content was captured (JSON
validity, schema match, empty and duplicate answers, length, repetition, distinct-n, semantic drift, an LLM
judge), per segment (provider, model, prompt, operation). A metric drifts when its Benjamini-Hochberg
adjusted p-value is below alpha AND its effect passes the practical threshold; below the minimum sample size
it is inconclusive. Gates from the config file apply too.

Each of --baseline/--current is a source or a time window over --source:
  sources: a file, folder or glob of OTLP/JSON (gzip or not), a frozen baseline file
           (sightline baseline freeze), or jaeger:http://host:16686?service=NAME&lookback=1d
  windows: 14d..7d, 7d..now, 24h.., 2025-06-01..2025-06-08, 2025-06-01T00:00Z..now

Options:
  --baseline <source|window>  The reference window (required)
  --current <source|window>   The window under test (required)
  --fail-on drift|inconclusive
                          Exit 1 on drift only (default), or also when the run is inconclusive
${commonHelp('text|json|md|html|junit')}

Exit codes: 0 no drift, 1 drift or a failed gate (or inconclusive with --fail-on inconclusive),
2 usage or input error (bad flags, bad files with file:line: field, an empty window, a modified frozen
baseline).

Examples:
  sightline drift --baseline 14d..7d --current 7d..now
  sightline drift --baseline traces/main --current traces/pr --format md --out drift.md
  sightline drift --baseline baselines/frozen.json --current 'traces/2025-06-08*.jsonl' \\
                  --format text,json,html,junit --out-dir reports
`;

export const driftCommand: Command = {
  name: 'drift',
  summary: 'Compare a current window of LLM calls with a baseline; exit 1 on drift',
  help: HELP,
  async run(argv, io) {
    const args = parseCommandArgs(
      argv,
      {
        ...COMMON_OPTIONS,
        baseline: { type: 'string' },
        current: { type: 'string' },
        'fail-on': { type: 'string' },
      },
      false,
    );
    const baseline = args.values.baseline;
    const current = args.values.current;
    if (typeof baseline !== 'string' || typeof current !== 'string') {
      throw new UsageError('--baseline and --current are required');
    }
    const failOn = (args.values['fail-on'] as string | undefined) ?? 'drift';
    if (failOn !== 'drift' && failOn !== 'inconclusive') {
      throw new UsageError(`--fail-on must be "drift" or "inconclusive", got "${failOn}"`);
    }
    const options = await commonOptions(args, io, REPORT_FORMATS);
    const run = await withReadOptions(io, options, (read) =>
      runDriftAnalysis(baseline, current, {
        ...read,
        // Input file hashes are the HTML report's provenance; they are computed while reading.
        hashInputs: options.formats.includes('html'),
      }),
    );
    const { report } = run;
    const context = { config: options.config, command: commandLine('drift', argv) };
    const written = await writeReports(
      io,
      options,
      (format, color) => renderDriftRun(run, format, { ...context, color }),
      reportFileName,
    );
    if (written.length > 0) {
      const where = options.outDir !== undefined ? 'reports written:' : 'report written to';
      io.stderr.write(`sightline drift: ${report.verdict} (${where} ${written.join(', ')})\n`);
    }
    const fails =
      report.verdict === 'drift' || (failOn === 'inconclusive' && report.verdict === 'inconclusive');
    return fails ? EXIT_CHECK_FAILED : EXIT_OK;
  },
};
