/** What an Anthropic response (a `Message`, or a finished or cut-off stream) puts on the call. */
import type { LlmCall } from '@sightline/core/instrumentation';
import { outputMessage } from './content.js';
import type { AnthropicStreamAccumulator } from './stream-accumulator.js';
import { inclusiveUsage } from './usage.js';
import { objectOf, stringOf, type WireBlock, type WireMessage } from './wire.js';

/** Records a non-streamed `Message`: id, model, stop reason, inclusive usage, tool calls, output content. */
export function recordMessage(call: LlmCall, value: unknown): void {
  const message = objectOf<WireMessage>(value);
  if (!message) return;
  const stopReason = stringOf(message.stop_reason);
  call.setResponse({ id: stringOf(message.id), model: stringOf(message.model), finishReasons: [stopReason] });
  const usage = inclusiveUsage(message.usage);
  if (usage) call.recordUsage(usage);
  const content = Array.isArray(message.content) ? message.content : [];
  for (const raw of content) {
    const block = objectOf<WireBlock>(raw);
    if (block?.type === 'tool_use') call.recordToolCall(stringOf(block.id), stringOf(block.name));
  }
  if (call.captureContent) call.setOutputMessages(() => [outputMessage(content, stopReason)]);
}

/**
 * Records what a stream delivered, however it ended. A stream cut off before `message_delta` has no stop
 * reason: the kit then reports `error` as its finish reason, and the output message says `error` too.
 */
export function recordStreamed(call: LlmCall, accumulator: AnthropicStreamAccumulator): void {
  call.setResponse({ id: accumulator.id, model: accumulator.model, finishReasons: [accumulator.stopReason] });
  const usage = accumulator.usage();
  if (usage) call.recordUsage(usage);
  for (const toolCall of accumulator.toolCalls) call.recordToolCall(toolCall.id, toolCall.name);
  if (call.captureContent) {
    call.setOutputMessages(() => [outputMessage(accumulator.contentBlocks(), accumulator.stopReason)]);
  }
}
