/**
 * Time windows: `14d..7d` (from 14 days before now to 7 days before now), `7d..now`, `2025-06-01..2025-06-08`,
 * `2025-06-01T00:00:00Z..now`, `24h..` (open end = now). Units: s, m, h, d, w. Relative endpoints are relative
 * to an explicit "now" (the CLI's `--now`, default the current time) so tests and re-runs are reproducible.
 * A window includes calls that START in [from, to).
 */
import { InputError } from './errors.js';

/** A half-open time range [fromMs, toMs) in epoch milliseconds. */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
  /** The text it was parsed from. */
  spec: string;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RELATIVE = /^(\d+(?:\.\d+)?)([smhdw])$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function isEndpoint(text: string): boolean {
  return text === '' || text === 'now' || RELATIVE.test(text) || ISO.test(text);
}

/** True when `text` is a window spec (`A..B`) rather than a path or glob. */
export function isWindowSpec(text: string): boolean {
  const parts = text.split('..');
  return (
    parts.length === 2 && isEndpoint(parts[0].trim()) && isEndpoint(parts[1].trim()) && text.trim() !== '..'
  );
}

function parseEndpoint(text: string, nowMs: number, spec: string, open: number): number {
  if (text === '') return open;
  if (text === 'now') return nowMs;
  const relative = RELATIVE.exec(text);
  if (relative) return nowMs - Number(relative[1]) * UNIT_MS[relative[2]];
  const ms = parseIsoTime(text);
  if (ms === undefined) throw new InputError(`invalid time "${text}" in window "${spec}"`);
  return ms;
}

/**
 * An ISO 8601 date or time in epoch ms, or undefined. A time without a zone is read as UTC (not the machine's
 * local zone, which `Date.parse` would use) so the same text means the same instant on every machine.
 */
function parseIsoTime(text: string): number | undefined {
  if (!ISO.test(text)) return undefined;
  const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) || !/[T ]/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Parses a window spec; throws `InputError` on a malformed one or when it ends before it starts. */
export function parseWindow(spec: string, nowMs: number): TimeWindow {
  if (!isWindowSpec(spec)) {
    throw new InputError(
      `invalid window "${spec}" (expected FROM..TO with each end "now", a duration such as 7d/12h/30m, or an ISO time)`,
    );
  }
  const [fromText, toText] = spec.split('..').map((part) => part.trim());
  const fromMs = parseEndpoint(fromText, nowMs, spec, Number.NEGATIVE_INFINITY);
  const toMs = parseEndpoint(toText, nowMs, spec, nowMs);
  if (toMs === fromMs) throw new InputError(`window "${spec}" is empty (it ends where it starts)`);
  if (!(toMs > fromMs)) throw new InputError(`window "${spec}" ends before it starts`);
  return { fromMs, toMs, spec };
}

/**
 * Parses `--now` (an ISO 8601 date or time; zone-less means UTC, as in windows) or returns the current time.
 */
export function parseNow(text: string | undefined): number {
  if (text === undefined) return Date.now();
  const ms = parseIsoTime(text.trim());
  if (ms === undefined)
    throw new InputError(`invalid --now "${text}" (expected an ISO 8601 time such as 2025-06-15T00:00:00Z)`);
  return ms;
}

/** True when the record starts inside the window. */
export function inWindow(window: TimeWindow, startTimeMs: number): boolean {
  return startTimeMs >= window.fromMs && startTimeMs < window.toMs;
}
