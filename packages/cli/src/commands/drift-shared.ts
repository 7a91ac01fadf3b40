/**
 * Flags and helpers shared by `sightline drift` and `sightline summary`: common flags, output, and a progress
 * line for long reads (stderr, only on a TTY).
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type EvaluatorConfig,
  loadConfig,
  parseNow,
  parseSegmentBy,
  REPORT_FORMATS,
  type ReadProgress,
  type ReportFormat,
} from '@sightline/evaluator';
import { type CliIO, type ParsedCommandArgs, parseFormats, UsageError } from '../command.js';

/** parseArgs options common to both commands. */
export const COMMON_OPTIONS = {
  source: { type: 'string', multiple: true },
  config: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'segment-by': { type: 'string' },
  now: { type: 'string' },
  'skip-invalid': { type: 'boolean' },
} as const;

/** Help lines for the common flags. */
export const COMMON_HELP = `  --source <path>         Files, folder or glob that window specs read (repeatable). Default .sightline/traces
  --config <file>         Settings file (the "drift" section). Default ./sightline.config.{json,yaml,yml}
  --format text|json|md   Output format. Default text
  --out <file>            Write the report to a file instead of stdout
  --segment-by <dims>     Comma-separated: provider,model,response_model,prompt,prompt_hash,operation,service
                          (default provider,model,prompt,operation; "" for the all segment only)
  --now <iso>             "now" for relative windows (default: the current time)
  --skip-invalid          Count, report and skip malformed lines and invalid spans instead of failing`;

function str(args: ParsedCommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Resolved common options. */
export interface CommonOptions {
  config: EvaluatorConfig;
  format: ReportFormat;
  out?: string;
  source?: string[];
  nowMs: number;
  skipInvalid: boolean;
}

/** Loads the config and applies the flags over it. Evaluator input errors are re-thrown as usage errors. */
export async function commonOptions(args: ParsedCommandArgs, io: CliIO): Promise<CommonOptions> {
  const formats = parseFormats(str(args, 'format'), REPORT_FORMATS, 'text');
  if (formats.length !== 1) throw new UsageError('--format takes one format');
  const { config } = await loadConfig(str(args, 'config'), io.cwd);
  const segmentBy = str(args, 'segment-by');
  try {
    if (segmentBy !== undefined) config.segmentBy = parseSegmentBy(segmentBy);
    const source = args.values.source as string[] | undefined;
    return {
      config,
      format: formats[0],
      out: str(args, 'out'),
      source: source && source.length > 0 ? source : undefined,
      nowMs: parseNow(str(args, 'now')),
      skipInvalid: args.values['skip-invalid'] === true,
    };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Writes the rendered report to --out or stdout. */
export async function emit(io: CliIO, text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    io.stdout.write(text);
    return;
  }
  await writeFile(resolve(io.cwd, out), text);
}

/** Returns a progress listener and a function that clears the line; both no-ops when stderr is not a TTY. */
export function progressLine(io: CliIO): { onProgress?: (progress: ReadProgress) => void; done: () => void } {
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
