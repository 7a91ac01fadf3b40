import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { faults, startFakeProvider } from './index.js';

describe('the real SDKs against the fake, as a new user would wire them', () => {
  it('default retries: a 429 with retry-after: 0 is retried by both SDKs and then succeeds', async () => {
    const fake = await startFakeProvider();
    try {
      const openai = new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test' });
      const anthropic = new Anthropic({ baseURL: fake.anthropicBaseURL, apiKey: 'sk-ant-test' });
      fake.script(
        { provider: 'openai', fault: faults.rateLimit({ retryAfter: 0 }) },
        { provider: 'anthropic', fault: faults.rateLimit({ retryAfter: 0 }) },
      );
      const completion = await openai.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'retry me' }],
      });
      expect(completion.choices[0].message.content).toBe('Echo: retry me');
      const message = await anthropic.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'retry me' }],
      });
      expect(message.content).toEqual([{ type: 'text', text: 'Echo: retry me' }]);
      expect(
        fake.requests().map((request) => [request.provider, request.headers['x-stainless-retry-count']]),
      ).toEqual([
        ['openai', '0'],
        ['openai', '1'],
        ['anthropic', '0'],
        ['anthropic', '1'],
      ]);
    } finally {
      await fake.close();
    }
  });

  it('serves 20 parallel requests, streamed and not, each from its own `match` script', async () => {
    const fake = await startFakeProvider();
    const openai = new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 });
    try {
      for (let i = 0; i < 20; i++) {
        fake.script({
          route: 'chat',
          match: (request) => JSON.stringify(request.body).includes(`"question ${i}"`),
          reply: { text: `answer ${i}` },
        });
      }
      const answers = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const body = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: `question ${i}` }] };
          if (i % 2) return (await openai.chat.completions.create(body)).choices[0].message.content;
          let text = '';
          for await (const chunk of await openai.chat.completions.create({ ...body, stream: true })) {
            text += chunk.choices[0]?.delta?.content ?? '';
          }
          return text;
        }),
      );
      expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => `answer ${i}`));
      expect(fake.requests()).toHaveLength(20);
    } finally {
      await fake.close();
    }
  });

  it('reset() clears scripts and requests; close() ends open streams and hanging requests', async () => {
    const fake = await startFakeProvider();
    const openai = new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 });
    const body = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'a b c d e f' }] };
    fake.script({ reply: { text: 'scripted' }, times: Infinity });
    await openai.chat.completions.create(body);
    fake.reset();
    expect(fake.requests()).toEqual([]);
    expect((await openai.chat.completions.create(body)).choices[0].message.content).toBe('Echo: a b c d e f');
    expect(fake.requests().map((request) => request.seq)).toEqual([1]);

    fake.script({ route: 'chat', delays: { interChunkMs: 60_000 }, times: 2 }, { fault: faults.hang() });
    const streams = await Promise.all(
      [1, 2].map(() => openai.chat.completions.create({ ...body, stream: true })),
    );
    const drained = streams.map(async (stream) => {
      try {
        for await (const _chunk of stream) {
          // drain until the fake closes the socket
        }
        return 'ended';
      } catch (error) {
        return (error as Error).message;
      }
    });
    const hanging = openai.chat.completions.create(body).then(
      () => 'answered',
      (error: unknown) => (error as Error).constructor.name,
    );
    while (fake.requests().length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    await fake.close();
    expect(await Promise.all(drained)).toEqual(['terminated', 'terminated']);
    expect(await hanging).toBe('APIConnectionError');
  });
});
