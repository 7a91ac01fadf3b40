/**
 * Semantic embeddings from any OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure OpenAI, a local
 * embedding server such as one speaking the OpenAI wire format) through the official `openai` client.
 * `openai` is an optional peer dependency, imported lazily on first use, so the evaluator works without it
 * unless this embedder is used without a `client`.
 */
import type { Embedder, EmbeddingVector } from './types.js';

/** The part of an `openai` client this embedder uses (an `OpenAI` or `AzureOpenAI` instance fits). */
export interface OpenAIEmbeddingsClient {
  baseURL?: string;
  embeddings: {
    create(body: {
      model: string;
      input: string[];
      dimensions?: number;
    }): PromiseLike<{ data: { embedding: number[] | string; index: number }[] }>;
  };
}

/** Options of `createOpenAIEmbedder`. */
export interface OpenAIEmbedderOptions {
  /** Embedding model, e.g. `text-embedding-3-small` (required). */
  model: string;
  /** A ready client (e.g. `new AzureOpenAI(...)`); when absent one is built from `baseURL` and `apiKey`. */
  client?: OpenAIEmbeddingsClient;
  /** Base URL of the API. Default: `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. */
  baseURL?: string;
  /** API key. Default: `OPENAI_API_KEY`. */
  apiKey?: string;
  /** Requested vector length (models that support shortening, e.g. text-embedding-3-*). */
  dimensions?: number;
  /** Texts per request. Default 100 (OpenAI accepts up to 2048). */
  batchSize?: number;
  /** Retries of the built client on 429/5xx. Default: the SDK's (2). */
  maxRetries?: number;
}

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

async function buildClient(options: OpenAIEmbedderOptions, baseURL: string): Promise<OpenAIEmbeddingsClient> {
  let module: { default: new (init: Record<string, unknown>) => OpenAIEmbeddingsClient };
  try {
    module = (await import('openai')) as unknown as typeof module;
  } catch (error) {
    throw new Error(
      `createOpenAIEmbedder: the "openai" package is needed for model ${options.model} (npm install openai), or pass { client }: ${(error as Error).message}`,
    );
  }
  return new module.default({
    baseURL,
    apiKey: options.apiKey ?? process.env.OPENAI_API_KEY,
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
}

/**
 * Creates an embedder for an OpenAI-compatible endpoint. Its id is
 * `openai:<model>[:<dimensions>d]@<baseURL>`, so switching model, size or server is visible in reports and never
 * reuses cached vectors. Requests go in batches of `batchSize`, in order; vectors come back in input order.
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  if (typeof options.model !== 'string' || options.model.length === 0) {
    throw new TypeError('createOpenAIEmbedder: options.model must be a non-empty string');
  }
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 2048) {
    throw new RangeError(`createOpenAIEmbedder: batchSize must be an integer in [1, 2048], got ${batchSize}`);
  }
  const { dimensions } = options;
  if (dimensions !== undefined && !(Number.isInteger(dimensions) && dimensions > 0)) {
    throw new RangeError(`createOpenAIEmbedder: dimensions must be a positive integer, got ${dimensions}`);
  }
  const baseURL = (
    options.client?.baseURL ??
    options.baseURL ??
    process.env.OPENAI_BASE_URL ??
    DEFAULT_BASE_URL
  ).replace(/\/+$/, '');
  const id = `openai:${options.model}${dimensions === undefined ? '' : `:${dimensions}d`}@${baseURL}`;
  let clientPromise: Promise<OpenAIEmbeddingsClient> | undefined;

  async function embed(texts: readonly string[]): Promise<EmbeddingVector[]> {
    clientPromise ??= options.client ? Promise.resolve(options.client) : buildClient(options, baseURL);
    const client = await clientPromise;
    const vectors: EmbeddingVector[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      const input = texts.slice(start, start + batchSize);
      const response = await client.embeddings.create({
        model: options.model,
        input,
        ...(dimensions === undefined ? {} : { dimensions }),
      });
      const byIndex = [...response.data].sort((a, b) => a.index - b.index);
      if (byIndex.length !== input.length) {
        throw new Error(`${id}: got ${byIndex.length} embeddings for ${input.length} inputs`);
      }
      for (const item of byIndex) {
        if (!Array.isArray(item.embedding)) {
          throw new Error(`${id}: embedding ${start + item.index} is not a float array (encoding_format?)`);
        }
        vectors.push(Float32Array.from(item.embedding));
      }
    }
    return vectors;
  }

  return { id, kind: 'semantic', ...(dimensions === undefined ? {} : { dimensions }), embed };
}
