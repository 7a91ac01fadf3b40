export {
  definePrompt,
  type Prompt,
  type PromptDefinition,
  type PromptMessageTemplate,
  PromptRenderError,
  type PromptRole,
  type PromptTemplate,
  type PromptUse,
  promptContentHash,
  promptUseOf,
  type RenderedMessage,
  templateMessages,
} from './define.js';
