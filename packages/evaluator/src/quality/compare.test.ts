import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeProvider, type RecordedRequest, startFakeProvider } from '@sightline/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLexicalEmbedder } from '../embeddings/lexical.js';
import { compareQuality, evaluateQuality, testQualityMetric } from './compare.js';
import { createJudge } from './judge.js';
import { syntheticAnswers } from './synthetic-text.fixture.js';

const REFUSAL = "I'm sorry, but I can't help with that request.";
const embedder = createLexicalEmbedder();
const verdictOf = (verdicts: ReturnType<typeof evaluateQuality>) =>
  Object.fromEntries(verdicts.map((row) => [row.metric, row.verdict]));

describe('compareQuality + evaluateQuality', () => {
  it('flags the planted refusal, empty-output and topic drift', async () => {
    const baseline = syntheticAnswers('cooking', 300, 1).map((text, index) =>
      index % 50 === 0 ? REFUSAL : text,
    );
    const current = [...syntheticAnswers('cooking', 150, 2), ...syntheticAnswers('finance', 150, 3)].map(
      (text, index) => {
        if (index % 5 === 0) return REFUSAL;
        if (index % 7 === 0) return '';
        return text;
      },
    );
    const comparison = await compareQuality(baseline, current, { embedder, permutations: 200, seed: 1 });
    expect(comparison.metrics.map((metric) => metric.metric)).toEqual([
      'json_valid_rate',
      'empty_rate',
      'refusal_rate',
      'duplicate_rate',
      'output_text_tokens',
      'rep_n',
      'distinct_1',
      'distinct_2',
      'semantic_drift',
      'pairwise_similarity',
    ]);
    const refusal = comparison.metrics.find((metric) => metric.metric === 'refusal_rate');
    expect(refusal).toMatchObject({
      kind: 'rate',
      test: 'two-proportion',
      baseline: { successes: 6, trials: 300 },
    });
    const verdicts = verdictOf(evaluateQuality(comparison));
    expect(verdicts).toMatchObject({
      refusal_rate: 'drift',
      empty_rate: 'drift',
      semantic_drift: 'drift',
      json_valid_rate: 'pass',
    });
    const semantic = comparison.metrics.find((metric) => metric.metric === 'semantic_drift');
    expect(semantic).toMatchObject({
      kind: 'precomputed',
      test: 'mmd-rbf-permutation',
      details: { embedderKind: 'lexical' },
    });
  });

  it('passes every metric for two windows from the same distribution (A/A)', async () => {
    const comparison = await compareQuality(
      syntheticAnswers('cooking', 250, 4),
      syntheticAnswers('cooking', 250, 5),
      {
        embedder,
        permutations: 200,
        seed: 2,
      },
    );
    const rows = evaluateQuality(comparison);
    expect(rows.filter((row) => row.verdict !== 'pass').map((row) => `${row.metric}: ${row.reason}`)).toEqual(
      [],
    );
  });

  it('is inconclusive with too few samples, and skipped with the reason when content was not captured', async () => {
    const few = evaluateQuality(
      await compareQuality(syntheticAnswers('cooking', 10, 6), syntheticAnswers('finance', 10, 7)),
    );
    expect(new Set(few.map((row) => row.verdict))).toEqual(new Set(['inconclusive']));
    expect(few[0].reason).toMatch(/too few samples/);

    const uncaptured = await compareQuality([undefined, undefined], ['x', 'y'], { embedder });
    expect(uncaptured.baseline.skipped).toMatch(/not captured/);
    expect(uncaptured.metrics.every((metric) => metric.kind === 'skipped')).toBe(true);
    const rows = evaluateQuality(uncaptured);
    expect(rows[0]).toMatchObject({ verdict: 'inconclusive', pValue: null, adjustedP: null });
    expect(rows[0].reason).toMatch(/^skipped: output content was not captured/);
  });

  it('adds schema_match_rate when a schema is configured, and honours threshold overrides', async () => {
    const valid = Array.from({ length: 40 }, (_, index) => JSON.stringify({ answer: `a${index}` }));
    const broken = valid.map((text, index) => (index % 2 === 0 ? text : JSON.stringify({ reply: 'x' })));
    const comparison = await compareQuality(valid, broken, {
      schema: { type: 'object', required: ['answer'] },
      effectThresholds: { schema_match_rate: 0.6 },
    });
    const schema = comparison.metrics.find((metric) => metric.metric === 'schema_match_rate');
    expect(schema).toMatchObject({
      baseline: { successes: 40, trials: 40 },
      current: { successes: 20, trials: 40 },
      effectThreshold: 0.6,
    });
    const row = evaluateQuality(comparison).find((entry) => entry.metric === 'schema_match_rate');
    expect(row).toMatchObject({ verdict: 'pass', effect: -0.5 });
    expect(row?.reason).toMatch(/but effect 0.5 < threshold 0.6/);
  });
});

