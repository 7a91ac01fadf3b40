/**
 * Differential test: the same scripted scenarios through an uninstrumented and an instrumented client must be
 * indistinguishable to the app (values, chunk sequences, error classes and messages), and every instrumented
 * call must leave exactly one ended span.
 */
import { type Fault, faults, type ScriptEntry } from '@sightline/testkit';
import type OpenAI from 'openai';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectEndedOnce, type Harness, harness, USER, until } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h?.fake.close());

const VOLATILE = new Set(['created', 'created_at', 'completed_at']);

/** JSON-comparable form: typed arrays as arrays, timestamps dropped, errors as class + message + status. */
function normalise(value: unknown): unknown {
  if (value instanceof Error) {
    const status = (value as { status?: unknown }).status;
    return { errorClass: value.constructor.name, message: value.message, status };
  }
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (VOLATILE.has(key)) return undefined;
      if (ArrayBuffer.isView(v)) return Array.from(v as Float32Array);
      return v;
    }) ?? 'null',
  );
}

type Scenario = { script: ScriptEntry[]; run: (client: OpenAI) => Promise<unknown> };

const chat = (
  reply: ScriptEntry['reply'] = { text: 'hello differential world' },
  fault?: Fault,
): ScriptEntry[] => [{ provider: 'openai', route: 'chat', reply, fault }];
const streamParams = { model: 'gpt-4o-mini', messages: USER, stream: true as const };

async function collect(
  stream: AsyncIterable<unknown>,
  stopAfter = Number.POSITIVE_INFINITY,
): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
    if (chunks.length >= stopAfter) break;
  }
  return chunks;
}

