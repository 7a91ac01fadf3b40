/**
 * A small string-keyed LRU bounded by entry count and by total key characters (keys are the texts counted, so
 * the character bound is what limits retained memory). A `Map` keeps insertion order, so the first key is the
 * least recently used one; a hit re-inserts the key.
 */
export class TextCountCache {
  private readonly entries = new Map<string, number>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  get(text: string): number | undefined {
    const value = this.entries.get(text);
    if (value !== undefined) {
      this.entries.delete(text);
      this.entries.set(text, value);
    }
    return value;
  }

  set(text: string, count: number): void {
    // A text larger than a quarter of the budget would evict most of the cache for one entry: not worth it.
    if (text.length > this.maxChars / 4 || this.entries.has(text)) return;
    this.entries.set(text, count);
    this.chars += text.length;
    while (this.entries.size > this.maxEntries || this.chars > this.maxChars) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
