/**
 * The one registry mapping model ids to tokenizers, and the lazy loader of tiktoken.
 *
 * Why lazy: tiktoken is a WASM module (a few MB of vocabulary per encoding). Most apps import `@sightline/core`
 * for chains and prompts and never count a token, so loading it at import time would tax every start-up. The
 * module is required synchronously on the first count (tiktoken's Node entry instantiates its WASM
 * synchronously), so counting stays a synchronous API.
 *
 * Encoders are cached per encoding and never freed: counters are long-lived and shared, and freeing an encoder
 * that another counter still holds would turn every later count into a WASM use-after-free. The cost is bounded:
 * at most one encoder per encoding (two in practice, `o200k_base` and `cl100k_base`), a few MB each.
 */
import { createRequire } from 'node:module';
import { canonicalModelIds } from '../models/index.js';

/** The tiktoken encodings Sightline uses. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** How tokens are counted for one model. */
export interface TokenizerSpec {
  /** tiktoken encoding used for text. */
  encoding: EncodingName;
  /** `true` when the encoding is the model's own (OpenAI models); `false` for approximations. */
  exact: boolean;
  /**
   * Multiplier applied to text token counts (rounded up), a safety margin for approximations: over-counting
   * makes `fitContext` drop a little early, under-counting makes the provider reject the call.
   */
  scale: number;
  /** Tokens added per message for its framing (OpenAI: 3, `<|start|>{role}\n ... <|end|>`). */
  tokensPerMessage: number;
  /** Tokens added when a message has a `name`. */
  tokensPerName: number;
  /** Tokens added once per request: every reply is primed with `<|start|>assistant<|message|>` (3). */
  replyPriming: number;
  /** Where the spec came from, for documentation and debugging (`openai`, `anthropic-approx`, `fallback`). */
  source: string;
}

/**
 * OpenAI chat framing, as the OpenAI cookbook "How to count tokens with tiktoken" counts it
 * (openai/openai-cookbook, examples/How_to_count_tokens_with_tiktoken.ipynb, `num_tokens_from_messages`):
 * 3 tokens per message, 1 more per `name`, 3 to prime the reply. The cookbook checks these against the
 * `prompt_tokens` the API reported for its example messages (129 for gpt-3.5-turbo / gpt-4, 124 for gpt-4o /
 * gpt-4o-mini); those figures are this module's test fixtures.
 */
const OPENAI_FRAMING = { tokensPerMessage: 3, tokensPerName: 1, replyPriming: 3 } as const;

const O200K: TokenizerSpec = {
  encoding: 'o200k_base',
  exact: true,
  scale: 1,
  ...OPENAI_FRAMING,
  source: 'openai',
};
const CL100K: TokenizerSpec = {
  encoding: 'cl100k_base',
  exact: true,
  scale: 1,
  ...OPENAI_FRAMING,
  source: 'openai',
};

/**
 * Anthropic does not publish its tokenizer. cl100k_base is the closest public BPE vocabulary of similar size;
 * on English prose and code Claude's reported `input_tokens` run somewhat above the cl100k count, so text
 * counts are scaled by 1.1 (rounded up) and each message gets 4 framing tokens (role markers), a conservative
 * choice: fitting then drops slightly early rather than sending a request the API rejects. For exact figures
 * use `countTokensWithClient` with an Anthropic client (the provider's count_tokens endpoint).
 */
const ANTHROPIC_APPROX: TokenizerSpec = {
  encoding: 'cl100k_base',
  exact: false,
  scale: 1.1,
  tokensPerMessage: 4,
  tokensPerName: 0,
  replyPriming: 3,
  source: 'anthropic-approx',
};

/** Unknown models: the newest OpenAI encoding with OpenAI framing and a 10% margin, flagged inexact. */
const FALLBACK: TokenizerSpec = { ...O200K, exact: false, scale: 1.1, source: 'fallback' };

/** Prefix rules, most specific first (`gpt-4o` before `gpt-4`). Matched against canonical model ids. */
const RULES: [prefix: string, spec: TokenizerSpec][] = [
  ['gpt-4o', O200K],
  ['chatgpt-4o', O200K],
  ['gpt-4.1', O200K],
  ['gpt-4.5', O200K],
  ['gpt-5', O200K],
  ['o1', O200K],
  ['o3', O200K],
  ['o4', O200K],
  ['gpt-4', CL100K],
  ['gpt-3.5', CL100K],
  ['gpt-35', CL100K],
  ['text-embedding-3', CL100K],
  ['text-embedding-ada-002', CL100K],
  ['claude', ANTHROPIC_APPROX],
];

const userRules: [prefix: string, spec: TokenizerSpec][] = [];

