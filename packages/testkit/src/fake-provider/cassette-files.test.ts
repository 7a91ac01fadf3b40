import { execFileSync } from 'node:child_process';
import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { cassetteKey, startFakeProvider } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'sightline-cassette-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ask = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o',
  messages: [{ role: 'user' as const, content }],
  ...extra,
});

describe('cassette files', () => {
  it('records through a second instance into a new directory, atomically, readable by a fresh process', async () => {
    const cassette = join(dir, 'nested', 'deeper', 'chat.cassette.json');
    const upstream = await startFakeProvider();
    const recorder = await startFakeProvider({ record: { upstream: upstream.url, cassette } });
    const openai = new OpenAI({ baseURL: recorder.openaiBaseURL, apiKey: 'sk-rec', maxRetries: 0 });
    try {
      await openai.chat.completions.create(ask('first', { user: 'alice' }));
      // A hard link keeps pointing at the file's current inode. An in-place rewrite would change what it
      // reads; a write-to-temporary-then-rename leaves it with the old, complete content.
      const snapshot = join(dir, 'snapshot.json');
      linkSync(cassette, snapshot);
      await Promise.all(['a', 'b', 'c'].map((content) => openai.chat.completions.create(ask(content))));
      expect(JSON.parse(readFileSync(snapshot, 'utf8')).interactions).toHaveLength(1);
      expect(JSON.parse(readFileSync(cassette, 'utf8')).interactions).toHaveLength(4);
      expect(readdirSync(join(dir, 'nested', 'deeper'))).toEqual(['chat.cassette.json']);
    } finally {
      await recorder.close();
      await upstream.close();
    }
    const fresh = execFileSync(process.execPath, [
      '-e',
      'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(c.version, c.interactions.map((i) => i.response.status).join(","))',
      cassette,
    ]).toString();
    expect(fresh.trim()).toBe('1 200,200,200,200');

    const replay = await startFakeProvider({ replay: cassette });
    const client = new OpenAI({ baseURL: replay.openaiBaseURL, apiKey: 'sk-other', maxRetries: 0 });
    try {
      // Differs only in volatile fields: still served from the cassette.
      const same = await client.chat.completions.create(
        ask('first', { user: 'bob', metadata: { run: '2' } }),
      );
      expect(same.choices[0].message.content).toBe('Echo: first');
      // A different model is a different request: a loud 404 naming the key and what differs.
      const error = await client.chat.completions.create({ ...ask('first'), model: 'gpt-4o-mini' }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      const key = cassetteKey('POST', '/v1/chat/completions', {}, { ...ask('first'), model: 'gpt-4o-mini' });
      expect((error as Error).message).toContain(`no recorded interaction matches key: ${key}`);
      expect((error as Error).message).toMatch(
        /nearest recorded key differs at character \d+: recorded .*"gpt-4o"}/,
      );
      expect(replay.unmatched().map((miss) => miss.key)).toEqual([key]);
    } finally {
      await replay.close();
    }
  });

  it('says when nothing was recorded for that route', async () => {
    const cassette = join(dir, 'only-openai.json');
    const upstream = await startFakeProvider();
    const recorder = await startFakeProvider({ record: { upstream: upstream.url, cassette } });
    await new OpenAI({ baseURL: recorder.openaiBaseURL, apiKey: 'k', maxRetries: 0 }).chat.completions.create(
      ask('x'),
    );
    await recorder.close();
    await upstream.close();
    const replay = await startFakeProvider({ replay: cassette });
    const anthropic = new Anthropic({ baseURL: replay.anthropicBaseURL, apiKey: 'k', maxRetries: 0 });
    try {
      const error = await anthropic.messages
        .create({ model: 'claude-sonnet-4-6', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(error).toBeInstanceOf(Anthropic.NotFoundError);
      expect((error as Error).message).toContain('nothing was recorded for this method and path');
    } finally {
      await replay.close();
    }
  });

  it('names the upstream and the cause when record mode cannot reach it', async () => {
    const closed = await startFakeProvider();
    const deadUrl = closed.url;
    await closed.close();
    const recorder = await startFakeProvider({
      record: { upstream: deadUrl, cassette: join(dir, 'dead.json') },
    });
    const openai = new OpenAI({ baseURL: recorder.openaiBaseURL, apiKey: 'k', maxRetries: 0 });
    try {
      const error = await openai.chat.completions.create(ask('x')).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect((error as Error).message).toContain(`cannot reach upstream ${deadUrl}/v1/chat/completions`);
      expect((error as Error).message).toContain('ECONNREFUSED');
    } finally {
      await recorder.close();
    }
  });
});
