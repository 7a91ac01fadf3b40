/**
 * Strict checking of script entries. Script entries are usually written as object literals in plain JS or
 * with casts, so a misspelt field (`provder`, `reply.txt`, `fault: faults.rateLimit` without the call) would
 * otherwise be ignored and the test would silently get the default echo reply. Every problem throws a
 * TypeError naming the entry index and the field path, with a "did you mean" hint for near-misses.
 */
import type { ScriptEntry } from './types.js';

const PROVIDERS = ['openai', 'anthropic'] as const;

const ROUTES_BY_PROVIDER: Record<(typeof PROVIDERS)[number], readonly string[]> = {
  openai: ['chat', 'responses', 'embeddings', 'models'],
  anthropic: ['messages', 'count_tokens', 'models'],
};
const ALL_ROUTES = [...new Set(Object.values(ROUTES_BY_PROVIDER).flat())];

const ENTRY_FIELDS = ['provider', 'route', 'match', 'reply', 'delays', 'chunks', 'fault', 'times'];
const REPLY_FIELDS = ['text', 'toolCalls', 'thinking', 'finishReason', 'usage', 'model', 'id', 'embeddings'];
const USAGE_FIELDS = [
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'cacheCreationInputTokens',
  'reasoningTokens',
  'raw',
];
const DELAY_FIELDS = ['latencyMs', 'firstChunkMs', 'interChunkMs'];
const TOOL_CALL_FIELDS = ['id', 'name', 'arguments'];
const FAULT_FIELDS: Record<string, readonly string[]> = {
  error: ['kind', 'status', 'type', 'message', 'code', 'param', 'retryAfter', 'headers'],
  disconnect: ['kind', 'afterChunks'],
  malformed: ['kind', 'afterChunks'],
  hang: ['kind'],
  contextLengthExceeded: ['kind', 'maxContextTokens', 'promptTokens'],
};

/** Edit distance, for "did you mean" hints on short identifiers. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function hint(value: string, candidates: readonly string[]): string {
  const lower = value.toLowerCase();
  const best = candidates
    .map((candidate) => ({ candidate, cost: distance(lower, candidate.toLowerCase()) }))
    .sort((a, b) => a.cost - b.cost)[0];
  const suggestion =
    best && best.cost <= Math.max(2, Math.floor(value.length / 3))
      ? ` (did you mean "${best.candidate}"?)`
      : '';
  return `${suggestion}; allowed: ${candidates.join(', ')}`;
}

class EntryChecker {
  constructor(private readonly prefix: string) {}

  fail(path: string, problem: string): never {
    throw new TypeError(`${this.prefix}.${path}: ${problem}`);
  }

  /** Checks `value` is a plain object whose keys are all in `allowed`. */
  object(path: string, value: unknown, allowed: readonly string[]): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `expected an object, got ${describe(value)}`);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key))
        this.fail(`${path}.${key}`.replace(/^\./, ''), `unknown field${hint(key, allowed)}`);
    }
    return record;
  }

  oneOf(path: string, value: unknown, allowed: readonly string[]): void {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.fail(
        path,
        `${describe(value)} is not valid${typeof value === 'string' ? hint(value, allowed) : `; allowed: ${allowed.join(', ')}`}`,
      );
    }
  }

  /** A non-negative number (or at least `min`) when present; `Infinity` allowed only when `infinite`. */
  count(path: string, value: unknown, min = 0, infinite = false): void {
    if (value === undefined) return;
    const valid =
      typeof value === 'number' &&
      value >= min &&
      (Number.isFinite(value) || (infinite && value === Infinity));
    if (!valid)
      this.fail(
        path,
        `expected a number >= ${min}${infinite ? ' (or Infinity)' : ''}, got ${describe(value)}`,
      );
  }
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function (did you forget to call it?)';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}

function validateReply(check: EntryChecker, value: unknown): void {
  const reply = check.object('reply', value, REPLY_FIELDS);
  if (reply.text !== undefined && typeof reply.text !== 'string')
    check.fail('reply.text', `expected a string, got ${describe(reply.text)}`);
  if (reply.usage !== undefined) {
    const usage = check.object('reply.usage', reply.usage, USAGE_FIELDS);
    for (const field of USAGE_FIELDS.filter((name) => name !== 'raw'))
      check.count(`reply.usage.${field}`, usage[field]);
  }
  if (reply.toolCalls !== undefined) {
    if (!Array.isArray(reply.toolCalls))
      check.fail('reply.toolCalls', `expected an array, got ${describe(reply.toolCalls)}`);
    reply.toolCalls.forEach((call: unknown, index: number) => {
      const record = check.object(`reply.toolCalls[${index}]`, call, TOOL_CALL_FIELDS);
      if (typeof record.name !== 'string')
        check.fail(`reply.toolCalls[${index}].name`, `expected a string, got ${describe(record.name)}`);
    });
  }
  if (reply.thinking !== undefined && typeof reply.thinking !== 'string') {
    check.object('reply.thinking', reply.thinking, ['text', 'signature']);
  }
}

function validateFault(check: EntryChecker, value: unknown): void {
  if (typeof value === 'function') check.fail('fault', `got ${describe(value)} e.g. faults.rateLimit()`);
  const kinds = Object.keys(FAULT_FIELDS);
  const fault = check.object('fault', value, [...new Set(Object.values(FAULT_FIELDS).flat())]);
  check.oneOf('fault.kind', fault.kind, kinds);
  check.object('fault', fault, FAULT_FIELDS[fault.kind as string]);
  if (
    fault.kind === 'error' &&
    !(Number.isInteger(fault.status) && (fault.status as number) >= 400 && (fault.status as number) <= 599)
  ) {
    check.fail('fault.status', `expected an HTTP error status 400-599, got ${describe(fault.status)}`);
  }
  check.count('fault.afterChunks', fault.afterChunks);
}

/**
 * Throws a TypeError naming the entry (`script entry [i]`) and field when `entry` has an unknown field, a value
 * of the wrong type or a provider/route combination that can never match. Returns normally otherwise.
 */
export function validateScriptEntry(entry: ScriptEntry, index: number): void {
  const check = new EntryChecker(`fake provider script entry [${index}]`);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new TypeError(`fake provider script entry [${index}]: expected an object, got ${describe(entry)}`);
  }
  check.object('', entry, ENTRY_FIELDS);
  if (entry.provider !== undefined) check.oneOf('provider', entry.provider, PROVIDERS);
  if (entry.route !== undefined) {
    const routes = entry.provider ? ROUTES_BY_PROVIDER[entry.provider] : ALL_ROUTES;
    if (!routes.includes(entry.route)) {
      const where = entry.provider ? ` for provider "${entry.provider}"` : '';
      check.fail('route', `"${entry.route}" does not exist${where}${hint(entry.route, routes)}`);
    }
  }
  if (entry.match !== undefined && typeof entry.match !== 'function') {
    check.fail('match', `expected a function (request) => boolean, got ${describe(entry.match)}`);
  }
  if (entry.reply !== undefined) validateReply(check, entry.reply);
  if (entry.delays !== undefined) {
    const delays = check.object('delays', entry.delays, DELAY_FIELDS);
    for (const field of DELAY_FIELDS) check.count(`delays.${field}`, delays[field]);
  }
  if (entry.fault !== undefined) validateFault(check, entry.fault);
  check.count('times', entry.times, 1, true);
  check.count('chunks', entry.chunks, 1);
}
