/**
 * Token counters with memoised per-message counts, so re-counting a growing conversation costs O(new messages):
 * each message object's count is kept in a WeakMap (collected with the message), and each text's count in a
 * bounded LRU keyed by the text (so a copied message with the same text, or the same tool result sent again,
 * is not re-encoded either).
 */

import { TextCountCache } from './lru.js';
import {
  type ChatMessageLike,
  type CostVisitor,
  messageName,
  type SystemPromptLike,
  visitContent,
  visitMessage,
} from './messages.js';
import { encodeLength, type TokenizerSpec, tokenizerFor, truncateToTokens } from './registry.js';

/** What one counter did, for tests and benchmarks. */
export interface TokenCounterStats {
  /** Texts actually encoded by tiktoken. */
  encodeCalls: number;
  /** Messages whose count came from the per-message cache. */
  messageCacheHits: number;
  /** Texts whose count came from the text LRU. */
  textCacheHits: number;
}

export interface CountMessagesOptions {
  /** Anthropic's top-level `system` (string or text blocks), counted as one more message. */
  system?: SystemPromptLike;
}

/**
 * Counts tokens for one model. Counts are exact for OpenAI models (tiktoken with the model's encoding and the
 * cookbook's chat framing) and documented approximations otherwise (`tokenizer.exact === false`).
 *
 * Memoised per message object, and safe under in-place edits: a cached count is reused only when the message
 * still has the same role, name, texts and non-text parts (checked without encoding), so a message whose
 * content is edited or appended to after being counted is counted again, never returned stale.
 */
export interface TokenCounter {
  readonly model: string;
  readonly tokenizer: TokenizerSpec;
  /** Tokens of a plain text (scaled for approximations). */
  countText(text: string): number;
  /** Tokens of one message including its framing (`tokensPerMessage`, role, name). */
  countMessage(message: ChatMessageLike): number;
  /** Tokens of a request's messages: every message, the optional system prompt, and the reply priming. */
  countMessages(messages: readonly ChatMessageLike[], options?: CountMessagesOptions): number;
  /** Tokens of an Anthropic top-level system prompt, framed as one message. */
  countSystem(system: SystemPromptLike): number;
  /** The longest prefix of `text` whose count is at most `maxTokens` (cut on a token boundary). */
  truncateText(text: string, maxTokens: number): string;
  readonly stats: Readonly<TokenCounterStats>;
}

export interface TokenCounterOptions {
  /** Override the tokenizer chosen from the model id. */
  tokenizer?: TokenizerSpec;
  /** Entries kept in the text LRU (default 4,096). */
  maxCachedTexts?: number;
  /** Total characters kept in the text LRU (default 8,000,000, about 16 MB). */
  maxCachedChars?: number;
}

/** One piece a message's count was made of, in visiting order: a text, or a fixed estimate. */
type Piece = string | number;

interface MessageMemo {
  role: string;
  name: string | undefined;
  /**
   * Every text and fixed estimate the count was made of. A cached count is reused only when a fresh walk of the
   * message visits the same pieces, so an in-place edit (a part pushed onto `content`, a part's `text` or a tool
   * call's `arguments` changed) is re-counted instead of returning a stale figure. The walk encodes nothing, and
   * unchanged strings compare by pointer first, so validation costs about one step per part, not per character.
   */
  pieces: Piece[];
  tokens: number;
}

