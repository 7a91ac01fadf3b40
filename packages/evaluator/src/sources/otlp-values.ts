/**
 * Typed reads of OTLP/JSON `AnyValue`s (`{stringValue}`, `{intValue}` as a string or number, `{doubleValue}`,
 * `{boolValue}`, `{arrayValue: {values}}`). A value of the wrong type is an `InputError` naming the attribute;
 * the caller adds file and line. No coercion from strings: a token count sent as `"12"` is a bug in the
 * emitter that would otherwise hide as a zero or a NaN in every metric.
 */
import { InputError } from '../errors.js';

/** An OTLP/JSON AnyValue as parsed from JSON. */
export interface OtlpAnyValue {
  stringValue?: unknown;
  intValue?: unknown;
  doubleValue?: unknown;
  boolValue?: unknown;
  arrayValue?: { values?: OtlpAnyValue[] };
}

function describe(value: OtlpAnyValue | undefined): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  const [key] = Object.keys(value);
  if (!key) return 'an empty value';
  const inner = (value as Record<string, unknown>)[key];
  const shown =
    typeof inner === 'string' ? JSON.stringify(inner.length > 40 ? `${inner.slice(0, 40)}...` : inner) : '';
  return `${key}${shown ? ` ${shown}` : ''}`;
}

function wrongType(field: string, expected: string, value: OtlpAnyValue | undefined): InputError {
  return new InputError(`expected ${expected}, got ${describe(value)}`, { field });
}

/** A string attribute. */
export function readString(value: OtlpAnyValue, field: string): string {
  const s = value?.stringValue;
  if (typeof s === 'string') return s;
  throw wrongType(field, 'a string (stringValue)', value);
}

/** A number attribute: `intValue` (string or number) or `doubleValue`; must be finite. */
export function readNumber(value: OtlpAnyValue, field: string): number {
  if (value !== null && typeof value === 'object') {
    const d = value.doubleValue;
    if (typeof d === 'number' && Number.isFinite(d)) return d;
    const i = value.intValue;
    if (typeof i === 'number' && Number.isFinite(i)) return i;
    if (typeof i === 'string' && i !== '') {
      const n = Number(i);
      if (Number.isFinite(n)) return n;
    }
  }
  throw wrongType(field, 'a number (intValue or doubleValue)', value);
}

/** A non-negative integer attribute (token counts). */
export function readCount(value: OtlpAnyValue, field: string): number {
  const n = readNumber(value, field);
  if (n >= 0 && Number.isInteger(n)) return n;
  throw new InputError(`expected a non-negative integer, got ${n}`, { field });
}

/** A boolean attribute. */
export function readBool(value: OtlpAnyValue, field: string): boolean {
  const b = value?.boolValue;
  if (typeof b === 'boolean') return b;
  throw wrongType(field, 'a boolean (boolValue)', value);
}

/** A string-array attribute (`arrayValue` of `stringValue`s). */
export function readStringArray(value: OtlpAnyValue, field: string): string[] {
  const values = value?.arrayValue?.values;
  if (!Array.isArray(values)) throw wrongType(field, 'a string array (arrayValue)', value);
  const out: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = readString(values[i], `${field}[${i}]`);
  return out;
}

/** Unix nanoseconds (string or number) to epoch milliseconds. */
export function nanosToMs(value: unknown, field: string): number {
  if (typeof value === 'string' && value !== '') {
    // Split so the millisecond part keeps full precision (a 19-digit nanosecond string exceeds 2^53).
    const n =
      value.length > 6 ? Number(value.slice(0, -6)) + Number(value.slice(-6)) / 1e6 : Number(value) / 1e6;
    if (Number.isFinite(n)) return n;
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    return value / 1e6;
  }
  throw new InputError(`expected Unix nanoseconds as a string or number, got ${JSON.stringify(value)}`, {
    field,
  });
}
