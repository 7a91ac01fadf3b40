import { context, type Span, SpanKind, SpanStatusCode, type TracerProvider, trace } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callAnnotationAttributes } from '../annotations/index.js';
import { agent, task, tool, withTask, withTool, workflow } from './index.js';
import { type OtelHarness, setupOtel } from './otel-test-setup.js';

let otel: OtelHarness;
beforeAll(() => {
  otel = setupOtel();
});
afterEach(() => otel.exporter.reset());
afterAll(() => otel.shutdown());

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** A stand-in for an instrumented LLM call: a span started in the active context, as the instrumentations do. */
function llmCall(name: string): void {
  trace.getTracer('fake-llm').startSpan(name, { kind: SpanKind.CLIENT }).end();
}

describe('span names and attributes', () => {
  it('names and attributes each step kind as the conventions say', () => {
    workflow('support', () => {
      agent(
        'triage',
        () => {
          task('classify', () => {
            tool('lookup_order', () => 'ok', {
              callId: 'call_7',
              description: 'Finds an order',
              captureContent: false,
            });
          });
        },
        { agentId: 'agent-1', description: 'Triages tickets' },
      );
    });
    expect(otel.span('invoke_workflow support').attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_workflow',
      'gen_ai.workflow.name': 'support',
      'sightline.chain.kind': 'workflow',
    });
    expect(otel.span('invoke_agent triage').attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'triage',
      'gen_ai.agent.id': 'agent-1',
      'gen_ai.agent.description': 'Triages tickets',
      'sightline.chain.kind': 'agent',
    });
    expect(otel.span('task classify').attributes).toMatchObject({
      'sightline.chain.kind': 'task',
      'sightline.task.name': 'classify',
    });
    const toolSpan = otel.span('execute_tool lookup_order');
    expect(toolSpan.kind).toBe(SpanKind.INTERNAL);
    expect(toolSpan.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup_order',
      'gen_ai.tool.call.id': 'call_7',
      'gen_ai.tool.description': 'Finds an order',
      'gen_ai.tool.type': 'function',
      'sightline.chain.kind': 'tool',
    });
    expect(toolSpan.instrumentationScope.name).toBe('@sightline/core');
    expect(otel.parentOf(toolSpan)).toBe('task classify');
    expect(otel.parentOf(otel.span('task classify'))).toBe('invoke_agent triage');
    expect(otel.parentOf(otel.span('invoke_agent triage'))).toBe('invoke_workflow support');
  });

  it('rejects a missing name or function with a clear error', () => {
    expect(() => task('', () => 1)).toThrow(/"name" must be a non-empty string/);
    expect(() => withTask('x', 42 as unknown as () => void)).toThrow(/"fn" must be a function/);
  });
});

