import { context, trace } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { task, workflow } from '../chains/index.js';
import { type OtelHarness, setupOtel } from '../chains/otel-test-setup.js';
import { fitContext } from '../context/index.js';
import { definePrompt } from '../prompts/index.js';
import { applyPendingContextReport, callAnnotationAttributes } from './index.js';

let otel: OtelHarness;
beforeAll(() => {
  otel = setupOtel();
});
afterEach(() => otel.exporter.reset());
afterAll(() => otel.shutdown());

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** What a provider instrumentation does: start the LLM span in the active context and apply the seam. */
function instrumentedCall(name: string, messages: unknown = []): void {
  const ctx = context.active();
  const span = trace
    .getTracer('fake-llm')
    .startSpan(name, { attributes: callAnnotationAttributes(messages, ctx) }, ctx);
  applyPendingContextReport(span, ctx);
  span.end();
}

const longConversation = () => [
  { role: 'system', content: 'sys' },
  ...Array.from({ length: 20 }, (_, i) => ({
    role: i % 2 ? 'assistant' : 'user',
    content: `message ${i} `.repeat(30),
  })),
];

describe('prompt attributes', () => {
  const prompt = definePrompt({
    name: 'support-answer',
    version: '3',
    template: [
      { role: 'system', content: 'You answer for {{company}}.' },
      { role: 'user', content: '{{question}}' },
    ],
  });

  it('are found from the rendered array, and variables only with content capture', () => {
    const messages = prompt.render({ company: 'Acme', question: 'Where is my order?' });
    expect(callAnnotationAttributes(messages)).toEqual({
      'gen_ai.prompt.name': 'support-answer',
      'gen_ai.prompt.version': '3',
      'sightline.prompt.hash': prompt.hash,
    });
    expect(callAnnotationAttributes(messages, undefined, true)['sightline.prompt.variables']).toBe(
      '{"company":"Acme","question":"Where is my order?"}',
    );
  });

  it('redact and size-limit captured variables (they are user content)', () => {
    const messages = prompt.render({
      company: 'Acme',
      question: `mail bob@example.com, key sk-ant-api03-abcdefghijklmnopqrstuvwxyz012 ${'z'.repeat(100)}`,
    });
    const variables = callAnnotationAttributes(messages, undefined, true)['sightline.prompt.variables'];
    expect(variables).not.toContain('example.com');
    expect(variables).not.toContain('abcdefghijklmnop');
    const limited = callAnnotationAttributes(messages, undefined, {
      redact: undefined,
      maxContentLength: 20,
    });
    const parsed = JSON.parse(String(limited['sightline.prompt.variables']));
    expect(parsed.company).toBe('Acme');
    expect(parsed.question).toMatch(/^mail bob@exam.*…\[truncated \d+ chars\]$/);
  });

  it('are found from a rendered message placed in another list', () => {
    const [system] = prompt.render({ company: 'Acme', question: 'q' });
    const request = [system, { role: 'user', content: 'free text' }];
    expect(callAnnotationAttributes(request)['gen_ai.prompt.name']).toBe('support-answer');
  });

  it('merge with association attributes inside a chain', () => {
    const attributes = task(
      't',
      () => callAnnotationAttributes(prompt.render({ company: 'A', question: 'q' })),
      {
        conversationId: 'c-9',
      },
    );
    expect(attributes).toMatchObject({ 'gen_ai.conversation.id': 'c-9', 'gen_ai.prompt.version': '3' });
  });

  it('never throw, whatever the request looks like', () => {
    for (const odd of [undefined, null, 'text', 42, {}, [null, 1, 'x'], { messages: [] }]) {
      expect(callAnnotationAttributes(odd)).toEqual({});
    }
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    // Extra variables are kept in the prompt use even though the template does not print them.
    const looped = prompt.render({ company: 'A', question: 'q', extra: circular });
    // A cycle cannot break the call: the prompt identity is recorded, the variables stay valid JSON, cut deep.
    const attributes = callAnnotationAttributes(looped, undefined, true);
    expect(attributes['gen_ai.prompt.name']).toBe('support-answer');
    const variables = JSON.parse(String(attributes['sightline.prompt.variables']));
    expect(variables.company).toBe('A');
    expect(JSON.stringify(variables.extra)).toContain('[too deep]');
    // BigInt cannot be serialised at all: no variables attribute, the identity stays.
    const big = callAnnotationAttributes(
      prompt.render({ company: 'A', question: 'q', n: 1n }),
      undefined,
      true,
    );
    expect(big['gen_ai.prompt.name']).toBe('support-answer');
    expect(big['sightline.prompt.variables']).toBeUndefined();
  });
});

