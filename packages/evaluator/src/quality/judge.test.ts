import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { type FakeProvider, faults, type RecordedRequest, startFakeProvider } from '@sightline/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJudge } from './judge.js';
import { parseJudgeReply } from './judge-verdict.js';

let fake: FakeProvider;
let openai: OpenAI;
let anthropic: Anthropic;
let cacheRoot: string;
let cacheCount = 0;

beforeAll(async () => {
  fake = await startFakeProvider();
  openai = new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: fake.anthropicBaseURL, apiKey: 'sk-ant-test', maxRetries: 0 });
  cacheRoot = await mkdtemp(join(tmpdir(), 'sightline-judge-'));
});
afterAll(async () => {
  await fake.close();
  await rm(cacheRoot, { recursive: true, force: true });
});
beforeEach(() => fake.reset());

const freshCache = () => join(cacheRoot, `c${cacheCount++}`);
const mentions = (text: string) => (request: RecordedRequest) => JSON.stringify(request.body).includes(text);
const RUBRIC = 'The answer must be polite and in English.';

describe('createJudge with the openai client', () => {
  it('sends the rubric and output, parses the JSON verdict, and caches it on disk', async () => {
    fake.script(
      {
        provider: 'openai',
        route: 'chat',
        match: mentions('Thank you kindly'),
        reply: { text: '{"score": 5, "pass": true, "reason": "Polite."}' },
        times: Infinity,
      },
      {
        provider: 'openai',
        route: 'chat',
        match: mentions('Go away'),
        reply: { text: 'Sure:\n```json\n{"score": 1, "pass": false, "reason": "Rude."}\n```' },
        times: Infinity,
      },
    );
    const cacheDir = freshCache();
    const judge = createJudge({ client: openai, model: 'gpt-4o-mini', rubric: RUBRIC, cacheDir });
    expect(judge.id).toMatch(/^judge:gpt-4o-mini:rubric-[0-9a-f]{12}$/);
    const verdicts = await judge.judgeAll(
      ['Thank you kindly, here it is.', 'Go away.', 'Thank you kindly, here it is.'],
      { concurrency: 1 },
    );
    expect(verdicts[0]).toEqual({ status: 'ok', score: 5, pass: true, reason: 'Polite.', cached: false });
    expect(verdicts[1]).toEqual({ status: 'ok', score: 1, pass: false, reason: 'Rude.', cached: false });
    expect(verdicts[2]).toMatchObject({ status: 'ok', score: 5, cached: true });
    expect(fake.requests()).toHaveLength(2);
    const body = fake.requests()[0].body as {
      model: string;
      temperature: number;
      messages: { role: string; content: string }[];
    };
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.temperature).toBe(0);
    expect(body.messages[0].role).toBe('system');
    expect(body.messages[1].content).toContain(RUBRIC);
    expect(body.messages[1].content).toContain('Thank you kindly, here it is.');

    // A new judge with the same model and rubric reads the disk cache; another rubric does not.
    const again = createJudge({ client: openai, model: 'gpt-4o-mini', rubric: RUBRIC, cacheDir });
    expect(await again.judge('Go away.')).toMatchObject({ status: 'ok', score: 1, cached: true });
    expect(fake.requests()).toHaveLength(2);
    const otherRubric = createJudge({
      client: openai,
      model: 'gpt-4o-mini',
      rubric: `${RUBRIC} Be brief.`,
      cacheDir,
    });
    expect(await otherRubric.judge('Go away.')).toMatchObject({ status: 'ok', cached: false });
    expect(fake.requests()).toHaveLength(3);
  });

  it('returns unparseable (not cached) for a reply without a valid verdict, and error for a failed call', async () => {
    const judge = createJudge({
      client: openai,
      model: 'gpt-4o-mini',
      rubric: RUBRIC,
      cacheDir: freshCache(),
    });
    fake.script({ provider: 'openai', route: 'chat', reply: { text: 'I think it is fine.' } });
    expect(await judge.judge('hello')).toEqual({
      status: 'unparseable',
      raw: 'I think it is fine.',
      error: 'no JSON object in the reply',
      cached: false,
    });
    fake.script({ provider: 'openai', route: 'chat', reply: { text: '{"score": 9, "pass": true}' } });
    expect(await judge.judge('hello')).toMatchObject({
      status: 'unparseable',
      error: 'field "score" must be a number from 1 to 5, got 9',
    });
    fake.script({ provider: 'openai', route: 'chat', fault: faults.rateLimit() });
    const failed = await judge.judge('hello');
    expect(failed).toMatchObject({ status: 'error', cached: false });
    expect(failed.status === 'error' && failed.error).toMatch(/^judge:gpt-4o-mini:rubric-[0-9a-f]{12}: 429/);
    // Nothing was cached: the next call asks again.
    fake.script({
      provider: 'openai',
      route: 'chat',
      reply: { text: '{"score": 3, "pass": true, "reason": "ok"}' },
    });
    expect(await judge.judge('hello')).toMatchObject({ status: 'ok', score: 3, cached: false });
    expect(fake.requests()).toHaveLength(4);
  });
});

describe('createJudge with the anthropic client', () => {
  it('uses messages.create with a system prompt and max_tokens', async () => {
    fake.script({
      provider: 'anthropic',
      route: 'messages',
      reply: { text: '{"score": 4, "pass": true, "reason": "Fine."}' },
    });
    const judge = createJudge({
      client: anthropic,
      model: 'claude-haiku-4-5',
      rubric: RUBRIC,
      cacheDir: false,
      temperature: null,
    });
    expect(await judge.judge('Kind regards.')).toEqual({
      status: 'ok',
      score: 4,
      pass: true,
      reason: 'Fine.',
      cached: false,
    });
    const body = fake.requests()[0].body as {
      system: string;
      max_tokens: number;
      messages: { content: string }[];
    };
    expect(body.max_tokens).toBe(512);
    expect(body).not.toHaveProperty('temperature');
    expect(body.system).toContain('JSON');
    expect(body.messages[0].content).toContain('Kind regards.');
  });

  it('rejects clients that are neither, and empty rubrics', () => {
    expect(() => createJudge({ client: {} as OpenAI, model: 'm', rubric: 'r' })).toThrow(
      /chat.completions.create/,
    );
    expect(() => createJudge({ client: openai, model: 'm', rubric: '  ' })).toThrow(
      /rubric must be a non-empty string/,
    );
  });
});

describe('parseJudgeReply', () => {
  it('reads objects in prose, accepts numeric strings for score, rejects bad fields', () => {
    expect(parseJudgeReply('Verdict: {"score": "2", "pass": false, "reason": "x"} done')).toEqual({
      ok: true,
      verdict: { score: 2, pass: false, reason: 'x' },
    });
    expect(parseJudgeReply('{"score": 3, "pass": "yes"}')).toEqual({
      ok: false,
      error: 'field "pass" must be true or false, got "yes"',
    });
    expect(parseJudgeReply('{"score": 3, "pass": true, "reason": 5}')).toMatchObject({ ok: false });
    expect(parseJudgeReply('[1, 2]')).toEqual({ ok: false, error: 'no JSON object in the reply' });
  });
});
