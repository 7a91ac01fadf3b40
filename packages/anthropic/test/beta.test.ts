/**
 * `beta.messages` (prompt caching, computer use and the other betas) gets the same one-span-per-call treatment
 * as `messages`: create, stream: true, the `stream()` helper, `parse()` and the tool runner.
 */

import { Stream } from '@anthropic-ai/sdk/core/streaming';
import { betaTool } from '@anthropic-ai/sdk/helpers/beta/json-schema';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import {
  basicParams,
  drain,
  type Harness,
  json,
  SDK_SCOPE,
  SIGHTLINE_SCOPE,
  startHarness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.reset());
afterAll(() => h.close());

function client(captureContent = false, clientOptions: Record<string, unknown> = {}) {
  return instrumentAnthropic(h.client(clientOptions), { tracerProvider: h.tracerProvider, captureContent });
}

describe('beta.messages', () => {
  it('create: one Sightline span with usage and cost, the SDK result unchanged', async () => {
    h.fake.script({
      provider: 'anthropic',
      reply: { text: 'Paris.', usage: { inputTokens: 50, cachedInputTokens: 40, outputTokens: 2 } },
    });
    const message = await client().beta.messages.create({
      ...basicParams(),
      betas: ['prompt-caching-2024-07-31'],
    });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Paris.' });
    expect(h.fake.requests()[0].headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
    expect(h.fake.requests()[0].body).not.toHaveProperty('betas');
    const span = h.onlySpan();
    expect(span.instrumentationScope.name).toBe(SIGHTLINE_SCOPE);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.usage.input_tokens': 50,
      'gen_ai.usage.cache_read.input_tokens': 40,
      'gen_ai.usage.output_tokens': 2,
    });
    expect(span.attributes['sightline.cost.usd']).toBeGreaterThan(0);
  });

  it('stream: true returns the SDK Stream; the stream() helper gives one span', async () => {
    const beta = client().beta.messages;
    const stream = await beta.create({ ...basicParams(), stream: true });
    expect(stream).toBeInstanceOf(Stream);
    await drain(stream);
    const helper = beta.stream(basicParams());
    expect(await helper.finalText()).toBe('Echo: What is the capital of France?');
    expect(
      h.spans().map((span) => [span.instrumentationScope.name, span.attributes['gen_ai.request.stream']]),
    ).toEqual([
      [SIGHTLINE_SCOPE, true],
      [SIGHTLINE_SCOPE, true],
    ]);
  });

  it('an SDK that traces itself still gives exactly one span per beta call', async () => {
    const traced = client(false, { openTelemetry: { tracerProvider: h.tracerProvider } });
    await traced.beta.messages.create(basicParams());
    expect(h.onlySpan().instrumentationScope.name).toBe(SIGHTLINE_SCOPE);
    h.reset();
    // Untouched methods keep the SDK's own span.
    await traced.beta.messages.countTokens({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(h.onlySpan().instrumentationScope.name).toBe(SDK_SCOPE);
  });

  it('the tool runner: one span per model turn, content captured with the tool call', async () => {
    h.fake.script(
      { provider: 'anthropic', reply: { toolCalls: [{ name: 'lookup', arguments: { city: 'Paris' } }] } },
      { provider: 'anthropic', reply: { text: 'It is sunny.' } },
    );
    const lookup = betaTool({
      name: 'lookup',
      description: 'Weather for a city',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      run: ({ city }) => `sunny in ${city}`,
    });
    const runner = client(true).beta.messages.toolRunner({
      ...basicParams(),
      tools: [lookup],
      thread: false,
    });
    const final = await runner.runUntilDone();
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'It is sunny.' });
    const spans = h.sightlineSpans();
    expect(spans).toHaveLength(2);
    expect(spans[0].attributes['sightline.response.tool_call.names']).toEqual(['lookup']);
    expect(json(spans[0], 'gen_ai.tool.definitions')).toEqual([
      expect.objectContaining({ name: 'lookup', description: 'Weather for a city' }),
    ]);
    expect(JSON.stringify(json(spans[1], 'gen_ai.input.messages'))).toContain('sunny in Paris');
  });

  it('withOptions() copies instrument beta.messages too', async () => {
    await client().withOptions({ timeout: 10_000 }).beta.messages.create(basicParams());
    expect(h.onlySpan().instrumentationScope.name).toBe(SIGHTLINE_SCOPE);
  });
});
