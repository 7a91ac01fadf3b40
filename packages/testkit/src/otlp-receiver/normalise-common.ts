/**
 * Validating readers for the OTLP/JSON mapping (which the protobuf decoder also produces), shared by the
 * trace, metric and log normalisers. Every failure names the field path, e.g.
 * `resourceSpans[0].scopeSpans[0].spans[2].traceId`, so a 400 response says exactly what was wrong.
 */
import type { Attributes, AttributeValue, ReceivedResource, ReceivedScope } from './types.js';

/** Thrown for a request body that is not a valid OTLP export request; the receiver answers it with 400. */
export class OtlpDecodeError extends Error {
  /** The field path that was wrong, or '' when the body as a whole could not be decoded. */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(field ? `${field}: ${problem}` : problem);
    this.name = 'OtlpDecodeError';
    this.field = field;
  }
}

/** A JSON object, as read from the request. */
export type JsonObject = Readonly<Record<string, unknown>>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Reads a field by its OTLP/JSON (lowerCamelCase) name, also accepting the proto field name, as the proto3 JSON
 * mapping requires parsers to.
 */
export function field(object: JsonObject, name: string): unknown {
  const value = object[name];
  return value === undefined ? object[snakeCase(name)] : value;
}

/** An object field; a missing or null one reads as an empty object (proto3: unset message). */
export function readObject(value: unknown, path: string): JsonObject {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new OtlpDecodeError(path, `expected an object, got ${describe(value)}`);
  }
  return value as JsonObject;
}

/** A repeated field; missing or null reads as empty. */
export function readArray(value: unknown, path: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(path, `expected an array, got ${describe(value)}`);
  return value;
}

/** A string field; missing reads as ''. */
export function readString(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new OtlpDecodeError(path, `expected a string, got ${describe(value)}`);
  return value;
}

/** A string field that is undefined when empty or missing. */
export function readOptionalString(value: unknown, path: string): string | undefined {
  const text = readString(value, path);
  return text === '' ? undefined : text;
}

/** A boolean field; missing reads as false. */
export function readBoolean(value: unknown, path: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean')
    throw new OtlpDecodeError(path, `expected a boolean, got ${describe(value)}`);
  return value;
}

const SPECIAL_DOUBLES: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/**
 * A numeric field: a JSON number, or a string (the proto3 JSON mapping writes 64-bit integers as strings, and
 * NaN/Infinity as "NaN"/"Infinity"). Missing reads as `fallback`.
 */
export function readNumber(value: unknown, path: string, fallback = 0): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const special = SPECIAL_DOUBLES[value];
    if (special !== undefined) return special;
    if (value.trim() !== '') {
      const parsed = Number(value);
      if (!Number.isNaN(parsed)) return parsed;
    }
  }
  throw new OtlpDecodeError(path, `expected a number, got ${describe(value)}`);
}

/** A numeric field that stays undefined when missing (proto3 `optional double`). */
export function readOptionalNumber(value: unknown, path: string): number | undefined {
  return value === undefined || value === null ? undefined : readNumber(value, path);
}

/** An int64 value: a number when it fits Number's safe integer range, a bigint otherwise. */
export function readInt64(value: unknown, path: string): number | bigint {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    const big = BigInt(value);
    const asNumber = Number(big);
    return Number.isSafeInteger(asNumber) ? asNumber : big;
  }
  throw new OtlpDecodeError(path, `expected an integer, got ${describe(value)}`);
}

/** A fixed64 nanosecond timestamp, returned as an exact decimal string ('0' when missing). */
export function readNanos(value: unknown, path: string): string {
  if (value === undefined || value === null) return '0';
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value).toString();
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value).toString();
  throw new OtlpDecodeError(path, `expected unsigned nanoseconds since the epoch, got ${describe(value)}`);
}

/** Converts exact nanoseconds to milliseconds, keeping microsecond precision. */
export function nanosToMs(nanos: string): number {
  return Number(BigInt(nanos) / 1000n) / 1000;
}

/**
 * A trace or span id. OTLP/JSON carries ids as hex strings (not base64); `bytes` is the required length.
 * Empty or missing means "not set" and reads as undefined.
 */
export function readId(value: unknown, path: string, bytes: 8 | 16): string | undefined {
  const text = readString(value, path);
  if (text === '') return undefined;
  if (text.length !== bytes * 2 || !/^[0-9a-fA-F]+$/.test(text)) {
    throw new OtlpDecodeError(path, `expected ${bytes * 2} hex digits, got ${describe(text)}`);
  }
  return text.toLowerCase();
}

/** An enum field: its number (the OTLP/JSON form) or its proto name. */
export function readEnum(value: unknown, path: string, names: readonly string[]): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string') {
    const index = names.indexOf(value);
    if (index >= 0) return index;
  }
  throw new OtlpDecodeError(
    path,
    `expected one of ${names.join(', ')} or its number, got ${describe(value)}`,
  );
}

