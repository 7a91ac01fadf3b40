/**
 * Compatibility: the same Sightline span from `@anthropic-ai/sdk` 0.x (the `anthropic-sdk-v0` alias, 0.137) as
 * from 1.x, identical app-visible behaviour wrapped and unwrapped, and one span per call although 0.137 also
 * traces itself when a global tracer provider is registered.
 */
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import { type Harness, SIGHTLINE_SCOPE, startHarness } from './harness.js';
import { type AnyClient, SCENARIOS } from './scenarios.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  trace.setGlobalTracerProvider(h.tracerProvider);
});
afterAll(() => h.close());

const CORE = [
  'plain create',
  'create with cache usage',
  'stream: true read to the end',
  'messages.stream() helpers',
  'tool_use (plain and streamed)',
  'thinking (plain and streamed)',
  'fault 429 (plain, stream: true, messages.stream())',
  'fault context overflow (plain, stream: true, messages.stream())',
  'mid-stream disconnect (stream: true and messages.stream())',
  'early break',
  'tee() both branches',
  'withResponse() and asResponse()',
];

const VOLATILE = new Set(['gen_ai.response.time_to_first_chunk']);

function stableAttributes(): Record<string, unknown>[] {
  return h.spans().map((span) => {
    const out: Record<string, unknown> = { name: span.name, status: span.status.code };
    for (const [key, value] of Object.entries(span.attributes)) if (!VOLATILE.has(key)) out[key] = value;
    return out;
  });
}

async function settleTimers(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('@anthropic-ai/sdk 0.x', () => {
  for (const name of CORE) {
    const scenario = SCENARIOS.find((s) => s.name === name);
    if (!scenario) throw new Error(`no scenario ${name}`);
    it(`${name}: same behaviour wrapped and unwrapped, and the same span as with 1.x`, async () => {
      const run = async (client: AnyClient) => {
        h.reset();
        h.fake.script(...scenario.script);
        const observation = JSON.parse(JSON.stringify(await scenario.run(client)));
        await settleTimers();
        return observation;
      };
      const unwrapped = await run(h.clientV0());
      const wrapped = await run(instrumentAnthropic(h.clientV0()));
      expect(wrapped).toEqual(unwrapped);
      expect(h.spans().map((s) => s.instrumentationScope.name)).toEqual(
        Array(scenario.calls).fill(SIGHTLINE_SCOPE),
      );
      const v0Spans = stableAttributes();
      await run(instrumentAnthropic(h.client()));
      expect(v0Spans).toEqual(stableAttributes());
    });
  }
});
