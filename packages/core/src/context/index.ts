export {
  type CustomFitStrategy,
  contextWindowOf,
  type FitContextOptions,
  type FitContextResult,
  type FitStrategyContext,
  fitContext,
} from './fit.js';
export {
  type ContextFitReport,
  ContextOverflowError,
  type FitStrategyName,
} from './report.js';
export { MIN_KEPT_TOKENS, truncationMarker } from './truncate.js';
export type { KeepOptions } from './units.js';
