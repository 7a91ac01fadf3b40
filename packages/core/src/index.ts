/**
 * @sightline/core: what apps import directly. Provider packages build on `@sightline/core/instrumentation`;
 * attribute names live in `@sightline/core/semconv`.
 */

// Model facts: dated prices, context windows, cost.
export {
  type CallCost,
  canonicalModelIds,
  computeCost,
  type ModelInfo,
  type ModelOverrides,
  type ModelPricing,
  type ModelTable,
  resolveModelTable,
  type TokenUsage,
} from './models/index.js';
