import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, faults, startFakeProvider } from './index.js';

let fake: FakeProvider;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  fake = await startFakeProvider();
  openai = new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: fake.anthropicBaseURL, apiKey: 'sk-ant-test', maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
const message = {
  model: 'claude-sonnet-4-6',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function drain(iterable: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _ of iterable) count++;
  return count;
}

describe('HTTP error faults surface as the SDKs own error classes', () => {
  it('OpenAI: 429 with retry-after, 401, 400, 500', async () => {
    fake.script(
      { provider: 'openai', fault: faults.rateLimit({ retryAfter: 3 }) },
      { provider: 'openai', fault: faults.unauthorized() },
      { provider: 'openai', fault: faults.badRequest({ message: 'bad temperature', param: 'temperature' }) },
      { provider: 'openai', fault: faults.serverError() },
    );
    const rateLimited = await failure(openai.chat.completions.create(chat));
    expect(rateLimited).toBeInstanceOf(OpenAI.RateLimitError);
    const rateError = rateLimited as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateError.headers.get('retry-after')).toBe('3');
    expect(rateError.code).toBe('rate_limit_exceeded');
    expect(rateError.requestID).toMatch(/^req_/);
    expect(await failure(openai.chat.completions.create(chat))).toBeInstanceOf(OpenAI.AuthenticationError);
    const bad = (await failure(openai.chat.completions.create(chat))) as InstanceType<
      typeof OpenAI.BadRequestError
    >;
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect(bad.param).toBe('temperature');
    expect(bad.message).toBe('400 bad temperature');
    expect(await failure(openai.chat.completions.create(chat))).toBeInstanceOf(OpenAI.InternalServerError);
  });

  it('Anthropic: 429, 529 overloaded, 401 with request-id and typed body', async () => {
    fake.script(
      { provider: 'anthropic', fault: faults.rateLimit({ retryAfter: 1 }) },
      { provider: 'anthropic', fault: faults.overloaded() },
      { provider: 'anthropic', fault: faults.unauthorized() },
    );
    const rateLimited = (await failure(anthropic.messages.create(message))) as InstanceType<
      typeof Anthropic.RateLimitError
    >;
    expect(rateLimited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(rateLimited.type).toBe('rate_limit_error');
    expect(rateLimited.requestID).toMatch(/^req_/);
    expect(rateLimited.headers.get('retry-after')).toBe('1');
    const overloaded = (await failure(anthropic.messages.create(message))) as InstanceType<
      typeof Anthropic.InternalServerError
    >;
    expect(overloaded).toBeInstanceOf(Anthropic.InternalServerError);
    expect(overloaded.constructor.name).toBe('OverloadedError');
    expect(overloaded.status).toBe(529);
    expect(overloaded.error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    expect(await failure(anthropic.messages.create(message))).toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('context-length presets are worded like the real APIs', async () => {
    fake.script(
      {
        provider: 'openai',
        fault: faults.contextLengthExceeded({ maxContextTokens: 128000, promptTokens: 130001 }),
      },
      {
        provider: 'anthropic',
        fault: faults.contextLengthExceeded({ maxContextTokens: 200000, promptTokens: 208310 }),
      },
    );
    const openaiError = (await failure(openai.chat.completions.create(chat))) as InstanceType<
      typeof OpenAI.BadRequestError
    >;
    expect(openaiError).toBeInstanceOf(OpenAI.BadRequestError);
    expect(openaiError.code).toBe('context_length_exceeded');
    expect(openaiError.message).toContain(
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130001 tokens.",
    );
    const anthropicError = (await failure(anthropic.messages.create(message))) as InstanceType<
      typeof Anthropic.BadRequestError
    >;
    expect(anthropicError).toBeInstanceOf(Anthropic.BadRequestError);
    expect(anthropicError.type).toBe('invalid_request_error');
    expect(anthropicError.apiMessage).toBe('prompt is too long: 208310 tokens > 200000 maximum');
  });
});

describe('transport faults', () => {
  it('a mid-stream disconnect fails the stream after the first chunks (OpenAI)', async () => {
    fake.script({ route: 'chat', reply: { text: 'one two three four' }, fault: faults.disconnect(2) });
    const stream = await openai.chat.completions.create({ ...chat, stream: true });
    const received: string[] = [];
    const error = await failure(
      (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    );
    expect(received).toHaveLength(2);
    // Headers (200) already arrived, so the SDK cannot turn this into an APIConnectionError: undici's
    // "terminated" TypeError escapes the iterator. Instrumentation must treat it as a failed stream.
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('terminated');
    expect(error).not.toBeInstanceOf(OpenAI.APIError);
  });

  it('a disconnect before any byte is an APIConnectionError (both SDKs)', async () => {
    fake.script(
      { provider: 'openai', fault: faults.disconnect() },
      { provider: 'anthropic', fault: faults.disconnect() },
    );
    expect(await failure(openai.chat.completions.create(chat))).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(await failure(anthropic.messages.create(message))).toBeInstanceOf(Anthropic.APIConnectionError);
  });

  it('a mid-stream disconnect fails messages.stream().finalMessage() (Anthropic)', async () => {
    fake.script({ route: 'messages', reply: { text: 'a b c d e' }, fault: faults.disconnect(3) });
    const stream = anthropic.messages.stream(message);
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    const error = await failure(stream.finalMessage());
    // The MessageStream helper wraps the socket error in a plain AnthropicError("terminated").
    expect(error).toBeInstanceOf(Anthropic.AnthropicError);
    expect((error as Error).message).toBe('terminated');
    // message_start, content_block_start, ping went out; no text delta did.
    expect(texts).toEqual([]);
  });

  it('a malformed SSE event makes the SDK stream throw', async () => {
    // logLevel 'off' keeps the SDKs' own "Could not parse message into JSON" logging out of the test output.
    const openai = new OpenAI({
      baseURL: fake.openaiBaseURL,
      apiKey: 'sk-test',
      maxRetries: 0,
      logLevel: 'off',
    });
    const anthropic = new Anthropic({
      baseURL: fake.anthropicBaseURL,
      apiKey: 'k',
      maxRetries: 0,
      logLevel: 'off',
    });
    fake.script(
      { route: 'chat', fault: faults.malformed(1) },
      { route: 'messages', fault: faults.malformed(1) },
    );
    expect(
      await failure(drain(await openai.chat.completions.create({ ...chat, stream: true }))),
    ).toBeInstanceOf(SyntaxError);
    expect(
      await failure(drain(await anthropic.messages.create({ ...message, stream: true }))),
    ).toBeInstanceOf(SyntaxError);
    fake.script({ route: 'chat', fault: faults.malformed() });
    expect(await failure(openai.chat.completions.create(chat))).toBeInstanceOf(SyntaxError);
  });

  it('a hanging request ends with the client abort or timeout', async () => {
    fake.script(
      { provider: 'openai', fault: faults.hang(), times: 2 },
      { provider: 'anthropic', fault: faults.hang() },
    );
    const controller = new AbortController();
    const pending = failure(openai.chat.completions.create(chat, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toBeInstanceOf(OpenAI.APIUserAbortError);
    expect(await failure(openai.chat.completions.create(chat, { timeout: 100 }))).toBeInstanceOf(
      OpenAI.APIConnectionTimeoutError,
    );
    const anthropicError = await failure(anthropic.messages.create(message, { timeout: 100 }));
    expect(anthropicError).toBeInstanceOf(Anthropic.APIConnectionError);
  });

  it('close() ends hanging requests', async () => {
    const own = await startFakeProvider();
    own.script({ fault: faults.hang() });
    const client = new OpenAI({ baseURL: own.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 });
    const pending = failure(client.chat.completions.create(chat));
    while (own.requests().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await own.close();
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it('delays do not change the reply', async () => {
    fake.script({
      route: 'chat',
      reply: { text: 'slow but sure' },
      delays: { latencyMs: 20, firstChunkMs: 10, interChunkMs: 5 },
    });
    const chunks = [];
    for await (const chunk of await openai.chat.completions.create({ ...chat, stream: true }))
      chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('slow but sure');
  });
});

describe('bad input and recording', () => {
  async function post(path: string, body: string, headers: Record<string, string> = {}) {
    const response = await fetch(fake.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, body: await response.json() };
  }

  it('invalid JSON gets a provider-shaped 400', async () => {
    const openaiReply = await post('/v1/chat/completions', '{"model":');
    expect(openaiReply.status).toBe(400);
    expect(openaiReply.body.error).toMatchObject({ type: 'invalid_request_error', param: null, code: null });
    expect(openaiReply.body.error.message).toContain('could not parse the JSON body');
    const anthropicReply = await post('/v1/messages', '{nope', { 'anthropic-version': '2023-06-01' });
    expect(anthropicReply.status).toBe(400);
    expect(anthropicReply.body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('unknown routes get a provider-shaped 404 through the SDKs', async () => {
    const openaiError = await failure(openai.post('/nope', { body: {} }));
    expect(openaiError).toBeInstanceOf(OpenAI.NotFoundError);
    expect((openaiError as Error).message).toBe('404 Invalid URL (POST /v1/nope)');
    const anthropicError = await failure(anthropic.post('/v1/nope', { body: {} }));
    expect(anthropicError).toBeInstanceOf(Anthropic.NotFoundError);
    expect((anthropicError as InstanceType<typeof Anthropic.NotFoundError>).type).toBe('not_found_error');
  });

  it('missing required fields get a 400 naming the field', async () => {
    const noMessages = await failure(openai.chat.completions.create({ model: 'gpt-4o' } as never));
    expect(noMessages).toBeInstanceOf(OpenAI.BadRequestError);
    expect((noMessages as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages');
    const noMaxTokens = await failure(
      anthropic.messages.create({ model: 'claude-sonnet-4-6', messages: message.messages } as never),
    );
    expect(noMaxTokens).toBeInstanceOf(Anthropic.BadRequestError);
    expect((noMaxTokens as InstanceType<typeof Anthropic.BadRequestError>).apiMessage).toBe(
      'max_tokens: Field required',
    );
  });

  it('records every request with secrets masked', async () => {
    await openai.chat.completions.create(chat);
    await anthropic.messages.create(message);
    await post('/v1/chat/completions', JSON.stringify(chat), {
      cookie: 'session=abc',
      'api-key': 'azure-secret',
      'x-api-key': 'sk-ant-raw',
    });
    const [first, second, third] = fake.requests();
    expect(first).toMatchObject({
      seq: 1,
      method: 'POST',
      path: '/v1/chat/completions',
      provider: 'openai',
      route: 'chat',
      body: chat,
    });
    expect(first.headers.authorization).toBe('Bearer ***');
    expect(second).toMatchObject({ provider: 'anthropic', route: 'messages', body: message });
    // @anthropic-ai/sdk 1.x sends the API key as `Authorization: Bearer`.
    expect(second.headers.authorization).toBe('Bearer ***');
    expect(second.headers['anthropic-version']).toBeDefined();
    expect(third.headers.cookie).toBe('***');
    expect(third.headers['api-key']).toBe('***');
    expect(third.headers['x-api-key']).toBe('***');
    expect(JSON.stringify(fake.requests())).not.toMatch(
      /sk-test|sk-ant-test|sk-ant-raw|azure-secret|session=abc/,
    );
  });

  it('scripts match by provider, route and predicate, in order, `times` times', async () => {
    const [byModel, sticky] = fake.script(
      {
        route: 'chat',
        match: (request) => (request.body as { model?: string }).model === 'special',
        reply: { text: 'special' },
      },
      { provider: 'openai', route: 'chat', reply: { text: 'sticky' }, times: 2 },
    );
    const ask = async (model: string) =>
      (await openai.chat.completions.create({ ...chat, model })).choices[0].message.content;
    expect(await ask('normal')).toBe('sticky');
    expect(await ask('special')).toBe('special');
    expect(byModel.remaining()).toBe(0);
    expect(sticky.remaining()).toBe(1);
    sticky.cancel();
    expect(await ask('normal')).toBe('Echo: hi');
    expect(() => fake.script({ provider: 'anthropic', route: 'chat' })).toThrow(
      /entry \[0\]\.route: "chat" does not exist for provider "anthropic"/,
    );
  });
});
