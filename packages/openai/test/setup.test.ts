import { metrics } from '@opentelemetry/api';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import OpenAI from 'openai';
import { Stream } from 'openai/streaming';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { detectProviderName, instrumentOpenAI } from '../src/index.js';
import { type Harness, harness, telemetry, USER } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h ??= await harness();
  h.fake.reset();
  h.exporter.reset();
});
afterEach(() => vi.unstubAllEnvs());
afterAll(() => h?.fake.close());

describe('instrumentOpenAI', () => {
  test('returns the same client; instrumenting twice does not double spans', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'once' } });
    const raw = h.raw();
    const first = instrumentOpenAI(raw, { tracerProvider: h.tracerProvider });
    const second = instrumentOpenAI(raw, { tracerProvider: h.tracerProvider });
    expect(first).toBe(raw);
    expect(second).toBe(raw);
    await second.chat.completions.create({ model: 'gpt-4o-mini', messages: USER });
    expect(h.spans()).toHaveLength(1);
  });

  test('clients made with withOptions() are instrumented too', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'derived' } });
    const derived = h.client().withOptions({ timeout: 5000 });
    await derived.chat.completions.create({ model: 'gpt-4o-mini', messages: USER });
    expect(h.spans()).toHaveLength(1);
  });

  test('changes only the instance: prototypes, other clients and enumerable keys stay as they were', async () => {
    const ownValues = (target: object) =>
      Object.getOwnPropertyNames(target).map((key) => [
        key,
        Object.getOwnPropertyDescriptor(target, key)?.value,
      ]);
    const completionsPrototype = Object.getPrototypeOf(h.raw().chat.completions);
    const before = [OpenAI.prototype, Stream.prototype, completionsPrototype].map(ownValues);
    const raw = h.raw();
    const keys = [raw, raw.chat.completions, raw.responses, raw.embeddings].map((o) => Object.keys(o));
    const client = instrumentOpenAI(raw, { tracerProvider: h.tracerProvider });
    for await (const _ of await client.chat.completions.create({
      model: 'gpt-4o',
      messages: USER,
      stream: true,
    }));
    expect([OpenAI.prototype, Stream.prototype, completionsPrototype].map(ownValues)).toEqual(before);
    expect(
      [client, client.chat.completions, client.responses, client.embeddings].map((o) => Object.keys(o)),
    ).toEqual(keys);
    expect(Object.hasOwn(h.raw().chat.completions, 'create')).toBe(false);
  });

  test('two clients keep their own options', async () => {
    const capturing = h.client({ captureContent: true });
    const quiet = h.client();
    await capturing.chat.completions.create({ model: 'gpt-4o', messages: USER });
    await quiet.chat.completions.create({ model: 'gpt-4o', messages: USER });
    const [first, second] = h.spans();
    expect(first.attributes['gen_ai.input.messages']).toBeDefined();
    expect(second.attributes['gen_ai.input.messages']).toBeUndefined();
  });

  test('bad options fail fast with the field name', () => {
    expect(() => instrumentOpenAI(h.raw(), { maxContentLength: -1 })).toThrow(/maxContentLength/);
    expect(() => instrumentOpenAI(h.raw(), { captureContent: 'yes' as never })).toThrow(/captureContent/);
    expect(() => instrumentOpenAI(h.raw(), { redact: 'x' as never })).toThrow(/redact/);
    expect(() => instrumentOpenAI(h.raw(), { includeStreamUsage: 1 as never })).toThrow(/includeStreamUsage/);
    expect(() => instrumentOpenAI(null as never)).toThrow(/OpenAI client/);
  });

  test('global providers are looked up at call time (SDK set up after wrapping)', async () => {
    const client = instrumentOpenAI(h.raw());
    const t = telemetry();
    metrics.setGlobalMeterProvider(t.meterProvider);
    try {
      h.fake.script({
        provider: 'openai',
        route: 'chat',
        reply: { usage: { inputTokens: 3, outputTokens: 1 } },
      });
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER });
      const points = await t.points('gen_ai.client.token.usage');
      expect(points.length).toBe(2);
    } finally {
      metrics.disable();
    }
  });
});

