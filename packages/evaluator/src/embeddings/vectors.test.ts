import { describe, expect, it } from 'vitest';
import type { SparseVector } from './types.js';
import { centroidDistancesFromGram, cosineMatrixFromGram, cosineSimilarity, gramMatrix } from './vectors.js';

const sparse = (dimensions: number, entries: [number, number][]): SparseVector => ({
  kind: 'sparse',
  dimensions,
  indices: Uint32Array.from(entries.map(([index]) => index)),
  values: Float64Array.from(entries.map(([, value]) => value)),
});

describe('gramMatrix', () => {
  it('gives the same dot products for sparse and dense forms of the same vectors', () => {
    const dense = [
      [1, 0, 2, 0],
      [0, 3, 1, 0],
      [0, 0, 0, 4],
    ];
    const asSparse = [
      sparse(4, [
        [0, 1],
        [2, 2],
      ]),
      sparse(4, [
        [1, 3],
        [2, 1],
      ]),
      sparse(4, [[3, 4]]),
    ];
    expect(Array.from(gramMatrix(asSparse))).toEqual(Array.from(gramMatrix(dense)));
    expect(Array.from(gramMatrix(dense))).toEqual([5, 2, 0, 2, 10, 0, 0, 0, 16]);
  });

  it('matches a dense computation across the 4-row blocks of the sparse path', async () => {
    const { createRng } = await import('../stats/index.js');
    const rng = createRng(17);
    const dense = Array.from({ length: 11 }, () =>
      Array.from({ length: 40 }, () => (rng.next() < 0.2 ? rng.normal() : 0)),
    );
    const asSparse = dense.map((row) =>
      sparse(
        40,
        row.flatMap((value, index) => (value === 0 ? [] : [[index, value] as [number, number]])),
      ),
    );
    const expected = gramMatrix(dense);
    const actual = gramMatrix(asSparse);
    for (let k = 0; k < expected.length; k++) expect(actual[k]).toBeCloseTo(expected[k], 12);
  });

  it('rejects mixed shapes and non-finite values, naming the vector', () => {
    expect(() =>
      gramMatrix([
        [1, 2],
        [1, 2, 3],
      ]),
    ).toThrow('gramMatrix: vector 1 is dense with 3 dimensions, expected dense with 2');
    expect(() => gramMatrix([[1, 2], sparse(2, [[0, 1]])])).toThrow(/vector 1 is sparse/);
    expect(() => gramMatrix([[1, Number.NaN]])).toThrow(
      'gramMatrix: vector 0 has a non-finite value at component 1',
    );
  });
});

describe('cosine helpers', () => {
  it('computes cosine similarity, centroid distance and the cosine matrix', () => {
    expect(cosineSimilarity([1, 0], [0, 2])).toBe(0);
    expect(cosineSimilarity([1, 1], [2, 2])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([0, 0], [1, 0])).toBe(0);
    const gram = gramMatrix([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    expect(centroidDistancesFromGram(gram, 4, 2)).toEqual({ plain: 1, debiased: 1 });
    // Within-group pairs are orthogonal: no unbiased norm estimate, so the plain figure is used.
    expect(
      centroidDistancesFromGram(
        gramMatrix([
          [1, 0],
          [0, 1],
          [1, 0],
          [0, 1],
        ]),
        4,
        2,
      ).debiased,
    ).toBeCloseTo(0, 12);
    // Both groups are {e1, e1 + e2}: the plain centroid distance is 0, the debiased one too.
    const same = centroidDistancesFromGram(
      gramMatrix([
        [1, 0],
        [1, 1],
        [1, 0],
        [1, 1],
      ]),
      4,
      2,
    );
    expect(same.plain).toBeCloseTo(0, 12);
    expect(same.debiased).toBeCloseTo(0, 6);
    expect(
      Array.from(
        cosineMatrixFromGram(
          gramMatrix([
            [2, 0],
            [0, 0],
          ]),
          2,
        ),
      ),
    ).toEqual([1, 0, 0, 0]);
  });
});

describe('centroidDistancesFromGram bias', () => {
  it('the debiased distance is near 0 for two samples of one distribution, the plain one is not', async () => {
    const { createRng } = await import('../stats/index.js');
    const rng = createRng(5);
    // Sparse-like positive vectors with low mutual similarity, as lexical TF-IDF vectors are.
    const draw = () => Array.from({ length: 30 }, () => (rng.next() < 0.3 ? rng.next() : 0));
    const points = Array.from({ length: 200 }, draw);
    const distances = centroidDistancesFromGram(gramMatrix(points), 200, 100);
    expect(distances.plain).toBeGreaterThan(0.02);
    expect(distances.debiased).toBeLessThan(0.01);
  });
});
