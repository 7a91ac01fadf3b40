import type { SightlineInstrumentationOptions } from '@sightline/core';

/** Options of `instrumentOpenAI`: the shared Sightline options plus OpenAI-only ones. */
export interface OpenAIInstrumentationOptions extends SightlineInstrumentationOptions {
  /**
   * Adds `stream_options: { include_usage: true }` to streamed chat-completion requests that do not set
   * `stream_options`, so streamed calls report token usage and cost. Your stream then ends with one extra
   * chunk whose `choices` is empty and which carries `usage` (the SDK's `.stream()` helper handles it).
   * Default: `false`: the request is never changed, and a chat stream without usage gets
   * `sightline.usage.missing=true` instead of invented numbers.
   */
  includeStreamUsage?: boolean;
}
