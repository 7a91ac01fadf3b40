/**
 * The metrics scenario: both instrumented clients record the GenAI client metrics and Sightline's cost counter
 * into a MeterProvider of the `@opentelemetry/sdk-metrics` line under test.
 */
import Anthropic from '@anthropic-ai/sdk';
import { instrumentAnthropic } from '@sightline/anthropic';
import { instrumentOpenAI } from '@sightline/openai';
import OpenAI from 'openai';
import { assert, endedSpans, memoryMetrics, scenario } from './harness.mjs';

const USAGE = { inputTokens: 1000, outputTokens: 200 };
/** gpt-4o (2.5 / 10 USD per 1M) plus claude-haiku-4-5 (1 / 5 USD per 1M) for USAGE each. */
const TOTAL_COST = (1000 * 2.5 + 200 * 10 + 1000 * 1 + 200 * 5) / 1e6;

function histogramPoint(points, tokenType, system) {
  return points.find(
    (point) =>
      point.attributes['gen_ai.token.type'] === tokenType &&
      point.attributes['gen_ai.provider.name'] === system,
  );
}

/** Runs the metrics scenario against `fake`. */
export async function metricsScenarios({ fake, tracing, otel }) {
  await scenario('metrics token usage, duration and cost (both providers)', async () => {
    fake.reset();
    tracing.reset();
    const metrics = memoryMetrics(otel);
    const options = { tracerProvider: tracing.provider, meterProvider: metrics.provider };
    const openai = instrumentOpenAI(
      new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-compat', maxRetries: 0 }),
      options,
    );
    const anthropic = instrumentAnthropic(
      new Anthropic({ baseURL: fake.anthropicBaseURL, apiKey: 'sk-ant-compat', maxRetries: 0 }),
      options,
    );
    fake.script(
      { provider: 'openai', route: 'chat', reply: { text: 'Paris.', usage: USAGE } },
      { provider: 'anthropic', route: 'messages', reply: { text: 'Paris.', usage: USAGE } },
    );
    await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Capital?' }],
    });
    await anthropic.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Capital?' }],
    });
    await endedSpans(tracing, 2);
    const byName = await metrics.collect();
    const names = [...byName.keys()].join(', ');

    const tokenUsage = byName.get('gen_ai.client.token.usage');
    assert.ok(tokenUsage, `gen_ai.client.token.usage not recorded (got: ${names})`);
    for (const provider of ['openai', 'anthropic']) {
      const input = histogramPoint(tokenUsage, 'input', provider);
      const output = histogramPoint(tokenUsage, 'output', provider);
      assert.equal(
        input?.value.sum,
        USAGE.inputTokens,
        `${provider} input tokens in gen_ai.client.token.usage`,
      );
      assert.equal(
        output?.value.sum,
        USAGE.outputTokens,
        `${provider} output tokens in gen_ai.client.token.usage`,
      );
    }

    const duration = byName.get('gen_ai.client.operation.duration');
    assert.ok(duration, `gen_ai.client.operation.duration not recorded (got: ${names})`);
    const calls = duration.reduce((sum, point) => sum + point.value.count, 0);
    assert.equal(calls, 2, 'one duration sample per call');

    const cost = byName.get('sightline.client.cost');
    assert.ok(cost, `sightline.client.cost not recorded (got: ${names})`);
    const usd = cost.reduce((sum, point) => sum + point.value, 0);
    assert.ok(
      Math.abs(usd - TOTAL_COST) < 1e-12,
      `sightline.client.cost total ${usd}, expected ${TOTAL_COST}`,
    );
    await metrics.provider.shutdown();
  });
}
