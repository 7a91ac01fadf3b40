/**
 * On-disk embedding cache, so re-running a comparison embeds (and pays for) nothing it has embedded before.
 * Key: sha256(embedder id, text). Layout: `<dir>/<embedder-slug>-<12 hex of sha256(id)>/<shard>.jsonl`, one line
 * per text with its vector as base64 little-endian float32 (what providers return anyway). The embedder id is
 * part of the key, so a changed model, dimension count or base URL never reads another embedder's vectors.
 */
import { join } from 'node:path';
import { openDiskStore, sha256Hex } from './disk-store.js';
import { type Embedder, type EmbeddingVector, isSparse } from './types.js';

/** Default cache folder, relative to the working directory. */
export const DEFAULT_EMBEDDING_CACHE_DIR = '.sightline/cache/embeddings';

/** Options of `withEmbeddingCache`. */
export interface EmbeddingCacheOptions {
  /** Cache root. Default `.sightline/cache/embeddings`. */
  dir?: string;
}

function encodeVector(vector: EmbeddingVector): string {
  const floats = Float32Array.from(vector as ArrayLike<number>);
  const bytes = Buffer.alloc(floats.length * 4);
  for (let k = 0; k < floats.length; k++) bytes.writeFloatLE(floats[k], k * 4);
  return bytes.toString('base64');
}

function decodeVector(encoded: string): Float32Array {
  const bytes = Buffer.from(encoded, 'base64');
  const floats = new Float32Array(bytes.length / 4);
  for (let k = 0; k < floats.length; k++) floats[k] = bytes.readFloatLE(k * 4);
  return floats;
}

/** The cache folder used for one embedder id. */
export function embeddingCacheFolder(root: string, embedderId: string): string {
  const slug = embedderId.replace(/[^a-zA-Z0-9._-]+/g, '_').slice(0, 60);
  return join(root, `${slug}-${sha256Hex(embedderId).slice(0, 12)}`);
}

/**
 * Wraps an embedder with the disk cache. Only missing texts (deduplicated) reach the wrapped embedder, in one
 * `embed()` call. Batch-dependent embedders (the lexical one) are returned unchanged: their vectors depend on
 * the batch, so caching them per text would be wrong, and they are cheap anyway.
 */
export function withEmbeddingCache(embedder: Embedder, options: EmbeddingCacheOptions = {}): Embedder {
  if (embedder.batchDependent) return embedder;
  const store = openDiskStore(embeddingCacheFolder(options.dir ?? DEFAULT_EMBEDDING_CACHE_DIR, embedder.id));

  async function embed(texts: readonly string[]): Promise<EmbeddingVector[]> {
    const keys = texts.map((text) => sha256Hex(embedder.id, text));
    const result: (EmbeddingVector | undefined)[] = await Promise.all(
      keys.map(async (key) => {
        const hit = await store.get(key);
        return hit === undefined ? undefined : decodeVector(hit);
      }),
    );
    const missing = new Map<string, string>();
    keys.forEach((key, index) => {
      if (result[index] === undefined && !missing.has(key)) missing.set(key, texts[index]);
    });
    if (missing.size > 0) {
      const missingKeys = [...missing.keys()];
      const vectors = await embedder.embed([...missing.values()]);
      if (vectors.length !== missingKeys.length) {
        throw new Error(
          `embedding cache: ${embedder.id} returned ${vectors.length} vectors for ${missingKeys.length} texts`,
        );
      }
      const fresh = new Map<string, EmbeddingVector>();
      const encoded = new Map<string, string>();
      missingKeys.forEach((key, index) => {
        const vector = vectors[index];
        if (isSparse(vector)) throw new Error(`embedding cache: ${embedder.id} returned a sparse vector`);
        const value = encodeVector(vector);
        encoded.set(key, value);
        // Return what a re-run will read back (float32), so first runs and re-runs give identical results.
        fresh.set(key, decodeVector(value));
      });
      await store.setMany(encoded);
      keys.forEach((key, index) => {
        if (result[index] === undefined) result[index] = fresh.get(key);
      });
    }
    return result as EmbeddingVector[];
  }

  return {
    id: embedder.id,
    kind: embedder.kind,
    ...(embedder.dimensions === undefined ? {} : { dimensions: embedder.dimensions }),
    embed,
  };
}
