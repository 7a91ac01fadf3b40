import { describe, expect, it } from 'vitest';
import {
  compare,
  compareWithQuality,
  type DriftReport,
  type EvaluatorConfigInput,
  getReporter,
  readRecords,
  renderJUnitReport,
  summarize,
} from '../src/index.js';
import { benjaminiHochberg } from '../src/stats/index.js';
import type { TraceGeneratorOptions } from '../src/testing.js';
import { generated, tempDir } from './helpers.js';

const dir = tempDir();
const SUPPORT = [
  'your',
  'order',
  'ships',
  'today',
  'refund',
  'issued',
  'account',
  'updated',
  'thanks',
  'we',
  'can',
  'help',
];
const WEATHER = [
  'weather',
  'sunny',
  'forecast',
  'rain',
  'tomorrow',
  'cloudy',
  'wind',
  'degrees',
  'cold',
  'warm',
];
const BASE: TraceGeneratorOptions = {
  calls: 500,
  captureContent: true,
  segments: [{ provider: 'openai', model: 'gpt-4o-mini', promptName: 'support', promptVersion: '3' }],
  content: { vocabulary: SUPPORT, jsonRate: 1 },
};
// Small semantic subsamples keep the suite fast; the tests are the same as with the defaults.
const CONFIG: EvaluatorConfigInput = {
  quality: {
    semantic: { maxSamples: 150, permutations: 400 },
    schemas: { support: { type: 'object', required: ['answer'] } },
  },
};

async function summaries(
  baseline: Partial<TraceGeneratorOptions>,
  current: Partial<TraceGeneratorOptions>,
  config = CONFIG,
) {
  const name = JSON.stringify([baseline, current]).replace(/\W+/g, '_').slice(0, 80);
  const a = await generated(dir, `${name}-a.jsonl`, { ...BASE, seed: 1, ...baseline });
  const b = await generated(dir, `${name}-b.jsonl`, { ...BASE, seed: 2, ...current });
  const options = { config, intervals: false };
  return [await summarize(readRecords(a), options), await summarize(readRecords(b), options)] as const;
}

async function drift(
  baseline: Partial<TraceGeneratorOptions>,
  current: Partial<TraceGeneratorOptions>,
  config = CONFIG,
) {
  const [a, b] = await summaries(baseline, current, config);
  return compareWithQuality(a, b, config);
}

function row(report: DriftReport, metric: string, segment = 'all') {
  const found = report.metrics.filter((m) => m.metric === metric && m.segment === segment);
  if (found.length !== 1) throw new Error(`${found.length} rows for ${metric} in ${segment}`);
  return found[0];
}

const QUALITY = [
  'json_valid_rate',
  'schema_match_rate',
  'empty_rate',
  'duplicate_rate',
  'output_text_tokens',
  'rep_n',
  'distinct_1',
  'distinct_2',
  'semantic_drift',
  'pairwise_similarity',
];

