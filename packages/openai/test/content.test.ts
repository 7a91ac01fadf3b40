import { definePrompt } from '@sightline/core';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { captureDiag, type Harness, harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h ??= await harness();
  h.fake.reset();
  h.exporter.reset();
});
afterEach(() => vi.unstubAllEnvs());
afterAll(() => h?.fake.close());

const CONTENT_KEYS = [
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.definitions',
];

const TOOLS = [
  {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      description: 'Weather by city',
      parameters: { type: 'object', properties: {} },
    },
  },
];

const MESSAGES = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: 'My key is sk-proj-abcdefghijklmnopqrstuvwx and mail bob@example.com' },
  {
    role: 'assistant' as const,
    content: null,
    tool_calls: [
      {
        id: 'call_0',
        type: 'function' as const,
        function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
      },
    ],
  },
  { role: 'tool' as const, tool_call_id: 'call_0', content: 'sunny' },
];

function json(value: unknown): unknown {
  return JSON.parse(String(value));
}

describe('content capture off (default)', () => {
  test('no content attribute at all, not even tool arguments', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' } }] },
    });
    await h.client().chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES, tools: TOOLS });
    const [span] = h.spans();
    for (const key of CONTENT_KEYS) expect(span.attributes).not.toHaveProperty(key);
    const everything = JSON.stringify(span.attributes) + JSON.stringify(span.events);
    for (const secret of ['Rome', 'Oslo', 'terse', 'bob@', 'sunny']) expect(everything).not.toContain(secret);
  });

  test('env false/unset keeps it off; an explicit option beats the env', async () => {
    vi.stubEnv('OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT', 'true');
    h.fake.script({ provider: 'openai', route: 'chat', times: 2, reply: { text: 'ok' } });
    await h
      .client({ captureContent: false })
      .chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    await h.client().chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    const [off, fromEnv] = h.spans();
    expect(off.attributes).not.toHaveProperty('gen_ai.input.messages');
    expect(fromEnv.attributes).toHaveProperty('gen_ai.input.messages');
  });
});

