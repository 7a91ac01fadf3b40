/**
 * Scripted scenarios shared by the differential and compatibility tests. Each runs against any Anthropic
 * client (1.x or 0.x, wrapped or not) and returns a plain, comparable observation of everything the app could
 * see: returned values, event sequences, error classes and messages.
 */
import { faults, type ScriptEntry } from '@sightline/testkit';
import { basicParams, streamParams } from './harness.js';

/** The client surface the scenarios use (satisfied by the 1.x and the 0.x client). */
// biome-ignore lint/suspicious/noExplicitAny: scenarios drive two SDK majors through one untyped surface
export type AnyClient = any;

export interface Scenario {
  name: string;
  script: ScriptEntry[];
  /** Number of API calls (= spans expected from an instrumented client). */
  calls: number;
  run(client: AnyClient): Promise<unknown>;
}

/** An error as the app sees it. */
export function errorView(error: unknown): unknown {
  if (!(error instanceof Error)) return { thrown: String(error) };
  return {
    class: error.constructor.name,
    // The fake's request ids are random per request; everything else must match exactly.
    message: error.message.replace(/req_[0-9a-f]+/g, 'req_*'),
    status: (error as { status?: unknown }).status,
  };
}

async function settle(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await fn() };
  } catch (error) {
    return { error: errorView(error) };
  }
}

async function collect(iterable: AsyncIterable<unknown>, stopAfter?: number, onItem?: (n: number) => void) {
  const items: unknown[] = [];
  const outcome = await settle(async () => {
    for await (const item of iterable) {
      items.push(item);
      onItem?.(items.length);
      if (stopAfter !== undefined && items.length >= stopAfter) break;
    }
  });
  return { items, outcome };
}

const text = (reply: string): ScriptEntry => ({ provider: 'anthropic', reply: { text: reply } });
const fault = (f: ScriptEntry['fault'], reply = 'a b c d e f'): ScriptEntry => ({
  provider: 'anthropic',
  reply: { text: reply },
  fault: f,
});
const TOOLS = [
  { name: 'get_weather', description: 'Weather', input_schema: { type: 'object' as const, properties: {} } },
];

