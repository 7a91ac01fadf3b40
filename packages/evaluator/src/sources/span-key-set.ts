/**
 * A compact set of (traceId, spanId) keys for de-duplication: each key is hashed to 64 bits (two independent
 * 32-bit hashes) and stored in an open-addressing table of two Uint32Arrays, 8-16 bytes per span instead of
 * a JavaScript string of ~50 characters. The chance of two different spans colliding is about n^2 / 2^65
 * (1e-7 at ten million spans); a collision drops one span, it never merges data.
 */
export class SpanKeySet {
  private high = new Uint32Array(1 << 12);
  private low = new Uint32Array(1 << 12);
  private used = new Uint8Array(1 << 12);
  private count = 0;

  /** Number of distinct keys. */
  get size(): number {
    return this.count;
  }

  /** Adds the key; returns false when it was already present (a duplicate span). */
  add(traceId: string, spanId: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < traceId.length; i++) {
      const c = traceId.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ 0x2f, 0x01000193);
    for (let i = 0; i < spanId.length; i++) {
      const c = spanId.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 >>>= 0;
    h2 >>>= 0;
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    return this.insert(h1, h2);
  }

  private insert(h1: number, h2: number): boolean {
    const mask = this.used.length - 1;
    let slot = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
    while (this.used[slot] === 1) {
      if (this.high[slot] === h1 && this.low[slot] === h2) return false;
      slot = (slot + 1) & mask;
    }
    this.used[slot] = 1;
    this.high[slot] = h1;
    this.low[slot] = h2;
    this.count++;
    return true;
  }

  private grow(): void {
    const { high, low, used } = this;
    const capacity = used.length * 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.count = 0;
    for (let i = 0; i < used.length; i++) if (used[i] === 1) this.insert(high[i], low[i]);
  }
}
