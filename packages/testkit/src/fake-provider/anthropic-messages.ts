/**
 * Anthropic `POST /v1/messages` (JSON and SSE) and `POST /v1/messages/count_tokens`.
 *
 * Stream order, as the real API sends it: message_start (usage with input and cache counts, output_tokens 1),
 * then per content block (thinking, text, tool_use, in that order) content_block_start, deltas
 * (thinking_delta + signature_delta / text_delta / input_json_delta) and content_block_stop, with a `ping`
 * after the first block starts; then message_delta (stop_reason and cumulative usage) and message_stop.
 */
import { type ModelReply, splitForStream } from './reply.js';
import { anthropicUsage } from './usage.js';
import type { RouteResult, SseEvent } from './wire.js';

type Block = Record<string, unknown>;

function stopReasonOf(reply: ModelReply): string {
  return reply.finishReason ?? (reply.toolCalls.length > 0 ? 'tool_use' : 'end_turn');
}

function messageId(reply: ModelReply): string {
  return reply.id ?? `msg_${reply.digest}`;
}

function parseToolInput(args: string): unknown {
  try {
    return JSON.parse(args);
  } catch {
    // A scripted non-JSON argument string is still delivered; the real API never does this, so keep it visible.
    return { _raw: args };
  }
}

function contentBlocks(reply: ModelReply): Block[] {
  const blocks: Block[] = [];
  if (reply.thinking) {
    blocks.push({ type: 'thinking', thinking: reply.thinking.text, signature: reply.thinking.signature });
  }
  if (reply.text !== '' || reply.toolCalls.length === 0) {
    blocks.push({ type: 'text', text: reply.text });
  }
  for (const call of reply.toolCalls) {
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: parseToolInput(call.arguments) });
  }
  return blocks;
}

/** Renders a messages reply, streamed when the request says `stream: true`. */
export function renderMessage(body: Record<string, unknown>, reply: ModelReply): RouteResult {
  const usage = anthropicUsage(reply.usage);
  const message = {
    id: messageId(reply),
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content: contentBlocks(reply),
    stop_reason: stopReasonOf(reply),
    stop_sequence: null,
    usage,
  };
  if (body.stream !== true) return { kind: 'json', status: 200, body: message };

  const toolArgs = new Map(reply.toolCalls.map((call) => [call.id, call.arguments]));
  const events: SseEvent[] = [];
  const emit = (type: string, payload: Record<string, unknown>) => {
    events.push({ event: type, data: JSON.stringify({ type, ...payload }) });
  };
  emit('message_start', {
    message: {
      ...message,
      content: [],
      stop_reason: null,
      usage: usage.input_tokens === undefined ? usage : { ...usage, output_tokens: 1 },
    },
  });
  message.content.forEach((block, index) => {
    if (block.type === 'thinking') {
      emit('content_block_start', {
        index,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      });
    } else if (block.type === 'text') {
      emit('content_block_start', { index, content_block: { type: 'text', text: '' } });
    } else {
      emit('content_block_start', { index, content_block: { ...block, input: {} } });
    }
    if (index === 0) emit('ping', {});
    if (block.type === 'thinking') {
      for (const thinking of splitForStream(String(block.thinking), reply.chunks)) {
        emit('content_block_delta', { index, delta: { type: 'thinking_delta', thinking } });
      }
      emit('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } });
    } else if (block.type === 'text') {
      for (const text of splitForStream(String(block.text), reply.chunks)) {
        emit('content_block_delta', { index, delta: { type: 'text_delta', text } });
      }
    } else {
      const args = toolArgs.get(block.id as string) ?? '{}';
      // The real API opens every tool_use block with an empty partial_json.
      emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } });
      for (const partial of splitForStream(args, reply.chunks ?? 3)) {
        emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: partial } });
      }
    }
    emit('content_block_stop', { index });
  });
  if (message.content.length === 0) emit('ping', {});
  // message_delta repeats the cumulative counters (the SDK overwrites its snapshot with them).
  const { cache_creation: _breakdown, service_tier: _tier, ...deltaUsage } = usage;
  emit('message_delta', {
    delta: { stop_reason: message.stop_reason, stop_sequence: null },
    usage: deltaUsage,
  });
  emit('message_stop', {});
  return { kind: 'sse', events };
}

/** `count_tokens` reply: the same prompt estimate `messages` reports as input (scripted `usage.inputTokens` wins). */
export function renderCountTokens(inputTokens: number): RouteResult {
  return { kind: 'json', status: 200, body: { input_tokens: inputTokens } };
}
