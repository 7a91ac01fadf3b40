/**
 * @sightline/anthropic: OpenTelemetry GenAI spans, metrics and cost for the official `@anthropic-ai/sdk`
 * client, in one line: `const client = instrumentAnthropic(new Anthropic())`.
 */
export {
  type AnthropicClientLike,
  type AnthropicInstrumentationOptions,
  instrumentAnthropic,
} from './instrument.js';
