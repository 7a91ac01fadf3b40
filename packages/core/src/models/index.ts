export { type CallCost, computeCost, type TokenUsage } from './cost.js';
export {
  builtinModelTable,
  canonicalModelIds,
  type ModelOverrides,
  type ModelTable,
  resolveModelTable,
} from './lookup.js';
export { BUILTIN_MODELS, type ModelInfo, type ModelPricing } from './table.js';
