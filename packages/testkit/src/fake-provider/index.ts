/**
 * The wire-faithful fake OpenAI/Anthropic provider: start it, point the real SDKs at it, script replies and
 * faults, and assert on the recorded requests.
 */
export { type CassetteInteraction, cassetteKey, VOLATILE_BODY_FIELDS } from './cassette.js';
export { type FakeProviderCliIo, type FakeProviderCliResult, runFakeProviderCli } from './cli.js';
export { faults } from './faults.js';
export { startFakeProvider } from './server.js';
export type {
  AnthropicRoute,
  ContextLengthFault,
  DisconnectFault,
  FakeProvider,
  FakeProviderOptions,
  Fault,
  HangFault,
  HttpErrorFault,
  MalformedFault,
  OpenAIRoute,
  ProviderName,
  RecordedRequest,
  RecordOptions,
  ReplyDelays,
  RouteName,
  ScriptEntry,
  ScriptedReply,
  ScriptedThinking,
  ScriptedToolCall,
  ScriptHandle,
  UnmatchedRequest,
  UsageOverride,
} from './types.js';
export { estimatePromptTokens, estimateTokens, requestPromptText } from './usage.js';
