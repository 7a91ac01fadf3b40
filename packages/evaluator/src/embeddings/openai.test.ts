import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeProvider, faults, startFakeProvider } from '@sightline/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { semanticDrift } from '../quality/semantic-drift.js';
import { withEmbeddingCache } from './cache.js';
import { createOpenAIEmbedder } from './openai.js';

let fake: FakeProvider;
let client: OpenAI;
let cacheRoot: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  client = new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 });
  cacheRoot = await mkdtemp(join(tmpdir(), 'sightline-embeddings-'));
});
afterAll(async () => {
  await fake.close();
  await rm(cacheRoot, { recursive: true, force: true });
});
beforeEach(() => fake.reset());

const embeddingRequests = () => fake.requests().filter((request) => request.route === 'embeddings');
const inputsOf = (index: number) => (embeddingRequests()[index].body as { input: string[] }).input;

describe('createOpenAIEmbedder (real openai client, fake provider)', () => {
  it('batches requests, keeps input order, honours dimensions and pins its id', async () => {
    const embedder = createOpenAIEmbedder({
      client,
      model: 'text-embedding-3-small',
      dimensions: 64,
      batchSize: 3,
    });
    expect(embedder.id).toBe(`openai:text-embedding-3-small:64d@${fake.openaiBaseURL}`);
    expect(embedder.kind).toBe('semantic');
    const texts = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta'];
    const vectors = (await embedder.embed(texts)) as Float32Array[];
    expect(embeddingRequests().map((request) => (request.body as { input: string[] }).input.length)).toEqual([
      3, 3, 1,
    ]);
    expect(
      embeddingRequests().every((request) => (request.body as { dimensions: number }).dimensions === 64),
    ).toBe(true);
    expect(vectors).toHaveLength(7);
    expect(vectors[0]).toHaveLength(64);
    const norm = Math.sqrt(vectors[4].reduce((sum, value) => sum + value * value, 0));
    expect(norm).toBeCloseTo(1, 5);
    // The fake's vectors are seeded by the text: embedding 'epsilon' alone gives the 5th vector again.
    const [alone] = (await embedder.embed(['epsilon'])) as Float32Array[];
    expect(Array.from(alone)).toEqual(Array.from(vectors[4]));
  });

  it('builds its own client from baseURL and apiKey (lazy import of openai)', async () => {
    const embedder = createOpenAIEmbedder({
      baseURL: `${fake.openaiBaseURL}/`,
      apiKey: 'sk-own',
      model: 'text-embedding-3-large',
      maxRetries: 0,
    });
    expect(embedder.id).toBe(`openai:text-embedding-3-large@${fake.openaiBaseURL}`);
    const [vector] = (await embedder.embed(['hello'])) as Float32Array[];
    expect(vector).toHaveLength(3072);
    expect(embeddingRequests()[0].headers.authorization).toBe('Bearer ***');
  });

  it('propagates provider errors', async () => {
    fake.script({ provider: 'openai', route: 'embeddings', fault: faults.unauthorized() });
    const embedder = createOpenAIEmbedder({ client, model: 'text-embedding-3-small' });
    await expect(embedder.embed(['x'])).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('rejects bad options', () => {
    expect(() => createOpenAIEmbedder({ client, model: '' })).toThrow(/model must be a non-empty string/);
    expect(() => createOpenAIEmbedder({ client, model: 'm', batchSize: 0 })).toThrow(/batchSize/);
    expect(() => createOpenAIEmbedder({ client, model: 'm', dimensions: -3 })).toThrow(/dimensions/);
  });
});

describe('withEmbeddingCache', () => {
  it('embeds only texts it has not seen, across instances, keyed by embedder id', async () => {
    const dir = join(cacheRoot, 'run');
    const make = (dimensions = 32) =>
      withEmbeddingCache(createOpenAIEmbedder({ client, model: 'text-embedding-3-small', dimensions }), {
        dir,
      });
    const first = await make().embed(['one', 'two', 'one', 'three']);
    expect(embeddingRequests()).toHaveLength(1);
    expect(inputsOf(0)).toEqual(['one', 'two', 'three']);
    expect(Array.from(first[2] as Float32Array)).toEqual(Array.from(first[0] as Float32Array));

    // A fresh wrapper (as in a re-run) reads the cache from disk: no request at all.
    const again = await make().embed(['three', 'one', 'two']);
    expect(embeddingRequests()).toHaveLength(1);
    expect(Array.from(again[1] as Float32Array)).toEqual(Array.from(first[0] as Float32Array));

    const mixed = await make().embed(['two', 'four', 'five']);
    expect(embeddingRequests()).toHaveLength(2);
    expect(inputsOf(1)).toEqual(['four', 'five']);
    expect(mixed).toHaveLength(3);

    // Another embedder id (different dimensions) never reads these vectors.
    const other = await make(16).embed(['one']);
    expect(embeddingRequests()).toHaveLength(3);
    expect(other[0]).toHaveLength(16);
  });

  it('feeds semantic drift, which pins the semantic embedder id', async () => {
    const embedder = withEmbeddingCache(
      createOpenAIEmbedder({ client, model: 'text-embedding-3-small', dimensions: 16 }),
      {
        dir: join(cacheRoot, 'drift'),
      },
    );
    const texts = Array.from({ length: 20 }, (_, index) => `answer ${index}`);
    const result = await semanticDrift(texts.slice(0, 10), texts.slice(10), { embedder, permutations: 99 });
    expect(result).toMatchObject({
      status: 'ok',
      embedderKind: 'semantic',
      embedderId: `openai:text-embedding-3-small:16d@${fake.openaiBaseURL}`,
      nBaseline: 10,
      nCurrent: 10,
    });
    expect(embeddingRequests()).toHaveLength(1);
    await semanticDrift(texts.slice(0, 10), texts.slice(10), { embedder, permutations: 99 });
    expect(embeddingRequests()).toHaveLength(1);
  });
});
