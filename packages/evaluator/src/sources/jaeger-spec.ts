/**
 * The `jaeger:` source spec: `jaeger:http://host:16686?service=NAME&lookback=7d&limit=1500`, the form the CLI
 * and config files take. Parsing is strict: an unknown or malformed parameter is an `InputError` naming it,
 * because a typo such as `servce=` would otherwise silently read the wrong traces.
 */
import { InputError } from '../errors.js';
import { type JaegerSourceOptions, parseDurationMs, parseTimeMs } from './jaeger-options.js';

/** Prefix that marks a Jaeger source spec. */
export const JAEGER_SPEC_PREFIX = 'jaeger:';

const PARAMETERS = [
  'service',
  'start',
  'end',
  'lookback',
  'limit',
  'pageSize',
  'operation',
  'tags',
  'tag',
  'timeout',
  'maxRequests',
  'allServices',
] as const;

/** True when `text` is a Jaeger source spec (`jaeger:...`). */
export function isJaegerSpec(text: string): boolean {
  return text.toLowerCase().startsWith(JAEGER_SPEC_PREFIX);
}

/** The spec with any password masked, for messages. */
function shown(spec: string): string {
  return spec.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@');
}

function integerParam(text: string, name: string, spec: string): number {
  const n = Number(text);
  if (/^\d+$/.test(text) && Number.isSafeInteger(n) && n > 0) return n;
  throw new InputError(`expected a positive integer, got "${text}" in ${shown(spec)}`, { field: name });
}

function tagsParam(text: string, spec: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message}) in ${shown(spec)}`, { field: 'tags' });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(
      `expected a JSON object of string values, e.g. {"error":"true"}, in ${shown(spec)}`,
      {
        field: 'tags',
      },
    );
  }
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') {
      throw new InputError(`tag values must be strings, got ${JSON.stringify(value)} in ${shown(spec)}`, {
        field: `tags.${key}`,
      });
    }
    tags[key] = value;
  }
  return tags;
}

function basicAuthorization(url: URL): string {
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
}

/**
 * Parses `jaeger:URL?service=NAME[&start=..][&end=..][&lookback=..][&limit=N][&pageSize=N][&operation=..]
 * [&tags={json}][&tag=key:value]...[&timeout=30s][&maxRequests=N][&allServices=true]` into options.
 *
 * - The URL is the Jaeger query root (`http://host:16686`, plus a base path if any). A pasted UI or API URL
 *   (`.../search`, `.../api/traces`) is accepted and cut back to the root.
 * - `user:password@` in the URL becomes a Basic `authorization` header (fetch refuses URLs with credentials).
 * - `start`/`end` take `now`, a duration before now (`7d`) or an ISO time; they are resolved when reading.
 *
 * Throws `InputError` naming the parameter on anything it cannot read.
 */
export function parseJaegerSpec(spec: string): JaegerSourceOptions {
  if (!isJaegerSpec(spec)) {
    throw new InputError(
      `expected a spec starting with "${JAEGER_SPEC_PREFIX}", got ${JSON.stringify(shown(spec))}`,
    );
  }
  let rest = spec.slice(JAEGER_SPEC_PREFIX.length).trim();
  if (rest.startsWith('//')) rest = `http:${rest}`;
  let url: URL;
  try {
    url = new URL(rest);
  } catch {
    throw new InputError(
      `invalid URL in ${shown(spec)} (expected e.g. jaeger:http://localhost:16686?service=my-app)`,
      { field: 'url' },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`expected an http:// or https:// URL in ${shown(spec)}`, { field: 'url' });
  }

  const options: Partial<JaegerSourceOptions> = {};
  const headers: Record<string, string> = {};
  if (url.username || url.password) headers.authorization = basicAuthorization(url);
  const simpleTags: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!(PARAMETERS as readonly string[]).includes(name)) {
      throw new InputError(
        `unknown parameter "${name}" in ${shown(spec)} (known: ${PARAMETERS.join(', ')})`,
        {
          field: name,
        },
      );
    }
    switch (name as (typeof PARAMETERS)[number]) {
      case 'service':
        options.service = value;
        break;
      case 'start':
      case 'end':
        // Validated now (syntax), resolved when reading (relative times move with the clock).
        parseTimeMs(value, 0, name);
        options[name as 'start' | 'end'] = value;
        break;
      case 'lookback':
        if (parseDurationMs(value) === undefined) {
          throw new InputError(`expected a duration such as 1h or 7d, got "${value}" in ${shown(spec)}`, {
            field: name,
          });
        }
        options.lookback = value;
        break;
      case 'limit':
        options.limit = integerParam(value, name, spec);
        break;
      case 'pageSize':
        options.pageSize = integerParam(value, name, spec);
        break;
      case 'operation':
        options.operation = value;
        break;
      case 'tags':
        Object.assign(simpleTags, tagsParam(value, spec));
        break;
      case 'tag': {
        const colon = value.indexOf(':');
        if (colon <= 0) {
          throw new InputError(`expected key:value, got "${value}" in ${shown(spec)}`, { field: name });
        }
        simpleTags[value.slice(0, colon)] = value.slice(colon + 1);
        break;
      }
      case 'timeout': {
        const ms = parseDurationMs(value);
        if (ms === undefined || ms <= 0) {
          throw new InputError(`expected a duration such as 30s, got "${value}" in ${shown(spec)}`, {
            field: name,
          });
        }
        options.timeoutMs = Math.ceil(ms);
        break;
      }
      case 'maxRequests':
        options.maxRequests = integerParam(value, name, spec);
        break;
      case 'allServices':
        if (value !== 'true' && value !== 'false') {
          throw new InputError(`expected true or false, got "${value}" in ${shown(spec)}`, { field: name });
        }
        options.allServices = value === 'true';
        break;
    }
  }
  if (!options.service) {
    throw new InputError(`missing service=NAME in ${shown(spec)} (Jaeger searches one service at a time)`, {
      field: 'service',
    });
  }
  if (Object.keys(simpleTags).length > 0) options.tags = simpleTags;
  if (Object.keys(headers).length > 0) options.headers = headers;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/(?:api\/traces|search)$/, '');
  return { ...options, baseUrl: `${url.origin}${path}`, service: options.service };
}
