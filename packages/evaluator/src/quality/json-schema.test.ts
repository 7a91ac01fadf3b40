import { describe, expect, it } from 'vitest';
import { extractJson } from './json-output.js';
import { assertSupportedSchema, validateJsonSchema } from './json-schema.js';

const person = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 5 },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    role: { enum: ['admin', 'user'] },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
    id: { anyOf: [{ type: 'string', pattern: '^u-\\d+$' }, { type: 'integer' }] },
    kind: { const: 'person' },
    score: { oneOf: [{ type: 'integer' }, { type: 'number', minimum: 10 }] },
  },
  required: ['name', 'age'],
  additionalProperties: false,
};

describe('validateJsonSchema', () => {
  it('accepts a matching document', () => {
    const result = validateJsonSchema(
      { name: 'Ada', age: 36, role: 'admin', tags: ['x'], id: 'u-1', kind: 'person', score: 3 },
      person,
    );
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it('reports every violated keyword with a JSON pointer', () => {
    const result = validateJsonSchema(
      { name: '', age: 3.5, role: 'root', tags: ['a', 2, 'c'], id: 'x', kind: 'cat', score: 12, extra: 1 },
      person,
    );
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        '/name: shorter than 1',
        '/age: expected integer, got number',
        '/role: not one of the enum values',
        '/tags: more than 2 items',
        '/tags/1: expected string, got number',
        '/id: matches none of anyOf',
        '/kind: not equal to const',
        '/score: matches 2 of oneOf, expected exactly 1',
        '/: unexpected property "extra"',
      ]),
    );
  });

  it('checks required properties, bounds, null and boolean schemas', () => {
    expect(validateJsonSchema({ name: 'Bo' }, person).errors).toEqual(['/: missing required property "age"']);
    expect(validateJsonSchema({ name: 'Bo', age: 200 }, person).errors).toEqual(['/age: 200 > maximum 150']);
    expect(validateJsonSchema(null, { type: ['object', 'null'] }).valid).toBe(true);
    expect(validateJsonSchema(1, false).valid).toBe(false);
    expect(validateJsonSchema({ a: 1 }, { additionalProperties: { type: 'string' } }).errors).toEqual([
      '/a: expected string, got number',
    ]);
  });

  it('rejects unsupported keywords when the schema is checked, naming the path', () => {
    expect(() => assertSupportedSchema({ properties: { a: { $ref: '#/x' } } })).toThrow(
      'JSON schema #/properties/a: unsupported keyword "$ref"',
    );
    expect(() => assertSupportedSchema({ type: 'text' })).toThrow('JSON schema #/type: unknown type "text"');
    expect(() => assertSupportedSchema({ title: 'ok', description: 'x', type: 'object' })).not.toThrow();
  });
});

describe('extractJson', () => {
  it('reads raw JSON and ```json fences, rejects prose and bare scalars', () => {
    expect(extractJson(' {"a": 1} ')).toEqual({ valid: true, value: { a: 1 }, source: 'raw' });
    expect(extractJson('Here you go:\n```json\n[1, 2]\n```\nThanks')).toEqual({
      valid: true,
      value: [1, 2],
      source: 'fence',
    });
    expect(extractJson('```\n{"b": true}\n```')).toMatchObject({ valid: true, source: 'fence' });
    expect(extractJson('The answer is 42')).toMatchObject({ valid: false });
    expect(extractJson('42')).toMatchObject({
      valid: false,
      error: expect.stringContaining('not an object'),
    });
    expect(extractJson('```json\n{"a": }\n```')).toMatchObject({
      valid: false,
      error: expect.stringContaining('fenced'),
    });
    expect(extractJson('')).toEqual({ valid: false, error: 'empty output' });
  });
});