describe('output quality in the drift comparison', () => {
  it('A/A passes with every quality metric tested, one refusal_rate row, and the lexical embedder pinned', async () => {
    const report = await drift({}, {});
    expect(report.verdict).toBe('pass');
    for (const segment of ['all', 'provider=openai model=gpt-4o-mini prompt=support@3 operation=chat']) {
      for (const metric of QUALITY) {
        expect(row(report, metric, segment).verdict, `${metric} ${segment}`).toBe('pass');
        expect(row(report, metric, segment).pValue, metric).not.toBeNull();
      }
      expect(report.metrics.filter((m) => m.metric === 'refusal_rate' && m.segment === segment)).toHaveLength(
        1,
      );
    }
    expect(row(report, 'semantic_drift').test).toBe('mmd-rbf-permutation');
    expect(row(report, 'distinct_1').test).toBe('distinct-n-permutation');
    expect(row(report, 'pairwise_similarity').test).toBe('similarity-permutation');
    const json = JSON.parse(getReporter('json').renderDrift(report));
    expect(json.embedder).toEqual({ id: 'lexical:char-3-5:hash-2^18:tfidf', kind: 'lexical' });
    expect(json.judge).toBeNull();
    // Every format says the embedder is lexical.
    for (const text of [
      getReporter('text').renderDrift(report),
      getReporter('md').renderDrift(report),
      getReporter('html').renderDrift(report),
      renderJUnitReport(report),
    ])
      expect(text).toContain('lexical: measures shared wording, not meaning');
  });

  it('catches schema misses, off-topic answers and a format change', async () => {
    const report = await drift(
      {},
      { content: { vocabulary: WEATHER, jsonRate: 1, schemaMismatchRate: 0.25 } },
    );
    expect(report.verdict).toBe('drift');
    const schema = row(report, 'schema_match_rate');
    expect(schema.verdict).toBe('drift');
    expect(schema.change!).toBeLessThan(-0.15);
    expect(row(report, 'semantic_drift').verdict).toBe('drift');
    expect(row(report, 'semantic_drift').effect!).toBeGreaterThan(0.1);
    expect(row(report, 'json_valid_rate').verdict).toBe('pass');
    const plain = await drift({}, { content: { vocabulary: SUPPORT, jsonRate: 0.6 } });
    expect(row(plain, 'json_valid_rate').verdict).toBe('drift');
    expect(row(plain, 'json_valid_rate').change!).toBeCloseTo(-0.4, 1);
  });

  it('catches empty and repetitive answers', async () => {
    const report = await drift(
      {},
      { content: { vocabulary: SUPPORT, jsonRate: 1, emptyRate: 0.1, repeatRate: 0.3 } },
    );
    expect(row(report, 'empty_rate').verdict).toBe('drift');
    expect(row(report, 'rep_n').verdict).toBe('drift');
  });

  it('marks quality metrics unavailable with a note when content was not captured', async () => {
    const report = await drift({ captureContent: false }, { captureContent: false });
    expect(report.verdict).toBe('pass');
    for (const metric of QUALITY.filter((m) => m !== 'schema_match_rate')) {
      const result = row(report, metric);
      expect(result.verdict, metric).toBe('unavailable');
      expect(result.reason).toMatch(/^skipped: both windows: output content was not captured/);
      expect(result.pValue).toBeNull();
    }
    // No schema row: no output of a prompt with a schema was ever checked.
    expect(report.metrics.some((m) => m.metric === 'schema_match_rate')).toBe(false);
  });

  it('is inconclusive below the minimum sample size', async () => {
    const report = await drift({ calls: 20 }, { calls: 20 });
    for (const metric of ['json_valid_rate', 'output_text_tokens', 'semantic_drift', 'distinct_1']) {
      expect(row(report, metric).verdict, metric).toBe('inconclusive');
      expect(row(report, metric).adjustedPValue).toBeNull();
    }
  });

  it('adjusts core and quality p-values jointly with Benjamini-Hochberg', async () => {
    const [a, b] = await summaries(
      {},
      { costMultiplier: 1.08, content: { vocabulary: SUPPORT, jsonRate: 0.9 } },
    );
    const coreOnly = compare(a, b, CONFIG);
    const joint = await compareWithQuality(a, b, CONFIG);
    const tested = joint.metrics.filter((m) => m.pValue !== null);
    expect(tested.some((m) => m.metric === 'semantic_drift')).toBe(true);
    // The adjusted p-values are BH over the union of every p-value of the run.
    const expected = benjaminiHochberg(tested.map((m) => m.pValue));
    tested.forEach((m, i) => {
      expect(m.adjustedPValue, `${m.metric} ${m.segment}`).toBeCloseTo(expected[i]!, 12);
    });
    // Core rows have the same raw p-values in both reports, but more tests change their adjustment.
    const core = (report: DriftReport, metric: string) => row(report, metric);
    expect(core(joint, 'cost').pValue).toBe(core(coreOnly, 'cost').pValue);
    const changed = coreOnly.metrics.filter((m) => {
      const other = joint.metrics.find((j) => j.metric === m.metric && j.segment === m.segment);
      return m.adjustedPValue !== null && other?.adjustedPValue !== m.adjustedPValue;
    });
    expect(changed.length).toBeGreaterThan(0);
    expect(joint.metrics.filter((m) => m.pValue !== null).length).toBeGreaterThan(
      coreOnly.metrics.filter((m) => m.pValue !== null).length,
    );
  });

  it('is deterministic: byte-identical JSON for the same input and seed', async () => {
    const first = getReporter('json').renderDrift(await drift({}, { content: { vocabulary: WEATHER } }));
    const second = getReporter('json').renderDrift(await drift({}, { content: { vocabulary: WEATHER } }));
    expect(second).toBe(first);
  });

  it('honours quality.enabled = false and per-metric switches', async () => {
    const off = await drift({}, {}, { quality: { enabled: false } });
    expect(off.embedder).toBeNull();
    expect(off.metrics.some((m) => m.metric === 'json_valid_rate')).toBe(false);
    const noEmbedder = await drift(
      {},
      {},
      { quality: { embedder: false }, metrics: { distinct_2: { enabled: false } } },
    );
    expect(noEmbedder.embedder).toBeNull();
    expect(noEmbedder.metrics.some((m) => m.metric === 'semantic_drift' || m.metric === 'distinct_2')).toBe(
      false,
    );
    expect(row(noEmbedder, 'distinct_1').verdict).toBe('pass');
  });
});
