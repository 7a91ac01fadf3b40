/**
 * Deterministic per-output scores and window aggregates: JSON validity, schema match, empty output, refusal,
 * approximate token count, repetition within the answer (rep-n), duplicate answers; plus the LLM judge's
 * verdicts when a judge is given. Outputs whose content was not captured (`undefined`/`null`) are skipped and
 * counted, never scored as empty.
 */
import { createRefusalMatcher, DEFAULT_REFUSAL_PHRASES } from '../refusals.js';
import { extractJson } from './json-output.js';
import { assertSupportedSchema, type JsonSchema, validateJsonSchema } from './json-schema.js';
import type { Judge } from './judge.js';
import type { JudgeVerdict } from './judge-verdict.js';
import { approximateTokens, lowercaseTokens, normalizeAnswer, repetitionRate } from './tokenize.js';

/** Options of `scoreOutputs`. */
export interface ScoreOptions {
  /** JSON schema the outputs of this prompt must match; enables `schemaMatch`. */
  schema?: JsonSchema;
  /** Refusal phrases (case-insensitive substrings). Default: `DEFAULT_REFUSAL_PHRASES` of the evaluator. */
  refusalPhrases?: readonly string[];
  /** n of rep-n, in approximate tokens. Default 4. */
  repetitionN?: number;
  /** LLM judge; when given every non-empty output is judged. */
  judge?: Judge;
  /** Judge calls in flight. Default 4. */
  judgeConcurrency?: number;
}

/** Scores of one captured output. */
export interface OutputScore {
  /** Position in the input array (maps back to the call). */
  index: number;
  /** Whitespace only or nothing. */
  empty: boolean;
  refusal: boolean;
  /** Parses as a JSON object/array (raw or in a ```json fence). */
  jsonValid: boolean;
  /** Only when a schema is configured: valid JSON that matches it. */
  schemaMatch?: boolean;
  /** Only when the schema did not match: why (JSON pointers). */
  schemaErrors?: string[];
  /** Approximate tokens (see tokenize.ts). */
  tokens: number;
  /** rep-n in [0, 1); absent when the output has fewer than n tokens. */
  repetition?: number;
  /** Its normalised text equals another captured output's in the same window. */
  duplicate: boolean;
  /** Only with a judge, and only for non-empty outputs. */
  judge?: JudgeVerdict;
}

/** Window aggregates. Rates are over captured outputs; `undefined` when there is nothing to rate. */
export interface QualityAggregates {
  captured: number;
  /** Outputs without captured content (skipped). */
  notCaptured: number;
  /** Set when nothing was captured: quality metrics are skipped, and this says why. */
  skipped?: string;
  emptyRate?: number;
  refusalRate?: number;
  jsonValidRate?: number;
  schemaMatchRate?: number;
  duplicateRate?: number;
  meanTokens?: number;
  /** Mean rep-n over outputs with at least n tokens. */
  meanRepetition?: number;
  repetitionN: number;
  /** Judge figures over `ok` verdicts; `judgeFailed` counts unparseable and error verdicts. */
  judgePassRate?: number;
  meanJudgeScore?: number;
  judgeFailed?: number;
  judgeId?: string;
}

/** Result of `scoreOutputs`. */
export interface ScoredOutputs {
  scores: OutputScore[];
  aggregates: QualityAggregates;
}

/** Reason given when no output text was captured. */
export const NOT_CAPTURED_REASON =
  'output content was not captured (enable content capture in the instrumentation to score output quality)';

function rate(flags: boolean[]): number | undefined {
  return flags.length === 0 ? undefined : flags.filter(Boolean).length / flags.length;
}

