/**
 * Every attribute, span, event and metric name Sightline writes or reads: the one home for the trace contract
 * between the instrumentation packages and the evaluator.
 *
 * Why vendored: the OpenTelemetry GenAI conventions are still "Development" status (open-telemetry/
 * semantic-conventions up to v1.41.0, then open-telemetry/semantic-conventions-genai), and the incubating
 * entry point of `@opentelemetry/semantic-conventions` may rename or drop them between releases. Pinning the
 * strings here keeps spans stable for users' dashboards and lets the evaluator read them without depending on
 * instrumentation code (it imports `@sightline/core/semconv` only). This module has no imports and no side
 * effects, so loading it costs nothing.
 *
 * Names under `sightline.` are the project's own, for what the conventions do not cover (cost, context-window
 * use, prompt hashes); each is listed in the README's attribute table.
 */

// ---- GenAI: operation, provider, request -------------------------------------------------------------------
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
/** Deprecated predecessor of `gen_ai.provider.name`; read (never written) so older traces still evaluate. */
export const ATTR_GEN_AI_SYSTEM = 'gen_ai.system';
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens';
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = 'gen_ai.request.temperature';
export const ATTR_GEN_AI_REQUEST_TOP_P = 'gen_ai.request.top_p';
export const ATTR_GEN_AI_REQUEST_TOP_K = 'gen_ai.request.top_k';
export const ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY = 'gen_ai.request.frequency_penalty';
export const ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY = 'gen_ai.request.presence_penalty';
export const ATTR_GEN_AI_REQUEST_STOP_SEQUENCES = 'gen_ai.request.stop_sequences';
export const ATTR_GEN_AI_REQUEST_SEED = 'gen_ai.request.seed';
export const ATTR_GEN_AI_REQUEST_CHOICE_COUNT = 'gen_ai.request.choice.count';
export const ATTR_GEN_AI_REQUEST_STREAM = 'gen_ai.request.stream';
export const ATTR_GEN_AI_REQUEST_ENCODING_FORMATS = 'gen_ai.request.encoding_formats';
export const ATTR_GEN_AI_OUTPUT_TYPE = 'gen_ai.output.type';
export const ATTR_GEN_AI_CONVERSATION_ID = 'gen_ai.conversation.id';
/** Boolean, set only to `true`, when the context was compacted or truncated before the call. */
export const ATTR_GEN_AI_CONVERSATION_COMPACTED = 'gen_ai.conversation.compacted';

// ---- GenAI: response and usage -----------------------------------------------------------------------------
export const ATTR_GEN_AI_RESPONSE_ID = 'gen_ai.response.id';
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons';
/** Seconds from request start to the first streamed chunk (streams only). */
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = 'gen_ai.response.time_to_first_chunk';
/** Input tokens INCLUDING cached ones; the cache counts below are subsets of it. */
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS = 'gen_ai.usage.cache_write.input_tokens';
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = 'gen_ai.usage.reasoning.output_tokens';
export const ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT = 'gen_ai.embeddings.dimension.count';

// ---- GenAI: opt-in content (JSON strings) ------------------------------------------------------------------
export const ATTR_GEN_AI_INPUT_MESSAGES = 'gen_ai.input.messages';
export const ATTR_GEN_AI_OUTPUT_MESSAGES = 'gen_ai.output.messages';
export const ATTR_GEN_AI_SYSTEM_INSTRUCTIONS = 'gen_ai.system_instructions';
export const ATTR_GEN_AI_TOOL_DEFINITIONS = 'gen_ai.tool.definitions';

// ---- GenAI: prompts, agents, workflows, tools --------------------------------------------------------------
export const ATTR_GEN_AI_PROMPT_NAME = 'gen_ai.prompt.name';
export const ATTR_GEN_AI_PROMPT_VERSION = 'gen_ai.prompt.version';
export const ATTR_GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
export const ATTR_GEN_AI_AGENT_ID = 'gen_ai.agent.id';
export const ATTR_GEN_AI_AGENT_DESCRIPTION = 'gen_ai.agent.description';
export const ATTR_GEN_AI_WORKFLOW_NAME = 'gen_ai.workflow.name';
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
export const ATTR_GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
export const ATTR_GEN_AI_TOOL_DESCRIPTION = 'gen_ai.tool.description';
export const ATTR_GEN_AI_TOOL_TYPE = 'gen_ai.tool.type';
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments';
export const ATTR_GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result';

