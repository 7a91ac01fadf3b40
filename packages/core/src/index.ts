/**
 * @sightline/core: what apps import directly. Provider packages build on `@sightline/core/instrumentation`;
 * attribute names live in `@sightline/core/semconv`.
 */

// Prompt chains: workflow / agent / task / tool spans with association attributes.
export {
  type AgentOptions,
  type Association,
  agent,
  type StepOptions,
  type TaskOptions,
  type ToolOptions,
  task,
  tool,
  type WorkflowOptions,
  withAgent,
  withTask,
  withTool,
  withWorkflow,
  workflow,
} from './chains/index.js';
// Context-window fitting, reported on the next LLM span.
export {
  type ContextFitReport,
  ContextOverflowError,
  type CustomFitStrategy,
  contextWindowOf,
  type FitContextOptions,
  type FitContextResult,
  type FitStrategyContext,
  type FitStrategyName,
  fitContext,
  type KeepOptions,
} from './context/index.js';
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
// Instrumentation options shared by @sightline/openai and @sightline/anthropic, and content redaction.
export type {
  CaptureContentMode,
  Redactor,
  SightlineInstrumentationOptions,
} from './options.js';
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
export {
  createRedactor,
  DEFAULT_REDACTION_RULES,
  defaultRedactor,
  type RedactionRule,
} from './redaction/index.js';
// Token counting: tokenizer registry (lazy tiktoken), memoised counters, Anthropic count_tokens.
export {
  type AnthropicCountTokensClient,
  type ChatMessageLike,
  type ContentPartLike,
  type CountMessagesOptions,
  countMessageTokens,
  countTokens,
  countTokensWithClient,
  createTokenCounter,
  type EncodingName,
  registerTokenizer,
  type SystemPromptLike,
  type TokenCounter,
  type TokenCounterOptions,
  type TokenCounterStats,
  type TokenizerSpec,
  type TokenizerStats,
  tokenizerFor,
  tokenizerStats,
} from './tokenizers/index.js';
