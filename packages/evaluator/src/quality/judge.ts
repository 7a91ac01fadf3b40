/**
 * LLM-as-judge: a rubric prompt run through the caller's OpenAI or Anthropic client, a JSON verdict per output,
 * and an on-disk cache keyed by (judge model, rubric hash, output hash), so re-runs cost nothing.
 *
 * The evaluator never instruments anything itself: pass a client already wrapped by Sightline
 * (`instrumentOpenAI(new OpenAI())` / `instrumentAnthropic(new Anthropic())`) and the judge's own calls are traced
 * like any other call, with their tokens and cost. Clients are duck-typed: an object with
 * `chat.completions.create` is used as OpenAI Chat Completions (any compatible server or Azure), one with
 * `messages.create` as Anthropic Messages.
 */
import { join } from 'node:path';
import { openDiskStore, sha256Hex } from '../embeddings/disk-store.js';
import {
  JUDGE_SYSTEM_PROMPT,
  type JudgeScore,
  type JudgeVerdict,
  judgeUserPrompt,
  parseJudgeReply,
} from './judge-verdict.js';

/** The part of an `openai` client the judge uses. */
export interface OpenAIChatClient {
  chat: {
    completions: {
      create(body: {
        model: string;
        messages: { role: 'system' | 'user'; content: string }[];
        temperature?: number;
        max_completion_tokens?: number;
      }): PromiseLike<{ choices: { message: { content: string | null } }[] }>;
    };
  };
}

/** The part of an `@anthropic-ai/sdk` client the judge uses. */
export interface AnthropicMessagesClient {
  messages: {
    create(body: {
      model: string;
      max_tokens: number;
      system: string;
      messages: { role: 'user'; content: string }[];
      temperature?: number;
    }): PromiseLike<{ content: ({ type: 'text'; text: string } | { type: string })[] }>;
  };
}

/** Options of `createJudge`. */
export interface JudgeOptions {
  /** An OpenAI or Anthropic client, ideally instrumented so the judge's calls are traced. */
  client: OpenAIChatClient | AnthropicMessagesClient;
  /** Judge model id. */
  model: string;
  /** What a good output is, in plain words; the judge scores 1-5 against it and says pass/fail. */
  rubric: string;
  /** Cache folder, or `false` for no cache. Default `.sightline/cache/judge`. */
  cacheDir?: string | false;
  /** Sampling temperature. Default 0 (most repeatable verdicts); `null` sends none (models that reject it). */
  temperature?: number | null;
  /** Output token limit: Anthropic `max_tokens` (default 512); OpenAI `max_completion_tokens` when set. */
  maxTokens?: number;
}

/** A configured judge. */
export interface Judge {
  /** `judge:<model>:rubric-<12 hex>`: pin it in reports, verdicts of different judges are not comparable. */
  readonly id: string;
  readonly model: string;
  /** sha256 of the rubric text. */
  readonly rubricHash: string;
  /** Judges one output. Never throws for call or parse failures: see `JudgeVerdict`. */
  judge(output: string): Promise<JudgeVerdict>;
  /** Judges many outputs with at most `concurrency` (default 4) calls in flight; verdicts in input order. */
  judgeAll(outputs: readonly string[], options?: { concurrency?: number }): Promise<JudgeVerdict[]>;
}

/** Default judge cache folder. */
export const DEFAULT_JUDGE_CACHE_DIR = '.sightline/cache/judge';

function isOpenAIClient(client: unknown): client is OpenAIChatClient {
  const chat = (client as { chat?: { completions?: { create?: unknown } } }).chat;
  return typeof chat?.completions?.create === 'function';
}

function isAnthropicClient(client: unknown): client is AnthropicMessagesClient {
  return typeof (client as { messages?: { create?: unknown } }).messages?.create === 'function';
}

/** Creates a judge (see module comment). Throws a TypeError for a client that is neither OpenAI- nor Anthropic-like. */
export function createJudge(options: JudgeOptions): Judge {
  const { client, model, rubric } = options;
  if (typeof model !== 'string' || model.length === 0)
    throw new TypeError('createJudge: model must be a non-empty string');
  if (typeof rubric !== 'string' || rubric.trim().length === 0)
    throw new TypeError('createJudge: rubric must be a non-empty string');
  const openai = isOpenAIClient(client);
  if (!openai && !isAnthropicClient(client)) {
    throw new TypeError(
      'createJudge: client must have chat.completions.create (openai) or messages.create (anthropic)',
    );
  }
  const temperature = options.temperature === undefined ? 0 : options.temperature;
  const rubricHash = sha256Hex(rubric);
  const id = `judge:${model}:rubric-${rubricHash.slice(0, 12)}`;
  const cacheDir = options.cacheDir ?? DEFAULT_JUDGE_CACHE_DIR;
  const store = cacheDir === false ? undefined : openDiskStore(join(cacheDir, 'verdicts'));

  async function ask(output: string): Promise<string> {
    const user = judgeUserPrompt(rubric, output);
    if (openai) {
      const completion = await (client as OpenAIChatClient).chat.completions.create({
        model,
        messages: [
          { role: 'system', content: JUDGE_SYSTEM_PROMPT },
          { role: 'user', content: user },
        ],
        ...(temperature === null ? {} : { temperature }),
        ...(options.maxTokens === undefined ? {} : { max_completion_tokens: options.maxTokens }),
      });
      return completion.choices[0]?.message.content ?? '';
    }
    const message = await (client as AnthropicMessagesClient).messages.create({
      model,
      max_tokens: options.maxTokens ?? 512,
      system: JUDGE_SYSTEM_PROMPT,
      messages: [{ role: 'user', content: user }],
      ...(temperature === null ? {} : { temperature }),
    });
    return message.content
      .filter((block): block is { type: 'text'; text: string } => block.type === 'text')
      .map((block) => block.text)
      .join('');
  }

  async function judge(output: string): Promise<JudgeVerdict> {
    const key = sha256Hex(model, rubricHash, sha256Hex(output));
    const hit = await store?.get(key);
    if (hit !== undefined) return { status: 'ok', cached: true, ...(JSON.parse(hit) as JudgeScore) };
    let raw: string;
    try {
      raw = await ask(output);
    } catch (error) {
      return { status: 'error', error: `${id}: ${(error as Error).message}`, cached: false };
    }
    const parsed = parseJudgeReply(raw);
    if (!parsed.ok) return { status: 'unparseable', raw, error: parsed.error, cached: false };
    await store?.set(key, JSON.stringify(parsed.verdict));
    return { status: 'ok', cached: false, ...parsed.verdict };
  }

  async function judgeAll(
    outputs: readonly string[],
    all: { concurrency?: number } = {},
  ): Promise<JudgeVerdict[]> {
    const concurrency = all.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new RangeError(`judgeAll: concurrency must be an integer >= 1, got ${concurrency}`);
    const verdicts: JudgeVerdict[] = new Array(outputs.length);
    let next = 0;
    const worker = async () => {
      while (next < outputs.length) {
        const index = next++;
        verdicts[index] = await judge(outputs[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, outputs.length) }, worker));
    return verdicts;
  }

  return { id, model, rubricHash, judge, judgeAll };
}
