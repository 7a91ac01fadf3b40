import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import { basicParams, type Harness, json, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => {
  h.reset();
  delete process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT;
});
afterAll(() => h.close());

const TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const CONVERSATION = [
  { role: 'user', content: 'Weather in Paris? Mail me at ann@example.com' },
  {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'Use the tool.', signature: 'sig' },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
    ],
  },
  {
    role: 'user',
    content: [
      { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny, 21C' },
      {
        type: 'image',
        source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo='.repeat(100) },
      },
      { type: 'image', source: { type: 'url', url: 'https://example.org/cat.png' } },
      { type: 'text', text: 'And this picture?' },
    ],
  },
];

describe('content capture', () => {
  it('is off by default: no content attribute at all', async () => {
    const client = instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
    await client.messages.create({ ...basicParams(), system: 'Be brief.', tools: [TOOL] } as never);
    const keys = Object.keys(h.onlySpan().attributes);
    for (const key of [
      'gen_ai.input.messages',
      'gen_ai.output.messages',
      'gen_ai.system_instructions',
      'gen_ai.tool.definitions',
    ]) {
      expect(keys).not.toContain(key);
    }
  });

  it('records input messages in the parts format, redacted, with base64 replaced by a placeholder', async () => {
    const client = instrumentAnthropic(h.client(), {
      tracerProvider: h.tracerProvider,
      captureContent: true,
    });
    h.fake.script({ provider: 'anthropic', reply: { text: 'It looks sunny.' } });
    await client.messages.create({
      ...basicParams(),
      system: [{ type: 'text', text: 'You are a weather bot.' }],
      tools: [TOOL, { type: 'web_search_20250305', name: 'web_search' }],
      messages: CONVERSATION,
    } as never);
    const span = h.onlySpan();
    expect(json(span, 'gen_ai.input.messages')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris? Mail me at [REDACTED_EMAIL]' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'Use the tool.' },
          { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: { city: 'Paris' } },
        ],
      },
      {
        role: 'user',
        parts: [
          { type: 'tool_call_response', id: 'toolu_1', response: 'Sunny, 21C' },
          {
            type: 'blob',
            modality: 'image',
            mime_type: 'image/png',
            content: '[base64 omitted: 1200 chars]',
          },
          { type: 'uri', modality: 'image', uri: 'https://example.org/cat.png' },
          { type: 'text', content: 'And this picture?' },
        ],
      },
    ]);
    expect(json(span, 'gen_ai.system_instructions')).toEqual([
      { type: 'text', content: 'You are a weather bot.' },
    ]);
    expect(json(span, 'gen_ai.tool.definitions')).toEqual([
      { type: 'function', name: 'get_weather', description: TOOL.description, parameters: TOOL.input_schema },
      { type: 'web_search_20250305', name: 'web_search' },
    ]);
    expect(json(span, 'gen_ai.output.messages')).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'It looks sunny.' }], finish_reason: 'end_turn' },
    ]);
  });

  it('a string system prompt becomes one text part; the env variable switches capture on', async () => {
    process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'true';
    const client = instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
    await client.messages.create({ ...basicParams(), system: 'Be brief.' });
    expect(json(h.onlySpan(), 'gen_ai.system_instructions')).toEqual([
      { type: 'text', content: 'Be brief.' },
    ]);
  });

  it('limits content size and applies a custom redactor', async () => {
    const client = instrumentAnthropic(h.client(), {
      tracerProvider: h.tracerProvider,
      captureContent: true,
      maxContentLength: 50,
      redact: (text) => text.replaceAll('secret', '***'),
    });
    h.fake.script({ provider: 'anthropic', reply: { text: 'ok' } });
    await client.messages.create({
      ...basicParams(),
      messages: [{ role: 'user', content: `secret ${'x'.repeat(500)}` }],
    });
    const messages = json(h.onlySpan(), 'gen_ai.input.messages') as { parts: { content: string }[] }[];
    const text = messages[0].parts[0].content;
    expect(text.startsWith('*** x')).toBe(true);
    expect(text).toMatch(/…\[truncated \d+ chars\]$/);
    expect(text.length).toBeLessThan(100);
  });

  it('records thinking blocks of a non-streamed reply as reasoning parts', async () => {
    const client = instrumentAnthropic(h.client(), {
      tracerProvider: h.tracerProvider,
      captureContent: true,
    });
    h.fake.script({ provider: 'anthropic', reply: { text: 'Done.', thinking: 'Think first.' } });
    await client.messages.create(basicParams({ thinking: { type: 'enabled', budget_tokens: 1024 } }));
    expect(json(h.onlySpan(), 'gen_ai.output.messages')).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'Think first.' },
          { type: 'text', content: 'Done.' },
        ],
        finish_reason: 'end_turn',
      },
    ]);
  });
});
