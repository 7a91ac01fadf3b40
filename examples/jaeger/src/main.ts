/**
 * Sends one small traced workflow to Jaeger. Run Jaeger, point the OTLP traces endpoint at it, run this, open
 * the UI (see README.md). Without the endpoint the spans still go to .sightline/traces and a hint is printed.
 */
import { task, workflow } from '@sightline/core';
import { setupSightline } from '@sightline/node';
import { openaiClient } from './openai-client.js';

const endpoint = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
const sightline = setupSightline({ serviceName: process.env.OTEL_SERVICE_NAME ?? 'jaeger-example' });
const { openai, close } = await openaiClient();
try {
  const answer = await workflow('where-is-my-parcel', () =>
    task('answer', async () => {
      const completion = await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Where is my parcel?' }],
      });
      return completion.choices[0]?.message.content ?? '';
    }),
  );
  console.log(`answer: ${answer}`);
} finally {
  await sightline.shutdown(); // flushes the OTLP batch before the process ends
  await close();
}
if (endpoint) {
  console.log(`spans sent to ${endpoint}; open http://localhost:16686 and pick the service "jaeger-example"`);
} else {
  console.log('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is not set: spans went only to .sightline/traces.');
  console.log(
    'Start Jaeger and run: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://localhost:4318/v1/traces npm start',
  );
}