describe('testQualityMetric', () => {
  it('applies the test named by each kind', () => {
    expect(
      testQualityMetric({
        metric: 'empty_rate',
        test: 'two-proportion',
        effectThreshold: 0.01,
        kind: 'rate',
        baseline: { successes: 0, trials: 100 },
        current: { successes: 20, trials: 100 },
      }),
    ).toMatchObject({ effect: 0.2, nBaseline: 100 });
    const numeric = testQualityMetric({
      metric: 'rep_n',
      test: 'ks',
      effectThreshold: 0.1,
      kind: 'numeric',
      baseline: [0, 0, 0, 0],
      current: [0, 0, 0, 0],
    });
    expect(numeric).toEqual({ pValue: 1, effect: 0, nBaseline: 4, nCurrent: 4 });
    expect(
      testQualityMetric({
        metric: 'rep_n',
        test: 'ks',
        effectThreshold: 0.1,
        kind: 'numeric',
        baseline: [],
        current: [1],
      }).pValue,
    ).toBeNull();
  });
});

describe('compareQuality with an LLM judge (real openai client, fake provider)', () => {
  let fake: FakeProvider;
  let cacheDir: string;
  beforeAll(async () => {
    fake = await startFakeProvider();
    cacheDir = await mkdtemp(join(tmpdir(), 'sightline-judge-compare-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('adds judge_pass_rate and judge_score from the verdicts', async () => {
    const aboutFinance = (request: RecordedRequest) =>
      /loan|bank|stock|budget|credit/.test(JSON.stringify(request.body));
    fake.script(
      {
        provider: 'openai',
        route: 'chat',
        match: aboutFinance,
        reply: { text: '{"score": 1, "pass": false, "reason": "off topic"}' },
        times: Infinity,
      },
      {
        provider: 'openai',
        route: 'chat',
        reply: { text: '{"score": 5, "pass": true, "reason": "on topic"}' },
        times: Infinity,
      },
    );
    const client = new OpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test', maxRetries: 0 });
    const judge = createJudge({
      client,
      model: 'gpt-4o-mini',
      rubric: 'The answer is about cooking.',
      cacheDir,
    });
    const baseline = syntheticAnswers('cooking', 40, 8);
    const current = [...syntheticAnswers('cooking', 20, 9), ...syntheticAnswers('finance', 20, 10)];
    const comparison = await compareQuality(baseline, current, { judge, permutations: 100 });
    expect(comparison.baseline).toMatchObject({
      judgePassRate: 1,
      meanJudgeScore: 5,
      judgeFailed: 0,
      judgeId: judge.id,
    });
    expect(comparison.current.judgePassRate).toBeLessThan(0.6);
    const rows = verdictOf(evaluateQuality(comparison, { minSamples: 20 }));
    expect(rows).toMatchObject({ judge_pass_rate: 'drift', judge_score: 'drift' });
  });
});
