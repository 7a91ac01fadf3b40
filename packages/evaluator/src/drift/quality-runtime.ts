/**
 * Builds the embedder and the LLM judge of a run from the `quality` config section, unless the caller passes
 * its own. Nothing here runs at import time: the `openai` client (an optional peer dependency) is loaded only
 * when a configured endpoint is actually used.
 */
import type { EvaluatorConfig } from '../config.js';
import { withEmbeddingCache } from '../embeddings/cache.js';
import { createLexicalEmbedder } from '../embeddings/lexical.js';
import { createOpenAIEmbedder } from '../embeddings/openai.js';
import type { Embedder } from '../embeddings/types.js';
import { InputError } from '../errors.js';
import { createJudge, type Judge, type OpenAIChatClient } from '../quality/judge.js';

/** What a run may bring instead of the configured embedder and judge (`null` turns one off). */
export interface QualityRuntime {
  /** Embedder of `semantic_drift` / `pairwise_similarity`. Default: from `quality.embedder`. */
  embedder?: Embedder | null;
  /** LLM judge of `judge_pass_rate` / `judge_score`. Default: from `quality.judge`. */
  judge?: Judge | null;
}

/** The run's embedder (cached on disk unless it is batch-dependent or the cache is off), or null. */
export function resolveEmbedder(config: EvaluatorConfig, runtime: QualityRuntime = {}): Embedder | null {
  const { quality } = config;
  if (!quality.enabled) return null;
  let embedder: Embedder | null;
  if (runtime.embedder !== undefined) embedder = runtime.embedder;
  else if (quality.embedder === false) embedder = null;
  else if (quality.embedder === 'lexical') embedder = createLexicalEmbedder();
  else {
    const settings = quality.embedder;
    embedder = createOpenAIEmbedder({
      model: settings.model,
      ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
      ...(process.env[settings.apiKeyEnv] ? { apiKey: process.env[settings.apiKeyEnv] } : {}),
      ...(settings.dimensions ? { dimensions: settings.dimensions } : {}),
    });
  }
  if (!embedder || quality.embeddingCacheDir === false) return embedder;
  return withEmbeddingCache(embedder, { dir: quality.embeddingCacheDir });
}

async function openAIChatClient(
  baseURL: string | undefined,
  apiKey: string | undefined,
): Promise<OpenAIChatClient> {
  let module: { default: new (init: Record<string, unknown>) => OpenAIChatClient };
  try {
    module = (await import('openai')) as unknown as typeof module;
  } catch (error) {
    throw new InputError(
      `the "openai" package is needed for the configured judge (npm install openai): ${(error as Error).message}`,
      { field: 'drift.quality.judge' },
    );
  }
  return new module.default({ ...(baseURL ? { baseURL } : {}), apiKey });
}

/** The run's judge, or null. A configured judge needs its API key variable set. */
export async function resolveJudge(
  config: EvaluatorConfig,
  runtime: QualityRuntime = {},
): Promise<Judge | null> {
  if (!config.quality.enabled) return null;
  if (runtime.judge !== undefined) return runtime.judge;
  const settings = config.quality.judge;
  if (!settings) return null;
  const apiKey = process.env[settings.apiKeyEnv];
  if (!apiKey)
    throw new InputError(`environment variable ${settings.apiKeyEnv} is not set (the judge's API key)`, {
      field: 'drift.quality.judge.apiKeyEnv',
    });
  const client = await openAIChatClient(settings.baseURL, apiKey);
  return createJudge({ client, model: settings.model, rubric: settings.rubric, cacheDir: settings.cacheDir });
}
