/**
 * The `quality` section of the drift config: output-quality metrics from captured output text (JSON validity,
 * per-prompt schema match, empty and duplicate answers, length, repetition, distinct-n, semantic drift, an
 * optional LLM judge). Defaults are documented in the README and in `defaultQualityConfig`.
 */
import { bool, checkKeys, fail, num, object, strings, text, type Where } from './config-fields.js';
import { DEFAULT_EMBEDDING_CACHE_DIR } from './embeddings/cache.js';
import { assertSupportedSchema, type JsonSchema } from './quality/json-schema.js';
import { DEFAULT_JUDGE_CACHE_DIR } from './quality/judge.js';

/** An OpenAI-compatible embeddings endpoint (OpenAI, Azure, a local server). */
export interface OpenAIEmbedderConfig {
  type: 'openai';
  model: string;
  /** Default `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. */
  baseURL?: string;
  /** Environment variable holding the API key. Default `OPENAI_API_KEY`. */
  apiKeyEnv: string;
  dimensions?: number;
}

/** An LLM judge on an OpenAI-compatible chat endpoint (library users can pass any `Judge` instead). */
export interface JudgeConfig {
  model: string;
  /** What a good output is; the judge scores 1-5 against it and says pass/fail. */
  rubric: string;
  baseURL?: string;
  /** Environment variable holding the API key. Default `OPENAI_API_KEY`. */
  apiKeyEnv: string;
  /** Outputs judged per segment per window (a seeded subsample). Default 100. */
  maxSamples: number;
  /** Verdict cache folder, or false. Default `.sightline/cache/judge`. */
  cacheDir: string | false;
}

/** Output-quality settings. */
export interface QualityConfig {
  /** Compare output quality at all (needs captured output text). Default true. */
  enabled: boolean;
  /** JSON schema per prompt name: enables `schema_match_rate` for that prompt's calls. Default none. */
  schemas: Record<string, JsonSchema>;
  /** Embedder of `semantic_drift` / `pairwise_similarity`: `lexical` (default, offline), an endpoint, or false. */
  embedder: 'lexical' | OpenAIEmbedderConfig | false;
  /** Embedding cache folder, or false. Default `.sightline/cache/embeddings` (the lexical embedder is never cached). */
  embeddingCacheDir: string | false;
  /** Output texts kept per segment per window (seeded reservoir sample). Default 2000. */
  maxOutputs: number;
  semantic: {
    /** Texts per window embedded for semantic drift (seeded subsample). Default 500. */
    maxSamples: number;
    /** Permutations of the MMD, similarity and distinct-n tests. Default 500. */
    permutations: number;
  };
  judge?: JudgeConfig;
}

/** The defaults of the `quality` section. */
export function defaultQualityConfig(): QualityConfig {
  return {
    enabled: true,
    schemas: {},
    embedder: 'lexical',
    embeddingCacheDir: DEFAULT_EMBEDDING_CACHE_DIR,
    maxOutputs: 2000,
    semantic: { maxSamples: 500, permutations: 500 },
  };
}

const QUALITY_KEYS = [
  'enabled',
  'schemas',
  'refusalPhrases',
  'embedder',
  'embeddingCacheDir',
  'maxOutputs',
  'semantic',
  'judge',
];

function resolveEmbedder(where: Where, value: unknown): QualityConfig['embedder'] {
  if (value === 'lexical' || value === false) return value;
  if (typeof value === 'string')
    fail(
      where,
      'quality.embedder',
      `expected "lexical", false or { type: "openai", model, ... }, got "${value}"`,
    );
  const raw = object(where, 'quality.embedder', value);
  checkKeys(where, 'quality.embedder', raw, ['type', 'model', 'baseURL', 'apiKeyEnv', 'dimensions']);
  if (raw.type !== 'openai') fail(where, 'quality.embedder.type', 'expected "openai"');
  return {
    type: 'openai',
    model: text(where, 'quality.embedder.model', raw.model),
    ...(raw.baseURL === undefined ? {} : { baseURL: text(where, 'quality.embedder.baseURL', raw.baseURL) }),
    apiKeyEnv:
      raw.apiKeyEnv === undefined
        ? 'OPENAI_API_KEY'
        : text(where, 'quality.embedder.apiKeyEnv', raw.apiKeyEnv),
    ...(raw.dimensions === undefined
      ? {}
      : { dimensions: num(where, 'quality.embedder.dimensions', raw.dimensions, 1, 1e6, true) }),
  };
}