// ---- General OTel attributes used on GenAI spans -----------------------------------------------------------
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';
/** HTTP status of the provider's response (set when the response headers arrived). */
export const ATTR_HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';
export const ATTR_USER_ID = 'user.id';
export const ATTR_SESSION_ID = 'session.id';
export const ATTR_SERVICE_NAME = 'service.name';
/** Fallback for `error.type` when nothing more specific is known. */
export const ERROR_TYPE_OTHER = '_OTHER';

// ---- Sightline's own attributes ----------------------------------------------------------------------------
/** Total cost of the call in USD, from the dated price table in `@sightline/core` (absent for unknown models). */
export const ATTR_SIGHTLINE_COST_USD = 'sightline.cost.usd';
/** Input part of the cost (uncached input + cache reads + cache writes), USD. */
export const ATTR_SIGHTLINE_COST_INPUT_USD = 'sightline.cost.input_usd';
/** Output part of the cost (output incl. reasoning), USD. */
export const ATTR_SIGHTLINE_COST_OUTPUT_USD = 'sightline.cost.output_usd';
/** Date (YYYY-MM-DD) of the price table entry used, so a later price change is not read as drift. */
export const ATTR_SIGHTLINE_COST_PRICING_DATE = 'sightline.cost.pricing_date';
/** `true` when the provider sent no usage (e.g. an OpenAI stream without include_usage): tokens are unknown. */
export const ATTR_SIGHTLINE_USAGE_MISSING = 'sightline.usage.missing';
/** Number of chunks received on a stream. */
export const ATTR_SIGHTLINE_STREAM_CHUNKS = 'sightline.stream.chunks';
/** Why a stream span ended early: `break`, `abort`, `error`, `consumer_error`, `not_consumed`. */
export const ATTR_SIGHTLINE_STREAM_END = 'sightline.stream.end';
/** Ids of the tool calls the model requested (string array, parallel to the names; `''` when a call had none). */
export const ATTR_SIGHTLINE_RESPONSE_TOOL_CALL_IDS = 'sightline.response.tool_call.ids';
/** Names of the tool calls the model requested (string array, in order). Arguments only with content capture. */
export const ATTR_SIGHTLINE_RESPONSE_TOOL_CALL_NAMES = 'sightline.response.tool_call.names';

/** Context window of the model in tokens (from the dated model table). */
export const ATTR_SIGHTLINE_CONTEXT_WINDOW = 'sightline.context.window';
/** Input tokens sent after fitting (from `fitContext`, else from reported usage). */
export const ATTR_SIGHTLINE_CONTEXT_INPUT_TOKENS = 'sightline.context.input_tokens';
/** input tokens / context window, 0..1 (may exceed 1 on overflow). */
export const ATTR_SIGHTLINE_CONTEXT_UTILIZATION = 'sightline.context.utilization';
/** Input tokens before fitting. */
export const ATTR_SIGHTLINE_CONTEXT_TOKENS_BEFORE = 'sightline.context.tokens_before';
export const ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES = 'sightline.context.dropped_messages';
export const ATTR_SIGHTLINE_CONTEXT_DROPPED_TOKENS = 'sightline.context.dropped_tokens';
/** `drop-oldest`, `drop-middle`, `truncate-longest` or `custom`. */
export const ATTR_SIGHTLINE_CONTEXT_STRATEGY = 'sightline.context.strategy';
/** `false` when fitting could not bring the input under the budget (the kept messages alone are too large). */
export const ATTR_SIGHTLINE_CONTEXT_FITS = 'sightline.context.fits';
/** `true` when fitting cut some message's content (e.g. `truncate-longest`), not only dropped messages. */
export const ATTR_SIGHTLINE_CONTEXT_TRUNCATED_CONTENT = 'sightline.context.content_truncated';
/** `true` when the call failed because the input exceeded the model's context window. */
export const ATTR_SIGHTLINE_CONTEXT_OVERFLOW = 'sightline.context.overflow';

