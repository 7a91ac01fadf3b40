/**
 * A generator app for evaluator tests: the real `instrumentOpenAI` on the real `openai` client against the fake
 * provider, exporting through the real OTLP/JSON file exporter of @sightline/node. The scripted behaviour (output
 * length, model) is the only thing that differs between windows, so drift found between two folders can only
 * come from that behaviour, carried through spans, files and the evaluator's reader.
 */
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OtlpJsonFileSpanExporter } from '@sightline/node';
import { instrumentOpenAI } from '@sightline/openai';
import type { FakeProvider } from '@sightline/testkit';
import OpenAI from 'openai';

export interface Behaviour {
  /** Seed of the deterministic noise. */
  seed: number;
  /** Mean output tokens per call; each call gets mean +-20 %. */
  meanOutputTokens: number;
  /** Response model the fake reports (request model stays `gpt-4o-mini`). */
  responseModel?: string;
  calls: number;
}

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Makes `behaviour.calls` chat calls and writes their spans to `dir`. */
export async function generateTraces(fake: FakeProvider, dir: string, behaviour: Behaviour): Promise<void> {
  const random = lcg(behaviour.seed);
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(new OtlpJsonFileSpanExporter({ dir }))],
  });
  const openai = instrumentOpenAI(
    new OpenAI({ apiKey: 'sk-test', baseURL: fake.openaiBaseURL, maxRetries: 0 }),
    {
      tracerProvider: provider,
    },
  );
  try {
    for (let i = 0; i < behaviour.calls; i++) {
      const outputTokens = Math.round(behaviour.meanOutputTokens * (0.8 + 0.4 * random()));
      const inputTokens = 300 + Math.round(100 * random());
      fake.script({
        provider: 'openai',
        route: 'chat',
        reply: {
          text: 'word '.repeat(Math.max(1, Math.round(outputTokens / 4))).trim(),
          usage: { inputTokens, outputTokens },
          ...(behaviour.responseModel ? { model: behaviour.responseModel } : {}),
        },
      });
      await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: `Question ${i}: summarise ticket ${i} for the weekly report.` }],
      });
    }
  } finally {
    await provider.shutdown();
  }
}