function resolveJudge(where: Where, value: unknown): JudgeConfig {
  const raw = object(where, 'quality.judge', value);
  checkKeys(where, 'quality.judge', raw, [
    'model',
    'rubric',
    'baseURL',
    'apiKeyEnv',
    'maxSamples',
    'cacheDir',
  ]);
  const cacheDir =
    raw.cacheDir === false
      ? false
      : raw.cacheDir === undefined
        ? DEFAULT_JUDGE_CACHE_DIR
        : text(where, 'quality.judge.cacheDir', raw.cacheDir);
  return {
    model: text(where, 'quality.judge.model', raw.model),
    rubric: text(where, 'quality.judge.rubric', raw.rubric),
    ...(raw.baseURL === undefined ? {} : { baseURL: text(where, 'quality.judge.baseURL', raw.baseURL) }),
    apiKeyEnv:
      raw.apiKeyEnv === undefined ? 'OPENAI_API_KEY' : text(where, 'quality.judge.apiKeyEnv', raw.apiKeyEnv),
    maxSamples:
      raw.maxSamples === undefined
        ? 100
        : num(where, 'quality.judge.maxSamples', raw.maxSamples, 2, 1e6, true),
    cacheDir,
  };
}

/**
 * Validates the `quality` section over the defaults. Returns the settings and the section's `refusalPhrases`
 * (the caller merges them into the one refusal matcher of the run).
 */
export function resolveQualityConfig(
  where: Where,
  value: unknown,
): { quality: QualityConfig; refusalPhrases?: string[] } {
  const quality = defaultQualityConfig();
  if (value === undefined) return { quality };
  const raw = object(where, 'quality', value);
  checkKeys(where, 'quality', raw, QUALITY_KEYS);
  if (raw.enabled !== undefined) quality.enabled = bool(where, 'quality.enabled', raw.enabled);
  if (raw.schemas !== undefined) {
    const schemas = object(where, 'quality.schemas', raw.schemas);
    for (const [prompt, schema] of Object.entries(schemas)) {
      try {
        assertSupportedSchema(schema);
      } catch (error) {
        fail(where, `quality.schemas.${prompt}`, (error as Error).message);
      }
      quality.schemas[prompt] = schema;
    }
  }
  if (raw.embedder !== undefined) quality.embedder = resolveEmbedder(where, raw.embedder);
  if (raw.embeddingCacheDir !== undefined)
    quality.embeddingCacheDir =
      raw.embeddingCacheDir === false
        ? false
        : text(where, 'quality.embeddingCacheDir', raw.embeddingCacheDir);
  if (raw.maxOutputs !== undefined)
    quality.maxOutputs = num(where, 'quality.maxOutputs', raw.maxOutputs, 10, 1e7, true);
  if (raw.semantic !== undefined) {
    const semantic = object(where, 'quality.semantic', raw.semantic);
    checkKeys(where, 'quality.semantic', semantic, ['maxSamples', 'permutations']);
    if (semantic.maxSamples !== undefined)
      quality.semantic.maxSamples = num(
        where,
        'quality.semantic.maxSamples',
        semantic.maxSamples,
        2,
        1e5,
        true,
      );
    if (semantic.permutations !== undefined)
      quality.semantic.permutations = num(
        where,
        'quality.semantic.permutations',
        semantic.permutations,
        1,
        1e6,
        true,
      );
  }
  if (raw.judge !== undefined) quality.judge = resolveJudge(where, raw.judge);
  const refusalPhrases =
    raw.refusalPhrases === undefined
      ? undefined
      : strings(where, 'quality.refusalPhrases', raw.refusalPhrases);
  return { quality, ...(refusalPhrases ? { refusalPhrases } : {}) };
}
