/**
 * The export scenarios: Sightline's spans leaving the process with the OTel line under test.
 * - the app's OTLP/HTTP trace exporter (the version under test) into the packed testkit's OTLP receiver;
 * - `setupSightline` from the packed `@sightline/node` with the file exporter (global providers);
 * - an app that set up its own provider of the line under test first: `setupSightline` reuses it and the
 *   `OtlpJsonFileSpanExporter` works inside that pipeline.
 * The last two register global providers, so they run last and undo their registration.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { instrumentAnthropic } from '@sightline/anthropic';
import { OtlpJsonFileSpanExporter, setupSightline } from '@sightline/node';
import { instrumentOpenAI } from '@sightline/openai';
import { startOtlpReceiver } from '@sightline/testkit';
import OpenAI from 'openai';
import { assert, scenario } from './harness.mjs';

const USAGE = { inputTokens: 1000, outputTokens: 200 };
const MESSAGES = [{ role: 'user', content: 'Capital of France?' }];

/** Every span in the OTLP/JSON lines files of `dir`, as `{ name, attributes }` with plain attribute values. */
function spansInFiles(dir) {
  const spans = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
      for (const resourceSpans of JSON.parse(line).resourceSpans ?? []) {
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          for (const span of scopeSpans.spans ?? []) {
            const attributes = {};
            for (const { key, value } of span.attributes ?? []) {
              attributes[key] = value.intValue ?? value.doubleValue ?? value.stringValue ?? value.boolValue;
            }
            spans.push({ name: span.name, scope: scopeSpans.scope?.name, attributes });
          }
        }
      }
    }
  }
  return spans;
}

function openaiClient(fake, options) {
  return instrumentOpenAI(
    new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-compat', maxRetries: 0 }),
    options,
  );
}

function anthropicClient(fake) {
  return instrumentAnthropic(
    new Anthropic({ baseURL: fake.anthropicBaseURL, apiKey: 'sk-ant-compat', maxRetries: 0 }),
  );
}

/** Removes every global registration (providers, context manager, propagator) a scenario made. */
function resetGlobals(api) {
  api.trace.disable();
  api.metrics.disable();
  api.context.disable();
  api.propagation.disable();
}

/** Runs the export scenarios. */
export async function exportScenarios({ fake, otel }) {
  await scenario('export OTLP/HTTP exporter into the testkit receiver', async () => {
    fake.reset();
    const receiver = await startOtlpReceiver();
    const provider = new otel.TracerProviderClass({
      spanProcessors: [otel.simpleProcessor(new OTLPTraceExporter({ url: receiver.endpoints.traces }))],
    });
    try {
      fake.script({ provider: 'openai', route: 'chat', reply: { text: 'Paris.', usage: USAGE } });
      await openaiClient(fake, { tracerProvider: provider }).chat.completions.create({
        model: 'gpt-4o',
        messages: MESSAGES,
      });
      await provider.forceFlush();
      const [span] = await receiver.waitForSpans(1, { timeoutMs: 10_000 });
      assert.equal(span.name, 'chat gpt-4o');
      assert.equal(span.kind, 'CLIENT');
      assert.equal(span.scope.name, '@sightline/openai');
      assert.equal(span.attributes['gen_ai.usage.input_tokens'], USAGE.inputTokens);
      assert.equal(typeof span.attributes['sightline.cost.usd'], 'number', 'cost survives OTLP encoding');
    } finally {
      await provider.shutdown();
      await receiver.close();
    }
  });

  const dir = mkdtempSync(join(tmpdir(), 'sightline-compat-export-'));
  try {
    await scenario('export setupSightline file exporter (global providers, one span per call)', async () => {
      fake.reset();
      const tracesDir = join(dir, 'setup-traces');
      const handle = setupSightline({
        serviceName: 'sightline-compat',
        exporter: 'file',
        tracesDir,
        metricsDir: join(dir, 'setup-metrics'),
        installSignalHandlers: false,
      });
      try {
        assert.equal(handle.reusedExisting, false, 'nothing was registered before');
        fake.script(
          { provider: 'openai', route: 'chat', reply: { text: 'Paris.', usage: USAGE } },
          { provider: 'anthropic', route: 'messages', reply: { text: 'Paris.', usage: USAGE } },
        );
        await openaiClient(fake).chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
        await anthropicClient(fake).messages.create({
          model: 'claude-haiku-4-5',
          max_tokens: 64,
          messages: MESSAGES,
        });
        await handle.forceFlush();
        const spans = spansInFiles(tracesDir);
        const names = spans.map((span) => `${span.name} (${span.scope})`).sort();
        // Two calls, two spans: the Anthropic SDK's own span is suppressed for instrumented calls.
        assert.deepEqual(names, [
          'chat claude-haiku-4-5 (@sightline/anthropic)',
          'chat gpt-4o (@sightline/openai)',
        ]);
        for (const span of spans) {
          assert.equal(span.attributes['gen_ai.usage.input_tokens'], USAGE.inputTokens, `${span.name} usage`);
        }
      } finally {
        await handle.shutdown();
        resetGlobals(otel.api);
      }
    });

    await scenario(
      'export setupSightline reuses the app provider; OtlpJsonFileSpanExporter in it',
      async () => {
        fake.reset();
        const appDir = join(dir, 'app-traces');
        const memory = new otel.traceSdk.InMemorySpanExporter();
        const appProvider = new otel.TracerProviderClass({
          spanProcessors: [
            otel.simpleProcessor(new OtlpJsonFileSpanExporter({ dir: appDir })),
            otel.simpleProcessor(memory),
          ],
        });
        otel.api.trace.setGlobalTracerProvider(appProvider);
        const handle = setupSightline({
          exporter: 'file',
          tracesDir: join(dir, 'unused-traces'),
          metricsDir: join(dir, 'unused-metrics'),
          installSignalHandlers: false,
        });
        try {
          assert.equal(handle.reused.traces, true, 'the app provider is reused');
          assert.equal(handle.tracerProvider, appProvider);
          fake.script({ provider: 'openai', route: 'chat', reply: { text: 'Paris.', usage: USAGE } });
          await openaiClient(fake).chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
          await handle.forceFlush();
          assert.deepEqual(
            memory.getFinishedSpans().map((span) => span.name),
            ['chat gpt-4o'],
          );
          const filed = spansInFiles(appDir);
          assert.deepEqual(
            filed.map((span) => span.name),
            ['chat gpt-4o'],
            'OtlpJsonFileSpanExporter wrote the span of the app pipeline',
          );
          assert.equal(filed[0].attributes['gen_ai.usage.output_tokens'], USAGE.outputTokens);
        } finally {
          await handle.shutdown();
          await appProvider.shutdown();
          resetGlobals(otel.api);
        }
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
