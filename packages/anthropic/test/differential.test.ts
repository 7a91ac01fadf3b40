/**
 * Differential test: every scenario through an UNWRAPPED and a WRAPPED client (1.x SDK, with a global tracer
 * provider so the SDK's own tracing path is live too) must give identical observations; the wrapped client must
 * end exactly one span per API call, and OpenTelemetry must never report a span ended twice.
 */
import { DiagLogLevel, diag, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import { type Harness, SIGHTLINE_SCOPE, startHarness } from './harness.js';
import { SCENARIOS } from './scenarios.js';

let h: Harness;
const diagnostics: string[] = [];
beforeAll(async () => {
  h = await startHarness();
  trace.setGlobalTracerProvider(h.tracerProvider);
  const sink = (message: string) => diagnostics.push(message);
  diag.setLogger(
    { error: sink, warn: sink, info: () => {}, debug: () => {}, verbose: () => {} },
    DiagLogLevel.WARN,
  );
});
afterAll(async () => {
  diag.disable();
  await h.close();
});

async function observe(run: () => Promise<unknown>): Promise<unknown> {
  const observation = await run();
  // Let abort listeners and stream finalisation settle before spans are counted.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return JSON.parse(JSON.stringify(observation));
}

describe('wrapped and unwrapped clients behave identically', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      h.reset();
      h.fake.script(...scenario.script);
      const unwrapped = await observe(() => scenario.run(h.client()));
      h.reset();
      h.fake.script(...scenario.script);
      const wrapped = await observe(() => scenario.run(instrumentAnthropic(h.client())));
      expect(wrapped).toEqual(unwrapped);
      const spans = h.spans();
      expect(spans.map((s) => s.instrumentationScope.name)).toEqual(
        Array(scenario.calls).fill(SIGHTLINE_SCOPE),
      );
      expect(diagnostics.filter((m) => /ended span|already ended/i.test(m))).toEqual([]);
    });
  }
});
