/**
 * The frozen baseline file: a header line, then one call or step record per line, as JSON.
 *
 *   {"sightlineFrozenBaseline":1,"created":"…","sightlineVersion":"0.1.0","source":"…","window":{…}|null,
 *    "count":1200,"calls":1180,"steps":20,"firstTime":"…","lastTime":"…","sha256":"<hex>","records":"…"}
 *   {"kind":"call","startTimeMs":…,"durationMs":…,"traceId":"…","spanId":"…",…}
 *   …
 *
 * `sha256` is the hash of every record line after the header, each with its "\n", exactly as written; `count`
 * the number of those lines. The file may be gzip-compressed (`.gz`). A reader recognises the file by its
 * first key and verifies count and hash while streaming, so a tampered baseline fails instead of judging a run.
 */
import { createHash, type Hash } from 'node:crypto';
import { InputError } from '../errors.js';
import type { TraceRecord } from '../records.js';

/** Format version written in the header's first key. */
export const FROZEN_BASELINE_VERSION = 1;

/** How a frozen baseline's first line starts (the detection marker). */
export const FROZEN_BASELINE_MARKER = '{"sightlineFrozenBaseline":';

/** The header line of a frozen baseline. */
export interface FrozenBaselineHeader {
  sightlineFrozenBaseline: number;
  /** ISO time the baseline was frozen. */
  created: string;
  sightlineVersion: string;
  /** Description of the source the records came from. */
  source: string;
  /** The time window the records were filtered by, or null for the whole source. */
  window: { spec: string; from: string | null; to: string | null } | null;
  /** Record lines after the header. */
  count: number;
  calls: number;
  steps: number;
  firstTime: string | null;
  lastTime: string | null;
  /** SHA-256 (hex) of the record lines, each with its trailing newline. */
  sha256: string;
  /** What the lines hold. */
  records: string;
}

/** Text of the header's `records` field. */
export const RECORDS_DESCRIPTION =
  'one TraceRecord (CallRecord or StepRecord of @sightline/evaluator) per line, as JSON';

/** True when a first line is a frozen baseline header. */
export function isFrozenHeaderLine(line: string): boolean {
  return line.startsWith(FROZEN_BASELINE_MARKER);
}

/** Parses and checks the header line. */
export function parseFrozenHeader(line: string, file: string): FrozenBaselineHeader {
  let header: FrozenBaselineHeader;
  try {
    header = JSON.parse(line) as FrozenBaselineHeader;
  } catch (error) {
    throw new InputError(`malformed frozen baseline header (${(error as Error).message})`, { file, line: 1 });
  }
  if (header.sightlineFrozenBaseline !== FROZEN_BASELINE_VERSION)
    throw new InputError(
      `unsupported frozen baseline version ${JSON.stringify(header.sightlineFrozenBaseline)} (this sightline reads ${FROZEN_BASELINE_VERSION})`,
      { file, line: 1, field: 'sightlineFrozenBaseline' },
    );
  if (typeof header.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(header.sha256))
    throw new InputError('expected a 64-digit hex SHA-256', { file, line: 1, field: 'sha256' });
  if (!Number.isSafeInteger(header.count) || header.count < 0)
    throw new InputError('expected a non-negative integer', { file, line: 1, field: 'count' });
  return header;
}

const STEP_KINDS = new Set(['workflow', 'agent', 'task', 'tool']);

function check(ok: boolean, file: string, line: number, field: string, expected: string): void {
  if (!ok) throw new InputError(`expected ${expected}`, { file, line, field });
}

/** Parses one record line, checking the fields every consumer relies on. */
export function parseFrozenRecord(text: string, file: string, line: number): TraceRecord {
  let record: TraceRecord;
  try {
    record = JSON.parse(text) as TraceRecord;
  } catch (error) {
    throw new InputError(`malformed record (${(error as Error).message})`, { file, line });
  }
  check(record !== null && typeof record === 'object', file, line, 'record', 'an object');
  check(record.kind === 'call' || record.kind === 'step', file, line, 'kind', '"call" or "step"');
  check(Number.isFinite(record.startTimeMs), file, line, 'startTimeMs', 'a number');
  check(Number.isFinite(record.durationMs), file, line, 'durationMs', 'a number');
  check(typeof record.traceId === 'string', file, line, 'traceId', 'a string');
  check(typeof record.spanId === 'string', file, line, 'spanId', 'a string');
  if (record.kind === 'call') {
    check(typeof record.operation === 'string', file, line, 'operation', 'a string');
    check(typeof record.usageMissing === 'boolean', file, line, 'usageMissing', 'true or false');
    check(Array.isArray(record.finishReasons), file, line, 'finishReasons', 'a list');
  } else {
    check(STEP_KINDS.has(record.step), file, line, 'step', 'workflow, agent, task or tool');
  }
  return record;
}

/** Hashes and counts record lines as they stream, then compares with the header. */
export class FrozenContentCheck {
  private readonly hash: Hash = createHash('sha256');
  count = 0;

  constructor(
    readonly header: FrozenBaselineHeader,
    private readonly file: string,
  ) {}

  /** Adds one record line (without its newline). */
  add(line: string): void {
    this.hash.update(line);
    this.hash.update('\n');
    this.count++;
  }

  /** The hash of the lines added so far (ends the check). */
  digest(): string {
    return this.hash.digest('hex');
  }

  /** Throws an `InputError` when count or hash differ from the header (the file was modified). */
  verify(): void {
    const actual = this.digest();
    if (this.count !== this.header.count || actual !== this.header.sha256) {
      throw new InputError(
        `frozen baseline content does not match its header: ${this.count} record(s), sha256 ${actual}; header says ${this.header.count}, sha256 ${this.header.sha256} (the file was modified after freezing; run \`sightline baseline verify\`)`,
        { file: this.file },
      );
    }
  }
}