/** Content hash (sha256, hex, first 16 chars) of a prompt template: which exact prompt produced the call. */
export const ATTR_SIGHTLINE_PROMPT_HASH = 'sightline.prompt.hash';
/** Prompt variables as JSON (content capture only). */
export const ATTR_SIGHTLINE_PROMPT_VARIABLES = 'sightline.prompt.variables';
/** `workflow`, `agent`, `task` or `tool`: the chain step a span stands for. */
export const ATTR_SIGHTLINE_CHAIN_KIND = 'sightline.chain.kind';
export const ATTR_SIGHTLINE_TASK_NAME = 'sightline.task.name';
/** Prefix for free-form association metadata propagated to every span below (`sightline.metadata.<key>`). */
export const ATTR_SIGHTLINE_METADATA_PREFIX = 'sightline.metadata.';

// ---- Span events -------------------------------------------------------------------------------------------
export const EVENT_SIGHTLINE_CONTEXT_TRUNCATED = 'sightline.context.truncated';
/** Content event of the newest drafts, emitted through the Logs API when requested. */
export const EVENT_GEN_AI_INFERENCE_DETAILS = 'gen_ai.client.inference.operation.details';

// ---- Well-known values -------------------------------------------------------------------------------------
export const GEN_AI_OPERATION = {
  chat: 'chat',
  textCompletion: 'text_completion',
  generateContent: 'generate_content',
  embeddings: 'embeddings',
  executeTool: 'execute_tool',
  invokeAgent: 'invoke_agent',
  invokeWorkflow: 'invoke_workflow',
  createAgent: 'create_agent',
  retrieval: 'retrieval',
} as const;

export const GEN_AI_PROVIDER = {
  openai: 'openai',
  anthropic: 'anthropic',
  azureOpenAI: 'azure.ai.openai',
  awsBedrock: 'aws.bedrock',
  gcpVertexAI: 'gcp.vertex_ai',
  gcpGemini: 'gcp.gemini',
  groq: 'groq',
  mistral: 'mistral_ai',
  deepseek: 'deepseek',
  xai: 'x_ai',
  perplexity: 'perplexity',
  /** OpenAI-compatible hosts without a convention value (custom values, as the conventions allow). */
  openrouter: 'openrouter',
  togetherAI: 'together_ai',
  fireworksAI: 'fireworks_ai',
  ollama: 'ollama',
} as const;

/** Values of `sightline.stream.end` (how a stream span ended; `completed` is not written). */
export const SIGHTLINE_STREAM_END = {
  completed: 'completed',
  break: 'break',
  abort: 'abort',
  error: 'error',
  consumerError: 'consumer_error',
  notConsumed: 'not_consumed',
} as const;

export const GEN_AI_TOKEN_TYPE = { input: 'input', output: 'output' } as const;
export const ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type';

// ---- Metrics -----------------------------------------------------------------------------------------------
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = 'gen_ai.client.token.usage';
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = 'gen_ai.client.operation.duration';
export const METRIC_GEN_AI_CLIENT_TIME_TO_FIRST_CHUNK = 'gen_ai.client.operation.time_to_first_chunk';
export const METRIC_GEN_AI_CLIENT_TIME_PER_OUTPUT_CHUNK = 'gen_ai.client.operation.time_per_output_chunk';
/** Newer draft names, emitted in addition when OTEL_SEMCONV_STABILITY_OPT_IN has gen_ai_latest_experimental. */
export const METRIC_GEN_AI_CLIENT_INFERENCE_DURATION = 'gen_ai.client.inference.duration';
export const METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_PREFIX = 'gen_ai.client.inference.usage.';
/** Counter of spend in USD. */
export const METRIC_SIGHTLINE_CLIENT_COST = 'sightline.client.cost';

/** Bucket boundaries the conventions recommend for token histograms. */
export const TOKEN_USAGE_BUCKETS: readonly number[] = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];
/** Bucket boundaries (seconds) the conventions recommend for duration histograms. */
export const DURATION_BUCKETS: readonly number[] = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

// ---- Environment variables ---------------------------------------------------------------------------------
export const ENV_CAPTURE_MESSAGE_CONTENT = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';
export const ENV_SEMCONV_STABILITY_OPT_IN = 'OTEL_SEMCONV_STABILITY_OPT_IN';
