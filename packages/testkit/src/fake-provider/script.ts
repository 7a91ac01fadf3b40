/**
 * The queue of scripted behaviours. Entries are matched in the order they were added; the first entry whose
 * provider, route and predicate accept the request serves it and loses one of its `times`.
 */
import type { RecordedRequest, ScriptEntry, ScriptHandle } from './types.js';

interface QueuedEntry {
  entry: ScriptEntry;
  remaining: number;
}

const ROUTES_BY_PROVIDER = {
  openai: new Set(['chat', 'responses', 'embeddings', 'models']),
  anthropic: new Set(['messages', 'count_tokens', 'models']),
};

/** Rejects entries that can never match, so a typo fails the test at the `script()` call, not later. */
function validateEntry(entry: ScriptEntry): void {
  if (entry.provider && entry.route && !ROUTES_BY_PROVIDER[entry.provider].has(entry.route)) {
    throw new TypeError(
      `fake provider script: route "${entry.route}" does not exist for provider "${entry.provider}" ` +
        `(routes: ${[...ROUTES_BY_PROVIDER[entry.provider]].join(', ')})`,
    );
  }
  const times = entry.times ?? 1;
  if (!(times >= 1))
    throw new TypeError(`fake provider script: times must be >= 1, got ${String(entry.times)}`);
  if (entry.chunks !== undefined && !(entry.chunks >= 1)) {
    throw new TypeError(`fake provider script: chunks must be >= 1, got ${String(entry.chunks)}`);
  }
}

/** Ordered, consumable script entries. */
export class ScriptQueue {
  #entries: QueuedEntry[] = [];

  /** Adds entries at the end of the queue and returns one handle per entry. */
  add(entries: ScriptEntry[]): ScriptHandle[] {
    for (const entry of entries) validateEntry(entry);
    return entries.map((entry) => {
      const queued: QueuedEntry = { entry, remaining: entry.times ?? 1 };
      this.#entries.push(queued);
      return {
        remaining: () => queued.remaining,
        cancel: () => {
          queued.remaining = 0;
          this.#entries = this.#entries.filter((candidate) => candidate !== queued);
        },
      };
    });
  }

  /** Takes the first entry matching the request (consuming one use), or undefined. */
  take(request: RecordedRequest): ScriptEntry | undefined {
    const found = this.#entries.find(
      ({ entry }) =>
        (entry.provider === undefined || entry.provider === request.provider) &&
        (entry.route === undefined || entry.route === request.route) &&
        (entry.match === undefined || entry.match(request)),
    );
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.#entries = this.#entries.filter((candidate) => candidate !== found);
    return found.entry;
  }

  /** Drops every entry. */
  clear(): void {
    for (const queued of this.#entries) queued.remaining = 0;
    this.#entries = [];
  }
}
