/**
 * The SDK (1.x, and 0.137) emits its own span per API call when a tracer provider is registered globally or
 * given in its `openTelemetry` option. These tests prove: exactly ONE span per instrumented call (Sightline's),
 * an uninstrumented client still gets the SDK's span, and the SDK keeps tracing the methods Sightline does not
 * span.
 */
import { DiagLogLevel, diag, trace } from '@opentelemetry/api';
import { faults } from '@sightline/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import {
  basicParams,
  drain,
  type Harness,
  rejectionOf,
  SDK_SCOPE,
  SIGHTLINE_SCOPE,
  startHarness,
  streamParams,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  trace.setGlobalTracerProvider(h.tracerProvider);
});
afterEach(() => h.reset());
afterAll(() => h.close());

function scopes(): string[] {
  return h.spans().map((span) => span.instrumentationScope.name);
}

describe('with a GLOBAL tracer provider', () => {
  it('an uninstrumented 1.x client still emits its own span (the SDK is not broken)', async () => {
    await h.client().messages.create(basicParams());
    expect(scopes()).toEqual([SDK_SCOPE]);
    expect(h.spans()[0].name).toBe('anthropic.messages.create');
  });

  it('an instrumented client emits exactly one span per call: create, stream: true, messages.stream()', async () => {
    const client = instrumentAnthropic(h.client());
    await client.messages.create(basicParams());
    expect(scopes()).toEqual([SIGHTLINE_SCOPE]);
    await drain(await client.messages.create(streamParams()));
    expect(scopes()).toEqual([SIGHTLINE_SCOPE, SIGHTLINE_SCOPE]);
    await client.messages.stream(basicParams()).finalMessage();
    expect(scopes()).toEqual([SIGHTLINE_SCOPE, SIGHTLINE_SCOPE, SIGHTLINE_SCOPE]);
  });

  it('one span for a failed call too', async () => {
    const client = instrumentAnthropic(h.client());
    h.fake.script({ provider: 'anthropic', fault: faults.rateLimit() });
    await rejectionOf(client.messages.create(basicParams()));
    expect(scopes()).toEqual([SIGHTLINE_SCOPE]);
  });

  it('instrumented and uninstrumented clients side by side: one span each, from the right scope', async () => {
    const instrumented = instrumentAnthropic(h.client());
    const plain = h.client();
    await Promise.all([instrumented.messages.create(basicParams()), plain.messages.create(basicParams())]);
    expect(scopes().sort()).toEqual([SIGHTLINE_SCOPE, SDK_SCOPE].sort());
  });

  it('keeps the SDK span for methods Sightline does not span, and restores the client tracer', async () => {
    const client = instrumentAnthropic(h.client());
    const tracerBefore = (client as unknown as { _tracer: unknown })._tracer;
    expect(tracerBefore).toBeDefined();
    await client.messages.create(basicParams());
    expect((client as unknown as { _tracer: unknown })._tracer).toBe(tracerBefore);
    await client.messages.countTokens({ model: 'claude-haiku-4-5', messages: basicParams().messages });
    expect(scopes()).toEqual([SIGHTLINE_SCOPE, SDK_SCOPE]);
    expect(h.spans()[1].name).toBe('anthropic.messages.count_tokens');
  });

  it('a withOptions() copy is instrumented too: one Sightline span, no SDK span', async () => {
    const copy = instrumentAnthropic(h.client()).withOptions({ timeout: 60_000 });
    await copy.messages.create(basicParams());
    await drain(copy.messages.stream(basicParams()));
    expect(scopes()).toEqual([SIGHTLINE_SCOPE, SIGHTLINE_SCOPE]);
  });

  it('propagation: the SDK sends traceparent for its own span; with Sightline the app HTTP instrumentation does', async () => {
    await h.client().messages.create(basicParams());
    const sdkSpan = h.spans()[0];
    const sdkHeader = h.fake.requests()[0].headers.traceparent;
    expect(sdkHeader).toContain(sdkSpan.spanContext().spanId);
    h.reset();
    await instrumentAnthropic(h.client()).messages.create(basicParams());
    // Without HTTP instrumentation in this test process, nothing sends trace context for Sightline's span
    // (documented in the README, "One span per call").
    expect(h.fake.requests()[0].headers.traceparent).toBeUndefined();
  });
});

describe("HTTP attempts run inside Sightline's span", () => {
  it('the active span during fetch is the Sightline span (what HTTP instrumentation parents under)', async () => {
    const active: (string | undefined)[] = [];
    const recordingFetch = (input: string | URL | Request, init?: RequestInit) => {
      active.push(trace.getActiveSpan()?.spanContext().spanId);
      return fetch(input, init);
    };
    const client = instrumentAnthropic(h.client({ fetch: recordingFetch }));
    await client.messages.create(basicParams());
    await client.messages.stream(basicParams()).finalMessage();
    const spans = h.spans();
    expect(spans.map((s) => s.instrumentationScope.name)).toEqual([SIGHTLINE_SCOPE, SIGHTLINE_SCOPE]);
    expect(active).toEqual(spans.map((s) => s.spanContext().spanId));
  });
});

describe("with the SDK's own openTelemetry.tracerProvider option (no global provider needed)", () => {
  it('one Sightline span per call', async () => {
    trace.disable();
    try {
      const raw = h.client({ openTelemetry: { tracerProvider: h.tracerProvider } });
      await raw.messages.create(basicParams());
      expect(scopes()).toEqual([SDK_SCOPE]);
      h.reset();
      const client = instrumentAnthropic(h.client({ openTelemetry: { tracerProvider: h.tracerProvider } }), {
        tracerProvider: h.tracerProvider,
      });
      await client.messages.create(basicParams());
      await drain(await client.messages.create(streamParams()));
      await client.messages.stream(basicParams()).finalText();
      expect(scopes()).toEqual([SIGHTLINE_SCOPE, SIGHTLINE_SCOPE, SIGHTLINE_SCOPE]);
    } finally {
      trace.setGlobalTracerProvider(h.tracerProvider);
    }
  });
});

describe('an SDK whose spans cannot be switched off', () => {
  it('warns through diag', () => {
    const warnings: string[] = [];
    const sink = (message: string) => warnings.push(message);
    diag.setLogger(
      { error: sink, warn: sink, info: () => {}, debug: () => {}, verbose: () => {} },
      DiagLogLevel.WARN,
    );
    try {
      const lookalike = {
        messages: { create: () => Promise.resolve({}) },
        get openTelemetry() {
          return { propagation: true };
        },
      };
      instrumentAnthropic(lookalike);
      expect(warnings.join('\n')).toMatch(/could not be switched off/);
    } finally {
      diag.disable();
    }
  });
});
