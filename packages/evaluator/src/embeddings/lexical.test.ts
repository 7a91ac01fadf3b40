import { describe, expect, it } from 'vitest';
import { createLexicalEmbedder, normalizeForLexical } from './lexical.js';
import { isSparse, type SparseVector } from './types.js';
import { cosineSimilarity, gramMatrix } from './vectors.js';

describe('createLexicalEmbedder', () => {
  it('has a pinned id and lexical kind that encode its options', () => {
    const embedder = createLexicalEmbedder();
    expect(embedder.id).toBe('lexical:char-3-5:hash-2^18:tfidf');
    expect(embedder.kind).toBe('lexical');
    expect(embedder.batchDependent).toBe(true);
    expect(createLexicalEmbedder({ minN: 2, maxN: 4, hashBits: 12, idf: false }).id).toBe(
      'lexical:char-2-4:hash-2^12:tf',
    );
    expect(() => createLexicalEmbedder({ hashBits: 30 })).toThrow(
      'hashBits must be an integer in [8, 24], got 30',
    );
    expect(() => createLexicalEmbedder({ minN: 4, maxN: 3 })).toThrow(/maxN/);
  });

  it('returns sorted sparse L2-normalised vectors, deterministic, zero for empty text', async () => {
    const embedder = createLexicalEmbedder();
    const texts = ['The cat sat on the mat.', 'the  CAT sat on the mat.', 'Quarterly revenue grew', ''];
    const [a, b, c, empty] = (await embedder.embed(texts)) as SparseVector[];
    expect(isSparse(a)).toBe(true);
    expect(a.dimensions).toBe(2 ** 18);
    for (let k = 1; k < a.indices.length; k++) expect(a.indices[k]).toBeGreaterThan(a.indices[k - 1]);
    const gram = gramMatrix([a, b, c]);
    expect(gram[0]).toBeCloseTo(1, 12);
    // Case and whitespace are normalised away: identical features.
    expect(cosineSimilarity(a, b)).toBeCloseTo(1, 12);
    expect(cosineSimilarity(a, c)).toBeLessThan(0.2);
    expect(empty.indices.length).toBe(0);
    const again = (await embedder.embed(texts)) as SparseVector[];
    expect(Array.from(again[0].values)).toEqual(Array.from(a.values));
  });

  it('weights rare n-grams above ones shared by the whole batch (IDF fit on the batch)', async () => {
    const embedder = createLexicalEmbedder();
    const noIdf = createLexicalEmbedder({ idf: false });
    const texts = ['common words here apple', 'common words here banana', 'common words here cherry'];
    const [withIdf] = (await embedder.embed(texts)) as SparseVector[];
    const [plain] = (await noIdf.embed(texts)) as SparseVector[];
    const similarityIdf = cosineSimilarity(withIdf, ((await embedder.embed(texts)) as SparseVector[])[1]);
    const similarityPlain = cosineSimilarity(plain, ((await noIdf.embed(texts)) as SparseVector[])[1]);
    expect(similarityIdf).toBeLessThan(similarityPlain);
  });

  it('normalises text for features', () => {
    expect(normalizeForLexical('  Hello\n\tWORLD ')).toBe(' hello world ');
    expect(normalizeForLexical('   ')).toBe('');
  });
});
