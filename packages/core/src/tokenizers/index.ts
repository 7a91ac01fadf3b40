export { type AnthropicCountTokensClient, countTokensWithClient } from './anthropic.js';
export {
  type CountMessagesOptions,
  countMessageTokens,
  countTokens,
  createTokenCounter,
  sharedTokenCounter,
  type TokenCounter,
  type TokenCounterOptions,
  type TokenCounterStats,
} from './counter.js';
export {
  answersTools,
  type ChatMessageLike,
  type ContentPartLike,
  callsTools,
  isHumanTurn,
  isSystemMessage,
  NON_TEXT_ESTIMATES,
  type SystemPromptLike,
} from './messages.js';
export {
  type EncodingName,
  registerTokenizer,
  type TokenizerSpec,
  type TokenizerStats,
  tokenizerFor,
  tokenizerStats,
} from './registry.js';
