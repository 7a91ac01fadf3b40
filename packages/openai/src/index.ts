/**
 * @sightline/openai: OpenTelemetry GenAI spans, metrics and cost for the official `openai` client, in one line:
 * `const openai = instrumentOpenAI(new OpenAI())`.
 */
export { instrumentOpenAI } from './instrument.js';
export type { OpenAIInstrumentationOptions } from './options.js';
export { detectProviderName } from './provider.js';
