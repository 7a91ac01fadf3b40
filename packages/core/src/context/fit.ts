/**
 * `fitContext`: make a conversation fit the model's context window before sending it, and say on the trace
 * what was dropped.
 */
import { context, diag } from '@opentelemetry/api';
import { builtinModelTable, type ModelTable } from '../models/index.js';
import { sharedTokenCounter, type TokenCounter } from '../tokenizers/counter.js';
import type { ChatMessageLike, SystemPromptLike } from '../tokenizers/messages.js';
import { recordPendingReport } from './pending.js';
import { type ContextFitReport, ContextOverflowError, type FitStrategyName } from './report.js';
import { cutLongest } from './truncate.js';
import { groupUnits, type KeepOptions, type Unit } from './units.js';

/** What a custom strategy is given besides the messages and the budget. */
export interface FitStrategyContext {
  model: string;
  counter: TokenCounter;
  /** Tokens of a candidate message list, with framing, the system prompt and reply priming. */
  count(messages: readonly ChatMessageLike[]): number;
  keep: Required<KeepOptions>;
  system: SystemPromptLike | undefined;
}

/** A custom strategy: return the messages to send (a subset, or rewritten copies). */
export type CustomFitStrategy<M extends ChatMessageLike> = (
  messages: readonly M[],
  budget: number,
  ctx: FitStrategyContext,
) => M[];

export interface FitContextOptions<M extends ChatMessageLike> {
  /** Model id: picks the tokenizer and, unless `maxInputTokens` is given, the window from the model table. */
  model: string;
  /** Input budget in tokens; overrides window minus `reserveOutputTokens` (capped at the model window, with a diag warning). */
  maxInputTokens?: number;
  /** Tokens kept free for the reply (default 4,096, capped at the model's maximum output). */
  reserveOutputTokens?: number;
  /** Default `drop-oldest`. */
  strategy?: FitStrategyName | CustomFitStrategy<M>;
  /** What must stay (defaults: system messages and the last user turn). */
  keep?: KeepOptions;
  /** Counter to use (default: the shared one for `model`). */
  counter?: TokenCounter;
  /** Anthropic's top-level system prompt: counted, never dropped. */
  system?: SystemPromptLike;
  /** `best-effort` (default) returns what fits best with `fits: false`; `throw` throws a ContextOverflowError. */
  onOverflow?: 'best-effort' | 'throw';
  /** Model table to read windows from (default: the built-in one; see `resolveModelTable`). */
  models?: ModelTable;
  /** Put the report on the trace for the next LLM span (default true). */
  record?: boolean;
}

export interface FitContextResult<M extends ChatMessageLike> {
  /** The messages to send: the input array itself when nothing had to go, else a new array. */
  messages: M[];
  report: ContextFitReport;
}

const DEFAULT_RESERVE = 4096;
const STRATEGIES: readonly string[] = ['drop-oldest', 'drop-middle', 'truncate-longest'];

/** The context window of a model from the model table, or `undefined` when unknown. */
export function contextWindowOf(model: string, models: ModelTable = builtinModelTable): number | undefined {
  return models.lookup(model)?.contextWindow;
}

/**
 * Fits `messages` into the model's input budget (`maxInputTokens`, else window minus `reserveOutputTokens`).
 *
 * Guarantees: system messages and the last user turn are kept unless `keep` says otherwise; an assistant
 * message with tool calls and its tool results are kept or dropped together; the order of kept messages is
 * unchanged; the caller's arrays and message objects are never mutated (truncated messages are copies). When
 * even the kept messages do not fit, the best effort is returned with `report.fits === false` (or a
 * `ContextOverflowError` is thrown with `onOverflow: 'throw'`). The report is also recorded for the next LLM
 * span started in the current context (see `applyPendingContextReport`).
 *
 * Throws a `TypeError` naming the option when the options are invalid (no model, unknown window without
 * `maxInputTokens`, negative numbers, unknown strategy).
 */
