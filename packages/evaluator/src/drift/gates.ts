/**
 * Configured gates ("cost per call may not rise more than 5 %"): one-sided decisions on a confidence bound.
 * Numeric metrics use the bootstrap interval of the relative change of the statistic; rates use the Newcombe
 * interval of the absolute change. A gate on a metric the spans do not carry is `inconclusive`.
 */
import type { EvaluatorConfig, GateConfig } from '../config.js';
import { metricData, sampleSize } from '../metrics/extract.js';
import { ALL_SEGMENT } from '../segments.js';
import {
  type GateResult,
  proportionChangeGate,
  relativeChangeGate,
  type StatisticSpec,
} from '../stats/index.js';
import type { SegmentAccumulator } from '../summary/segment-accumulator.js';
import type { WindowAccumulator } from '../summary/window.js';
import type { GateOutcome } from './types.js';

const STATISTIC_SPECS: Record<GateConfig['statistic'], StatisticSpec> = {
  mean: 'mean',
  median: 'median',
  p90: { quantile: 0.9 },
  p95: { quantile: 0.95 },
  p99: { quantile: 0.99 },
};

function segmentsFor(gate: GateConfig, baseline: WindowAccumulator, current: WindowAccumulator): string[] {
  if (gate.segment === ALL_SEGMENT) return [ALL_SEGMENT];
  if (gate.segment === '*') {
    const keys = new Set([ALL_SEGMENT, ...baseline.segments.keys(), ...current.segments.keys()]);
    return [...keys].sort();
  }
  return [gate.segment];
}

function lookup(window: WindowAccumulator, key: string): SegmentAccumulator | undefined {
  return key === ALL_SEGMENT ? window.all : window.segments.get(key);
}

function outcome(
  gate: GateConfig,
  segment: string,
  statistic: string,
  result: GateResult,
  n: [number, number],
): GateOutcome {
  const ran = result.verdict !== 'inconclusive';
  return {
    metric: gate.metric,
    segment,
    statistic,
    direction: gate.direction,
    limit: gate.limit,
    estimate: ran ? result.estimate : null,
    bound: ran ? result.bound : null,
    boundSide: result.boundSide,
    ci: ran ? [result.interval.lower, result.interval.upper] : null,
    nBaseline: n[0],
    nCurrent: n[1],
    verdict: result.verdict,
    reason: result.reason,
  };
}

function unavailable(
  gate: GateConfig,
  segment: string,
  statistic: string,
  reason: string,
  n: [number, number],
): GateOutcome {
  return {
    metric: gate.metric,
    segment,
    statistic,
    direction: gate.direction,
    limit: gate.limit,
    estimate: null,
    bound: null,
    boundSide: gate.direction === 'increase' ? 'lower' : 'upper',
    ci: null,
    nBaseline: n[0],
    nCurrent: n[1],
    verdict: 'inconclusive',
    reason,
  };
}

/** Evaluates every configured gate on the segments it names. */
export function evaluateGates(
  config: EvaluatorConfig,
  baseline: WindowAccumulator,
  current: WindowAccumulator,
): GateOutcome[] {
  const outcomes: GateOutcome[] = [];
  config.gates.forEach((gate, index) => {
    const settings = config.metrics[gate.metric];
    for (const key of segmentsFor(gate, baseline, current)) {
      const base = lookup(baseline, key);
      const curr = lookup(current, key);
      const isAll = key === ALL_SEGMENT;
      const baseData = base ? metricData(base, gate.metric, isAll ? baseline : undefined) : undefined;
      const currData = curr ? metricData(curr, gate.metric, isAll ? current : undefined) : undefined;
      const n: [number, number] = [baseData ? sampleSize(baseData) : 0, currData ? sampleSize(currData) : 0];
      const options = {
        limit: gate.limit,
        direction: gate.direction,
        alpha: config.alpha,
        failWhen: gate.failWhen,
        minSamples: settings.minSamples,
      };
      if (baseData?.kind === 'numeric' && currData?.kind === 'numeric') {
        const result = relativeChangeGate(baseData.sample.sample(), currData.sample.sample(), {
          ...options,
          statistic: STATISTIC_SPECS[gate.statistic],
          resamples: config.bootstrapResamples,
          seed: `${config.seed}/gate/${index}/${key}`,
        });
        outcomes.push(outcome(gate, key, `${gate.statistic} (relative change)`, result, n));
      } else if (baseData?.kind === 'rate' && currData?.kind === 'rate') {
        const result = proportionChangeGate(
          baseData.successes,
          baseData.trials,
          currData.successes,
          currData.trials,
          options,
        );
        outcomes.push(outcome(gate, key, 'rate (absolute change)', result, n));
      } else {
        const missing =
          !base || !curr ? `segment absent in the ${!base ? 'baseline' : 'current'} window` : undefined;
        const note =
          missing ??
          (baseData?.kind === 'unavailable'
            ? baseData.note
            : currData?.kind === 'unavailable'
              ? currData.note
              : 'not comparable');
        outcomes.push(unavailable(gate, key, gate.statistic, `unavailable: ${note}`, n));
      }
    }
  });
  return outcomes;
}
