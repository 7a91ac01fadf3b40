/**
 * Per-metric gates such as "cost per call may not rise more than 5 %" or "the error rate may not rise more
 * than 1 percentage point", decided with a ONE-SIDED confidence bound.
 *
 * One-sided semantics: at level alpha the bound used is the one-sided (1 - alpha) bound, i.e. the matching
 * end of the two-sided (1 - 2 alpha) interval (alpha 0.05 -> an end of the 90 % interval).
 *
 * `failWhen` says who carries the burden of proof:
 *  - 'confident' (default): fail only when the data show, at confidence 1 - alpha, that the limit is exceeded.
 *    For a rise limit: fail when the LOWER bound of the change is above +limit. Noise cannot fail a build.
 *  - 'possible': fail unless the data show, at confidence 1 - alpha, that the limit is respected.
 *    For a rise limit: fail when the UPPER bound is above +limit. Small samples then fail rather than pass.
 * For a 'decrease' limit (e.g. success rate may not fall more than 2 %) the mirror images apply: 'confident'
 * fails when the UPPER bound is below -limit, 'possible' when the LOWER bound is below -limit.
 * Below `minSamples` on either side the gate is 'inconclusive', never 'pass'.
 */
import { type BootstrapInterval, relativeChangeCI, type StatisticSpec } from './bootstrap.js';
import { mean, quantile } from './descriptive.js';
import { twoProportionTest } from './proportions.js';
import type { Seed } from './rng.js';

/** Outcome of a gate. */
export type GateVerdict = 'pass' | 'fail' | 'inconclusive';

/** Which way the limit points. */
export type GateDirection = 'increase' | 'decrease';

/** Who carries the burden of proof (see module comment). */
export type GateFailWhen = 'confident' | 'possible';

/** Options common to all gates. */
export interface GateOptions {
  /** Allowed change, >= 0, in the gate's unit (relative: 0.05 = 5 %; rate: 0.01 = 1 percentage point). */
  limit: number;
  /** 'increase' (default): the metric may not rise more than `limit`; 'decrease': may not fall more. */
  direction?: GateDirection;
  /** One-sided error level of the bound. Default 0.05. */
  alpha?: number;
  /** Default 'confident'. */
  failWhen?: GateFailWhen;
  /** Minimum samples (calls) on each side; default 30. */
  minSamples?: number;
}

/** Result of a gate. */
export interface GateResult {
  verdict: GateVerdict;
  /** Observed change (relative or absolute, per gate). NaN-free; 0 when inconclusive before any computation. */
  estimate: number;
  /** The one-sided bound that was compared with the limit, and which end of the interval it is. */
  bound: number;
  boundSide: 'lower' | 'upper';
  /** The signed limit compared against: +limit for 'increase', -limit for 'decrease'. */
  threshold: number;
  /** One-sided confidence of the bound, 1 - alpha. */
  confidence: number;
  /** The two-sided (1 - 2 alpha) interval the bound was taken from. */
  interval: { lower: number; upper: number };
  reason: string;
}

interface ResolvedGate {
  limit: number;
  direction: GateDirection;
  alpha: number;
  failWhen: GateFailWhen;
  minSamples: number;
}

function resolveGate(options: GateOptions, context: string): ResolvedGate {
  const resolved = {
    limit: options.limit,
    direction: options.direction ?? 'increase',
    alpha: options.alpha ?? 0.05,
    failWhen: options.failWhen ?? 'confident',
    minSamples: options.minSamples ?? 30,
  };
  if (!(resolved.limit >= 0) || !Number.isFinite(resolved.limit)) {
    throw new RangeError(`${context}: limit must be a finite number >= 0, got ${resolved.limit}`);
  }
  if (!(resolved.alpha > 0 && resolved.alpha < 0.5)) {
    throw new RangeError(`${context}: alpha must be in (0, 0.5), got ${resolved.alpha}`);
  }
  if (resolved.direction !== 'increase' && resolved.direction !== 'decrease') {
    throw new RangeError(
      `${context}: direction must be 'increase' or 'decrease', got '${String(resolved.direction)}'`,
    );
  }
  if (resolved.failWhen !== 'confident' && resolved.failWhen !== 'possible') {
    throw new RangeError(
      `${context}: failWhen must be 'confident' or 'possible', got '${String(resolved.failWhen)}'`,
    );
  }
  return resolved;
}