export function fitContext<M extends ChatMessageLike>(
  messages: readonly M[],
  options: FitContextOptions<M>,
): FitContextResult<M> {
  const { model } = options;
  if (!Array.isArray(messages)) throw new TypeError('fitContext: "messages" must be an array');
  if (typeof model !== 'string' || !model) throw new TypeError('fitContext: options.model is required');
  messages.forEach((message, index) => {
    if (typeof message !== 'object' || message === null || typeof message.role !== 'string') {
      throw new TypeError(`fitContext: messages[${index}] must be a message object with a string "role"`);
    }
  });
  const strategy = options.strategy ?? 'drop-oldest';
  if (typeof strategy !== 'function' && !STRATEGIES.includes(strategy)) {
    throw new TypeError(
      `fitContext: options.strategy "${String(strategy)}" is not one of ${STRATEGIES.join(', ')} or a function`,
    );
  }
  const info = (options.models ?? builtinModelTable).lookup(model);
  const window = info?.contextWindow;
  const budget = resolveBudget(options, window, info?.maxOutputTokens);
  const counter = options.counter ?? sharedTokenCounter(model);
  const keep: Required<KeepOptions> = {
    system: options.keep?.system ?? true,
    lastUserTurn: options.keep?.lastUserTurn ?? true,
    first: options.keep?.first ?? 0,
  };
  const count = (list: readonly ChatMessageLike[]) => counter.countMessages(list, { system: options.system });

  const tokensBefore = count(messages);
  let result: M[] = messages as M[];
  let truncated = false;
  if (tokensBefore > budget) {
    if (typeof strategy === 'function') {
      result = strategy(messages, budget, { model, counter, count, keep, system: options.system });
      if (!Array.isArray(result))
        throw new TypeError('fitContext: the custom strategy must return an array of messages');
      const original = new Set<M>(messages);
      truncated = result.some((m) => !original.has(m));
    } else if (strategy === 'truncate-longest') {
      const working = messages.slice();
      if (cutLongest(working, counter, () => count(working) - budget)) {
        result = dropUnits(working, counter, keep, budget, count(working), oldestFirst);
        // A cut message may have been dropped afterwards: report only cuts that are actually sent.
        const original = new Set<M>(messages);
        truncated = result.some((m) => !original.has(m));
      } else {
        result = dropUnits(messages, counter, keep, budget, tokensBefore, oldestFirst);
      }
    } else {
      result = dropUnits(
        messages,
        counter,
        keep,
        budget,
        tokensBefore,
        strategy === 'drop-middle' ? middleOut : oldestFirst,
      );
    }
  }

  const tokensAfter = result === messages ? tokensBefore : count(result);
  const droppedMessages = Math.max(0, messages.length - result.length);
  const report: ContextFitReport = {
    model,
    window,
    budget,
    tokensBefore,
    tokensAfter,
    utilization: tokensAfter / (window ?? budget),
    droppedMessages,
    droppedTokens: Math.max(0, tokensBefore - tokensAfter),
    strategy: typeof strategy === 'function' ? 'custom' : strategy,
    truncated,
    fits: tokensAfter <= budget,
    compacted: droppedMessages > 0 || truncated,
    exactCounts: counter.tokenizer.exact,
  };
  if (options.record ?? true) {
    try {
      recordPendingReport(report, context.active());
    } catch (error) {
      diag.warn('sightline: could not record the context-fit report on the trace', error);
    }
  }
  if (!report.fits && options.onOverflow === 'throw') throw new ContextOverflowError(report);
  return { messages: result, report };
}

function resolveBudget(
  options: { model: string; maxInputTokens?: number; reserveOutputTokens?: number },
  window: number | undefined,
  maxOut: number | undefined,
): number {
  const { maxInputTokens, reserveOutputTokens } = options;
  if (maxInputTokens !== undefined) {
    if (!Number.isFinite(maxInputTokens) || maxInputTokens <= 0) {
      throw new TypeError(
        `fitContext: options.maxInputTokens must be a positive number (got ${maxInputTokens})`,
      );
    }
    if (window !== undefined && maxInputTokens > window) {
      // A budget past the window would only move the failure to the provider ("context length exceeded").
      diag.warn(
        `sightline: fitContext: options.maxInputTokens (${maxInputTokens}) exceeds the ${window}-token window of "${options.model}"; using the window`,
      );
      return window;
    }
    return Math.floor(maxInputTokens);
  }
  if (window === undefined) {
    throw new TypeError(
      `fitContext: no context window is known for model "${options.model}"; pass options.maxInputTokens or add the model with resolveModelTable({ '${options.model}': { contextWindow } }) as options.models`,
    );
  }
  if (
    reserveOutputTokens !== undefined &&
    (!Number.isFinite(reserveOutputTokens) || reserveOutputTokens < 0)
  ) {
    throw new TypeError(
      `fitContext: options.reserveOutputTokens must be a non-negative number (got ${reserveOutputTokens})`,
    );
  }
  const reserve = reserveOutputTokens ?? Math.min(DEFAULT_RESERVE, maxOut ?? DEFAULT_RESERVE);
  if (reserve >= window) {
    throw new TypeError(
      `fitContext: options.reserveOutputTokens (${reserve}) leaves no room in the ${window}-token window of "${options.model}"`,
    );
  }
  return window - reserve;
}

/** Order in which droppable units go: indices into the droppable list. */
type DropOrder = (droppable: number) => number[];

const oldestFirst: DropOrder = (n) => Array.from({ length: n }, (_, i) => i);

/** From the middle outward, so the opening turns and the latest ones stay longest (OpenRouter's "middle-out"). */
const middleOut: DropOrder = (n) => {
  const order: number[] = [];
  const mid = Math.floor((n - 1) / 2);
  for (let distance = 0; distance <= n; distance++) {
    for (const index of distance === 0 ? [mid] : [mid + distance, mid - distance]) {
      if (index >= 0 && index < n) order.push(index);
    }
  }
  return order;
};

function dropUnits<M extends ChatMessageLike>(
  messages: readonly M[],
  counter: TokenCounter,
  keep: Required<KeepOptions>,
  budget: number,
  total: number,
  order: DropOrder,
): M[] {
  if (total <= budget) return messages as M[];
  const units = groupUnits(messages, counter, keep);
  const droppable = units.filter((u) => !u.protected);
  const dropped = new Set<Unit<M>>();
  let remaining = total;
  for (const index of order(droppable.length)) {
    if (remaining <= budget) break;
    const unit = droppable[index];
    dropped.add(unit);
    remaining -= unit.tokens;
  }
  if (dropped.size === 0) return messages as M[];
  return units.filter((u) => !dropped.has(u)).flatMap((u) => u.messages);
}
