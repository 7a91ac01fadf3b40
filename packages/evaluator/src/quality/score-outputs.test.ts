import { describe, expect, it } from 'vitest';
import { NOT_CAPTURED_REASON, scoreOutputs } from './score-outputs.js';

const schema = {
  type: 'object',
  properties: { city: { type: 'string' }, population: { type: 'integer', minimum: 0 } },
  required: ['city'],
  additionalProperties: false,
};

describe('scoreOutputs', () => {
  it('scores each captured output with hand-checked values', async () => {
    const outputs = [
      '{"city": "Paris", "population": 2100000}',
      '```json\n{"city": "Rome"}\n```',
      '{"town": "Oslo"}',
      "I'm sorry, but I can't help with that.",
      '   ',
      undefined,
      'The  answer is 42.',
      'the answer is 42.',
      'go go go go go go go go',
    ];
    const { scores, aggregates } = await scoreOutputs(outputs, { schema, repetitionN: 2 });
    expect(scores.map((score) => score.index)).toEqual([0, 1, 2, 3, 4, 6, 7, 8]);
    const byIndex = new Map(scores.map((score) => [score.index, score]));
    expect(byIndex.get(0)).toMatchObject({
      jsonValid: true,
      schemaMatch: true,
      empty: false,
      refusal: false,
      duplicate: false,
    });
    expect(byIndex.get(1)).toMatchObject({ jsonValid: true, schemaMatch: true });
    expect(byIndex.get(2)).toMatchObject({ jsonValid: true, schemaMatch: false });
    expect(byIndex.get(2)?.schemaErrors).toEqual([
      '/: missing required property "city"',
      '/: unexpected property "town"',
    ]);
    expect(byIndex.get(3)).toMatchObject({ refusal: true, jsonValid: false, schemaMatch: false });
    expect(byIndex.get(3)?.schemaErrors?.[0]).toMatch(/^\/: not valid JSON/);
    expect(byIndex.get(4)).toMatchObject({ empty: true, tokens: 0, duplicate: false });
    expect(byIndex.get(4)?.repetition).toBeUndefined();
    expect(byIndex.get(6)).toMatchObject({ duplicate: true, tokens: 5 });
    expect(byIndex.get(7)).toMatchObject({ duplicate: true });
    // 8 tokens -> 7 bigrams, all "go go": 1 - 1/7.
    expect(byIndex.get(8)?.repetition).toBeCloseTo(1 - 1 / 7, 12);
    // { " city " : " Paris " , " population " : 2100000 }
    expect(byIndex.get(0)?.tokens).toBe(15);

    expect(aggregates).toMatchObject({
      captured: 8,
      notCaptured: 1,
      emptyRate: 1 / 8,
      refusalRate: 1 / 8,
      jsonValidRate: 3 / 8,
      schemaMatchRate: 2 / 8,
      duplicateRate: 2 / 8,
      repetitionN: 2,
    });
    expect(aggregates.skipped).toBeUndefined();
  });

  it('uses a configured refusal phrase set', async () => {
    const { aggregates } = await scoreOutputs(['Nope, not doing that.', "I can't help with that."], {
      refusalPhrases: ['not doing that'],
    });
    expect(aggregates.refusalRate).toBe(0.5);
    expect(aggregates.schemaMatchRate).toBeUndefined();
  });

  it('skips, and says so, when no content was captured', async () => {
    const { scores, aggregates } = await scoreOutputs([undefined, null, undefined]);
    expect(scores).toEqual([]);
    expect(aggregates).toEqual({ captured: 0, notCaptured: 3, skipped: NOT_CAPTURED_REASON, repetitionN: 4 });
    expect(NOT_CAPTURED_REASON).toMatch(/not captured/);
  });

  it('rejects an unsupported schema and bad options', async () => {
    await expect(scoreOutputs(['{}'], { schema: { $ref: '#/a' } })).rejects.toThrow(
      'unsupported keyword "$ref"',
    );
    await expect(scoreOutputs(['x'], { repetitionN: 0 })).rejects.toThrow(/repetitionN/);
  });
});