function average(values: number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Scores each captured output and aggregates the window (see module comment). */
export async function scoreOutputs(
  outputs: readonly (string | null | undefined)[],
  options: ScoreOptions = {},
): Promise<ScoredOutputs> {
  const repetitionN = options.repetitionN ?? 4;
  if (!Number.isInteger(repetitionN) || repetitionN < 1)
    throw new RangeError(`scoreOutputs: repetitionN must be an integer >= 1, got ${repetitionN}`);
  if (options.schema !== undefined) assertSupportedSchema(options.schema);
  const isRefusal = createRefusalMatcher(options.refusalPhrases ?? DEFAULT_REFUSAL_PHRASES);

  const captured: { index: number; text: string }[] = [];
  outputs.forEach((text, index) => {
    if (text === undefined || text === null) return;
    if (typeof text !== 'string') throw new TypeError(`scoreOutputs: output ${index} is not a string`);
    captured.push({ index, text });
  });
  const normalizedCounts = new Map<string, number>();
  for (const { text } of captured) {
    const key = normalizeAnswer(text);
    if (key.length > 0) normalizedCounts.set(key, (normalizedCounts.get(key) ?? 0) + 1);
  }

  const scores: OutputScore[] = captured.map(({ index, text }) => {
    const normalized = normalizeAnswer(text);
    const json = extractJson(text);
    const score: OutputScore = {
      index,
      empty: normalized.length === 0,
      refusal: isRefusal(text),
      jsonValid: json.valid,
      tokens: approximateTokens(text).length,
      // Empty answers are measured by the empty rate; counting them as duplicates of each other would double it.
      duplicate: normalized.length > 0 && (normalizedCounts.get(normalized) ?? 0) > 1,
    };
    if (options.schema !== undefined) {
      if (json.valid) {
        const validation = validateJsonSchema(json.value, options.schema);
        score.schemaMatch = validation.valid;
        if (!validation.valid) score.schemaErrors = validation.errors;
      } else {
        score.schemaMatch = false;
        score.schemaErrors = [`/: not valid JSON (${json.error})`];
      }
    }
    const repetition = repetitionRate(lowercaseTokens(text), repetitionN);
    if (repetition !== undefined) score.repetition = repetition;
    return score;
  });

  if (options.judge) {
    const judged = scores.filter((score) => !score.empty);
    const texts = new Map(captured.map(({ index, text }) => [index, text]));
    const verdicts = await options.judge.judgeAll(
      judged.map((score) => texts.get(score.index) ?? ''),
      { concurrency: options.judgeConcurrency ?? 4 },
    );
    judged.forEach((score, position) => {
      score.judge = verdicts[position];
    });
  }

  const aggregates: QualityAggregates = {
    captured: scores.length,
    notCaptured: outputs.length - scores.length,
    repetitionN,
  };
  if (scores.length === 0) {
    aggregates.skipped = NOT_CAPTURED_REASON;
    return { scores, aggregates };
  }
  aggregates.emptyRate = rate(scores.map((score) => score.empty));
  aggregates.refusalRate = rate(scores.map((score) => score.refusal));
  aggregates.jsonValidRate = rate(scores.map((score) => score.jsonValid));
  if (options.schema !== undefined)
    aggregates.schemaMatchRate = rate(scores.map((score) => score.schemaMatch === true));
  aggregates.duplicateRate = rate(scores.map((score) => score.duplicate));
  aggregates.meanTokens = average(scores.map((score) => score.tokens));
  aggregates.meanRepetition = average(
    scores.flatMap((score) => (score.repetition === undefined ? [] : [score.repetition])),
  );
  if (options.judge) {
    const ok = scores.flatMap((score) => (score.judge?.status === 'ok' ? [score.judge] : []));
    aggregates.judgeId = options.judge.id;
    aggregates.judgeFailed = scores.filter(
      (score) => score.judge !== undefined && score.judge.status !== 'ok',
    ).length;
    aggregates.judgePassRate = rate(ok.map((verdict) => verdict.pass));
    aggregates.meanJudgeScore = average(ok.map((verdict) => verdict.score));
  }
  return { scores, aggregates };
}