export const SCENARIOS: Scenario[] = [
  {
    name: 'plain create',
    script: [text('Paris.')],
    calls: 1,
    run: (c) => settle(() => c.messages.create(basicParams())),
  },
  {
    name: 'create with cache usage',
    script: [
      {
        provider: 'anthropic',
        reply: {
          text: 'ok',
          usage: { inputTokens: 900, cachedInputTokens: 500, cacheCreationInputTokens: 300, outputTokens: 7 },
        },
      },
    ],
    calls: 1,
    run: (c) => settle(() => c.messages.create(basicParams())),
  },
  {
    name: 'stream: true read to the end',
    script: [text('one two three')],
    calls: 1,
    run: async (c) => collect(await c.messages.create(streamParams())),
  },
  {
    name: 'messages.stream() helpers',
    script: [text('alpha beta gamma')],
    calls: 1,
    run: async (c) => {
      const stream = c.messages.stream(basicParams());
      const deltas: string[] = [];
      const events: string[] = [];
      stream.on('text', (delta: string) => deltas.push(delta));
      stream.on('streamEvent', (event: { type: string }) => events.push(event.type));
      const final = await settle(() => stream.finalMessage());
      return { deltas, events, final, finalText: await settle(() => stream.finalText()) };
    },
  },
  {
    name: 'tool_use (plain and streamed)',
    script: [
      {
        provider: 'anthropic',
        reply: { text: '', toolCalls: [{ id: 'toolu_a', name: 'get_weather', arguments: { city: 'Oslo' } }] },
      },
      {
        provider: 'anthropic',
        reply: {
          text: 'Sure.',
          toolCalls: [{ id: 'toolu_b', name: 'get_weather', arguments: { city: 'Rome' } }],
        },
      },
    ],
    calls: 2,
    run: async (c) => ({
      plain: await settle(() => c.messages.create(basicParams({ tools: TOOLS }))),
      streamed: await settle(() => c.messages.stream(basicParams({ tools: TOOLS })).finalMessage()),
    }),
  },
  {
    name: 'thinking (plain and streamed)',
    script: [
      { provider: 'anthropic', reply: { text: 'Done.', thinking: 'Hmm.' } },
      { provider: 'anthropic', reply: { text: 'Done.', thinking: 'Hmm again.' } },
    ],
    calls: 2,
    run: async (c) => {
      const params = basicParams({ thinking: { type: 'enabled', budget_tokens: 1024 } });
      return {
        plain: await settle(() => c.messages.create(params)),
        streamed: await collect(await c.messages.create({ ...params, stream: true })),
      };
    },
  },
  ...(
    [
      ['400', faults.badRequest({ message: 'messages: field required' })],
      ['401', faults.unauthorized()],
      ['429', faults.rateLimit({ retryAfter: 2 })],
      ['500', faults.serverError()],
      ['529', faults.overloaded()],
      ['context overflow', faults.contextLengthExceeded()],
    ] as const
  ).map(
    ([label, f]): Scenario => ({
      name: `fault ${label} (plain, stream: true, messages.stream())`,
      script: [fault(f), fault(f), fault(f)],
      calls: 3,
      run: async (c) => ({
        plain: await settle(() => c.messages.create(basicParams())),
        stream: await settle(() => c.messages.create(streamParams())),
        helper: await settle(() => c.messages.stream(basicParams()).finalMessage()),
      }),
    }),
  ),
  {
    name: 'mid-stream disconnect (stream: true and messages.stream())',
    script: [fault(faults.disconnect(3)), fault(faults.disconnect(3))],
    calls: 2,
    run: async (c) => ({
      stream: await collect(await c.messages.create(streamParams())),
      helper: await settle(() => c.messages.stream(basicParams()).finalMessage()),
    }),
  },
  {
    name: 'malformed SSE',
    script: [fault(faults.malformed(2))],
    calls: 1,
    run: async (c) => collect(await c.messages.create(streamParams())),
  },
  {
    name: 'early break',
    script: [text('a b c d e f g h')],
    calls: 1,
    run: async (c) => collect(await c.messages.create(streamParams()), 3),
  },
  {
    name: 'controller.abort() mid-stream',
    script: [{ ...text('a b c d e f g h'), delays: { interChunkMs: 2 } }],
    calls: 1,
    run: async (c) => {
      const stream = await c.messages.create(streamParams());
      return collect(stream, undefined, (n) => {
        if (n === 2) stream.controller.abort();
      });
    },
  },
  {
    name: 'messages.stream() abort()',
    script: [{ ...text('a b c d e f g h'), delays: { interChunkMs: 2 } }],
    calls: 1,
    run: async (c) => {
      const stream = c.messages.stream(basicParams());
      let aborted = 0;
      stream.on('abort', () => aborted++);
      stream.on('text', () => stream.abort());
      return {
        final: await settle(() => stream.finalMessage()),
        aborted,
        flags: [stream.aborted, stream.ended],
      };
    },
  },
  {
    name: 'consumer throws in the loop',
    script: [text('a b c d')],
    calls: 1,
    run: async (c) => {
      const stream = await c.messages.create(streamParams());
      return settle(async () => {
        for await (const _event of stream) throw new TypeError('consumer failed');
      });
    },
  },
  {
    name: 'tee() both branches',
    script: [text('a b c')],
    calls: 1,
    run: async (c) => {
      const [left, right] = (await c.messages.create(streamParams())).tee();
      const [a, b] = await Promise.all([collect(left), collect(right)]);
      return { a, b };
    },
  },
  {
    name: 'withResponse() and asResponse()',
    script: [text('with'), text('raw')],
    calls: 2,
    run: async (c) => {
      const { data, response } = await c.messages.create(basicParams()).withResponse();
      const raw: Response = await c.messages.create(basicParams()).asResponse();
      return { data, status: response.status, raw: await raw.json() };
    },
  },
];
