/**
 * "The judge's own calls are traced": the judge runs through whatever client it is given, so an instrumented
 * client (here `instrumentOpenAI` from @sightline/openai) produces one GenAI span per judged output.
 */
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { instrumentOpenAI } from '@sightline/openai';
import { type FakeProvider, startFakeProvider } from '@sightline/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJudge } from './judge.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

describe('judge through an instrumented client', () => {
  it('emits one chat span per uncached judgement with the judge model and usage', async () => {
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const client = instrumentOpenAI(
      new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 }),
      {
        tracerProvider,
      },
    );
    fake.script({
      provider: 'openai',
      route: 'chat',
      reply: {
        text: '{"score": 4, "pass": true, "reason": "ok"}',
        usage: { inputTokens: 80, outputTokens: 12 },
      },
      times: Infinity,
    });
    const judge = createJudge({ client, model: 'gpt-4o-mini', rubric: 'Be correct.', cacheDir: false });
    const verdicts = await judge.judgeAll(['first answer', 'second answer']);
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['ok', 'ok']);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    for (const span of spans) {
      expect(span.attributes['gen_ai.operation.name']).toBe('chat');
      expect(span.attributes['gen_ai.request.model']).toBe('gpt-4o-mini');
      expect(span.attributes['gen_ai.usage.input_tokens']).toBe(80);
      expect(span.attributes['gen_ai.usage.output_tokens']).toBe(12);
    }
  });
});
