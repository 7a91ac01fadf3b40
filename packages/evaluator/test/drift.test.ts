import { describe, expect, it } from 'vitest';
import {
  compare,
  type DriftReport,
  type EvaluatorConfigInput,
  getReporter,
  readRecords,
  summarize,
} from '../src/index.js';
import type { TraceGeneratorOptions } from '../src/testing.js';
import { generated, tempDir } from './helpers.js';

const dir = tempDir();
const BASE: TraceGeneratorOptions = {
  calls: 1500,
  captureContent: true,
  chainSpans: true,
  segments: [
    {
      provider: 'openai',
      model: 'gpt-4o-mini',
      promptName: 'support',
      promptVersion: '3',
      inputPrice: 0.15,
      outputPrice: 0.6,
    },
  ],
};
const COST_GATE: EvaluatorConfigInput = { gates: [{ metric: 'cost', maxIncrease: 0.05 }] };

async function drift(
  baseline: Partial<TraceGeneratorOptions>,
  current: Partial<TraceGeneratorOptions>,
  config?: EvaluatorConfigInput,
): Promise<DriftReport> {
  const name = `${JSON.stringify([baseline, current]).replace(/\W+/g, '_').slice(0, 80)}`;
  const a = await generated(dir, `${name}-a.jsonl`, { ...BASE, seed: 1, ...baseline });
  const b = await generated(dir, `${name}-b.jsonl`, { ...BASE, seed: 2, ...current });
  const options = { config, intervals: false };
  return compare(await summarize(readRecords(a), options), await summarize(readRecords(b), options), config);
}

function row(report: DriftReport, metric: string, segment = 'all') {
  const found = report.metrics.find((m) => m.metric === metric && m.segment === segment);
  if (!found) throw new Error(`no row for ${metric} in ${segment}`);
  return found;
}

describe('drift verdicts on generated windows', () => {
  it('A/A windows pass, with every available metric tested and the gate passing', async () => {
    const report = await drift({}, {}, COST_GATE);
    expect(report.counts.drift).toBe(0);
    expect(report.verdict).toBe('pass');
    expect(report.gates[0].verdict).toBe('pass');
    expect(row(report, 'latency').test).toBe('ks');
    expect(row(report, 'error_rate').test).toBe('two-proportion');
    expect(row(report, 'finish_reason').test).toBe('chi-square');
    expect(row(report, 'reasoning_tokens').verdict).toBe('unavailable');
  });

  it('tiny windows are inconclusive, never pass', async () => {
    const report = await drift({ calls: 12 }, { calls: 12 }, COST_GATE);
    expect(report.verdict).toBe('inconclusive');
    expect(row(report, 'latency').verdict).toBe('inconclusive');
    expect(report.metrics.some((m) => m.verdict === 'pass' && m.test !== 'none')).toBe(false);
    expect(report.gates[0].verdict).toBe('inconclusive');
  });

  it('catches a 20 % cost increase, and the 5 % cost gate fails', async () => {
    const report = await drift({}, { costMultiplier: 1.2 }, COST_GATE);
    const cost = row(report, 'cost');
    expect(cost.verdict).toBe('drift');
    expect(cost.change).toBeGreaterThan(0.1);
    expect(cost.ci![0]).toBeGreaterThan(0);
    expect(report.gates[0]).toMatchObject({ metric: 'cost', segment: 'all', verdict: 'fail' });
    expect(report.gates[0].bound!).toBeGreaterThan(0.05);
    expect(report.verdict).toBe('drift');
    expect(row(report, 'latency').verdict).toBe('pass');
  });

  it('catches a latency shift', async () => {
    const report = await drift({}, { latencyMedianMs: 1000 });
    expect(row(report, 'latency').verdict).toBe('drift');
    expect(row(report, 'latency').change).toBeGreaterThan(0.15);
    expect(row(report, 'cost').verdict).toBe('pass');
  });

  it('catches a finish-reason mix change', async () => {
    const report = await drift({}, { finishReasons: { stop: 0.75, length: 0.22, tool_calls: 0.03 } });
    const mix = row(report, 'finish_reason');
    expect(mix.verdict).toBe('drift');
    expect(mix.effect!).toBeGreaterThan(0.05);
  });

  it('catches an error-rate change', async () => {
    const report = await drift({ errorRate: 0.02 }, { errorRate: 0.08 });
    const errors = row(report, 'error_rate');
    expect(errors.verdict).toBe('drift');
    expect(errors.effect!).toBeGreaterThan(0.04);
    expect(errors.ci![0]).toBeGreaterThan(0);
  });

  it('catches refusals and truncation moving', async () => {
    const report = await drift({}, { refusalRate: 0.1, truncationRate: 0.15 });
    expect(row(report, 'refusal_rate').verdict).toBe('drift');
    expect(row(report, 'truncation_rate').verdict).toBe('drift');
  });

  it('reports what standard-only spans cannot tell as unavailable, not zero', async () => {
    const report = await drift(
      { standardOnly: true, captureContent: false },
      { standardOnly: true, captureContent: false },
    );
    for (const metric of ['cost', 'context_utilization', 'dropped_tokens', 'refusal_rate', 'output_length']) {
      expect(row(report, metric).verdict, metric).toBe('unavailable');
      expect(row(report, metric).baselineValue, metric).toBeNull();
    }
    expect(row(report, 'latency').verdict).toBe('pass');
    expect(row(report, 'input_tokens').verdict).toBe('pass');
    // The standard gen_ai.conversation.compacted (set only to true) still gives the truncation rate.
    const truncation = row(report, 'truncation_rate');
    expect(truncation.verdict).toBe('pass');
    expect(truncation.baselineValue!).toBeGreaterThan(0.02);
    expect(truncation.baselineValue!).toBeLessThan(0.08);
  });

  it('is deterministic: the same input gives byte-identical JSON', async () => {
    const first = getReporter('json').renderDrift(await drift({}, { costMultiplier: 1.1 }, COST_GATE));
    const second = getReporter('json').renderDrift(await drift({}, { costMultiplier: 1.1 }, COST_GATE));
    expect(second).toBe(first);
    const parsed = JSON.parse(first);
    expect(Object.keys(parsed.metrics[0])).toEqual(
      expect.arrayContaining([
        'metric',
        'segment',
        'test',
        'statistic',
        'pValue',
        'adjustedPValue',
        'effect',
        'effectThreshold',
        'ci',
        'nBaseline',
        'nCurrent',
        'verdict',
      ]),
    );
  });

  it('honours per-metric thresholds from the config', async () => {
    const report = await drift({}, { costMultiplier: 1.2 }, { metrics: { cost: { effectThreshold: 5 } } });
    expect(row(report, 'cost').verdict).toBe('pass');
    expect(row(report, 'cost').reason).toMatch(/below|</);
  });
});
