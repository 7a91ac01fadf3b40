/**
 * Validation helpers of the config loader: every failure is an `InputError` naming the file and the dotted
 * field (`drift.quality.semantic.permutations`), so a bad value is found without reading code.
 */
import { InputError } from './errors.js';

/** Where a value sits: the config file (for messages) and the dotted prefix of its section. */
export type Where = { file?: string; prefix: string };

/** Throws an `InputError` for `field`. */
export function fail(where: Where, field: string, message: string): never {
  throw new InputError(message, { file: where.file, field: `${where.prefix}${field}` });
}

/** A finite number in [min, max] (optionally an integer). */
export function num(
  where: Where,
  field: string,
  value: unknown,
  min: number,
  max: number,
  integer = false,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range = max === Number.MAX_VALUE ? `>= ${min}` : `in [${min}, ${max}]`;
    fail(where, field, `expected a number ${range}, got ${JSON.stringify(value)}`);
  }
  if (integer && !Number.isInteger(value)) fail(where, field, `expected an integer, got ${value}`);
  return value;
}

/** A plain object. */
export function object(where: Where, field: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(where, field, `expected an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A non-empty string. */
export function text(where: Where, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) fail(where, field, 'expected a non-empty string');
  return value;
}

/** A boolean. */
export function bool(where: Where, field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(where, field, 'expected true or false');
  return value;
}

/** A list of strings. */
export function strings(where: Where, field: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    fail(where, field, 'expected a list of strings');
  return [...(value as string[])];
}

/** Rejects keys outside `allowed`, naming the first unknown one. */
export function checkKeys(
  where: Where,
  field: string,
  value: Record<string, unknown>,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      fail(
        where,
        field ? `${field}.${key}` : key,
        `unknown setting (expected one of: ${allowed.join(', ')})`,
      );
  }
}
