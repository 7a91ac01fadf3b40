/**
 * The embedder contract used by semantic drift and mean pairwise similarity. Vectors may be dense (a provider's
 * float array) or sparse (the lexical embedder's hashed features, which live in a 2^18-dimensional space where
 * a dense array per text would cost a megabyte).
 */

/** A sparse vector: strictly increasing `indices` with their `values`, in a space of `dimensions`. */
export interface SparseVector {
  readonly kind: 'sparse';
  readonly dimensions: number;
  readonly indices: Uint32Array;
  readonly values: Float64Array;
}

/** One embedding: a dense array (`Float32Array` or `number[]`) or a `SparseVector`. */
export type EmbeddingVector = Float32Array | Float64Array | readonly number[] | SparseVector;

/**
 * Turns texts into vectors. Implementations: `createLexicalEmbedder` (offline, lexical) and
 * `createOpenAIEmbedder` (any OpenAI-compatible `/embeddings` endpoint, semantic).
 */
export interface Embedder {
  /**
   * Stable identity pinned in every report, e.g. `lexical:char-3-5:hash-2^18:tfidf` or
   * `openai:text-embedding-3-small@https://api.openai.com/v1`. Two runs are comparable only when it is equal:
   * a changed embedder is not drift.
   */
  readonly id: string;
  /** `lexical` vectors measure shared character n-grams, not meaning; reports must say so. */
  readonly kind: 'lexical' | 'semantic';
  /** Vector length when known in advance. */
  readonly dimensions?: number;
  /**
   * True when a text's vector depends on the other texts of the same call (TF-IDF weights fit on the batch).
   * Such an embedder must be called once with every text to compare, and its vectors are never cached.
   */
  readonly batchDependent?: boolean;
  /** One vector per text, in input order. */
  embed(texts: readonly string[]): Promise<EmbeddingVector[]>;
}

/** True for a `SparseVector`. */
export function isSparse(vector: EmbeddingVector): vector is SparseVector {
  return (vector as SparseVector).kind === 'sparse';
}
