/**
 * OpenAI `POST /v1/responses`: the JSON Response object and its SSE event stream.
 *
 * Stream order: response.created, response.in_progress, then per output item output_item.added, (message)
 * content_part.added, output_text.delta…, output_text.done, content_part.done / (function_call)
 * function_call_arguments.delta…, function_call_arguments.done, then output_item.done; finally
 * response.completed (or response.incomplete for a `length` finish) with usage. Every event carries a
 * `sequence_number` counting from 0.
 */
import { digestOf, type ModelReply, splitForStream } from './reply.js';
import { openaiResponsesUsage } from './usage.js';
import { type RouteResult, type SseEvent, unixSeconds } from './wire.js';

type Item = Record<string, unknown>;

function isIncomplete(reply: ModelReply): boolean {
  return reply.finishReason === 'length' || reply.finishReason === 'max_output_tokens';
}

function outputItems(reply: ModelReply): Item[] {
  const items: Item[] = [];
  if (reply.thinking) {
    items.push({
      id: `rs_${digestOf([reply.digest, 'reasoning'])}`,
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: reply.thinking.text }],
    });
  }
  if (reply.text !== '' || reply.toolCalls.length === 0) {
    items.push({
      id: `msg_${digestOf([reply.digest, 'message'])}`,
      type: 'message',
      status: isIncomplete(reply) ? 'incomplete' : 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: reply.text, annotations: [], logprobs: [] }],
    });
  }
  reply.toolCalls.forEach((call, index) => {
    items.push({
      id: `fc_${digestOf([reply.digest, 'function_call', index])}`,
      type: 'function_call',
      status: 'completed',
      call_id: call.id,
      name: call.name,
      arguments: call.arguments,
    });
  });
  return items;
}

function responseObject(body: Record<string, unknown>, reply: ModelReply, createdAt: number): Item {
  return {
    id: reply.id ?? `resp_${reply.digest}`,
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: reply.model,
    output: [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    usage: null,
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  };
}

function finishedResponse(body: Record<string, unknown>, reply: ModelReply, createdAt: number): Item {
  const incomplete = isIncomplete(reply);
  return {
    ...responseObject(body, reply, createdAt),
    status: incomplete ? 'incomplete' : 'completed',
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    output: outputItems(reply),
    usage: openaiResponsesUsage(reply.usage),
  };
}

/** Renders a Responses API reply, streamed when the request says `stream: true`. */
export function renderResponse(body: Record<string, unknown>, reply: ModelReply): RouteResult {
  const createdAt = unixSeconds();
  if (body.stream !== true) {
    return { kind: 'json', status: 200, body: finishedResponse(body, reply, createdAt) };
  }
  const events: SseEvent[] = [];
  const emit = (type: string, payload: Item) => {
    events.push({ event: type, data: JSON.stringify({ type, sequence_number: events.length, ...payload }) });
  };
  const initial = responseObject(body, reply, createdAt);
  emit('response.created', { response: initial });
  emit('response.in_progress', { response: initial });

  outputItems(reply).forEach((item, outputIndex) => {
    const itemId = item.id as string;
    if (item.type === 'message') {
      const text = reply.text;
      const part = { type: 'output_text', annotations: [], logprobs: [] };
      emit('response.output_item.added', {
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', content: [] },
      });
      emit('response.content_part.added', {
        item_id: itemId,
        output_index: outputIndex,
        content_index: 0,
        part: { ...part, text: '' },
      });
      for (const delta of splitForStream(text, reply.chunks)) {
        emit('response.output_text.delta', {
          item_id: itemId,
          output_index: outputIndex,
          content_index: 0,
          delta,
          logprobs: [],
        });
      }
      emit('response.output_text.done', {
        item_id: itemId,
        output_index: outputIndex,
        content_index: 0,
        text,
        logprobs: [],
      });
      emit('response.content_part.done', {
        item_id: itemId,
        output_index: outputIndex,
        content_index: 0,
        part: { ...part, text },
      });
    } else if (item.type === 'function_call') {
      const args = item.arguments as string;
      emit('response.output_item.added', {
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      for (const delta of splitForStream(args, reply.chunks ?? 3)) {
        emit('response.function_call_arguments.delta', { item_id: itemId, output_index: outputIndex, delta });
      }
      emit('response.function_call_arguments.done', {
        item_id: itemId,
        output_index: outputIndex,
        name: item.name,
        arguments: args,
      });
    } else {
      emit('response.output_item.added', { output_index: outputIndex, item });
    }
    emit('response.output_item.done', { output_index: outputIndex, item });
  });

  const final = finishedResponse(body, reply, createdAt);
  emit(final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: final });
  return { kind: 'sse', events };
}
