/**
 * The built-in offline embedder: hashed character n-gram TF-IDF. It measures which character sequences
 * answers share, not what they mean, so every result made with it is labelled `lexical`.
 *
 * Recipe (deterministic, no randomness, no model):
 *  1. normalise: lowercase, collapse whitespace runs to one space, trim, pad with one space on each side;
 *  2. features: every character n-gram with min <= n <= max (default 3..5, over UTF-16 code units), hashed with
 *     FNV-1a 32 into 2^hashBits buckets (default 2^18 = 262,144; collisions are rare and harmless for drift);
 *  3. weights: sublinear term frequency 1 + ln(tf) times smoothed inverse document frequency
 *     ln((1 + N) / (1 + df)) + 1, where N and df are counted over the texts of the SAME `embed()` call: the
 *     vectors of a drift comparison are fit on the union of both windows, so both share one vocabulary;
 *  4. L2-normalised (empty text gives the zero vector), kept sparse (sorted indices + values).
 * Because of step 3 the embedder is `batchDependent`: call it once with all texts, and it is never cached.
 */
import type { Embedder, EmbeddingVector, SparseVector } from './types.js';

/** Options of `createLexicalEmbedder`. */
export interface LexicalEmbedderOptions {
  /** Shortest character n-gram. Default 3. */
  minN?: number;
  /** Longest character n-gram. Default 5. */
  maxN?: number;
  /** log2 of the number of hash buckets, 8..24. Default 18. */
  hashBits?: number;
  /** Weight by inverse document frequency over the batch. Default true. */
  idf?: boolean;
}

function assertInteger(value: number, name: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `createLexicalEmbedder: ${name} must be an integer in [${min}, ${max}], got ${value}`,
    );
  }
}

/** Lowercased, whitespace-collapsed, space-padded text, as the lexical features see it. */
export function normalizeForLexical(text: string): string {
  const collapsed = text.toLowerCase().replace(/\s+/gu, ' ').trim();
  return collapsed.length > 0 ? ` ${collapsed} ` : '';
}

/** Term counts of the hashed character n-grams of one text (FNV-1a 32, extended one character at a time). */
function hashedNgramCounts(text: string, minN: number, maxN: number, mask: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let start = 0; start + minN <= text.length; start++) {
    let hash = 0x811c9dc5;
    for (let length = 1; length <= maxN && start + length <= text.length; length++) {
      hash ^= text.charCodeAt(start + length - 1);
      hash = Math.imul(hash, 0x01000193);
      if (length >= minN) {
        // The n-gram length is folded in so "abc" and "abcd" never share a bucket by construction.
        const bucket = (Math.imul(hash ^ length, 0x9e3779b1) >>> 0) & mask;
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/**
 * Creates the lexical embedder. Its `id` encodes every option (e.g. `lexical:char-3-5:hash-2^18:tfidf`), so a
 * report made with other settings is recognisably different.
 */
export function createLexicalEmbedder(options: LexicalEmbedderOptions = {}): Embedder {
  const minN = options.minN ?? 3;
  const maxN = options.maxN ?? 5;
  const hashBits = options.hashBits ?? 18;
  const useIdf = options.idf ?? true;
  assertInteger(minN, 'minN', 1, 16);
  assertInteger(maxN, 'maxN', minN, 16);
  assertInteger(hashBits, 'hashBits', 8, 24);
  const dimensions = 2 ** hashBits;
  const mask = dimensions - 1;
  const id = `lexical:char-${minN}-${maxN}:hash-2^${hashBits}:${useIdf ? 'tfidf' : 'tf'}`;

  async function embed(texts: readonly string[]): Promise<EmbeddingVector[]> {
    const counts = texts.map((text, index) => {
      if (typeof text !== 'string') throw new TypeError(`lexical embedder: text ${index} is not a string`);
      return hashedNgramCounts(normalizeForLexical(text), minN, maxN, mask);
    });
    const documentFrequency = new Map<number, number>();
    if (useIdf) {
      for (const textCounts of counts) {
        for (const bucket of textCounts.keys())
          documentFrequency.set(bucket, (documentFrequency.get(bucket) ?? 0) + 1);
      }
    }
    const documents = texts.length;
    return counts.map((textCounts): SparseVector => {
      const indices = Uint32Array.from(textCounts.keys()).sort();
      const values = new Float64Array(indices.length);
      let squaredNorm = 0;
      for (let k = 0; k < indices.length; k++) {
        const tf = 1 + Math.log(textCounts.get(indices[k]) ?? 1);
        const idf = useIdf
          ? Math.log((1 + documents) / (1 + (documentFrequency.get(indices[k]) ?? 0))) + 1
          : 1;
        values[k] = tf * idf;
        squaredNorm += values[k] * values[k];
      }
      const norm = Math.sqrt(squaredNorm);
      if (norm > 0) for (let k = 0; k < values.length; k++) values[k] /= norm;
      return { kind: 'sparse', dimensions, indices, values };
    });
  }

  return { id, kind: 'lexical', dimensions, batchDependent: true, embed };
}
