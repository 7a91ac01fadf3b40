/**
 * An app that already has OpenTelemetry: it starts its own NodeSDK (here with an in-memory exporter standing in
 * for "whatever your app exports to") BEFORE adding Sightline. setupSightline() then finds the registered
 * providers and reuses them (no second provider, context manager or propagator), and instrumentOpenAI() uses
 * the global tracer provider, so the LLM spans go through the app's own pipeline.
 */
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { task, workflow } from '@sightline/core';
import { setupSightline } from '@sightline/node';
import { openaiClient } from './openai-client.js';

// 1. The app's own OpenTelemetry setup, as it was before Sightline.
const appExporter = new InMemorySpanExporter();
const sdk = new NodeSDK({
  serviceName: 'existing-app',
  spanProcessors: [new SimpleSpanProcessor(appExporter)],
  // This app exports no metrics. (Without this, NodeSDK 0.2xx adds a default OTLP metric exporter to
  // localhost:4318 and its shutdown waits for that export to time out when nothing listens there.)
  metricReaders: [],
});
sdk.start();

// 2. Adding Sightline: it detects the app's providers and steps aside.
const sightline = setupSightline({ serviceName: 'existing-app' });
console.log(
  `setupSightline reused the app's providers: ${sightline.reusedExisting} (traces: ${sightline.reused.traces})`,
);

// 3. Instrumented calls: spans go to the app's exporter.
const { openai, close } = await openaiClient();
try {
  await workflow('where-is-my-parcel', () =>
    task('answer', () =>
      openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Where is my parcel?' }],
      }),
    ),
  );
  await sightline.forceFlush(); // flushes the app's own providers
  const spans = appExporter.getFinishedSpans();
  console.log(`the app's own exporter received ${spans.length} spans:`);
  for (const span of spans) console.log(`  ${span.name} (${span.instrumentationScope.name})`);
} finally {
  await sightline.shutdown(); // leaves the app's providers alone
  await sdk.shutdown(); // the app still owns its SDK
  await close();
}