describe('content capture on', () => {
  test('chat: input (with tool call and tool response parts), tool definitions, output; redacted by default', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'Write to alice@example.org' } });
    await h
      .client({ captureContent: true })
      .chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES, tools: TOOLS });
    const [span] = h.spans();
    expect(json(span.attributes['gen_ai.input.messages'])).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'You are terse.' }] },
      {
        role: 'user',
        parts: [{ type: 'text', content: 'My key is [REDACTED_API_KEY] and mail [REDACTED_EMAIL]' }],
      },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_0', name: 'get_weather', arguments: { city: 'Oslo' } }],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_0', response: 'sunny' }] },
    ]);
    expect(json(span.attributes['gen_ai.tool.definitions'])).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        description: 'Weather by city',
        parameters: { type: 'object', properties: {} },
      },
    ]);
    expect(json(span.attributes['gen_ai.output.messages'])).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'Write to [REDACTED_EMAIL]' }],
        finish_reason: 'stop',
      },
    ]);
  });

  test('chat stream: output text and tool-call arguments assembled from deltas', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'chat',
      reply: {
        text: 'Checking now',
        toolCalls: [{ id: 'call_s', name: 'get_weather', arguments: { city: 'Lima' } }],
      },
    });
    const stream = await h.client({ captureContent: true }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      stream: true,
    });
    for await (const _ of stream);
    expect(json(h.spans()[0].attributes['gen_ai.output.messages'])).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'Checking now' },
          { type: 'tool_call', id: 'call_s', name: 'get_weather', arguments: { city: 'Lima' } },
        ],
        finish_reason: 'tool_calls',
      },
    ]);
  });

  test('responses: instructions become system instructions; reasoning and text in the output', async () => {
    h.fake.script({
      provider: 'openai',
      route: 'responses',
      reply: { text: 'Hei', thinking: 'user wants Norwegian' },
    });
    await h.client({ captureContent: 'span_only' }).responses.create({
      model: 'gpt-4o-mini',
      instructions: 'Answer in Norwegian',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'hello' }] }],
    });
    const [span] = h.spans();
    expect(json(span.attributes['gen_ai.system_instructions'])).toEqual([
      { type: 'text', content: 'Answer in Norwegian' },
    ]);
    expect(json(span.attributes['gen_ai.input.messages'])).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'hello' }] },
    ]);
    expect(json(span.attributes['gen_ai.output.messages'])).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'user wants Norwegian' },
          { type: 'text', content: 'Hei' },
        ],
        finish_reason: 'stop',
      },
    ]);
  });

  test('maxContentLength cuts text leaves, keeps valid JSON and structure', async () => {
    const long = 'x'.repeat(500);
    h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'short' } });
    await h.client({ captureContent: true, maxContentLength: 100 }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'tiny' },
        { role: 'user', content: long },
      ],
    });
    const messages = json(h.spans()[0].attributes['gen_ai.input.messages']) as {
      role: string;
      parts: { content: string }[];
    }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0].parts[0].content).toBe('tiny');
    expect(messages[1].parts[0].content).toBe(`${'x'.repeat(96)}…[truncated 404 chars]`);
  });

  test('custom redactor, and redact: false', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', times: 2, reply: { text: 'secret-42' } });
    await h
      .client({ captureContent: true, redact: (t) => t.replaceAll('42', '**') })
      .chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'code 42, bob@example.com' }],
      });
    await h.client({ captureContent: true, redact: false }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'bob@example.com' }],
    });
    const [custom, none] = h.spans();
    expect(custom.attributes['gen_ai.input.messages']).toContain('code **, bob@example.com');
    expect(custom.attributes['gen_ai.output.messages']).toContain('secret-**');
    expect(none.attributes['gen_ai.input.messages']).toContain('bob@example.com');
  });

  test('a throwing redactor drops the content (never records it unredacted) and the call still works', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'fine' } });
    const { result, messages } = await captureDiag(() =>
      h
        .client({
          captureContent: true,
          redact: () => {
            throw new Error('redactor bug');
          },
        })
        .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'private' }] }),
    );
    expect(result.choices[0].message.content).toBe('fine');
    const [span] = h.spans();
    for (const key of CONTENT_KEYS) expect(span.attributes).not.toHaveProperty(key);
    expect(JSON.stringify(span.attributes)).not.toContain('private');
    expect(messages.some((m) => m.includes('redactor bug'))).toBe(true);
  });

  test('span_and_event: attributes and a gen_ai.client.inference.operation.details event; event_only: event only', async () => {
    vi.stubEnv('OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT', 'span_and_event');
    h.fake.script({ provider: 'openai', route: 'chat', times: 2, reply: { text: 'evented' } });
    await h
      .client()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'q' }] });
    await h.client({ captureContent: 'event_only' }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'q' }],
    });
    const [both, eventOnly] = h.spans();
    expect(both.attributes['gen_ai.output.messages']).toContain('evented');
    const event = both.events.find((e) => e.name === 'gen_ai.client.inference.operation.details');
    expect(event?.attributes?.['gen_ai.input.messages']).toContain('"q"');
    expect(event?.attributes?.['gen_ai.output.messages']).toContain('evented');
    expect(eventOnly.attributes).not.toHaveProperty('gen_ai.output.messages');
    expect(eventOnly.events.map((e) => e.name)).toEqual(['gen_ai.client.inference.operation.details']);
  });
});

describe('prompt variables (content from definePrompt renders)', () => {
  const prompt = definePrompt({
    name: 'support-answer',
    version: '2',
    template: [{ role: 'user', content: 'Answer {{question}}' }],
  });
  const question = 'reach me at bob@example.com with key sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';

  test('off by default: prompt identity only', async () => {
    await h.client().chat.completions.create({ model: 'gpt-4o', messages: prompt.render({ question }) });
    const [span] = h.spans();
    expect(span.attributes['gen_ai.prompt.name']).toBe('support-answer');
    expect(span.attributes['sightline.prompt.variables']).toBeUndefined();
  });

  test('capture on: redacted by the client redactor and limited to maxContentLength', async () => {
    const client = h.client({ captureContent: true, maxContentLength: 30 });
    await client.chat.completions.create({ model: 'gpt-4o', messages: prompt.render({ question }) });
    const variables = String(h.spans()[0].attributes['sightline.prompt.variables']);
    expect(variables).not.toContain('example.com');
    expect(variables).not.toContain('abcdefghijklmnop');
    expect(JSON.parse(variables).question).toMatch(/…\[truncated \d+ chars\]$/);
  });

  test('event_only: variables are not written to span attributes', async () => {
    const client = h.client({ captureContent: 'event_only' });
    await client.chat.completions.create({ model: 'gpt-4o', messages: prompt.render({ question }) });
    expect(h.spans()[0].attributes['sightline.prompt.variables']).toBeUndefined();
  });
});
