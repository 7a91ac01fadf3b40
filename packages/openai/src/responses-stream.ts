/**
 * Accumulator of a streamed Response. The final `response.completed` / `response.incomplete` /
 * `response.failed` event carries the whole Response (usage, output), so per event only the event type is
 * compared; ids and tool calls are kept from earlier events in case the stream is cut off before the end,
 * and output text deltas only with content capture on.
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
import { isContextOverflow } from './errors.js';
import { recordResponse } from './responses.js';
import { asObject, asString } from './values.js';

/** The fields of a Responses stream event the accumulator reads. */
export interface ResponseStreamEvent {
  type?: string;
  response?: { id?: string; model?: string } & Record<string, unknown>;
  item?: Record<string, unknown>;
  delta?: unknown;
  code?: string | null;
  message?: string;
}

const FINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** Stream handlers for `instrumentStream` over a Responses event stream. */
export class ResponsesStreamAccumulator implements StreamHandlers<ResponseStreamEvent> {
  readonly #call: LlmCall;
  readonly #capture: boolean;
  #id: string | undefined;
  #model: string | undefined;
  #final: unknown;
  #errorEvent: ResponseStreamEvent | undefined;
  #toolCalls: { id: string | undefined; name: string | undefined; args: unknown }[] | undefined;
  #text = '';

  constructor(call: LlmCall) {
    this.#call = call;
    this.#capture = call.captureContent;
  }

  chunk(event: ResponseStreamEvent): void {
    const type = event.type;
    if (type === 'response.output_text.delta') {
      if (this.#capture && typeof event.delta === 'string') this.#text += event.delta;
    } else if (type === 'response.output_item.done') {
      const item = event.item;
      if (item && (item.type === 'function_call' || item.type === 'custom_tool_call')) {
        this.#toolCalls ??= [];
        this.#toolCalls.push({
          id: asString(item.call_id),
          name: asString(item.name),
          args: this.#capture ? (item.arguments ?? item.input) : undefined,
        });
      }
    } else if (type === 'response.created' || type === 'response.in_progress') {
      this.#id ??= event.response?.id;
      this.#model ??= event.response?.model;
    } else if (type !== undefined && FINAL_EVENTS.has(type)) {
      this.#final = event.response;
    } else if (type === 'error') {
      this.#errorEvent = event;
    }
  }

  finish(_reason: CallEndReason): void {
    const call = this.#call;
    if (this.#final) recordResponse(call, this.#final);
    else {
      call.setResponse({ id: this.#id, model: this.#model, finishReasons: [undefined] });
      for (const toolCall of this.#toolCalls ?? []) call.recordToolCall(toolCall.id, toolCall.name);
      if (this.#capture) call.setOutputMessages(() => this.#partialOutput());
    }
    const error = this.#errorEvent;
    if (error) {
      call.fail(asObject(error), {
        errorType: asString(error.code) ?? 'error',
        contextOverflow: isContextOverflow(error),
      });
    }
  }

  #partialOutput(): ContentMessage[] {
    const parts: ContentPart[] = this.#text ? [textPart(this.#text)] : [];
    for (const toolCall of this.#toolCalls ?? [])
      parts.push(toolCallPart(toolCall.id, toolCall.name ?? '', toolCall.args));
    return [{ role: 'assistant', parts, finish_reason: 'error' }];
  }
}
