/**
 * Every way a stream can end ends its span exactly once, with the right `sightline.stream.end`, finish reasons
 * `error` for a cut-off stream, and no "end() called twice" diagnostics from the SDK.
 */
import { SpanStatusCode } from '@opentelemetry/api';
import { faults } from '@sightline/testkit';
import { afterAll, beforeEach, expect, test } from 'vitest';
import { captureDiag, expectEndedOnce, type Harness, harness, USER, until } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h ??= await harness();
  h.fake.reset();
  h.exporter.reset();
});
afterAll(() => h?.fake.close());

const LONG = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';

async function openStream(options: { signal?: AbortSignal } = {}) {
  return h.client().chat.completions.create({ model: 'gpt-4o-mini', messages: USER, stream: true }, options);
}

async function checked(fn: () => Promise<void>): Promise<void> {
  const { messages } = await captureDiag(fn);
  await until(() => h.spans().length > 0);
  expect(h.spans()).toHaveLength(1);
  expectEndedOnce(h.spans());
  expect(messages.filter((m) => m.includes('end()') || m.includes('ended Span'))).toEqual([]);
}

test('completion', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: LONG } });
  await checked(async () => {
    for await (const _ of await openStream());
  });
  const [span] = h.spans();
  expect(span.attributes['sightline.stream.end']).toBeUndefined();
  expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
});

test('consumer break', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: LONG } });
  let seen = 0;
  await checked(async () => {
    for await (const _ of await openStream()) if (++seen === 2) break;
  });
  const [span] = h.spans();
  expect(span.attributes['sightline.stream.end']).toBe('break');
  expect(span.attributes['sightline.stream.chunks']).toBe(2);
  expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['error']);
  expect(span.attributes['sightline.usage.missing']).toBe(true);
  expect(span.status.code).toBe(SpanStatusCode.UNSET);
});

test('consumer return from inside the loop', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: LONG } });
  const firstContent = async () => {
    for await (const chunk of await openStream()) {
      if (chunk.choices[0]?.delta?.content) return chunk.choices[0].delta.content;
    }
    return undefined;
  };
  await checked(async () => {
    expect(await firstContent()).toBe('alpha');
  });
  expect(h.spans()[0].attributes['sightline.stream.end']).toBe('break');
});

test('exception thrown inside the consumer loop propagates unchanged', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: LONG } });
  const boom = new Error('consumer failed');
  await checked(async () => {
    await expect(
      (async () => {
        for await (const _ of await openStream()) throw boom;
      })(),
    ).rejects.toBe(boom);
  });
  expect(h.spans()[0].attributes['sightline.stream.end']).toBe('break');
});

test('controller.abort() mid-iteration', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: LONG }, delays: { interChunkMs: 5 } });
  let seen = 0;
  await checked(async () => {
    const stream = await openStream();
    for await (const _ of stream) if (++seen === 2) stream.controller.abort();
  });
  const [span] = h.spans();
  expect(span.attributes['sightline.stream.end']).toBe('abort');
  expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['error']);
});

test('controller.abort() before the stream is read', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: LONG } });
  await checked(async () => {
    const stream = await openStream();
    stream.controller.abort();
  });
  expect(h.spans()[0].attributes['sightline.stream.end']).toBe('abort');
});

test('request AbortSignal aborted mid-stream', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: LONG }, delays: { interChunkMs: 5 } });
  const controller = new AbortController();
  let seen = 0;
  await checked(async () => {
    for await (const _ of await openStream({ signal: controller.signal }))
      if (++seen === 3) controller.abort();
  });
  expect(h.spans()[0].attributes['sightline.stream.end']).toBe('abort');
});

test('request AbortSignal aborted before headers: the SDK error, span failed', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', fault: faults.hang() });
  const controller = new AbortController();
  await checked(async () => {
    const pending = openStream({ signal: controller.signal });
    await until(() => h.fake.requests().length === 1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'Error' });
  });
  const [span] = h.spans();
  expect(span.attributes['error.type']).toBe('APIUserAbortError');
  expect(span.status.code).toBe(SpanStatusCode.ERROR);
});

test('mid-stream disconnect: error rethrown, span failed with error finish reason', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: LONG }, fault: faults.disconnect(3) });
  let caught: unknown;
  await checked(async () => {
    try {
      for await (const _ of await openStream());
    } catch (error) {
      caught = error;
    }
  });
  expect(caught).toBeInstanceOf(Error);
  const [span] = h.spans();
  expect(span.attributes['sightline.stream.end']).toBe('error');
  expect(span.attributes['error.type']).toBe((caught as Error).constructor.name);
  expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['error']);
  expect(span.status.code).toBe(SpanStatusCode.ERROR);
});

test('malformed data mid-stream', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: LONG }, fault: faults.malformed(2) });
  await checked(async () => {
    await expect(
      (async () => {
        for await (const _ of await openStream());
      })(),
    ).rejects.toBeInstanceOf(SyntaxError);
  });
  expect(h.spans()[0].attributes['error.type']).toBe('SyntaxError');
});

test('tee(): both branches read to the end', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: LONG } });
  const texts = ['', ''];
  await checked(async () => {
    const [left, right] = (await openStream()).tee();
    const read = async (branch: typeof left, i: number) => {
      for await (const chunk of branch) texts[i] += chunk.choices[0]?.delta?.content ?? '';
    };
    await Promise.all([read(left, 0), read(right, 1)]);
  });
  expect(texts).toEqual([LONG, LONG]);
  expect(h.spans()[0].attributes['sightline.stream.end']).toBeUndefined();
  expect(h.spans()[0].attributes['sightline.stream.chunks']).toBe(12);
});

test('tee(): one branch finished, the other abandoned', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', reply: { text: LONG } });
  await checked(async () => {
    const [left] = (await openStream()).tee();
    for await (const _ of left);
  });
  expect(h.spans()[0].attributes['sightline.stream.end']).toBeUndefined();
});

test('toReadableStream() read to the end, and cancelled', async () => {
  h.fake.script({ provider: 'openai', route: 'chat', times: 2, reply: { text: LONG } });
  await checked(async () => {
    const reader = (await openStream()).toReadableStream().getReader();
    while (!(await reader.read()).done);
  });
  h.exporter.reset();
  await checked(async () => {
    const reader = (await openStream()).toReadableStream().getReader();
    await reader.read();
    await reader.cancel();
  });
  expect(h.spans()[0].attributes['sightline.stream.end']).toBe('break');
});
