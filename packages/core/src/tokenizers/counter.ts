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
 * Memoisation assumes messages are not mutated in place after being counted: a message whose `content` or
 * `tool_calls` property is replaced is re-counted, but an edit inside the same content array is not seen.
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

interface MessageMemo {
  content: unknown;
  toolCalls: unknown;
  name: string | undefined;
  tokens: number;
}

/** Creates a counter for `model`. Counters are cheap; tiktoken loads on the first count, not here. */
export function createTokenCounter(model: string, options: TokenCounterOptions = {}): TokenCounter {
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

  // One reusable visitor: summing into a closure variable avoids allocating per message.
  let rawSum = 0;
  let fixedSum = 0;
  const visitor: CostVisitor = {
    text: (text) => {
      rawSum += rawText(text);
    },
    fixed: (tokens) => {
      fixedSum += tokens;
    },
  };

  const computeMessage = (message: ChatMessageLike): number => {
    rawSum = 0;
    fixedSum = 0;
    rawSum += rawText(message.role);
    visitMessage(message, visitor);
    const name = messageName(message);
    if (name) rawSum += rawText(name);
    return spec.tokensPerMessage + (name ? spec.tokensPerName : 0) + scaled(rawSum) + fixedSum;
  };

  const counter: TokenCounter = {
    model,
    tokenizer: spec,
    stats,
    countText: (text) => scaled(rawText(text)),
    countMessage(message) {
      const loose = message as unknown as { tool_calls?: unknown };
      const known = memo.get(message);
      if (
        known &&
        known.content === message.content &&
        known.toolCalls === loose.tool_calls &&
        known.name === messageName(message)
      ) {
        stats.messageCacheHits++;
        return known.tokens;
      }
      const tokens = computeMessage(message);
      memo.set(message, {
        content: message.content,
        toolCalls: loose.tool_calls,
        name: messageName(message),
        tokens,
      });
      return tokens;
    },
    countMessages(messages, countOptions = {}) {
      let total = spec.replyPriming;
      for (const message of messages) total += counter.countMessage(message);
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