describe('context-fit report on the next LLM span', () => {
  it('lands on the next LLM span in the same chain step, once', async () => {
    await task('answer', async () => {
      const { messages } = fitContext(longConversation(), { model: 'gpt-4o', maxInputTokens: 300 });
      await tick();
      instrumentedCall('llm-first', messages);
      instrumentedCall('llm-second', messages);
    });
    const first = otel.span('llm-first');
    expect(first.attributes).toMatchObject({
      'gen_ai.conversation.compacted': true,
      'sightline.context.window': 128_000,
      'sightline.context.strategy': 'drop-oldest',
    });
    expect(first.attributes['sightline.context.dropped_messages']).toBeGreaterThan(0);
    expect(first.attributes['sightline.context.dropped_tokens']).toBeGreaterThan(0);
    expect(first.attributes['sightline.context.input_tokens']).toBeLessThanOrEqual(300);
    expect(first.attributes['sightline.context.utilization']).toBeCloseTo(
      (first.attributes['sightline.context.input_tokens'] as number) / 128_000,
      10,
    );
    const event = first.events.find((e) => e.name === 'sightline.context.truncated');
    expect(event?.attributes).toMatchObject({
      'sightline.context.strategy': 'drop-oldest',
      'sightline.context.fits': true,
    });
    const second = otel.span('llm-second');
    expect(second.attributes['gen_ai.conversation.compacted']).toBeUndefined();
    expect(second.events).toHaveLength(0);
    // The chain span itself is left alone: one compaction is counted once, on the call it shaped.
    expect(otel.span('task answer').attributes['gen_ai.conversation.compacted']).toBeUndefined();
  });

  it('reaches an LLM call in a nested step, and stays within its own Promise.all branch', async () => {
    await workflow('w', () =>
      Promise.all([
        task('fits-branch', async () => {
          fitContext(longConversation(), { model: 'gpt-4o', maxInputTokens: 300 });
          await tick();
          await task('inner', async () => instrumentedCall('llm-a'));
        }),
        task('other-branch', async () => {
          await tick();
          instrumentedCall('llm-b');
        }),
      ]),
    );
    expect(otel.span('llm-a').attributes['gen_ai.conversation.compacted']).toBe(true);
    expect(otel.span('llm-b').attributes['gen_ai.conversation.compacted']).toBeUndefined();
  });

  it('without a chain step, goes through the active span', async () => {
    const tracer = trace.getTracer('app');
    await tracer.startActiveSpan('http request', async (server) => {
      fitContext(longConversation(), { model: 'gpt-4o', maxInputTokens: 300 });
      await tick();
      instrumentedCall('llm-under-server');
      server.end();
    });
    expect(otel.span('llm-under-server').attributes['gen_ai.conversation.compacted']).toBe(true);
  });

  it('reaches a call made inside a chain step started after fitting', async () => {
    const tracer = trace.getTracer('app');
    await tracer.startActiveSpan('outer', async (outer) => {
      fitContext(longConversation(), { model: 'gpt-4o', maxInputTokens: 300 });
      await task('later-step', async () => instrumentedCall('llm-in-later-step'));
      outer.end();
    });
    expect(otel.span('llm-in-later-step').attributes['gen_ai.conversation.compacted']).toBe(true);
  });

  it('without any span, goes to the next call in the same context', () => {
    fitContext(longConversation(), { model: 'gpt-4o', maxInputTokens: 300 });
    instrumentedCall('llm-root');
    expect(otel.span('llm-root').attributes['gen_ai.conversation.compacted']).toBe(true);
  });

  it('sets window and utilisation but no compaction when nothing was dropped', () => {
    task('small', () => {
      fitContext([{ role: 'user', content: 'hi' }], { model: 'gpt-4o' });
      instrumentedCall('llm-small');
    });
    const span = otel.span('llm-small');
    expect(span.attributes['sightline.context.window']).toBe(128_000);
    expect(span.attributes['sightline.context.input_tokens']).toBeGreaterThan(0);
    expect(span.attributes['gen_ai.conversation.compacted']).toBeUndefined();
    expect(span.events).toHaveLength(0);
  });

  it('records content truncation and an overflow on the span', () => {
    task('cut', () => {
      fitContext(
        [
          { role: 'user', content: 'read it' },
          { role: 'tool', tool_call_id: 'x', content: 'data '.repeat(3000) },
        ],
        { model: 'gpt-4o', maxInputTokens: 200, strategy: 'truncate-longest' },
      );
      instrumentedCall('llm-cut');
      fitContext([{ role: 'user', content: 'data '.repeat(3000) }], { model: 'gpt-4o', maxInputTokens: 100 });
      instrumentedCall('llm-overflow');
    });
    expect(otel.span('llm-cut').attributes).toMatchObject({
      'gen_ai.conversation.compacted': true,
      'sightline.context.content_truncated': true,
      'sightline.context.strategy': 'truncate-longest',
    });
    expect(otel.span('llm-overflow').attributes['sightline.context.fits']).toBe(false);
  });

  it('is not recorded with record: false', () => {
    task('quiet', () => {
      fitContext(longConversation(), { model: 'gpt-4o', maxInputTokens: 300, record: false });
      instrumentedCall('llm-quiet');
    });
    expect(otel.span('llm-quiet').attributes['sightline.context.window']).toBeUndefined();
  });
});
