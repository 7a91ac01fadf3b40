/** What the app says outside the request reaches the Anthropic span: prompt versions and chain association. */
import { definePrompt, workflow } from '@sightline/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import { basicParams, type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.reset());
afterAll(() => h.close());

describe('annotations', () => {
  it('a definePrompt render gives the span gen_ai.prompt.name, version and sightline.prompt.hash', async () => {
    const prompt = definePrompt({
      name: 'capital-question',
      version: '3',
      template: 'Capital of {{country}}?',
    });
    const client = instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
    await client.messages.create(basicParams({ messages: prompt.render({ country: 'France' }) as never }));
    expect(h.onlySpan().attributes).toMatchObject({
      'gen_ai.prompt.name': 'capital-question',
      'gen_ai.prompt.version': '3',
      'sightline.prompt.hash': prompt.hash,
    });
  });

  it('a workflow parents the span and passes its association attributes down', async () => {
    const client = instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
    await workflow('answer', () => client.messages.stream(basicParams()).finalMessage(), {
      tracerProvider: h.tracerProvider,
      conversationId: 'conv-42',
      userId: 'user-7',
    });
    const llm = h.sightlineSpans()[0];
    const chain = h.spans().find((span) => span.name === 'invoke_workflow answer');
    expect(chain).toBeDefined();
    expect(llm.parentSpanContext?.spanId).toBe(chain?.spanContext().spanId);
    expect(llm.attributes).toMatchObject({ 'gen_ai.conversation.id': 'conv-42', 'user.id': 'user-7' });
  });
});
