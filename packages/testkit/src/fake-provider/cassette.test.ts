import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cassetteKey, type FakeProvider, faults, startFakeProvider } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'sightline-cassette-'));
const cassette = join(dir, 'chat.cassette.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chat = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Record me' }],
  user: 'user-1',
  metadata: { run: 'a' },
};
const message = {
  model: 'claude-sonnet-4-6',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

function clients(fake: FakeProvider) {
  return {
    openai: new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test-secret', maxRetries: 0 }),
    anthropic: new Anthropic({ baseURL: fake.anthropicBaseURL, apiKey: 'sk-ant-test-secret', maxRetries: 0 }),
  };
}

/** The calls both the recording and the replay run make; returns what the SDKs parsed. */
async function exercise(fake: FakeProvider, userId: string) {
  const { openai, anthropic } = clients(fake);
  const completion = await openai.chat.completions.create({ ...chat, user: userId });
  const chunks: unknown[] = [];
  for await (const chunk of await openai.chat.completions.create({
    ...chat,
    stream: true,
    stream_options: { include_usage: true },
  })) {
    chunks.push({ choices: chunk.choices, usage: chunk.usage });
  }
  const response = await openai.responses
    .stream({ model: 'gpt-4.1', input: 'Record responses' })
    .finalResponse();
  const embedding = await openai.embeddings.create({
    model: 'text-embedding-3-small',
    input: 'vec',
    dimensions: 8,
  });
  const finalMessage = await anthropic.messages.stream(message).finalMessage();
  const rateLimited = await openai.chat.completions
    .create({ ...chat, messages: [{ role: 'user', content: 'limit me' }] })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  return {
    text: completion.choices[0].message.content,
    usage: completion.usage,
    chunks,
    responseOutput: response.output,
    vector: embedding.data[0].embedding,
    message: { content: finalMessage.content, usage: finalMessage.usage },
    rateLimited,
  };
}

describe('record and replay', () => {
  let recorded: Awaited<ReturnType<typeof exercise>>;
  let upstream: FakeProvider;

  beforeAll(async () => {
    upstream = await startFakeProvider();
    upstream.script(
      {
        route: 'chat',
        match: (r) => !r.stream && JSON.stringify(r.body).includes('limit me'),
        fault: faults.rateLimit({ retryAfter: 7 }),
      },
      { route: 'chat', reply: { text: 'recorded answer', usage: { cachedInputTokens: 1 } }, times: 2 },
      {
        route: 'messages',
        reply: { text: 'recorded claude', toolCalls: [{ name: 'f', arguments: { a: 1 } }] },
      },
    );
    const recorder = await startFakeProvider({ record: { upstream: upstream.url, cassette } });
    try {
      recorded = await exercise(recorder, 'user-1');
    } finally {
      await recorder.close();
      await upstream.close();
    }
  });

  it('proxies to the upstream with the caller credentials and passes answers through', () => {
    expect(recorded.text).toBe('recorded answer');
    expect(recorded.message.content[0]).toEqual({ type: 'text', text: 'recorded claude' });
    expect(recorded.rateLimited).toBeInstanceOf(OpenAI.RateLimitError);
    const seen = upstream.requests();
    expect(seen.map((request) => request.route)).toEqual([
      'chat',
      'chat',
      'responses',
      'embeddings',
      'messages',
      'chat',
    ]);
    expect(seen[0].headers.authorization).toBe('Bearer ***');
  });

  it('writes a cassette with streamed bodies and no secrets', () => {
    const text = readFileSync(cassette, 'utf8');
    expect(text).not.toMatch(/sk-test-secret|sk-ant-test-secret|authorization/i);
    const file = JSON.parse(text) as {
      interactions: {
        key: string;
        response: { status: number; events?: unknown[]; headers: Record<string, string> };
      }[];
    };
    expect(file.interactions).toHaveLength(6);
    expect(file.interactions[1].response.events?.length).toBeGreaterThan(3);
    expect(file.interactions[5].response).toMatchObject({ status: 429, headers: { 'retry-after': '7' } });
    expect(file.interactions[0].key).toBe(
      cassetteKey('POST', '/v1/chat/completions', {}, { ...chat, user: 'someone-else', metadata: {} }),
    );
  });

  it('replays offline: same parsed results, volatile fields ignored', async () => {
    const replay = await startFakeProvider({ replay: cassette });
    try {
      const replayed = await exercise(replay, 'another-user');
      expect(replayed.text).toBe(recorded.text);
      expect(replayed.usage).toEqual(recorded.usage);
      expect(replayed.chunks).toEqual(recorded.chunks);
      expect(replayed.responseOutput).toEqual(recorded.responseOutput);
      expect(replayed.vector).toEqual(recorded.vector);
      expect(replayed.message).toEqual(recorded.message);
      expect(replayed.rateLimited).toBeInstanceOf(OpenAI.RateLimitError);
      expect(
        (replayed.rateLimited as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after'),
      ).toBe('7');
      expect(replay.unmatched()).toEqual([]);
    } finally {
      await replay.close();
    }
  });

  it('fails loudly on an unmatched request and lists it', async () => {
    const replay = await startFakeProvider({ replay: cassette });
    const { openai, anthropic } = clients(replay);
    try {
      const error = await openai.chat.completions
        .create({ ...chat, messages: [{ role: 'user', content: 'never recorded' }] })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      const expectedKey = cassetteKey(
        'POST',
        '/v1/chat/completions',
        {},
        {
          ...chat,
          messages: [{ role: 'user', content: 'never recorded' }],
        },
      );
      expect((error as Error).message).toContain(expectedKey);
      const anthropicError = await anthropic.messages.create({ ...message, max_tokens: 65 }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(anthropicError).toBeInstanceOf(Anthropic.NotFoundError);
      expect(replay.unmatched().map((miss) => miss.key)).toEqual([
        expectedKey,
        cassetteKey('POST', '/v1/messages', {}, { ...message, max_tokens: 65 }),
      ]);
    } finally {
      await replay.close();
    }
  });

  it('rejects a file that is not a cassette, naming the file and field', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ version: 1 }));
    await expect(startFakeProvider({ replay: broken })).rejects.toThrow(
      `${broken} is not a version 1 cassette`,
    );
  });
});

describe('cassetteKey', () => {
  it('is independent of key order and drops volatile fields but keeps stream options', () => {
    const a = cassetteKey('post', '/v1/chat/completions', {}, { b: 1, a: { y: 2, x: 1 }, user: 'u' });
    const b = cassetteKey(
      'POST',
      '/v1/chat/completions',
      {},
      { a: { x: 1, y: 2 }, b: 1, metadata: { k: 'v' } },
    );
    expect(a).toBe(b);
    expect(a).toBe('POST /v1/chat/completions {"a":{"x":1,"y":2},"b":1}');
    expect(cassetteKey('POST', '/p', {}, { stream_options: { include_usage: true } })).not.toBe(
      cassetteKey('POST', '/p', {}, {}),
    );
    expect(cassetteKey('GET', '/v1/models', { limit: '2', after: 'x' }, undefined)).toBe(
      'GET /v1/models?after=x&limit=2',
    );
  });
});
