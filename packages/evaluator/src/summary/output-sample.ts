/**
 * The captured output texts of one segment in one window, for the output-quality metrics: a seeded uniform
 * reservoir of at most `cap` texts (memory is bounded however many calls arrive; the same texts in the same
 * order give the same reservoir), plus exact counters. A prompt's JSON schema is checked on every output as it
 * arrives, so `schema_match_rate` is exact rather than sampled.
 */
import { extractJson } from '../quality/json-output.js';
import { type JsonSchema, validateJsonSchema } from '../quality/json-schema.js';
import { createRng, deriveSeed, type Rng, type Seed } from '../stats/index.js';

export class OutputSample {
  /** Calls seen (with or without captured text). */
  calls = 0;
  /** Calls whose output text was captured. */
  captured = 0;
  /** Captured outputs of prompts with a configured schema, and how many matched it. */
  schemaChecked = 0;
  schemaMatched = 0;
  private readonly kept: string[] = [];
  private rng: Rng | undefined;

  constructor(
    private readonly cap: number,
    private readonly seed: Seed,
    private readonly label: string,
  ) {}

  /** Adds one call's output (`undefined` when content was not captured), checked against `schema` if given. */
  add(text: string | undefined, schema: JsonSchema | undefined): void {
    this.calls++;
    if (text === undefined) return;
    const index = this.captured++;
    if (schema !== undefined) {
      this.schemaChecked++;
      const json = extractJson(text);
      if (json.valid && validateJsonSchema(json.value, schema).valid) this.schemaMatched++;
    }
    if (index < this.cap) {
      this.kept.push(text);
      return;
    }
    // Algorithm R: keep the new text with probability cap / captured, replacing a uniform slot.
    this.rng ??= createRng(deriveSeed(this.seed, `${this.label}/outputs`));
    const slot = this.rng.int(index + 1);
    if (slot < this.cap) this.kept[slot] = text;
  }

  /** The kept texts (every captured text while `captured <= cap`), in a fresh array. */
  texts(): string[] {
    return [...this.kept];
  }
}