/** Applies the one-sided rule to a (1 - 2 alpha) interval. Exported for gates on intervals computed elsewhere. */
export function judgeInterval(
  estimate: number,
  interval: { lower: number; upper: number },
  options: GateOptions,
): GateResult {
  const gate = resolveGate(options, 'judgeInterval');
  const rising = gate.direction === 'increase';
  const threshold = rising ? gate.limit : -gate.limit;
  // 'confident' takes the bound nearest to no change; 'possible' the one farthest in the bad direction.
  const useLower = rising === (gate.failWhen === 'confident');
  const bound = useLower ? interval.lower : interval.upper;
  const fails = rising ? bound > threshold : bound < threshold;
  const side = useLower ? 'lower' : 'upper';
  const confidence = 1 - gate.alpha;
  const relation = rising ? (fails ? '>' : '<=') : fails ? '<' : '>=';
  return {
    verdict: fails ? 'fail' : 'pass',
    estimate,
    bound,
    boundSide: side,
    threshold,
    confidence,
    interval: { lower: interval.lower, upper: interval.upper },
    reason: `${(confidence * 100).toFixed(1)} % ${side} bound ${bound.toPrecision(4)} ${relation} ${threshold}`,
  };
}

function inconclusive(gate: ResolvedGate, nBaseline: number, nCurrent: number): GateResult {
  return {
    verdict: 'inconclusive',
    estimate: 0,
    bound: 0,
    boundSide: (gate.direction === 'increase') === (gate.failWhen === 'confident') ? 'lower' : 'upper',
    threshold: gate.direction === 'increase' ? gate.limit : -gate.limit,
    confidence: 1 - gate.alpha,
    interval: { lower: 0, upper: 0 },
    reason: `too few samples (baseline ${nBaseline}, current ${nCurrent}; need ${gate.minSamples} each)`,
  };
}

/** Options of `relativeChangeGate`. */
export interface RelativeChangeGateOptions extends GateOptions {
  /** Statistic compared. Default 'mean' ("cost per call"); e.g. { quantile: 0.95 } for p95 latency. */
  statistic?: StatisticSpec;
  /** Bootstrap resamples; default 2000. */
  resamples?: number;
  seed: Seed;
}

/**
 * Gate on the relative change of a statistic, stat(current) / stat(baseline) - 1, with its bootstrap interval
 * (see `relativeChangeCI`). Example: cost per call may not rise more than 5 % -> `{ limit: 0.05 }`.
 * A baseline statistic <= 0 makes a relative change meaningless: the gate is then 'inconclusive'.
 */
export function relativeChangeGate(
  baseline: ArrayLike<number>,
  current: ArrayLike<number>,
  options: RelativeChangeGateOptions,
): GateResult & { ci: BootstrapInterval | undefined } {
  const gate = resolveGate(options, 'relativeChangeGate');
  if (baseline.length < gate.minSamples || current.length < gate.minSamples) {
    return { ...inconclusive(gate, baseline.length, current.length), ci: undefined };
  }
  const spec = options.statistic ?? 'mean';
  const baselineStatistic =
    spec === 'mean' ? mean(baseline) : quantile(baseline, spec === 'median' ? 0.5 : spec.quantile);
  if (!(baselineStatistic > 0)) {
    return {
      ...inconclusive(gate, baseline.length, current.length),
      reason: `baseline statistic is ${baselineStatistic}: a relative change is undefined`,
      ci: undefined,
    };
  }
  const ci = relativeChangeCI(baseline, current, {
    statistic: spec,
    resamples: options.resamples,
    seed: options.seed,
    confidence: 1 - 2 * gate.alpha,
  });
  return { ...judgeInterval(ci.estimate, ci, options), ci };
}

/** Options of `proportionChangeGate`. */
export type ProportionChangeGateOptions = GateOptions;

/**
 * Gate on the absolute change of a rate, p_current - p_baseline (0.01 = one percentage point), using the
 * Newcombe hybrid score interval at 1 - 2 alpha. Example: error rate may not rise more than 1 point ->
 * `proportionChangeGate(errorsBase, callsBase, errorsCur, callsCur, { limit: 0.01 })`.
 */
export function proportionChangeGate(
  baselineSuccesses: number,
  baselineTrials: number,
  currentSuccesses: number,
  currentTrials: number,
  options: ProportionChangeGateOptions,
): GateResult {
  const gate = resolveGate(options, 'proportionChangeGate');
  if (baselineTrials < gate.minSamples || currentTrials < gate.minSamples) {
    return inconclusive(gate, baselineTrials, currentTrials);
  }
  const test = twoProportionTest(baselineSuccesses, baselineTrials, currentSuccesses, currentTrials, {
    confidence: 1 - 2 * gate.alpha,
  });
  return judgeInterval(test.diff, test.ci, options);
}
