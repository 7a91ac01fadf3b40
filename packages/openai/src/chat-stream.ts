/**
 * Accumulator of a streamed chat completion: per chunk it keeps only what the span needs (id, model, finish
 * reason per choice, usage, tool-call ids and names) plus, with content capture on, the text and tool
 * arguments. Per-chunk work is a few property reads; strings are appended only when content is captured.
 */
import {
  type CallEndReason,
  type ContentMessage,
  type ContentPart,
  type LlmCall,
  type StreamHandlers,
  textPart,
  toolCallPart,
} from '@sightline/core/instrumentation';
import { chatUsage } from './chat.js';

interface ChunkToolCall {
  index?: number;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
}

interface ChunkChoice {
  index?: number;
  finish_reason?: string | null;
  delta?: { content?: string | null; refusal?: string | null; tool_calls?: ChunkToolCall[] | null } | null;
}

/** The fields of a chat completion chunk the accumulator reads. */
export interface ChatChunk {
  id?: string;
  model?: string;
  choices?: ChunkChoice[] | null;
  usage?: unknown;
}

interface ToolCallState {
  id: string | undefined;
  name: string | undefined;
  args: string;
}

/** Stream handlers for `instrumentStream` over a chat completion stream. */
export class ChatStreamAccumulator implements StreamHandlers<ChatChunk> {
  readonly #call: LlmCall;
  readonly #capture: boolean;
  #id: string | undefined;
  #model: string | undefined;
  #usage: unknown;
  readonly #finishReasons: (string | undefined)[] = [];
  readonly #texts: string[] = [];
  // Per choice, per tool-call index.
  readonly #toolCalls: ToolCallState[][] = [];

  constructor(call: LlmCall) {
    this.#call = call;
    this.#capture = call.captureContent;
  }

  chunk(chunk: ChatChunk): void {
    if (this.#id === undefined && chunk.id) this.#id = chunk.id;
    if (this.#model === undefined && chunk.model) this.#model = chunk.model;
    if (chunk.usage) this.#usage = chunk.usage;
    const choices = chunk.choices;
    if (!choices) return;
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i];
      const index = choice.index ?? i;
      while (this.#finishReasons.length <= index) this.#finishReasons.push(undefined);
      if (choice.finish_reason) this.#finishReasons[index] = choice.finish_reason;
      const delta = choice.delta;
      if (!delta) continue;
      if (this.#capture && delta.content) this.#texts[index] = (this.#texts[index] ?? '') + delta.content;
      if (delta.tool_calls) this.#toolCallDeltas(index, delta.tool_calls);
    }
  }

  #toolCallDeltas(choiceIndex: number, deltas: ChunkToolCall[]): void {
    let calls = this.#toolCalls[choiceIndex];
    if (!calls) {
      calls = [];
      this.#toolCalls[choiceIndex] = calls;
    }
    for (let j = 0; j < deltas.length; j++) {
      const delta = deltas[j];
      const index = delta.index ?? j;
      let state = calls[index];
      if (!state) {
        state = { id: undefined, name: undefined, args: '' };
        calls[index] = state;
      }
      if (delta.id) state.id = delta.id;
      const fn = delta.function;
      if (fn?.name) state.name = fn.name;
      if (this.#capture && fn?.arguments) state.args += fn.arguments;
    }
  }

  finish(_reason: CallEndReason): void {
    const call = this.#call;
    call.setResponse({ id: this.#id, model: this.#model, finishReasons: this.#finishReasons });
    const usage = chatUsage(this.#usage);
    if (usage) call.recordUsage(usage);
    for (const calls of this.#toolCalls) {
      for (const state of calls ?? []) if (state) call.recordToolCall(state.id, state.name);
    }
    if (this.#capture) call.setOutputMessages(() => this.#outputMessages());
  }

  #outputMessages(): ContentMessage[] {
    const count = Math.max(this.#finishReasons.length, this.#texts.length, this.#toolCalls.length);
    const out: ContentMessage[] = [];
    for (let index = 0; index < count; index++) {
      const parts: ContentPart[] = [];
      const text = this.#texts[index];
      if (text) parts.push(textPart(text));
      for (const state of this.#toolCalls[index] ?? []) {
        if (state) parts.push(toolCallPart(state.id, state.name ?? '', state.args));
      }
      out.push({ role: 'assistant', parts, finish_reason: this.#finishReasons[index] ?? 'error' });
    }
    return out;
  }
}
