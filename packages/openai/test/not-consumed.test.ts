/**
 * A stream (or a request promise) nobody consumes must not keep its span open forever nor be pinned in memory:
 * when the SDK object is garbage-collected, the span ends with `sightline.stream.end=not_consumed`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { onAbandoned } from '@sightline/core/instrumentation';
import { afterAll, beforeEach, expect, test } from 'vitest';
import { expectEndedOnce, type Harness, harness, USER } from './harness.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let h: Harness;
beforeEach(async () => {
  h ??= await harness();
  h.fake.reset();
  h.exporter.reset();
});
afterAll(() => h?.fake.close());

async function collectGarbageUntil(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !predicate(); i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('a stream that is never iterated ends its span when collected', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'never read' } });
  const client = h.client();
  await (async () => {
    // Awaited and dropped without iterating.
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER, stream: true });
  })();
  expect(h.spans()).toHaveLength(0);
  await collectGarbageUntil(() => h.spans().length > 0);
  expect(h.spans()).toHaveLength(1);
  expect(h.spans()[0].attributes['sightline.stream.end']).toBe('not_consumed');
  expect(h.spans()[0].attributes['gen_ai.response.finish_reasons']).toEqual(['error']);
  expectEndedOnce(h.spans());
});

test('tee(): both branches dropped unfinished end the span when collected', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'one two three four five' } });
  const client = h.client();
  await (async () => {
    const [left, right] = (
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER, stream: true })
    ).tee();
    await left[Symbol.asyncIterator]().next();
    await right[Symbol.asyncIterator]().next();
  })();
  await collectGarbageUntil(() => h.spans().length > 0);
  expect(h.spans()).toHaveLength(1);
  expect(h.spans()[0].attributes['sightline.stream.end']).toBe('not_consumed');
  expect(h.spans()[0].attributes['sightline.stream.chunks']).toBe(1);
});

test('a request promise never awaited ends its span when collected', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'ignored' } });
  const client = h.client();
  (() => {
    client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER });
  })();
  await collectGarbageUntil(() => h.spans().length > 0);
  expect(h.spans()).toHaveLength(1);
  expectEndedOnce(h.spans());
});

test('the registry callback contains a throwing handler', () => {
  expect(() =>
    onAbandoned({
      endAbandoned() {
        throw new Error('cleanup failed');
      },
    }),
  ).not.toThrow();
});
