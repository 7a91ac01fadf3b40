/**
 * Statistics for drift detection: pure TypeScript, no dependencies, deterministic (seeded resampling).
 *
 * Typical use per metric and segment:
 *  - numeric (cost, latency, tokens): `ksTwoSample` for the p-value, `standardizedWasserstein(...).effect`
 *  - rates (errors, truncation): `twoProportionTest` (p-value, |diff| or Cohen's h as effect)
 *  - categorical mixes (finish reasons, models): `chiSquareHomogeneity` + `jensenShannonDistance`
 *  - embeddings: `mmdPermutationTest` + `centroidCosineDistance`
 * then `benjaminiHochberg` over all p-values of the run, then `decide` per metric. The `compare*` helpers and
 * `adjustAndDecide` do exactly that with a uniform `Comparison` record. Quantile summaries use
 * `bootstrapQuantilesCI`; limits such as "cost per call may not rise more than 5 %" use `relativeChangeGate`.
 * See README.md beside this file for definitions, reference values and validation.
 */
export {
  type BootstrapInterval,
  type BootstrapOptions,
  bootstrapCI,
  bootstrapMeanCI,
  bootstrapQuantileCI,
  bootstrapQuantilesCI,
  type ChangeOptions,
  DEFAULT_RESAMPLES,
  differenceCI,
  percentileInterval,
  relativeChange,
  relativeChangeCI,
  type StatisticSpec,
} from './bootstrap.js';
export {
  type ChiSquareOptions,
  type ChiSquareResult,
  chiSquareHomogeneity,
  OTHER_CATEGORY,
} from './chisquare.js';
export {
  adjustAndDecide,
  type Comparison,
  compareCategorical,
  compareEmbeddings,
  compareNumeric,
  compareRates,
  type RateCounts,
  type RuledComparison,
  type RuleInput,
} from './compare.js';
export { type Decision, type DecisionInput, decide, decideWithReason, type Verdict } from './decide.js';
export {
  assertFiniteSample,
  mean,
  median,
  medianSorted,
  type NumericSample,
  pooledStd,
  quantile,
  quantileSorted,
  quantiles,
  sortedCopy,
  std,
  variance,
} from './descriptive.js';
export {
  chiSquareCdf,
  chiSquareSf,
  erfc,
  kolmogorovSf,
  logGamma,
  normalCdf,
  normalQuantile,
  normalSf,
  regularizedGammaP,
  regularizedGammaQ,
} from './distributions.js';
export {
  type CategoricalWeights,
  cohensH,
  jensenShannonDistance,
  type StandardizedWasserstein,
  standardizedWasserstein,
  wassersteinDistance,
} from './effects.js';
export {
  type GateDirection,
  type GateFailWhen,
  type GateOptions,
  type GateResult,
  type GateVerdict,
  judgeInterval,
  type ProportionChangeGateOptions,
  proportionChangeGate,
  type RelativeChangeGateOptions,
  relativeChangeGate,
} from './gate.js';
export {
  KS_EXACT_MAX_PRODUCT,
  type KsMode,
  type KsOptions,
  type KsResult,
  ksAsymptoticPValue,
  ksTwoSample,
} from './ks.js';
export {
  centroidCosineDistance,
  type GramMmdOptions,
  type GramMmdResult,
  type MmdOptions,
  type MmdResult,
  medianDistanceFromGram,
  medianHeuristicBandwidth,
  mmdFromGram,
  mmdPermutationTest,
  rbfKernelFromGram,
} from './mmd.js';
export { benjaminiHochberg } from './multiple-testing.js';
export {
  type PairPermutationResult,
  type PairSums,
  pairPermutationTest,
  unbiasedMmdSquared,
} from './pair-permutation.js';
export {
  type FisherExactResult,
  fisherExactTest,
  type ProportionInterval,
  type TwoProportionOptions,
  type TwoProportionResult,
  twoProportionTest,
  wilsonInterval,
} from './proportions.js';
export {
  createRng,
  deriveSeed,
  type Rng,
  randomInt,
  type Seed,
  sampleWithoutReplacement,
  shuffle,
} from './rng.js';
