/**
 * Record/replay cassettes.
 *
 * Matching key (documented in the README): `METHOD PATH[?sorted query] CANONICAL_BODY`, where CANONICAL_BODY
 * is the JSON body with object keys sorted recursively and no whitespace, after dropping the volatile top-level
 * fields `user`, `metadata`, `safety_identifier` and `prompt_cache_key` (they identify callers, not prompts).
 * `stream` and `stream_options` are KEPT: they change the wire body (SSE vs JSON, the usage chunk).
 * A body that is not JSON is used verbatim. Requests with the same key are served in recorded order; once the
 * recorded ones are used up the last one is served again.
 *
 * Cassettes never contain request headers, and response headers are limited to an allowlist (content type,
 * request ids, retry-after, rate-limit headers), so API keys, cookies and organisation ids are never written.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SseEvent } from './wire.js';

/** Top-level request fields ignored by the matching key. */
export const VOLATILE_BODY_FIELDS = ['user', 'metadata', 'safety_identifier', 'prompt_cache_key'] as const;

/** One recorded exchange. */
export interface CassetteInteraction {
  key: string;
  request: { method: string; path: string; body: unknown };
  response: {
    status: number;
    headers: Record<string, string>;
    /** Parsed JSON body (JSON responses). */
    body?: unknown;
    /** Raw body text (responses that are neither JSON nor SSE). */
    text?: string;
    /** Parsed events (SSE responses), in order. */
    events?: SseEvent[];
  };
}

/** The cassette file. */
export interface Cassette {
  version: 1;
  note: string;
  interactions: CassetteInteraction[];
}

/** JSON with object keys sorted recursively; the canonical form used by the matching key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The normalised matching key of a request (see the module comment). */
export function cassetteKey(
  method: string,
  path: string,
  query: Record<string, string>,
  body: unknown,
): string {
  const queryText = Object.keys(query)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(query[name])}`)
    .join('&');
  let bodyText = '';
  if (typeof body === 'string') bodyText = body;
  else if (body && typeof body === 'object' && !Array.isArray(body)) {
    const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    for (const field of VOLATILE_BODY_FIELDS) delete copy[field];
    bodyText = canonicalJson(copy);
  } else if (body !== undefined) bodyText = canonicalJson(body);
  return `${method.toUpperCase()} ${path}${queryText ? `?${queryText}` : ''} ${bodyText}`.trimEnd();
}

const KEPT_RESPONSE_HEADERS =
  /^(content-type|retry-after|request-id|x-request-id|x-ratelimit-.*|anthropic-ratelimit-.*)$/;

/** Response headers safe to store: an allowlist, so secrets and account identifiers never reach the file. */
export function keptResponseHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (KEPT_RESPONSE_HEADERS.test(name.toLowerCase())) kept[name.toLowerCase()] = value;
  });
  return kept;
}

/** Splits an SSE body into events (`event:` and `data:` lines; multi-line data joined with newlines). */
export function parseSseText(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (event !== undefined || data.length > 0)
      events.push({ ...(event ? { event } : {}), data: data.join('\n') });
  }
  return events;
}

/** Makes temporary file names unique when several writers in one process share a directory. */
let temporaryFileCounter = 0;

/**
 * Appends interactions and rewrites the file after each one, so an interrupted run keeps what it recorded.
 * Each rewrite goes to a temporary file in the same directory that is then renamed over the cassette, so a
 * reader (another process, a crash, Ctrl-C mid-write) only ever sees a complete cassette, never a torn one.
 */
export class CassetteWriter {
  readonly #path: string;
  readonly #cassette: Cassette = {
    version: 1,
    note: 'Recorded by the @sightline/testkit fake provider. Request headers and secrets are never stored.',
    interactions: [],
  };

  /** Creates the cassette's directory if needed and writes an empty cassette; throws naming the path. */
  constructor(path: string) {
    this.#path = path;
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new Error(
        `fake provider record: cannot create the directory of cassette ${path}: ${(error as Error).message}`,
      );
    }
    this.flush();
  }

  add(interaction: CassetteInteraction): void {
    this.#cassette.interactions.push(interaction);
    this.flush();
  }

  flush(): void {
    const temporary = `${this.#path}.${process.pid}-${++temporaryFileCounter}.tmp`;
    try {
      writeFileSync(temporary, `${JSON.stringify(this.#cassette, null, 2)}\n`);
      renameSync(temporary, this.#path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw new Error(
        `fake provider record: cannot write cassette ${this.#path}: ${(error as Error).message}`,
      );
    }
  }
}

/** Serves recorded interactions by key. */
export class CassettePlayer {
  readonly #byKey = new Map<string, CassetteInteraction[]>();
  readonly #served = new Map<string, number>();

  constructor(path: string) {
    let cassette: Cassette;
    try {
      cassette = JSON.parse(readFileSync(path, 'utf8')) as Cassette;
    } catch (error) {
      throw new Error(`fake provider replay: cannot read cassette ${path}: ${(error as Error).message}`);
    }
    if (cassette?.version !== 1 || !Array.isArray(cassette.interactions)) {
      throw new Error(
        `fake provider replay: ${path} is not a version 1 cassette (field "interactions" missing)`,
      );
    }
    cassette.interactions.forEach((interaction, index) => {
      if (typeof interaction?.key !== 'string' || typeof interaction.response?.status !== 'number') {
        throw new Error(
          `fake provider replay: ${path}: interactions[${index}] lacks "key" or "response.status"`,
        );
      }
      const list = this.#byKey.get(interaction.key) ?? [];
      list.push(interaction);
      this.#byKey.set(interaction.key, list);
    });
  }

  /** The next interaction for `key`, or undefined when the cassette has none. */
  take(key: string): CassetteInteraction | undefined {
    const list = this.#byKey.get(key);
    if (!list) return undefined;
    const served = this.#served.get(key) ?? 0;
    this.#served.set(key, served + 1);
    return list[Math.min(served, list.length - 1)];
  }

  /**
   * Where `key` departs from the most similar recorded key of the same method and path (the longest common
   * prefix), as a short excerpt of both, so a miss shows what changed (a model, a prompt) without a diff tool.
   * Undefined when nothing was recorded for that method and path.
   */
  nearestDifference(key: string): string | undefined {
    const route = key.slice(0, key.indexOf(' ', key.indexOf(' ') + 1) + 1 || key.length);
    let best: { recorded: string; common: number } | undefined;
    for (const recorded of this.#byKey.keys()) {
      if (!recorded.startsWith(route)) continue;
      let common = 0;
      while (common < key.length && key[common] === recorded[common]) common++;
      if (!best || common > best.common) best = { recorded, common };
    }
    if (!best) return undefined;
    const excerpt = (text: string) =>
      `${best.common > 30 ? '…' : ''}${text.slice(Math.max(0, best.common - 30), best.common + 40)}${text.length > best.common + 40 ? '…' : ''}`;
    return `nearest recorded key differs at character ${best.common}: recorded ${excerpt(best.recorded)} vs request ${excerpt(key)}`;
  }

  /** Starts serving every key from its first recorded interaction again. */
  rewind(): void {
    this.#served.clear();
  }
}
