/**
 * A small, dependency-free validator for the JSON Schema subset that structured LLM outputs use.
 *
 * Supported: `type` (string or array of: object, array, string, number, integer, boolean, null), `properties`,
 * `required`, `additionalProperties` (false or a schema), `items` (one schema for every element),
 * `minItems`/`maxItems`, `enum`, `const` (deep equality), `minimum`/`maximum`/`exclusiveMinimum`/
 * `exclusiveMaximum` (numbers), `minLength`/`maxLength` (in code points), `pattern` (JavaScript RegExp with the
 * `u` flag), `anyOf`, `oneOf` (exactly one), `allOf`. Boolean schemas `true`/`false` work too.
 * Ignored annotations: `$schema`, `$id`, `$comment`, `title`, `description`, `default`, `examples`, `format`,
 * `deprecated`, `readOnly`, `writeOnly`, `$defs`/`definitions` (content unused). Any other keyword (`$ref`,
 * `not`, `if`, `patternProperties`, ...) is rejected when the schema is compiled, so a schema is never
 * silently half-checked.
 */

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A schema of the supported subset (a JSON object or a boolean). */
export type JsonSchema = boolean | { [keyword: string]: unknown };

/** Result of validating one value. */
export interface SchemaValidation {
  valid: boolean;
  /** Up to 10 messages `"<JSON pointer>: <problem>"`, empty when valid. */
  errors: string[];
}

const CHECKED = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'anyOf',
  'oneOf',
  'allOf',
]);
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'format',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$defs',
  'definitions',
]);
const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);
const MAX_ERRORS = 10;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws a RangeError naming the schema path of the first unsupported or malformed keyword. */
export function assertSupportedSchema(schema: unknown, path = '#'): asserts schema is JsonSchema {
  if (typeof schema === 'boolean') return;
  if (!isObject(schema)) throw new RangeError(`JSON schema ${path}: a schema must be an object or a boolean`);
  for (const [keyword, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (!CHECKED.has(keyword)) throw new RangeError(`JSON schema ${path}: unsupported keyword "${keyword}"`);
    const at = `${path}/${keyword}`;
    if (keyword === 'type') {
      const types = Array.isArray(value) ? value : [value];
      for (const type of types)
        if (!TYPES.has(type as string))
          throw new RangeError(`JSON schema ${at}: unknown type ${JSON.stringify(type)}`);
    } else if (keyword === 'properties') {
      if (!isObject(value)) throw new RangeError(`JSON schema ${at}: must be an object`);
      for (const [name, sub] of Object.entries(value)) assertSupportedSchema(sub, `${at}/${name}`);
    } else if (keyword === 'additionalProperties' || keyword === 'items') {
      assertSupportedSchema(value, at);
    } else if (keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'allOf') {
      if (!Array.isArray(value) || value.length === 0)
        throw new RangeError(`JSON schema ${at}: must be a non-empty array`);
      value.forEach((sub, index) => {
        assertSupportedSchema(sub, `${at}/${index}`);
      });
    } else if (keyword === 'required') {
      if (!Array.isArray(value) || value.some((name) => typeof name !== 'string'))
        throw new RangeError(`JSON schema ${at}: must be an array of strings`);
    } else if (keyword === 'enum') {
      if (!Array.isArray(value)) throw new RangeError(`JSON schema ${at}: must be an array`);
    } else if (keyword === 'pattern') {
      if (typeof value !== 'string') throw new RangeError(`JSON schema ${at}: must be a string`);
      try {
        new RegExp(value, 'u');
      } catch (error) {
        throw new RangeError(`JSON schema ${at}: invalid pattern: ${(error as Error).message}`);
      }
    } else if (keyword !== 'const' && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new RangeError(`JSON schema ${at}: must be a number`);
    }
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
    );
  }
  return false;
}

function matchesType(value: unknown, type: string): boolean {
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  return typeOf(value) === type;
}

function check(value: unknown, schema: JsonSchema, pointer: string, errors: string[]): void {
  if (errors.length >= MAX_ERRORS) return;
  const at = pointer === '' ? '/' : pointer;
  if (schema === true) return;
  if (schema === false) {
    errors.push(`${at}: no value is allowed here`);
    return;
  }
  const s = schema as Record<string, unknown>;
  if (s.type !== undefined) {
    const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
    if (!types.some((type) => matchesType(value, type))) {
      errors.push(`${at}: expected ${types.join(' or ')}, got ${typeOf(value)}`);
      return;
    }
  }
  if (s.enum !== undefined && !(s.enum as unknown[]).some((option) => deepEqual(option, value)))
    errors.push(`${at}: not one of the enum values`);
  if (Object.hasOwn(s, 'const') && !deepEqual(s.const, value)) errors.push(`${at}: not equal to const`);
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum)
      errors.push(`${at}: ${value} < minimum ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum)
      errors.push(`${at}: ${value} > maximum ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum)
      errors.push(`${at}: ${value} <= exclusiveMinimum ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum)
      errors.push(`${at}: ${value} >= exclusiveMaximum ${s.exclusiveMaximum}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength)
      errors.push(`${at}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === 'number' && length > s.maxLength)
      errors.push(`${at}: longer than ${s.maxLength}`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value))
      errors.push(`${at}: does not match pattern ${s.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems)
      errors.push(`${at}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems)
      errors.push(`${at}: more than ${s.maxItems} items`);
    if (s.items !== undefined)
      value.forEach((item, index) => {
        check(item, s.items as JsonSchema, `${pointer}/${index}`, errors);
      });
  }
  if (isObject(value)) {
    const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
    for (const name of (s.required ?? []) as string[])
      if (!Object.hasOwn(value, name)) errors.push(`${at}: missing required property "${name}"`);
    for (const [name, item] of Object.entries(value)) {
      const escaped = name.replace(/~/g, '~0').replace(/\//g, '~1');
      if (Object.hasOwn(properties, name)) check(item, properties[name], `${pointer}/${escaped}`, errors);
      else if (s.additionalProperties === false) errors.push(`${at}: unexpected property "${name}"`);
      else if (isObject(s.additionalProperties))
        check(item, s.additionalProperties as JsonSchema, `${pointer}/${escaped}`, errors);
    }
  }
  const passes = (sub: JsonSchema) => {
    const subErrors: string[] = [];
    check(value, sub, pointer, subErrors);
    return subErrors.length === 0;
  };
  if (Array.isArray(s.allOf)) for (const sub of s.allOf as JsonSchema[]) check(value, sub, pointer, errors);
  if (Array.isArray(s.anyOf) && !(s.anyOf as JsonSchema[]).some(passes))
    errors.push(`${at}: matches none of anyOf`);
  if (Array.isArray(s.oneOf)) {
    const matches = (s.oneOf as JsonSchema[]).filter(passes).length;
    if (matches !== 1) errors.push(`${at}: matches ${matches} of oneOf, expected exactly 1`);
  }
}

/**
 * Validates a parsed JSON value against a schema of the supported subset. Call `assertSupportedSchema` once
 * beforehand (the scorers do) to reject unsupported keywords with a clear message.
 */
export function validateJsonSchema(value: unknown, schema: JsonSchema): SchemaValidation {
  const errors: string[] = [];
  check(value, schema, '', errors);
  return { valid: errors.length === 0, errors: errors.slice(0, MAX_ERRORS) };
}