describe('nesting through the active context', () => {
  it('keeps the parent across await', async () => {
    await workflow('flow', async () => {
      await tick();
      await task('after-await', async () => {
        await tick();
        llmCall('llm-1');
      });
    });
    expect(otel.parentOf(otel.span('task after-await'))).toBe('invoke_workflow flow');
    expect(otel.parentOf(otel.span('llm-1'))).toBe('task after-await');
  });

  it('keeps each Promise.all branch under its own task', async () => {
    await workflow('fan-out', () =>
      Promise.all(
        ['a', 'b', 'c'].map((branch) =>
          task(`branch-${branch}`, async () => {
            await tick();
            llmCall(`llm-${branch}`);
          }),
        ),
      ),
    );
    for (const branch of ['a', 'b', 'c']) {
      expect(otel.parentOf(otel.span(`llm-${branch}`))).toBe(`task branch-${branch}`);
      expect(otel.parentOf(otel.span(`task branch-${branch}`))).toBe('invoke_workflow fan-out');
    }
  });

  it('keeps an async generator span open until exhausted, and its items are produced inside it', async () => {
    const stream = task('stream', async function* () {
      for (let i = 0; i < 3; i++) {
        await tick();
        llmCall(`chunk-${i}`);
        yield i;
      }
    });
    expect(Object.prototype.toString.call(stream)).toBe('[object AsyncGenerator]');
    const items: number[] = [];
    for await (const item of stream) {
      items.push(item);
      expect(otel.spans().map((s) => s.name)).not.toContain('task stream');
    }
    expect(items).toEqual([0, 1, 2]);
    for (let i = 0; i < 3; i++) expect(otel.parentOf(otel.span(`chunk-${i}`))).toBe('task stream');
    expect(otel.span('task stream').status.code).toBe(SpanStatusCode.UNSET);
  });

  it('ends an async generator span when the consumer breaks early', async () => {
    const stream = task('early', async function* () {
      yield 1;
      yield 2;
    });
    for await (const _ of stream) break;
    expect(otel.span('task early').ended).toBe(true);
  });

  it('records an error thrown inside a generator', async () => {
    const failure = new RangeError('bad chunk');
    const stream = task('failing-stream', async function* () {
      yield 1;
      throw failure;
    });
    await expect(async () => {
      for await (const _ of stream) {
        // consume
      }
    }).rejects.toBe(failure);
    expect(otel.span('task failing-stream').attributes['error.type']).toBe('RangeError');
  });

  it('wraps sync generators the same way', () => {
    const numbers = task('sync-gen', function* () {
      llmCall('inside-sync-gen');
      yield 1;
      yield 2;
    });
    expect([...numbers]).toEqual([1, 2]);
    expect(otel.parentOf(otel.span('inside-sync-gen'))).toBe('task sync-gen');
  });

  it('keeps sync functions sync', () => {
    const result = task('sync', () => 41 + 1);
    expect(result).toBe(42);
    expect(otel.span('task sync').ended).toBe(true);
  });

  it('returns the same promise object (subclass methods survive)', async () => {
    class ApiPromise<T> extends Promise<T> {
      withResponse() {
        return 'still here';
      }
    }
    const original = ApiPromise.resolve(5) as ApiPromise<number>;
    const returned = task('promise-identity', () => original);
    expect(returned).toBe(original);
    expect(returned.withResponse()).toBe('still here');
    expect(await returned).toBe(5);
  });
});

