/**
 * Accumulates what the span needs from Anthropic stream events (`message_start`, `content_block_start`,
 * `content_block_delta`, `message_delta`, ...): response id and model, stop reason, usage (input and cache
 * counts from `message_start`, cumulative counters from `message_delta`), requested tool calls and, only when
 * content capture is on, the text, thinking and tool-input fragments of each block.
 *
 * Per event the work is O(1): a switch on the event type and, with capture, one array push. Fragments are
 * joined once, when the output message is built at the end.
 */
import { parseJsonLoosely, type TokenUsage } from '@sightline/core/instrumentation';
import { StreamUsage } from './usage.js';
import { numberOf, objectOf, stringOf, type WireBlock, type WireStreamEvent } from './wire.js';

interface BlockState {
  start: WireBlock;
  fragments: string[];
}

/** A tool call the model requested, in stream order. */
export interface StreamedToolCall {
  id: string | undefined;
  name: string | undefined;
}

export class AnthropicStreamAccumulator {
  id: string | undefined;
  model: string | undefined;
  stopReason: string | undefined;
  readonly toolCalls: StreamedToolCall[] = [];
  readonly #usage = new StreamUsage();
  readonly #captureContent: boolean;
  readonly #blocks: BlockState[] = [];

  constructor(captureContent: boolean) {
    this.#captureContent = captureContent;
  }

  /** Takes one stream event. Unknown events and malformed fields are ignored. */
  add(raw: unknown): void {
    const event = objectOf<WireStreamEvent>(raw);
    if (!event) return;
    switch (event.type) {
      case 'message_start': {
        const message = objectOf<NonNullable<WireStreamEvent['message']>>(event.message);
        this.id = stringOf(message?.id) ?? this.id;
        this.model = stringOf(message?.model) ?? this.model;
        this.#usage.merge(message?.usage);
        return;
      }
      case 'content_block_start': {
        const block = objectOf<WireBlock>(event.content_block);
        if (!block) return;
        if (block.type === 'tool_use') {
          this.toolCalls.push({ id: stringOf(block.id), name: stringOf(block.name) });
        }
        if (this.#captureContent) {
          const index = numberOf(event.index) ?? this.#blocks.length;
          this.#blocks[index] = { start: block, fragments: [] };
        }
        return;
      }
      case 'content_block_delta': {
        if (!this.#captureContent) return;
        const state = this.#blocks[numberOf(event.index) ?? -1];
        const delta = event.delta;
        if (!state || !delta) return;
        const fragment =
          delta.type === 'text_delta'
            ? delta.text
            : delta.type === 'thinking_delta'
              ? delta.thinking
              : delta.type === 'input_json_delta'
                ? delta.partial_json
                : undefined;
        if (typeof fragment === 'string' && fragment !== '') state.fragments.push(fragment);
        return;
      }
      case 'message_delta':
        this.stopReason = stringOf(event.delta?.stop_reason) ?? this.stopReason;
        this.#usage.merge(event.usage);
        return;
      default:
        return;
    }
  }

  /** Inclusive usage so far (`undefined` before `message_start`). */
  usage(): TokenUsage | undefined {
    return this.#usage.inclusive();
  }

  /**
   * The streamed content blocks in the response's wire shape (text joined, thinking joined, tool input parsed
   * from its JSON fragments), for the output message. Empty without content capture.
   */
  contentBlocks(): WireBlock[] {
    const out: WireBlock[] = [];
    for (const state of this.#blocks) {
      if (!state) continue;
      const joined = state.fragments.join('');
      const start = state.start;
      if (start.type === 'text') out.push({ ...start, text: String(start.text ?? '') + joined });
      else if (start.type === 'thinking')
        out.push({ ...start, thinking: String(start.thinking ?? '') + joined });
      else if (state.fragments.length > 0) out.push({ ...start, input: parseJsonLoosely(joined) });
      else out.push(start);
    }
    return out;
  }
}
