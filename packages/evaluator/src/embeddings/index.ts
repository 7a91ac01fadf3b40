/**
 * Embedders for semantic drift: the `Embedder` contract, the offline lexical embedder, the OpenAI-compatible
 * embedder, and the on-disk cache. See "Output quality" in the package README.
 */
export {
  DEFAULT_EMBEDDING_CACHE_DIR,
  type EmbeddingCacheOptions,
  embeddingCacheFolder,
  withEmbeddingCache,
} from './cache.js';
export { createLexicalEmbedder, type LexicalEmbedderOptions, normalizeForLexical } from './lexical.js';
export { createOpenAIEmbedder, type OpenAIEmbedderOptions, type OpenAIEmbeddingsClient } from './openai.js';
export { type Embedder, type EmbeddingVector, isSparse, type SparseVector } from './types.js';
export { cosineSimilarity } from './vectors.js';