const SCENARIOS: Record<string, Scenario> = {
  'chat plain': {
    script: chat(),
    run: (c) => c.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
  },
  'chat tools': {
    script: chat({ toolCalls: [{ id: 'call_d', name: 'f', arguments: { x: 1 } }] }),
    run: (c) => c.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
  },
  'chat stream': { script: chat(), run: async (c) => collect(await c.chat.completions.create(streamParams)) },
  'chat stream with usage': {
    script: chat(),
    run: async (c) =>
      collect(await c.chat.completions.create({ ...streamParams, stream_options: { include_usage: true } })),
  },
  'chat stream tools': {
    script: chat({ toolCalls: [{ id: 'call_s', name: 'g', arguments: { y: 2 } }] }),
    run: async (c) => collect(await c.chat.completions.create(streamParams)),
  },
  'stream() helper': {
    script: chat(),
    run: async (c) => {
      const runner = c.chat.completions.stream({ model: 'gpt-4o-mini', messages: USER });
      const events: string[] = [];
      runner.on('content', (delta) => events.push(delta));
      return { final: await runner.finalChatCompletion(), events };
    },
  },
  'parse() helper': {
    script: chat({ text: '{"a":1}' }),
    run: (c) =>
      c.chat.completions.parse({
        model: 'gpt-4o-mini',
        messages: USER,
        response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' } } },
      }),
  },
  runTools: {
    script: [
      ...chat({ toolCalls: [{ id: 'call_t', name: 'echo', arguments: { v: 'x' } }] }),
      ...chat({ text: 'done' }),
    ],
    run: async (c) => {
      const runner = c.chat.completions.runTools({
        model: 'gpt-4o-mini',
        messages: USER,
        tools: [
          {
            type: 'function',
            function: {
              name: 'echo',
              description: 'Echoes',
              parameters: { type: 'object' },
              function: (a: unknown) => JSON.stringify(a),
              parse: JSON.parse,
            },
          },
        ],
      });
      return { content: await runner.finalContent(), messages: runner.messages };
    },
  },
  'withResponse()': {
    script: chat(),
    run: async (c) => {
      const { data, response } = await c.chat.completions
        .create({ model: 'gpt-4o-mini', messages: USER })
        .withResponse();
      return { data, status: response.status };
    },
  },
  'asResponse()': {
    script: chat(),
    run: async (c) => {
      const response = await c.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }).asResponse();
      const body = (await response.json()) as Record<string, unknown>;
      return { status: response.status, body };
    },
  },
  'responses plain': {
    script: [{ provider: 'openai', route: 'responses', reply: { text: 'resp' } }],
    run: (c) => c.responses.create({ model: 'gpt-4o-mini', input: 'hi' }),
  },
  'responses stream': {
    script: [{ provider: 'openai', route: 'responses', reply: { text: 'resp stream', thinking: 'hmm' } }],
    run: async (c) => collect(await c.responses.create({ model: 'gpt-4o-mini', input: 'hi', stream: true })),
  },
  'responses.stream() helper': {
    script: [{ provider: 'openai', route: 'responses', reply: { text: 'helper' } }],
    run: (c) => c.responses.stream({ model: 'gpt-4o-mini', input: 'hi' }).finalResponse(),
  },
  'embeddings default': {
    script: [{ provider: 'openai', route: 'embeddings', reply: {} }],
    run: (c) => c.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] }),
  },
  'embeddings base64': {
    script: [{ provider: 'openai', route: 'embeddings', reply: {} }],
    run: (c) =>
      c.embeddings.create({ model: 'text-embedding-3-small', input: 'a', encoding_format: 'base64' }),
  },
  'fault rateLimit': {
    script: chat(undefined, faults.rateLimit({ retryAfter: 1 })),
    run: (c) => c.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
  },
  'fault unauthorized': {
    script: chat(undefined, faults.unauthorized()),
    run: (c) => c.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
  },
  'fault badRequest': {
    script: chat(undefined, faults.badRequest({ param: 'x' })),
    run: (c) => c.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
  },
  'fault serverError': {
    script: chat(undefined, faults.serverError()),
    run: (c) => c.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
  },
  'fault overloaded': {
    script: chat(undefined, faults.overloaded()),
    run: (c) => c.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
  },
  'fault contextLengthExceeded': {
    script: chat(undefined, faults.contextLengthExceeded()),
    run: (c) => c.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
  },
  'fault disconnect before headers': {
    script: chat(undefined, faults.disconnect(0)),
    run: (c) => c.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
  },
  'fault malformed body': {
    script: chat(undefined, faults.malformed()),
    run: (c) => c.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
  },
  'fault stream disconnect': {
    script: chat(undefined, faults.disconnect(2)),
    run: async (c) => collect(await c.chat.completions.create(streamParams)),
  },
  'fault stream malformed': {
    script: chat(undefined, faults.malformed(2)),
    run: async (c) => collect(await c.chat.completions.create(streamParams)),
  },
  'fault stream error status': {
    script: chat(undefined, faults.rateLimit()),
    run: async (c) => collect(await c.chat.completions.create(streamParams)),
  },
  'fault hang + AbortSignal': {
    script: chat(undefined, faults.hang()),
    run: async (c) => {
      const controller = new AbortController();
      const seen = h.fake.requests().length;
      const pending = c.chat.completions.create(
        { model: 'gpt-4o-mini', messages: USER },
        { signal: controller.signal },
      );
      await until(() => h.fake.requests().length > seen);
      controller.abort();
      return pending;
    },
  },
  'controller.abort() mid-stream': {
    script: chat(),
    run: async (c) => {
      const stream = await c.chat.completions.create(streamParams);
      const chunks: unknown[] = [];
      for await (const chunk of stream) {
        chunks.push(chunk);
        if (chunks.length === 2) stream.controller.abort();
      }
      return chunks;
    },
  },
  'early break': {
    script: chat(),
    run: async (c) => collect(await c.chat.completions.create(streamParams), 2),
  },
  'consumer throw': {
    script: chat(),
    run: async (c) => {
      const chunks: unknown[] = [];
      try {
        for await (const chunk of await c.chat.completions.create(streamParams)) {
          chunks.push(chunk);
          throw new Error('consumer says no');
        }
      } catch (error) {
        return { chunks, error: normalise(error) };
      }
      return { chunks };
    },
  },
  tee: {
    script: chat(),
    run: async (c) => {
      const [a, b] = (await c.chat.completions.create(streamParams)).tee();
      return Promise.all([collect(a), collect(b)]);
    },
  },
};

async function observe(scenario: Scenario, client: OpenAI): Promise<unknown> {
  h.fake.reset();
  h.fake.script(...scenario.script);
  try {
    return { ok: normalise(await scenario.run(client)) };
  } catch (error) {
    return { failed: normalise(error) };
  }
}

test.each(Object.keys(SCENARIOS))('%s: identical behaviour, every span ended once', async (name) => {
  const scenario = SCENARIOS[name];
  h.exporter.reset();
  const plain = await observe(scenario, h.raw());
  const instrumented = await observe(scenario, h.client({ captureContent: true }));
  expect(instrumented).toEqual(plain);
  const expectedSpans = scenario.script.length;
  await until(() => h.spans().length >= expectedSpans);
  expect(h.spans()).toHaveLength(expectedSpans);
  expectEndedOnce(h.spans());
});
