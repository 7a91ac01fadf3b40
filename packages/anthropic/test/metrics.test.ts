import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import {
  basicParams,
  drain,
  type Harness,
  type Histogram,
  MODEL,
  metricPoints,
  startHarness,
  streamParams,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.reset());
afterAll(() => h.close());

describe('GenAI metrics', () => {
  it('records token usage (inclusive input), duration, time to first chunk, time per chunk and cost', async () => {
    const client = instrumentAnthropic(h.client(), {
      tracerProvider: h.tracerProvider,
      meterProvider: h.meterProvider,
    });
    h.fake.script(
      {
        provider: 'anthropic',
        reply: {
          text: 'a',
          usage: {
            inputTokens: 1000,
            cachedInputTokens: 600,
            cacheCreationInputTokens: 200,
            outputTokens: 50,
          },
        },
      },
      { provider: 'anthropic', reply: { text: 'one two three four five' } },
    );
    await client.messages.create(basicParams());
    await drain(await client.messages.create(streamParams()));

    const tokens = await metricPoints(h.metricReader, 'gen_ai.client.token.usage');
    const input = tokens.filter((p) => p.attributes['gen_ai.token.type'] === 'input');
    expect(input).toHaveLength(1);
    expect(input[0].attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': MODEL,
    });
    const inputHistogram = input[0].value as Histogram;
    expect(inputHistogram.count).toBe(2);
    expect(inputHistogram.max).toBe(1000);

    const duration = await metricPoints(h.metricReader, 'gen_ai.client.operation.duration');
    expect((duration[0].value as Histogram).count).toBe(2);
    const ttfc = await metricPoints(h.metricReader, 'gen_ai.client.operation.time_to_first_chunk');
    expect((ttfc[0].value as Histogram).count).toBe(1);
    const perChunk = await metricPoints(h.metricReader, 'gen_ai.client.operation.time_per_output_chunk');
    expect((perChunk[0].value as Histogram).count).toBe(1);
    const cost = await metricPoints(h.metricReader, 'sightline.client.cost');
    const spans = h.spans();
    const spanCost = spans.reduce((sum, s) => sum + Number(s.attributes['sightline.cost.usd'] ?? 0), 0);
    expect(cost[0].value as number).toBeCloseTo(spanCost, 12);
    expect(spans[0].attributes['sightline.cost.usd']).toBeCloseTo((200 + 60 + 250 + 250) / 1e6, 12);
  });

  it('tags the duration of a failed call with error.type', async () => {
    const client = instrumentAnthropic(h.client(), {
      tracerProvider: h.tracerProvider,
      meterProvider: h.meterProvider,
    });
    h.fake.script({ provider: 'anthropic', fault: { kind: 'error', status: 429 } });
    await client.messages.create(basicParams()).catch(() => {});
    const duration = await metricPoints(h.metricReader, 'gen_ai.client.operation.duration');
    expect(duration.some((p) => p.attributes['error.type'] === 'RateLimitError')).toBe(true);
  });
});
