/** Pure mapping functions: usage, stream accumulation, provider detection, overflow classification, content. */
import { describe, expect, it } from 'vitest';
import { blockPart, toolDefinitions } from '../src/content.js';
import { isContextOverflow } from '../src/errors.js';
import { detectProviderName } from '../src/provider.js';
import { requestAttributes } from '../src/request.js';
import { AnthropicStreamAccumulator } from '../src/stream-accumulator.js';
import { inclusiveUsage, StreamUsage } from '../src/usage.js';

describe('inclusiveUsage', () => {
  it('adds cache reads and writes to input_tokens; the cache counts are subsets', () => {
    expect(
      inclusiveUsage({
        input_tokens: 10,
        cache_read_input_tokens: 70,
        cache_creation_input_tokens: 20,
        output_tokens: 5,
      }),
    ).toEqual({ inputTokens: 100, outputTokens: 5, cacheReadInputTokens: 70, cacheWriteInputTokens: 20 });
  });
  it('null cache fields are absent, zero is a fact', () => {
    expect(
      inclusiveUsage({
        input_tokens: 10,
        cache_read_input_tokens: null,
        cache_creation_input_tokens: 0,
        output_tokens: 1,
      }),
    ).toEqual({ inputTokens: 10, outputTokens: 1, cacheWriteInputTokens: 0 });
  });
  it('reads thinking tokens as reasoning; no counts means no usage', () => {
    expect(inclusiveUsage({ output_tokens: 9, output_tokens_details: { thinking_tokens: 4 } })).toEqual({
      outputTokens: 9,
      reasoningOutputTokens: 4,
    });
    expect(inclusiveUsage({})).toBeUndefined();
    expect(inclusiveUsage(null)).toBeUndefined();
  });
  it('stream usage: message_delta counters replace message_start ones field by field', () => {
    const usage = new StreamUsage();
    expect(usage.inclusive()).toBeUndefined();
    usage.merge({ input_tokens: 5, cache_read_input_tokens: 95, output_tokens: 1 });
    usage.merge({ output_tokens: 42, input_tokens: null });
    expect(usage.inclusive()).toEqual({ inputTokens: 100, outputTokens: 42, cacheReadInputTokens: 95 });
  });
});

describe('AnthropicStreamAccumulator', () => {
  const events = [
    {
      type: 'message_start',
      message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 3, output_tokens: 1 } },
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } },
    {
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
    },
    { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '1}' } },
    { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } },
    { type: 'message_stop' },
  ];
  it('gathers id, model, stop reason, usage, tool calls and (with capture) the blocks', () => {
    const acc = new AnthropicStreamAccumulator(true);
    for (const event of events) acc.add(event);
    expect([acc.id, acc.model, acc.stopReason]).toEqual(['msg_1', 'claude-x', 'tool_use']);
    expect(acc.usage()).toEqual({ inputTokens: 3, outputTokens: 9 });
    expect(acc.toolCalls).toEqual([{ id: 'toolu_1', name: 'f' }]);
    expect(acc.contentBlocks()).toEqual([
      { type: 'text', text: 'Hello' },
      { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
    ]);
  });
  it('keeps no text without capture, and ignores junk', () => {
    const acc = new AnthropicStreamAccumulator(false);
    for (const event of [...events, null, 'x', { type: 'content_block_delta', index: 7 }]) acc.add(event);
    expect(acc.contentBlocks()).toEqual([]);
    expect(acc.toolCalls).toHaveLength(1);
  });
});

describe('detectProviderName', () => {
  it('uses the SDK field, then the class, then the host', () => {
    expect(detectProviderName({ _genAIProviderName: 'aws.bedrock' })).toBe('aws.bedrock');
    class AnthropicBedrock {}
    class AnthropicVertex {}
    expect(detectProviderName(new AnthropicBedrock())).toBe('aws.bedrock');
    expect(detectProviderName(new AnthropicVertex())).toBe('gcp.vertex_ai');
    expect(detectProviderName({ baseURL: 'https://bedrock-runtime.us-east-1.amazonaws.com' })).toBe(
      'aws.bedrock',
    );
    expect(detectProviderName({ baseURL: 'https://us-east5-aiplatform.googleapis.com/v1' })).toBe(
      'gcp.vertex_ai',
    );
    expect(detectProviderName({ baseURL: 'https://api.anthropic.com' })).toBe('anthropic');
    expect(detectProviderName({ baseURL: 'not a url' })).toBe('anthropic');
  });
});

describe('isContextOverflow', () => {
  it('recognises both overflow messages on a 400, nothing else', () => {
    expect(
      isContextOverflow({ status: 400, message: '400 prompt is too long: 210000 tokens > 200000 maximum' }),
    ).toBe(true);
    expect(
      isContextOverflow({
        status: 400,
        message: 'input length and `max_tokens` exceed context limit: 197777 + 21333 > 200000',
      }),
    ).toBe(true);
    expect(isContextOverflow({ status: 429, message: 'prompt is too long' })).toBe(false);
    expect(isContextOverflow({ status: 400, message: 'messages: field required' })).toBe(false);
    expect(isContextOverflow(undefined)).toBe(false);
  });
});

describe('content mapping edge cases', () => {
  it('maps document sources, tool results with blocks, redacted thinking and unknown blocks', () => {
    expect(
      blockPart({ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'doc' } }),
    ).toEqual({
      type: 'text',
      content: 'doc',
    });
    expect(blockPart({ type: 'document', source: { type: 'file', file_id: 'file_1' } })).toEqual({
      type: 'file',
      modality: 'document',
      file_id: 'file_1',
    });
    expect(
      blockPart({
        type: 'tool_result',
        tool_use_id: 't',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      }),
    ).toEqual({ type: 'tool_call_response', id: 't', response: 'ab' });
    expect(blockPart({ type: 'redacted_thinking', data: 'xyz' })).toEqual({ type: 'redacted_thinking' });
    expect(blockPart({ type: 'container_upload', file_id: 'f' })).toEqual({ type: 'container_upload' });
    expect(blockPart(42)).toEqual({ type: 'unknown' });
  });
  it('tool definitions: client tools with schema, server tools by type', () => {
    expect(
      toolDefinitions([
        { type: 'bash_20250124', name: 'bash' },
        { name: 'f', input_schema: {} },
      ]),
    ).toEqual([
      { type: 'bash_20250124', name: 'bash' },
      { type: 'function', name: 'f', parameters: {} },
    ]);
    expect(toolDefinitions([])).toBeUndefined();
  });
});

describe('requestAttributes', () => {
  it('maps the request parameters and the SDK conversation id; ignores mistyped ones', () => {
    expect(
      requestAttributes(
        {
          max_tokens: 10,
          temperature: '0.5',
          top_k: 3.7,
          stop_sequences: ['x', 1],
          output_config: { format: { type: 'json_schema' } },
        },
        { openTelemetry: { conversationId: 'conv_1' } },
      ),
    ).toEqual({
      'gen_ai.request.max_tokens': 10,
      'gen_ai.request.top_k': 3,
      'gen_ai.request.stop_sequences': ['x'],
      'gen_ai.output.type': 'json',
      'gen_ai.conversation.id': 'conv_1',
    });
  });
});
