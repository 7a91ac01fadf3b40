/**
 * Units: the pieces a conversation can lose. An assistant message that calls tools and the tool results that
 * answer it form one unit (OpenAI `tool_calls` + following `tool` messages; Anthropic `tool_use` + the next user
 * message's `tool_result` blocks), because the providers reject a call whose tool results lost their call, or
 * whose call lost its results. Every other message is a unit of its own.
 */
import type { TokenCounter } from '../tokenizers/counter.js';
import {
  answersTools,
  type ChatMessageLike,
  callsTools,
  isHumanTurn,
  isSystemMessage,
} from '../tokenizers/messages.js';

/** Which messages fitting must keep. */
export interface KeepOptions {
  /** Keep `system`/`developer` messages (default true). */
  system?: boolean;
  /** Keep the last message a person wrote, with its unit (default true). */
  lastUserTurn?: boolean;
  /** Keep the first N non-system units, e.g. the task statement (default 0). */
  first?: number;
}

export interface Unit<M extends ChatMessageLike> {
  /** Position of the unit's first message in the input. */
  start: number;
  messages: M[];
  tokens: number;
  /** Kept whatever the strategy does. */
  protected: boolean;
}

/** Groups `messages` into units and marks the protected ones. */
export function groupUnits<M extends ChatMessageLike>(
  messages: readonly M[],
  counter: TokenCounter,
  keep: KeepOptions,
): Unit<M>[] {
  const units: Unit<M>[] = [];
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    const unit: Unit<M> = {
      start: i,
      messages: [message],
      tokens: counter.countMessage(message),
      protected: false,
    };
    if (callsTools(message)) {
      // OpenAI: every following tool message; Anthropic: the one following user message with tool_result blocks.
      const anthropicStyle =
        Array.isArray(message.content) && message.content.some((b) => b?.type === 'tool_use');
      while (i + 1 < messages.length && answersTools(messages[i + 1])) {
        i++;
        unit.messages.push(messages[i]);
        unit.tokens += counter.countMessage(messages[i]);
        if (anthropicStyle && messages[i].role === 'user') break;
      }
    }
    units.push(unit);
  }

  const keepSystem = keep.system ?? true;
  let firstLeft = Math.max(0, Math.floor(keep.first ?? 0));
  for (const unit of units) {
    const system = isSystemMessage(unit.messages[0]);
    if (system && keepSystem) unit.protected = true;
    else if (!system && firstLeft > 0) {
      unit.protected = true;
      firstLeft--;
    }
  }
  if (keep.lastUserTurn ?? true) {
    const last = findLastUnit(units, (m) => isHumanTurn(m)) ?? findLastUnit(units, (m) => m.role === 'user');
    if (last) last.protected = true;
  }
  return units;
}

function findLastUnit<M extends ChatMessageLike>(
  units: Unit<M>[],
  match: (message: M) => boolean,
): Unit<M> | undefined {
  for (let u = units.length - 1; u >= 0; u--) {
    if (units[u].messages.some(match)) return units[u];
  }
  return undefined;
}
