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

// Prompt versions.
export {
  definePrompt,
  type Prompt,
  type PromptDefinition,
  type PromptMessageTemplate,
  PromptRenderError,
  type PromptRole,
  type PromptTemplate,
  promptContentHash,
  type RenderedMessage,
} from './prompts/index.js';
