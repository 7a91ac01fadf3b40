/**
 * An instrumented OpenAI client: the real API when OPENAI_API_KEY is set, else the fake provider from
 * @sightline/testkit (started here, scripted with a plausible answer), so the example runs offline.
 */
import { instrumentOpenAI } from '@sightline/openai';
import { startFakeProvider } from '@sightline/testkit';
import OpenAI from 'openai';

export async function openaiClient(): Promise<{ openai: OpenAI; close: () => Promise<void> }> {
  if (process.env.OPENAI_API_KEY) return { openai: instrumentOpenAI(new OpenAI()), close: async () => {} };
  const fake = await startFakeProvider({ delays: { latencyMs: 120 } });
  fake.script({
    provider: 'openai',
    route: 'chat',
    times: Number.POSITIVE_INFINITY,
    reply: { text: 'Your parcel left the warehouse this morning and arrives tomorrow.' },
  });
  const openai = instrumentOpenAI(
    new OpenAI({ apiKey: 'sk-fake', baseURL: fake.openaiBaseURL, maxRetries: 0 }),
  );
  return { openai, close: () => fake.close() };
}
