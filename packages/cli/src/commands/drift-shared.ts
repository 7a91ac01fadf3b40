/**
 * Flags and helpers shared by `sightline drift`, `sightline summary` and `sightline baseline`: common flags,
 * output (stdout, `--out FILE`, or one file per format with `--out-dir`), and a progress line for long reads
 * (stderr, only on a TTY).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  type EvaluatorConfig,
  loadConfig,
  parseNow,
  parseSegmentBy,
  type ReadProgress,
  type ReportFormat,
} from '@sightline/evaluator';
import { type CliIO, type ParsedCommandArgs, parseFormats, UsageError } from '../command.js';

/** parseArgs options common to drift and summary. */
export const COMMON_OPTIONS = {
  source: { type: 'string', multiple: true },
  config: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'out-dir': { type: 'string' },
  'segment-by': { type: 'string' },
  now: { type: 'string' },
  'skip-invalid': { type: 'boolean' },
} as const;

/** Help lines for the common flags; `formats` is the command's format list. */
export function commonHelp(formats: string): string {
  return `  --source <path>         Files, folder, glob or jaeger:URL?service=NAME that window specs read
                          (repeatable for files). Default .sightline/traces
  --config <file>         Settings file (the "drift" section). Default ./sightline.config.{json,yaml,yml}
  --format <formats>      ${formats}; several comma-separated with --out-dir. Default text
  --out <file>            Write the report (one format) to a file instead of stdout
  --out-dir <dir>         Write one file per format into <dir> (drift-report.txt, .json, .md, .html, .junit.xml)
  --segment-by <dims>     Comma-separated: provider,model,response_model,prompt,prompt_hash,operation,service
                          (default provider,model,prompt,operation; "" for the all segment only)
  --now <iso>             "now" for relative windows (default: the current time)
  --skip-invalid          Count, report and skip malformed lines and invalid spans instead of failing`;
}

/** A string flag's value. */
export function str(args: ParsedCommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Resolved common options. */
export interface CommonOptions<F extends ReportFormat = ReportFormat> {
  config: EvaluatorConfig;
  formats: F[];
  out?: string;
  outDir?: string;
  source?: string[];
  nowMs: number;
  skipInvalid: boolean;
}

/**
 * Loads the config and applies the flags over it. Several formats need `--out-dir`; `--out` and `--out-dir`
 * exclude each other. Evaluator input errors in flag values are re-thrown as usage errors.
 */
export async function commonOptions<F extends ReportFormat>(
  args: ParsedCommandArgs,
  io: CliIO,
  allowed: readonly F[],
): Promise<CommonOptions<F>> {
  const formats = [...new Set(parseFormats(str(args, 'format'), allowed, allowed[0]))];
  const out = str(args, 'out');
  const outDir = str(args, 'out-dir');
  if (out !== undefined && outDir !== undefined)
    throw new UsageError('give either --out or --out-dir, not both');
  if (formats.length > 1 && outDir === undefined)
    throw new UsageError(`several formats (${formats.join(', ')}) need --out-dir <dir>: one file per format`);
  // Create the output folder before the (possibly long) read, so a bad path fails at once, not after it.
  if (out !== undefined) await makeDir(io, dirname(out), '--out', out);
  if (outDir !== undefined) await makeDir(io, outDir, '--out-dir', outDir);
  const { config } = await loadConfig(str(args, 'config'), io.cwd);
  const segmentBy = str(args, 'segment-by');
  try {
    if (segmentBy !== undefined) config.segmentBy = parseSegmentBy(segmentBy);
    const source = args.values.source as string[] | undefined;
    return {
      config,
      formats,
      ...(out !== undefined ? { out } : {}),
      ...(outDir !== undefined ? { outDir } : {}),
      source: source && source.length > 0 ? source : undefined,
      nowMs: parseNow(str(args, 'now')),
      skipInvalid: args.values['skip-invalid'] === true,
    };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Creates `dir` (relative to the cwd) for `flag`; a failure is a usage error naming the flag and value. */
export async function makeDir(io: CliIO, dir: string, flag: string, value: string): Promise<void> {
  try {
    await mkdir(resolve(io.cwd, dir), { recursive: true });
  } catch (error) {
    throw new UsageError(`${flag} ${value}: cannot create the folder (${(error as Error).message})`);
  }
}

/** Writes `text` to `path`; a failure names the flag it came from. */
async function writeOutput(io: CliIO, path: string, text: string, flag: string): Promise<void> {
  try {
    await writeFile(resolve(io.cwd, path), text);
  } catch (error) {
    throw new UsageError(`${flag}: cannot write ${path} (${(error as Error).message})`);
  }
}

/**
 * Writes the report in every requested format: one file per format into `--out-dir`, or the single format to
 * `--out` or stdout (colour only for text on a TTY stdout). Folders were created by `commonOptions`. Returns
 * the paths written (empty for stdout).
 */
export async function writeReports<F extends ReportFormat>(
  io: CliIO,
  options: CommonOptions<F>,
  render: (format: F, color: boolean) => string,
  fileName: (format: F) => string,
): Promise<string[]> {
  if (options.outDir !== undefined) {
    const written: string[] = [];
    for (const format of options.formats) {
      const path = join(options.outDir, fileName(format));
      await writeOutput(io, path, render(format, false), '--out-dir');
      written.push(path);
    }
    return written;
  }
  const format = options.formats[0];
  if (options.out === undefined) {
    io.stdout.write(render(format, io.stdout.isTTY === true && format === 'text'));
    return [];
  }
  await writeOutput(io, options.out, render(format, false), '--out');
  return [options.out];
}

/**
 * The evaluator's read options from the common flags, handed to `read` with a progress line on stderr (TTY
 * only) that is cleared when reading ends, however it ends.
 */
export async function withReadOptions<T>(
  io: CliIO,
  options: CommonOptions,
  read: (readOptions: ReadRunOptions) => Promise<T>,
): Promise<T> {
  const progress = progressLine(io);
  try {
    return await read({
      config: options.config,
      ...(options.source ? { source: options.source } : {}),
      nowMs: options.nowMs,
      skipInvalid: options.skipInvalid,
      cwd: io.cwd,
      onProgress: progress.onProgress,
    });
  } finally {
    progress.done();
  }
}

/** What `withReadOptions` passes to `runDriftAnalysis` / `runSummary`. */
export interface ReadRunOptions {
  config: EvaluatorConfig;
  source?: string[];
  nowMs: number;
  skipInvalid: boolean;
  cwd: string;
  onProgress?: (progress: ReadProgress) => void;
}

/** The command line as typed, for the report's provenance (arguments with spaces or quotes are quoted). */
export function commandLine(name: string, argv: string[]): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  return ['sightline', name, ...argv].map(quote).join(' ');
}

/** Returns a progress listener and a function that clears the line; both no-ops when stderr is not a TTY. */
function progressLine(io: CliIO): { onProgress?: (progress: ReadProgress) => void; done: () => void } {
  if (!io.stderr.isTTY) return { done: () => {} };
  let last = 0;
  let shown = false;
  return {
    onProgress: (p) => {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      shown = true;
      const percent = p.fileBytes > 0 ? Math.min(100, Math.round((p.bytesRead / p.fileBytes) * 100)) : 0;
      io.stderr.write(
        `\r\u001b[2Kreading ${p.fileIndex + 1}/${p.fileCount} ${p.file} ${percent}%  ${p.spans.toLocaleString('en-US')} spans`,
      );
    },
    done: () => {
      if (shown) io.stderr.write('\r\u001b[2K');
    },
  };
}
