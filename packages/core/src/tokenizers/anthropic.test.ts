import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokensWithClient } from './index.js';

/**
 * The real Anthropic SDK over real HTTP against a minimal local count_tokens endpoint (core sits below
 * @sightline/testkit in the layering, so it cannot use the project's fake provider).
 */
let server: Server;
let baseURL: string;
const received: { path: string; body: unknown }[] = [];

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request)) as { messages: unknown[]; model: string };
    received.push({ path: request.url ?? '', body });
    if (body.model === 'broken') {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'bad model' } }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ input_tokens: 17 * body.messages.length }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('countTokensWithClient', () => {
  it('asks the provider through the client and returns input_tokens', async () => {
    const client = new Anthropic({ apiKey: 'test', baseURL, maxRetries: 0 });
    const params = {
      model: 'claude-sonnet-4-5',
      system: 'Be brief.',
      messages: [
        { role: 'user' as const, content: 'hello' },
        { role: 'assistant' as const, content: 'hi' },
      ],
    };
    expect(await countTokensWithClient(client, params)).toBe(34);
    expect(received.at(-1)).toEqual({ path: '/v1/messages/count_tokens', body: params });
  });

  it('passes provider errors through unchanged', async () => {
    const client = new Anthropic({ apiKey: 'test', baseURL, maxRetries: 0 });
    await expect(
      countTokensWithClient(client, { model: 'broken', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  });

  it('rejects something that is not an Anthropic client', async () => {
    await expect(countTokensWithClient({} as never, {})).rejects.toThrow(
      /client.messages.countTokens is not a function/,
    );
  });
});
