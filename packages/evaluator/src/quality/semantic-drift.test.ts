import { describe, expect, it } from 'vitest';
import { createLexicalEmbedder } from '../embeddings/lexical.js';
import { semanticDrift } from './semantic-drift.js';
import { syntheticAnswers } from './synthetic-text.fixture.js';

const embedder = createLexicalEmbedder();

describe('semanticDrift with the lexical embedder', () => {
  it('passes two windows drawn from the same topic', async () => {
    const result = await semanticDrift(
      syntheticAnswers('cooking', 120, 1),
      syntheticAnswers('cooking', 120, 2),
      {
        embedder,
        permutations: 200,
      },
    );
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(result.effect).toBeLessThan(0.01);
    expect(result.similarity.pValue).toBeGreaterThan(0.05);
    expect(result).toMatchObject({
      test: 'mmd-rbf-permutation',
      embedderId: 'lexical:char-3-5:hash-2^18:tfidf',
      embedderKind: 'lexical',
      nBaseline: 120,
      nCurrent: 120,
      permutations: 200,
    });
  });

  it('catches a topic change with p < 0.01 and a large centroid distance', async () => {
    const baseline = syntheticAnswers('cooking', 120, 3);
    const mixed = [...syntheticAnswers('cooking', 60, 4), ...syntheticAnswers('finance', 60, 5)];
    const result = await semanticDrift(baseline, mixed, { embedder, permutations: 200 });
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.pValue).toBeLessThan(0.01);
    expect(result.effect).toBeGreaterThan(0.05);
    // A two-topic window is less self-similar than a one-topic window.
    expect(result.similarity.difference).toBeLessThan(0);
    expect(result.similarity.pValue).toBeLessThan(0.01);
  });

  it('subsamples to maxPerWindow with a seed, reproducibly, and drops empty outputs', async () => {
    const baseline = [...syntheticAnswers('finance', 300, 6), '', '  '];
    const current = syntheticAnswers('finance', 250, 7);
    const options = { embedder, permutations: 50, maxPerWindow: 80, seed: 42 };
    const first = await semanticDrift(baseline, current, options);
    const second = await semanticDrift(baseline, current, options);
    if (first.status !== 'ok' || second.status !== 'ok') throw new Error('skipped');
    expect(first).toMatchObject({ nBaseline: 80, nCurrent: 80, totalBaseline: 300, totalCurrent: 250 });
    expect(second.statistic).toBe(first.statistic);
    expect(second.pValue).toBe(first.pValue);
  });

  it('is skipped, and says why, with fewer than 2 non-empty outputs per window', async () => {
    const result = await semanticDrift(['only one', ''], ['a', 'b'], { embedder });
    expect(result).toMatchObject({
      status: 'skipped',
      reason: 'needs at least 2 non-empty outputs per window, got 1 and 2',
      embedderKind: 'lexical',
    });
    await expect(semanticDrift(['a', 'b'], ['c', 'd'], { embedder, maxPerWindow: 1 })).rejects.toThrow(
      /maxPerWindow/,
    );
  });
});
