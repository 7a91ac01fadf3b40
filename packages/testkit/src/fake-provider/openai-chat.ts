/**
 * OpenAI `POST /v1/chat/completions`: the JSON completion and its SSE chunk stream.
 *
 * Stream shape, as the real API sends it: a first chunk with `delta.role`, content deltas, tool calls as one
 * delta with `index`/`id`/`type`/`function.name` and empty arguments followed by argument fragments, a final
 * chunk with `finish_reason` and an empty delta, then (only with `stream_options.include_usage`) a chunk with
 * `choices: []` and the usage, then `data: [DONE]`. With include_usage every earlier chunk carries `usage: null`.
 */
import { type ModelReply, splitForStream } from './reply.js';
import { openaiChatUsage } from './usage.js';
import { type RouteResult, type SseEvent, unixSeconds } from './wire.js';

const SYSTEM_FINGERPRINT = 'fp_sightline_fake';

function finishReasonOf(reply: ModelReply): string {
  return reply.finishReason ?? (reply.toolCalls.length > 0 ? 'tool_calls' : 'stop');
}

function completionId(reply: ModelReply): string {
  return reply.id ?? `chatcmpl-${reply.digest}`;
}

/** Renders a chat completion reply, streamed when the request says `stream: true`. */
export function renderChatCompletion(body: Record<string, unknown>, reply: ModelReply): RouteResult {
  if (body.stream === true) return renderChatStream(body, reply);
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: reply.text === '' && reply.toolCalls.length > 0 ? null : reply.text,
    refusal: null,
    annotations: [],
  };
  if (reply.toolCalls.length > 0) {
    message.tool_calls = reply.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    kind: 'json',
    status: 200,
    body: {
      id: completionId(reply),
      object: 'chat.completion',
      created: unixSeconds(),
      model: reply.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(reply) }],
      usage: openaiChatUsage(reply.usage),
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
    },
  };
}

function renderChatStream(body: Record<string, unknown>, reply: ModelReply): RouteResult {
  const includeUsage =
    (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  const base = {
    id: completionId(reply),
    object: 'chat.completion.chunk',
    created: unixSeconds(),
    model: reply.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): SseEvent => ({
    data: JSON.stringify({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    }),
  });

  const events: SseEvent[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const piece of splitForStream(reply.text, reply.chunks)) events.push(chunk({ content: piece }));
  reply.toolCalls.forEach((call, index) => {
    events.push(
      chunk({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    for (const fragment of splitForStream(call.arguments, reply.chunks ?? 3)) {
      events.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
    }
  });
  events.push(chunk({}, finishReasonOf(reply)));
  if (includeUsage) {
    events.push({ data: JSON.stringify({ ...base, choices: [], usage: openaiChatUsage(reply.usage) }) });
  }
  events.push({ data: '[DONE]' });
  return { kind: 'sse', events };
}
