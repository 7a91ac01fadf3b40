/**
 * The `truncate-longest` strategy's cutting: find the longest tool result or document text, cut it on a token
 * boundary, and mark the cut so the model (and a reader of the trace) knows content is missing. Messages are
 * copied along the changed path; the caller's objects are never mutated.
 */
import type { TokenCounter } from '../tokenizers/counter.js';
import type { ChatMessageLike } from '../tokenizers/messages.js';

/** Below this many tokens a text is not worth cutting further. */
export const MIN_KEPT_TOKENS = 32;

/** The marker appended to a cut text. */
export function truncationMarker(removedTokens: number): string {
  return `\n…[truncated ${removedTokens} tokens]`;
}

/** Generous allowance for the marker's own tokens. */
const MARKER_ALLOWANCE = 12;

type Loose = Record<string, unknown>;

/** A text location inside a message that may be cut, with a way to rebuild the message with new text. */
export interface TextPiece<M> {
  messageIndex: number;
  text: string;
  tokens: number;
  rebuild(message: M, text: string): M;
}

/** Every cuttable text in `messages`: tool message content, tool_result content, text documents. */
export function cuttablePieces<M extends ChatMessageLike>(
  messages: readonly M[],
  counter: TokenCounter,
): TextPiece<M>[] {
  const pieces: TextPiece<M>[] = [];
  const add = (messageIndex: number, text: string, rebuild: (message: M, text: string) => M) => {
    if (text.length > 0) pieces.push({ messageIndex, text, tokens: counter.countText(text), rebuild });
  };
  messages.forEach((message, index) => {
    const content = message.content;
    if (message.role === 'tool' || message.role === 'function') {
      if (typeof content === 'string') add(index, content, (m, text) => ({ ...m, content: text }));
      else if (Array.isArray(content)) {
        content.forEach((part, p) => {
          const text = (part as Loose).text;
          if (part.type === 'text' && typeof text === 'string') {
            add(index, text, (m, next) => ({ ...m, content: replaceAt(blocksOf(m), p, { text: next }) }));
          }
        });
      }
      return;
    }
    if (!Array.isArray(content)) return;
    content.forEach((block, b) => {
      const loose = block as Loose;
      if (block.type === 'tool_result') {
        const inner = loose.content;
        if (typeof inner === 'string') {
          add(index, inner, (m, text) => ({ ...m, content: replaceAt(blocksOf(m), b, { content: text }) }));
        } else if (Array.isArray(inner)) {
          (inner as Loose[]).forEach((part, p) => {
            if (part.type === 'text' && typeof part.text === 'string') {
              add(index, part.text, (m, text) => {
                const blocks = blocksOf(m);
                const nested = replaceAt(blocks[b].content as Loose[], p, { text });
                return { ...m, content: replaceAt(blocks, b, { content: nested }) };
              });
            }
          });
        }
      } else if (block.type === 'document') {
        const source = loose.source as Loose | undefined;
        if (source?.type === 'text' && typeof source.data === 'string') {
          add(index, source.data, (m, text) => {
            const blocks = blocksOf(m);
            return {
              ...m,
              content: replaceAt(blocks, b, { source: { ...(blocks[b].source as Loose), data: text } }),
            };
          });
        }
      }
    });
  });
  return pieces;
}

function blocksOf(message: ChatMessageLike): Loose[] {
  return message.content as unknown as Loose[];
}

function replaceAt(items: readonly Loose[], index: number, patch: Loose): Loose[] {
  const copy = items.slice();
  copy[index] = { ...items[index], ...patch };
  return copy;
}

/**
 * Cuts the longest pieces until `excess` tokens are gone or nothing is left to cut. Mutates `working` (the
 * caller's copy of the message list) and returns whether anything was cut.
 */
export function cutLongest<M extends ChatMessageLike>(
  working: M[],
  counter: TokenCounter,
  excessOf: () => number,
): boolean {
  let cut = false;
  const done = new Set<string>();
  for (let round = 0; round < 1000 && excessOf() > 0; round++) {
    // Re-collect each round: an earlier cut rebuilt its message, and piece rebuilders close over positions.
    const pieces = cuttablePieces(working, counter).filter(
      (p) => p.tokens > MIN_KEPT_TOKENS + MARKER_ALLOWANCE && !done.has(p.text),
    );
    if (pieces.length === 0) break;
    const longest = pieces.reduce((a, b) => (b.tokens > a.tokens ? b : a));
    const target = Math.max(MIN_KEPT_TOKENS, longest.tokens - excessOf() - MARKER_ALLOWANCE);
    const kept = counter.truncateText(longest.text, target);
    const removed = longest.tokens - counter.countText(kept);
    const next = kept + truncationMarker(removed);
    done.add(next);
    working[longest.messageIndex] = longest.rebuild(working[longest.messageIndex], next);
    cut = true;
  }
  return cut;
}