/**
 * Adds or replaces the tokenizer for every model id starting with `prefix` (case-insensitive; checked before
 * the built-in rules). Use it for fine-tunes or new models: `registerTokenizer('ft:gpt-4o', { encoding:
 * 'o200k_base' })`. Missing fields default to OpenAI framing, exact counting.
 */
export function registerTokenizer(
  prefix: string,
  spec: Partial<TokenizerSpec> & { encoding: EncodingName },
): void {
  if (!prefix.trim()) throw new TypeError('registerTokenizer: "prefix" must be a non-empty string');
  if (spec.encoding !== 'o200k_base' && spec.encoding !== 'cl100k_base') {
    throw new TypeError(`registerTokenizer(${prefix}): "encoding" must be "o200k_base" or "cl100k_base"`);
  }
  const full: TokenizerSpec = { ...O200K, source: 'user', ...spec };
  const lower = prefix.trim().toLowerCase();
  const existing = userRules.findIndex(([p]) => p === lower);
  if (existing >= 0) userRules.splice(existing, 1);
  userRules.push([lower, full]);
  // Longest prefix first, so a specific registration wins over a broad one.
  userRules.sort((a, b) => b[0].length - a[0].length);
}

/** The tokenizer spec for a model id (dated snapshots, provider prefixes and aliases are normalised). */
export function tokenizerFor(model: string): TokenizerSpec {
  for (const candidate of canonicalModelIds(model)) {
    for (const [prefix, spec] of userRules) if (candidate.startsWith(prefix)) return spec;
    for (const [prefix, spec] of RULES) if (candidate.startsWith(prefix)) return spec;
  }
  return FALLBACK;
}

// ---- lazy tiktoken ------------------------------------------------------------------------------------------

/** The part of a tiktoken `Tiktoken` encoder that Sightline uses. */
export interface TiktokenEncoder {
  encode_ordinary(text: string): Uint32Array;
  decode(tokens: Uint32Array): Uint8Array;
}

interface TiktokenModule {
  get_encoding(name: EncodingName): TiktokenEncoder;
}

const stats = { tiktokenLoaded: false, encodeCalls: 0, encodedChars: 0 };
let tiktoken: TiktokenModule | undefined;
const encoders = new Map<EncodingName, TiktokenEncoder>();

/**
 * A `require` rooted at this module, created on first use only. `import.meta.url` works in both builds: tsup's
 * `shims` option rewrites it for the CJS output (see tsup.shared.ts).
 */
function nodeRequire(): NodeRequire {
  return createRequire(import.meta.url);
}

function loadTiktoken(): TiktokenModule {
  if (!tiktoken) {
    // A variable module name keeps bundlers from inlining or hoisting the load.
    const name = 'tiktoken';
    tiktoken = nodeRequire()(name) as TiktokenModule;
    stats.tiktokenLoaded = true;
  }
  return tiktoken;
}

/** The cached encoder for an encoding, loading tiktoken on first use. Never freed (see the module comment). */
export function encoderFor(encoding: EncodingName): TiktokenEncoder {
  let encoder = encoders.get(encoding);
  if (!encoder) {
    encoder = loadTiktoken().get_encoding(encoding);
    encoders.set(encoding, encoder);
  }
  return encoder;
}

/**
 * Raw token count of `text` under `encoding`. Special-token text such as `<|endoftext|>` is counted as
 * ordinary text (as the APIs treat user content) and never throws.
 */
export function encodeLength(encoding: EncodingName, text: string): number {
  if (text.length === 0) return 0;
  stats.encodeCalls++;
  stats.encodedChars += text.length;
  return encoderFor(encoding).encode_ordinary(text).length;
}

const utf8 = new TextDecoder();

/** The longest prefix of `text` that encodes to at most `maxTokens` raw tokens (a token boundary). */
export function truncateToTokens(encoding: EncodingName, text: string, maxTokens: number): string {
  const encoder = encoderFor(encoding);
  stats.encodeCalls++;
  stats.encodedChars += text.length;
  const tokens = encoder.encode_ordinary(text);
  if (tokens.length <= maxTokens) return text;
  // A cut inside a multi-byte character decodes to U+FFFD: drop it rather than send a broken character.
  return utf8.decode(encoder.decode(tokens.subarray(0, Math.max(0, maxTokens)))).replace(/\uFFFD+$/, '');
}

/** Process-wide tokenizer figures: whether tiktoken is loaded, encode calls and characters encoded so far. */
export interface TokenizerStats {
  readonly tiktokenLoaded: boolean;
  readonly encodeCalls: number;
  readonly encodedChars: number;
}

/** A snapshot of the process-wide tokenizer figures (for tests, benchmarks and debugging). */
export function tokenizerStats(): TokenizerStats {
  return { ...stats };
}
