/**
 * The queue of scripted behaviours. Entries are matched in the order they were added; the first entry whose
 * provider, route and predicate accept the request serves it and loses one of its `times`.
 */
import { validateScriptEntry } from './script-validation.js';
import type { RecordedRequest, ScriptEntry, ScriptHandle } from './types.js';

interface QueuedEntry {
  entry: ScriptEntry;
  remaining: number;
}

/** Ordered, consumable script entries. */
export class ScriptQueue {
  #entries: QueuedEntry[] = [];

  /** Validates every entry (none is queued if one is invalid), then adds them in order; one handle each. */
  add(entries: ScriptEntry[]): ScriptHandle[] {
    entries.forEach(validateScriptEntry);
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