/** Decodes an OTLP `AnyValue` into a plain typed value (see {@link AttributeValue}). */
export function readAnyValue(value: unknown, path: string): AttributeValue {
  const any = readObject(value, path);
  const stringValue = field(any, 'stringValue');
  if (stringValue !== undefined) return readString(stringValue, `${path}.stringValue`);
  const boolValue = field(any, 'boolValue');
  if (boolValue !== undefined) return readBoolean(boolValue, `${path}.boolValue`);
  const intValue = field(any, 'intValue');
  if (intValue !== undefined) return readInt64(intValue, `${path}.intValue`);
  const doubleValue = field(any, 'doubleValue');
  if (doubleValue !== undefined) return readNumber(doubleValue, `${path}.doubleValue`);
  const arrayValue = field(any, 'arrayValue');
  if (arrayValue !== undefined) {
    const values = readArray(
      field(readObject(arrayValue, `${path}.arrayValue`), 'values'),
      `${path}.arrayValue.values`,
    );
    return values.map((item, index) => readAnyValue(item, `${path}.arrayValue.values[${index}]`));
  }
  const kvlistValue = field(any, 'kvlistValue');
  if (kvlistValue !== undefined) {
    const values = field(readObject(kvlistValue, `${path}.kvlistValue`), 'values');
    return readAttributes(values, `${path}.kvlistValue.values`);
  }
  const bytesValue = field(any, 'bytesValue');
  if (bytesValue !== undefined) {
    const base64 = readString(bytesValue, `${path}.bytesValue`);
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(base64)) {
      throw new OtlpDecodeError(`${path}.bytesValue`, 'expected base64 text');
    }
    return new Uint8Array(Buffer.from(base64, 'base64'));
  }
  return null;
}

/** Decodes a repeated `KeyValue` into an object keyed by attribute name. */
export function readAttributes(value: unknown, path: string): Attributes {
  const result: Record<string, AttributeValue> = {};
  readArray(value, path).forEach((item, index) => {
    const keyValue = readObject(item, `${path}[${index}]`);
    const key = readString(field(keyValue, 'key'), `${path}[${index}].key`);
    result[key] = readAnyValue(field(keyValue, 'value'), `${path}[${index}].value`);
  });
  return result;
}

/** Decodes a `Resource`, with the enclosing message's schema URL. */
export function readResource(value: unknown, schemaUrl: unknown, path: string): ReceivedResource {
  const resource = readObject(value, `${path}.resource`);
  return {
    attributes: readAttributes(field(resource, 'attributes'), `${path}.resource.attributes`),
    droppedAttributesCount: readNumber(
      field(resource, 'droppedAttributesCount'),
      `${path}.resource.droppedAttributesCount`,
    ),
    schemaUrl: readOptionalString(schemaUrl, `${path}.schemaUrl`),
  };
}

/** Decodes an `InstrumentationScope`, with the enclosing message's schema URL. */
export function readScope(value: unknown, schemaUrl: unknown, path: string): ReceivedScope {
  const scope = readObject(value, `${path}.scope`);
  return {
    name: readString(field(scope, 'name'), `${path}.scope.name`),
    version: readOptionalString(field(scope, 'version'), `${path}.scope.version`),
    attributes: readAttributes(field(scope, 'attributes'), `${path}.scope.attributes`),
    schemaUrl: readOptionalString(schemaUrl, `${path}.schemaUrl`),
  };
}

/**
 * Walks the resource -> scope -> item nesting all three signals share (`resourceSpans[].scopeSpans[].spans[]`
 * and the metric/log equivalents), handing each item its resource, scope and path.
 */
export function forEachScopedItem(
  request: unknown,
  names: { readonly resources: string; readonly scopes: string; readonly items: string },
  visit: (item: unknown, resource: ReceivedResource, scope: ReceivedScope, path: string) => void,
): void {
  const top = readObject(request, '(request)');
  readArray(field(top, names.resources), names.resources).forEach((resourceEntry, r) => {
    const resourcePath = `${names.resources}[${r}]`;
    const resourceObject = readObject(resourceEntry, resourcePath);
    const resource = readResource(
      field(resourceObject, 'resource'),
      field(resourceObject, 'schemaUrl'),
      resourcePath,
    );
    readArray(field(resourceObject, names.scopes), `${resourcePath}.${names.scopes}`).forEach(
      (scopeEntry, s) => {
        const scopePath = `${resourcePath}.${names.scopes}[${s}]`;
        const scopeObject = readObject(scopeEntry, scopePath);
        const scope = readScope(field(scopeObject, 'scope'), field(scopeObject, 'schemaUrl'), scopePath);
        readArray(field(scopeObject, names.items), `${scopePath}.${names.items}`).forEach((item, i) => {
          visit(item, resource, scope, `${scopePath}.${names.items}[${i}]`);
        });
      },
    );
  });
}