describe('provider name', () => {
  test.each([
    ['https://api.openai.com/v1', 'openai'],
    ['https://my-res.openai.azure.com/openai', 'azure.ai.openai'],
    ['https://api.groq.com/openai/v1', 'groq'],
    ['https://api.deepseek.com', 'deepseek'],
    ['https://api.x.ai/v1', 'x_ai'],
    ['https://api.mistral.ai/v1', 'mistral_ai'],
    ['https://api.perplexity.ai', 'perplexity'],
    ['https://openrouter.ai/api/v1', 'openrouter'],
    ['https://api.together.xyz/v1', 'together_ai'],
    ['https://api.fireworks.ai/inference/v1', 'fireworks_ai'],
    ['http://localhost:11434/v1', 'ollama'],
    ['http://127.0.0.1:8000/v1', 'openai'],
    ['https://llm-proxy.internal/v1', 'openai'],
  ])('%s -> %s', (url, expected) => {
    expect(detectProviderName(url)).toBe(expected);
  });

  test('detected from the client; the providerName option wins', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', times: 2, reply: { text: 'x' } });
    await h.client().chat.completions.create({ model: 'gpt-4o-mini', messages: USER });
    await h
      .client({ providerName: 'my-gateway' })
      .chat.completions.create({ model: 'gpt-4o-mini', messages: USER });
    expect(h.spans().map((s) => s.attributes['gen_ai.provider.name'])).toEqual(['openai', 'my-gateway']);
  });
});

describe('metrics', () => {
  test('token usage, duration, time to first chunk, time per chunk, cost: names, units, buckets, values', async () => {
    const t = telemetry();
    h.fake.script(
      {
        provider: 'openai',
        route: 'chat',
        reply: { text: 'a b c', usage: { inputTokens: 100, outputTokens: 10 } },
      },
      { provider: 'openai', route: 'chat', fault: { kind: 'error', status: 429 } },
    );
    const client = instrumentOpenAI(h.raw(), {
      tracerProvider: t.tracerProvider,
      meterProvider: t.meterProvider,
      includeStreamUsage: true,
    });
    for await (const _ of await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: USER,
      stream: true,
    }));
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }).catch(() => {});
    const all = await t.metrics();
    const byName = new Map(all.scopeMetrics.flatMap((s) => s.metrics).map((m) => [m.descriptor.name, m]));
    expect(all.scopeMetrics[0].scope.name).toBe('@sightline/openai');
    const tokens = byName.get('gen_ai.client.token.usage');
    expect(tokens?.descriptor.unit).toBe('{token}');
    const tokenPoints = tokens?.dataPoints ?? [];
    const input = tokenPoints.find((p) => p.attributes['gen_ai.token.type'] === 'input');
    const output = tokenPoints.find((p) => p.attributes['gen_ai.token.type'] === 'output');
    const histogram = (name: string) => byName.get(name)?.dataPoints[0]?.value as Histogram | undefined;
    expect((input?.value as Histogram | undefined)?.sum).toBe(100);
    expect((output?.value as Histogram | undefined)?.sum).toBe(10);
    expect((input?.value as Histogram | undefined)?.buckets.boundaries).toEqual([
      1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
    ]);
    expect(input?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini',
      'server.address': '127.0.0.1',
    });
    const duration = byName.get('gen_ai.client.operation.duration');
    expect(duration?.descriptor.unit).toBe('s');
    const durationPoints = duration?.dataPoints ?? [];
    expect(durationPoints).toHaveLength(2);
    expect(durationPoints.map((p) => p.attributes['error.type'])).toContain('RateLimitError');
    expect((durationPoints[0].value as Histogram).buckets.boundaries).toEqual([
      0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
    ]);
    expect(histogram('gen_ai.client.operation.time_to_first_chunk')?.count).toBe(1);
    expect(histogram('gen_ai.client.operation.time_per_output_chunk')?.count).toBe(1);
    const cost = byName.get('sightline.client.cost');
    expect(cost?.descriptor.unit).toBe('USD');
    expect(cost?.dataPoints[0].value).toBeCloseTo((100 * 0.15 + 10 * 0.6) / 1e6, 12);
    expect(byName.has('gen_ai.client.inference.duration')).toBe(false);
  });

  test('gen_ai_latest_experimental adds the newer metric names', async () => {
    vi.stubEnv('OTEL_SEMCONV_STABILITY_OPT_IN', 'http,gen_ai_latest_experimental');
    const t = telemetry();
    h.fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { usage: { inputTokens: 12, outputTokens: 4, cachedInputTokens: 2 } },
    });
    const client = instrumentOpenAI(h.raw(), {
      tracerProvider: t.tracerProvider,
      meterProvider: t.meterProvider,
    });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER });
    expect((await t.points('gen_ai.client.inference.duration')).length).toBe(1);
    expect((await t.points('gen_ai.client.inference.usage.input_tokens'))[0].value).toBe(12);
    expect((await t.points('gen_ai.client.inference.usage.output_tokens'))[0].value).toBe(4);
    expect((await t.points('gen_ai.client.inference.usage.cache_read.input_tokens'))[0].value).toBe(2);
    expect((await t.points('gen_ai.client.operation.duration')).length).toBe(1);
  });
});
