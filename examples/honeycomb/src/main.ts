/**
 * Sends one small traced workflow to Honeycomb. Everything is configured with the standard OTEL_* variables
 * (see README.md); the code is the same as for any other OTLP backend.
 */
import { task, workflow } from '@sightline/core';
import { setupSightline } from '@sightline/node';
import { openaiClient } from './openai-client.js';

const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
const hasKey = /x-honeycomb-team=/.test(process.env.OTEL_EXPORTER_OTLP_HEADERS ?? '');
if (endpoint && !hasKey) {
  console.warn(
    'OTEL_EXPORTER_OTLP_HEADERS has no x-honeycomb-team=YOUR_API_KEY: Honeycomb will refuse the spans.',
  );
}
const sightline = setupSightline({ serviceName: process.env.OTEL_SERVICE_NAME ?? 'honeycomb-example' });
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
console.log(
  endpoint
    ? `spans sent to ${endpoint}; in Honeycomb, open the dataset named after OTEL_SERVICE_NAME`
    : 'OTEL_EXPORTER_OTLP_ENDPOINT is not set: spans went only to .sightline/traces (see README.md).',
);
