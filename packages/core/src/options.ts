/**
 * The options every Sightline provider instrumentation accepts (`instrumentOpenAI`, `instrumentAnthropic`).
 * One type, so an app configures both providers the same way; a provider package may extend it with options
 * only it understands (e.g. OpenAI's `includeStreamUsage`).
 */
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import type { ModelOverrides } from './models/index.js';

/**
 * Where message content goes when captured. `true` / `'span_only'`: span attributes only. `'span_and_event'`:
 * span attributes and a `gen_ai.client.inference.operation.details` span event. `'event_only'`: the event
 * only. `false` / `'none'`: nothing (the default).
 */
export type CaptureContentMode = boolean | 'span_only' | 'event_only' | 'span_and_event' | 'none';

/** A redactor gets each captured text leaf (message text, tool arguments, ...) and returns the text to record. */
export type Redactor = (text: string) => string;

/** Options shared by every Sightline provider instrumentation. All are optional. */
export interface SightlineInstrumentationOptions {
  /**
   * Tracer provider for the LLM spans. Default: the global one (`trace.getTracerProvider()`), looked up at
   * CALL time, so an app that starts its OpenTelemetry SDK after wrapping the client still gets spans.
   */
  tracerProvider?: TracerProvider;
  /**
   * Meter provider for the GenAI metrics. Default: the global one (`metrics.getMeterProvider()`), looked up at
   * CALL time. Instruments are created lazily, once per meter provider.
   */
  meterProvider?: MeterProvider;
  /**
   * Record prompts and completions (`gen_ai.input.messages`, `gen_ai.output.messages`,
   * `gen_ai.system_instructions`, `gen_ai.tool.definitions`, tool-call arguments). Default: off, and then NO
   * content attribute is written at all. When the option is not given, the environment variable
   * `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` decides (`true`, `span_only`, `span_and_event`,
   * `event_only`; `false`/`none`/unset mean off). Read once, when the client is instrumented.
   */
  captureContent?: CaptureContentMode;
  /**
   * Applied to every captured text leaf before it is recorded. Default: `defaultRedactor` (masks API keys such
   * as `sk-…`, `sk-proj-…`, `sk-ant-…`, bearer tokens and e-mail addresses). `false` records text as is. A
   * redactor that throws drops that content attribute (never the unredacted text) and never affects the call.
   */
  redact?: Redactor | false;
  /**
   * Budget, in characters of text, for each content attribute. Text leaves are cut (with a
   * `…[truncated N chars]` marker) once the budget is used, so the attribute stays valid JSON with its message
   * and part structure intact. Default: 16384.
   */
  maxContentLength?: number;
  /**
   * Overrides or additions to the built-in dated price and context-window table, keyed by model id, e.g.
   * `{ 'gpt-4o': { pricing: { input: 2, output: 8 } }, 'my-finetune': { pricing: {...}, contextWindow: 8192 } }`.
   * Models absent from the table get no cost attribute (and one diagnostic warning per model id).
   */
  pricing?: ModelOverrides;
  /**
   * `gen_ai.provider.name` for the spans. Default: detected by the provider package (for OpenAI, from the
   * client's base URL).
   */
  providerName?: string;
}