/** Creates a counter for `model`. Counters are cheap; tiktoken loads on the first count, not here. */
export function createTokenCounter(model: string, options: TokenCounterOptions = {}): TokenCounter {
  if (typeof model !== 'string' || model.trim() === '') {
    throw new TypeError(
      `Sightline token counting: "model" must be a model id string (got ${describe(model)})`,
    );
  }
  const spec = options.tokenizer ?? tokenizerFor(model);
  const texts = new TextCountCache(options.maxCachedTexts ?? 4096, options.maxCachedChars ?? 8_000_000);
  const memo = new WeakMap<object, MessageMemo>();
  const stats: TokenCounterStats = { encodeCalls: 0, messageCacheHits: 0, textCacheHits: 0 };

  /** Raw (unscaled) tokens of a text, through the LRU. */
  const rawText = (text: string): number => {
    if (text.length === 0) return 0;
    const cached = texts.get(text);
    if (cached !== undefined) {
      stats.textCacheHits++;
      return cached;
    }
    stats.encodeCalls++;
    const count = encodeLength(spec.encoding, text);
    texts.set(text, count);
    return count;
  };

  const scaled = (raw: number): number => (spec.scale === 1 ? raw : Math.ceil(raw * spec.scale));

  // Reusable visitors: summing into closure variables avoids allocating per message.
  let rawSum = 0;
  let fixedSum = 0;
  /** Where the summing visitor records pieces (while computing a message's count), else `undefined`. */
  let recording: Piece[] | undefined;
  const visitor: CostVisitor = {
    text: (text) => {
      recording?.push(text);
      rawSum += rawText(text);
    },
    fixed: (tokens) => {
      recording?.push(tokens);
      fixedSum += tokens;
    },
  };

  let expected: readonly Piece[] = [];
  let cursor = 0;
  let unchanged = true;
  const comparer: CostVisitor = {
    text: (text) => {
      if (unchanged && expected[cursor++] !== text) unchanged = false;
    },
    fixed: (tokens) => {
      if (unchanged && expected[cursor++] !== tokens) unchanged = false;
    },
  };
  const visitsSamePieces = (message: ChatMessageLike, pieces: readonly Piece[]): boolean => {
    expected = pieces;
    cursor = 0;
    unchanged = true;
    visitMessage(message, comparer);
    expected = [];
    return unchanged && cursor === pieces.length;
  };

  const computeMessage = (message: ChatMessageLike, pieces: Piece[]): number => {
    rawSum = 0;
    fixedSum = 0;
    rawSum += rawText(message.role);
    recording = pieces;
    try {
      visitMessage(message, visitor);
    } finally {
      recording = undefined;
    }
    const name = messageName(message);
    if (name) rawSum += rawText(name);
    return spec.tokensPerMessage + (name ? spec.tokensPerName : 0) + scaled(rawSum) + fixedSum;
  };

  const countValidMessage = (message: ChatMessageLike): number => {
    const name = messageName(message);
    const known = memo.get(message);
    if (
      known &&
      known.role === message.role &&
      known.name === name &&
      visitsSamePieces(message, known.pieces)
    ) {
      stats.messageCacheHits++;
      return known.tokens;
    }
    const pieces: Piece[] = [];
    const tokens = computeMessage(message, pieces);
    memo.set(message, { role: message.role, name, pieces, tokens });
    return tokens;
  };

  const counter: TokenCounter = {
    model,
    tokenizer: spec,
    stats,
    countText(text) {
      if (typeof text !== 'string') {
        throw new TypeError(`countTokens(${model}): "text" must be a string (got ${describe(text)})`);
      }
      return scaled(rawText(text));
    },
    countMessage(message) {
      assertMessage(message, model, 'message');
      return countValidMessage(message);
    },
    countMessages(messages, countOptions = {}) {
      if (!Array.isArray(messages)) {
        throw new TypeError(
          `countMessageTokens(${model}): "messages" must be an array of messages (got ${describe(messages)})`,
        );
      }
      let total = spec.replyPriming;
      for (let i = 0; i < messages.length; i++) {
        const message = messages[i];
        assertMessage(message, model, `messages[${i}]`);
        total += countValidMessage(message);
      }
      if (countOptions.system !== undefined) total += counter.countSystem(countOptions.system);
      return total;
    },
    countSystem(system) {
      rawSum = 0;
      fixedSum = 0;
      visitContent(system, visitor);
      if (rawSum === 0 && fixedSum === 0) return 0;
      return spec.tokensPerMessage + scaled(rawSum) + fixedSum;
    },
    truncateText(text, maxTokens) {
      const rawBudget = Math.max(0, Math.floor(maxTokens / spec.scale));
      stats.encodeCalls++;
      return truncateToTokens(spec.encoding, text, rawBudget);
    },
  };
  return counter;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

/** A clear error for what is not a message, naming where it was found (`messages[3].role`). */
function assertMessage(message: unknown, model: string, where: string): asserts message is ChatMessageLike {
  if (typeof message !== 'object' || message === null) {
    throw new TypeError(
      `countMessageTokens(${model}): ${where} must be a message object (got ${describe(message)})`,
    );
  }
  const role = (message as { role?: unknown }).role;
  if (typeof role !== 'string') {
    throw new TypeError(
      `countMessageTokens(${model}): ${where}.role must be a string (got ${describe(role)})`,
    );
  }
}

const sharedCounters = new Map<string, TokenCounter>();

/**
 * The process-wide counter for a model id (one per id, created on first use), so `countTokens` calls across an
 * app share one memo. Bounded: past 256 distinct ids a fresh, unshared counter is returned.
 */
export function sharedTokenCounter(model: string): TokenCounter {
  let counter = sharedCounters.get(model);
  if (!counter) {
    counter = createTokenCounter(model);
    if (sharedCounters.size < 256) sharedCounters.set(model, counter);
  }
  return counter;
}

/** Tokens of `text` for `model` (see `TokenCounter.countText`). */
export function countTokens(text: string, model: string): number {
  return sharedTokenCounter(model).countText(text);
}

/**
 * Tokens of a chat request's messages for `model`, framed as the provider counts them: exact for OpenAI models
 * (matches the `prompt_tokens` the API reports for text messages), an approximation with a safety margin for
 * Anthropic and unknown models. Memoised per message object.
 */
export function countMessageTokens(
  messages: readonly ChatMessageLike[],
  model: string,
  options?: CountMessagesOptions,
): number {
  return sharedTokenCounter(model).countMessages(messages, options);
}
