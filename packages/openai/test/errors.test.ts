import { SpanStatusCode, type TracerProvider } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { faults } from '@sightline/testkit';
import OpenAI from 'openai';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { instrumentOpenAI } from '../src/index.js';
import { captureDiag, type Harness, harness, telemetry, USER } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h ??= await harness();
  h.fake.reset();
  h.exporter.reset();
});
afterAll(() => h?.fake.close());

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('provider errors', () => {
  test.each([
    ['rate limit', faults.rateLimit(), 'RateLimitError', OpenAI.RateLimitError, 429],
    ['unauthorized', faults.unauthorized(), 'AuthenticationError', OpenAI.AuthenticationError, 401],
    ['server error', faults.serverError(), 'InternalServerError', OpenAI.InternalServerError, 500],
    ['bad request', faults.badRequest(), 'BadRequestError', OpenAI.BadRequestError, 400],
  ])(
    '%s: same error class and message as uninstrumented; span failed with error.type',
    async (_, fault, type, cls, status) => {
      h.fake.script({ provider: 'openai', route: 'chat', fault, times: 2 });
      const rawError = await failureOf(
        h.raw().chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
      );
      const error = await failureOf(
        h.client().chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
      );
      expect(error).toBeInstanceOf(cls);
      expect(error).toBeInstanceOf((rawError as object).constructor);
      expect((error as Error).message).toBe((rawError as Error).message);
      const [span] = h.spans();
      expect(span.attributes['error.type']).toBe(type);
      expect(span.attributes['http.response.status_code']).toBe(status);
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes['sightline.context.overflow']).toBeUndefined();
      expect(span.attributes['gen_ai.response.finish_reasons']).toBeUndefined();
      expect(span.attributes['sightline.usage.missing']).toBeUndefined();
    },
  );

  test('connection failure before any byte: APIConnectionError', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', fault: faults.disconnect(0) });
    const error = await failureOf(
      h.client().chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
    );
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(h.spans()[0].attributes['error.type']).toBe('APIConnectionError');
  });

  test('context_length_exceeded: sightline.context.overflow=true with the model window', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', fault: faults.contextLengthExceeded() });
    const error = await failureOf(
      h.client().chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const [span] = h.spans();
    expect(span.attributes['sightline.context.overflow']).toBe(true);
    expect(span.attributes['sightline.context.window']).toBe(128000);
    expect(span.attributes['error.type']).toBe('BadRequestError');
  });

  test('malformed non-stream body: the SDK parse error, span failed', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', fault: faults.malformed(), times: 2 });
    const rawError = await failureOf(
      h.raw().chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
    );
    const error = await failureOf(
      h.client().chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
    );
    expect((error as Error).constructor).toBe((rawError as Error).constructor);
    expect(h.spans()[0].status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe('unknown models', () => {
  test('no cost attribute and exactly one diag warning per model id', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', times: 3, reply: { text: 'x' } });
    const client = h.client();
    const { messages } = await captureDiag(async () => {
      await client.chat.completions.create({ model: 'mystery-model-1', messages: USER });
      await client.chat.completions.create({ model: 'mystery-model-1', messages: USER });
      await client.chat.completions.create({ model: 'mystery-model-2', messages: USER });
    });
    for (const span of h.spans()) expect(span.attributes['sightline.cost.usd']).toBeUndefined();
    expect(messages.filter((m) => m.includes('"mystery-model-1"'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes('"mystery-model-2"'))).toHaveLength(1);
  });
});

describe('telemetry failures never affect the call', () => {
  test('a tracer provider whose getTracer throws: call runs uninstrumented, diag told', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', times: 2, reply: { text: 'still works' } });
    const broken: TracerProvider = {
      getTracer() {
        throw new Error('tracer boom');
      },
    };
    const client = instrumentOpenAI(h.raw(), { tracerProvider: broken, meterProvider: h.meterProvider });
    const { result, messages } = await captureDiag(async () => {
      const plain = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER });
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: USER,
        stream: true,
      });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      return { plain, text };
    });
    expect(result.plain.choices[0].message.content).toBe('still works');
    expect(result.text).toBe('still works');
    expect(messages.some((m) => m.includes('tracer boom'))).toBe(true);
  });

  test('span processors whose onStart and onEnd throw: results unchanged', async () => {
    const throwing: SpanProcessor = {
      onStart() {
        throw new Error('onStart boom');
      },
      onEnd(_span: ReadableSpan) {
        throw new Error('onEnd boom');
      },
      forceFlush: async () => {},
      shutdown: async () => {},
    };
    const t = telemetry([throwing]);
    h.fake.script({ provider: 'openai', route: 'chat', times: 2, reply: { text: 'unaffected' } });
    const client = instrumentOpenAI(h.raw(), {
      tracerProvider: t.tracerProvider,
      meterProvider: t.meterProvider,
    });
    const { result } = await captureDiag(async () => {
      const plain = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER });
      let text = '';
      for await (const c of await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: USER,
        stream: true,
      })) {
        text += c.choices[0]?.delta?.content ?? '';
      }
      return { plain, text };
    });
    expect(result.plain.choices[0].message.content).toBe('unaffected');
    expect(result.text).toBe('unaffected');
  });

  test('a meter provider that throws: call unaffected, spans still recorded', async () => {
    h.fake.script({ provider: 'openai', route: 'chat', reply: { text: 'ok' } });
    const client = instrumentOpenAI(h.raw(), {
      tracerProvider: h.tracerProvider,
      meterProvider: {
        getMeter() {
          throw new Error('meter boom');
        },
      },
    });
    const { result, messages } = await captureDiag(() =>
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
    );
    expect(result.choices[0].message.content).toBe('ok');
    expect(h.spans()).toHaveLength(1);
    expect(messages.some((m) => m.includes('meter boom'))).toBe(true);
  });
});
