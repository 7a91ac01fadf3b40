/**
 * The two provider clients, each pointed at the real API when its key is set and at the in-process fake
 * provider (from @sightline/testkit) otherwise. Either way the SDK clients are the real ones, instrumented
 * once with Sightline; the app code never knows which it talks to.
 */
import Anthropic from '@anthropic-ai/sdk';
import { instrumentAnthropic } from '@sightline/anthropic';
import { instrumentOpenAI } from '@sightline/openai';
import { type FakeProvider, startFakeProvider } from '@sightline/testkit';
import OpenAI from 'openai';

export interface Clients {
  openai: OpenAI;
  anthropic: Anthropic;
  /** Which backend each client talks to. */
  mode: { openai: 'real' | 'fake'; anthropic: 'real' | 'fake' };
  /** The fake provider, when at least one client uses it. */
  fake?: FakeProvider;
}

/** Creates both clients; starts the fake provider only if a key is missing. Close `fake` when done. */
export async function createClients(env: NodeJS.ProcessEnv = process.env): Promise<Clients> {
  const realOpenAI = Boolean(env.OPENAI_API_KEY);
  const realAnthropic = Boolean(env.ANTHROPIC_API_KEY);
  const fake = realOpenAI && realAnthropic ? undefined : await startFakeProvider();

  // The fake's scripted 429 must reach the bot, not be retried away; real APIs get the SDK default retries.
  const openai = instrumentOpenAI(
    realOpenAI
      ? new OpenAI({ apiKey: env.OPENAI_API_KEY })
      : new OpenAI({ apiKey: 'sk-demo-fake', baseURL: fake?.openaiBaseURL, maxRetries: 0 }),
    // Ask for usage on streamed chat completions, so the streamed follow-up gets tokens and cost too.
    { includeStreamUsage: true },
  );
  const anthropic = instrumentAnthropic(
    realAnthropic
      ? new Anthropic({ apiKey: env.ANTHROPIC_API_KEY })
      : new Anthropic({ apiKey: 'sk-ant-demo-fake', baseURL: fake?.anthropicBaseURL, maxRetries: 0 }),
  );
  return {
    openai,
    anthropic,
    mode: { openai: realOpenAI ? 'real' : 'fake', anthropic: realAnthropic ? 'real' : 'fake' },
    fake,
  };
}