describe('errors', () => {
  it('records and rethrows the same error object (sync)', () => {
    const failure = new TypeError('nope');
    let caught: unknown;
    try {
      task('throws', () => {
        throw failure;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(failure);
    const span = otel.span('task throws');
    expect(span.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'nope' });
    expect(span.attributes['error.type']).toBe('TypeError');
    expect(span.events.map((e) => e.name)).toContain('exception');
  });

  it('records and rethrows the same rejection (async)', async () => {
    class RateLimitError extends Error {}
    const failure = new RateLimitError('slow down');
    await expect(task('rejects', async () => Promise.reject(failure))).rejects.toBe(failure);
    await tick();
    expect(otel.span('task rejects').attributes['error.type']).toBe('RateLimitError');
  });

  it('uses _OTHER for thrown non-errors', () => {
    expect(() =>
      task('throws-string', () => {
        throw 'plain string';
      }),
    ).toThrow('plain string');
    expect(otel.span('task throws-string').attributes['error.type']).toBe('_OTHER');
  });
});

describe('lazy thenables', () => {
  /** A query-builder-like thenable: every `then` runs the work again (as Knex does). */
  function lazyQuery(result: string) {
    const query = {
      runs: 0,
      // biome-ignore lint/suspicious/noThenProperty: a lazy thenable is what this test is about
      then(onFulfilled?: (value: string) => unknown, onRejected?: (error: unknown) => unknown) {
        query.runs++;
        return Promise.resolve(result).then(onFulfilled, onRejected);
      },
    };
    return query;
  }

  it('runs a lazy thenable only when the app awaits it, and ends the span then', async () => {
    const query = task('query', () => lazyQuery('rows'));
    await tick();
    expect(query.runs).toBe(0);
    expect(otel.spans()).toHaveLength(0);
    expect(await query).toBe('rows');
    expect(query.runs).toBe(1);
    await tick();
    expect(otel.span('task query').status.code).toBe(SpanStatusCode.UNSET);
  });

  it('records a lazy thenable that rejects, and passes rejection handlers through', async () => {
    const failure = new Error('db down');
    const rejecting = {
      // biome-ignore lint/suspicious/noThenProperty: a lazy thenable is what this test is about
      then(_ok?: unknown, onRejected?: (error: unknown) => unknown) {
        return Promise.reject(failure).then(undefined, onRejected);
      },
    };
    const step = task('failing-query', () => rejecting);
    await expect(Promise.resolve(step)).rejects.toBe(failure);
    await tick();
    expect(otel.span('task failing-query').attributes['error.type']).toBe('Error');
  });
});

describe('wrapper form', () => {
  it('keeps `this`, arguments and the return value', () => {
    class Greeter {
      constructor(readonly greeting: string) {}
      greet = withTask('greet', function (this: Greeter, name: string, punctuation: string) {
        return `${this.greeting}, ${name}${punctuation}`;
      });
    }
    const greeter = new Greeter('Hello');
    expect(greeter.greet('Ada', '!')).toBe('Hello, Ada!');
    expect(otel.span('task greet').ended).toBe(true);
  });
});

describe('association attributes', () => {
  it('propagate to every span below and to LLM calls through callAnnotationAttributes', async () => {
    let seenByLlm: Record<string, unknown> = {};
    await workflow(
      'chat',
      async () => {
        await task(
          'answer',
          async () => {
            await tick();
            seenByLlm = { ...callAnnotationAttributes([{ role: 'user', content: 'hi' }]) };
          },
          { metadata: { tier: 'gold', retries: 2 }, userId: 'u-2' },
        );
      },
      { conversationId: 'conv-1', userId: 'u-1', sessionId: 's-1', metadata: { region: 'eu' } },
    );
    expect(otel.span('invoke_workflow chat').attributes).toMatchObject({
      'gen_ai.conversation.id': 'conv-1',
      'user.id': 'u-1',
      'session.id': 's-1',
      'sightline.metadata.region': 'eu',
    });
    const expectedInner = {
      'gen_ai.conversation.id': 'conv-1',
      'user.id': 'u-2',
      'session.id': 's-1',
      'sightline.metadata.region': 'eu',
      'sightline.metadata.tier': 'gold',
      'sightline.metadata.retries': 2,
    };
    expect(otel.span('task answer').attributes).toMatchObject(expectedInner);
    expect(seenByLlm).toEqual(expectedInner);
  });

  it('are absent outside chains (and nothing is allocated for them)', () => {
    const a = callAnnotationAttributes([{ role: 'user', content: 'x' }], context.active());
    const b = callAnnotationAttributes([{ role: 'user', content: 'y' }]);
    expect(a).toEqual({});
    expect(a).toBe(b);
  });
});

describe('tool content capture', () => {
  const previous = process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT;
  afterEach(() => {
    if (previous === undefined) delete process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT;
    else process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = previous;
  });

  const getWeather = withTool('get_weather', async (args: { city: string }) => ({
    city: args.city,
    tempC: 21,
  }));

  it('records nothing by default', async () => {
    delete process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT;
    expect(await getWeather({ city: 'Paris' })).toEqual({ city: 'Paris', tempC: 21 });
    const attributes = otel.span('execute_tool get_weather').attributes;
    expect(attributes['gen_ai.tool.call.arguments']).toBeUndefined();
    expect(attributes['gen_ai.tool.call.result']).toBeUndefined();
  });

  it('records arguments and the awaited result when the environment turns capture on', async () => {
    process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'true';
    await getWeather({ city: 'Paris' });
    await tick();
    const attributes = otel.span('execute_tool get_weather').attributes;
    expect(attributes['gen_ai.tool.call.arguments']).toBe('{"city":"Paris"}');
    expect(attributes['gen_ai.tool.call.result']).toBe('{"city":"Paris","tempC":21}');
  });

  it('lets the per-call option override the environment and caps the size', () => {
    process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'true';
    tool('quiet', () => 'secret', { captureContent: false, arguments: { q: 1 } });
    expect(otel.span('execute_tool quiet').attributes['gen_ai.tool.call.result']).toBeUndefined();
    delete process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT;
    tool('loud', () => 'x'.repeat(100), { captureContent: true, maxContentLength: 10, arguments: { q: 1 } });
    const attributes = otel.span('execute_tool loud').attributes;
    expect(attributes['gen_ai.tool.call.arguments']).toBe('{"q":1}');
    expect(attributes['gen_ai.tool.call.result']).toBe('xxxxxxxxxx…[truncated 90 chars]');
  });

  it('masks secrets in arguments and results, and a cut JSON value stays valid JSON', () => {
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
    tool('send', () => JSON.stringify({ sent: true, echo: `to bob@example.com with ${key}` }), {
      captureContent: true,
      maxContentLength: 60,
      arguments: { auth: 'Bearer abcdefghijklmnop123', to: 'carol@example.com', body: 'y'.repeat(80) },
    });
    const attributes = otel.span('execute_tool send').attributes;
    const recorded = `${attributes['gen_ai.tool.call.arguments']} ${attributes['gen_ai.tool.call.result']}`;
    for (const secret of ['abcdefghijklmnop', 'example.com']) expect(recorded).not.toContain(secret);
    const args = JSON.parse(String(attributes['gen_ai.tool.call.arguments']));
    expect(args).toMatchObject({ auth: 'Bearer [REDACTED]', to: '[REDACTED_EMAIL]' });
    expect(args.body).toMatch(/…\[truncated \d+ chars\]$/);
    const result = JSON.parse(String(attributes['gen_ai.tool.call.result']));
    expect(result.sent).toBe(true);
    expect(result.echo).toContain('[REDACTED_EMAIL]');
  });

  it('uses a custom redactor, or none with redact: false', () => {
    tool('custom', () => 'order 12345', {
      captureContent: true,
      redact: (text) => text.replace(/\d+/g, '#'),
      arguments: 'lookup 999',
    });
    const custom = otel.span('execute_tool custom').attributes;
    expect(custom['gen_ai.tool.call.arguments']).toBe('lookup #');
    expect(custom['gen_ai.tool.call.result']).toBe('order #');
    tool('raw', () => 'bob@example.com', { captureContent: true, redact: false });
    expect(otel.span('execute_tool raw').attributes['gen_ai.tool.call.result']).toBe('bob@example.com');
  });

  it('drops the value, never records it unredacted, when the redactor throws', () => {
    tool('broken', () => 'bob@example.com', {
      captureContent: true,
      redact: () => {
        throw new Error('redactor bug');
      },
    });
    expect(otel.span('execute_tool broken').attributes['gen_ai.tool.call.result']).toBe('"[unserializable]"');
  });
});

describe('telemetry failures', () => {
  it('run the function unchanged when the tracer throws', () => {
    const broken = {
      getTracer: () => ({
        startSpan: (): Span => {
          throw new Error('tracer down');
        },
        startActiveSpan: () => {
          throw new Error('tracer down');
        },
      }),
    } as unknown as TracerProvider;
    let calls = 0;
    const result = task('resilient', () => ++calls, { tracerProvider: broken });
    expect(result).toBe(1);
    expect(calls).toBe(1);
  });

  it('use the tracerProvider option instead of the global one', () => {
    const own = setupLocalProvider();
    task('local', () => undefined, { tracerProvider: own.provider });
    expect(own.exporter.getFinishedSpans().map((s) => s.name)).toEqual(['task local']);
    expect(otel.spans()).toHaveLength(0);
  });
});

import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

function setupLocalProvider() {
  const exporter = new InMemorySpanExporter();
  return {
    exporter,
    provider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  };
}
