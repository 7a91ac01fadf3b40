/**
 * A seeded generator of realistic OTLP/JSON trace files, for tests, benchmarks and demos. Same options, same
 * bytes. Spans use the names of `@sightline/core/semconv`; with `standardOnly` only the OTel GenAI names (and
 * the deprecated `gen_ai.system`) are written, as other instrumentations do.
 */
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_CONVERSATION_COMPACTED,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROMPT_VERSION,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_WORKFLOW_NAME,
  ATTR_SERVICE_NAME,
  ATTR_SIGHTLINE_CHAIN_KIND,
  ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES,
  ATTR_SIGHTLINE_CONTEXT_DROPPED_TOKENS,
  ATTR_SIGHTLINE_CONTEXT_UTILIZATION,
  ATTR_SIGHTLINE_CONTEXT_WINDOW,
  ATTR_SIGHTLINE_COST_USD,
  ATTR_SIGHTLINE_PROMPT_HASH,
  GEN_AI_OPERATION,
} from '@sightline/core/semconv';
import { createRng, type Rng, type Seed } from '../stats/index.js';

/** One kind of call the generated app makes. */
export interface GeneratedSegment {
  provider: string;
  model: string;
  promptName?: string;
  promptVersion?: string;
  operation?: string;
  /** Relative share of calls. Default 1. */
  weight?: number;
  /** USD per million input / output tokens. */
  inputPrice?: number;
  outputPrice?: number;
}

/**
 * Shapes the captured output text (with `captureContent`), for output-quality tests: which words answers use,
 * how long they are, and how many are JSON, schema misses, empty or repetitive. Without it the generator
 * writes its plain default answers (and draws exactly the random numbers it always did).
 */
export interface GeneratedContent {
  /** Words answers are drawn from (uniformly). Default a dozen support words. */
  vocabulary?: string[];
  /** Multiplies the words per answer (default about output tokens / 4, at most 120). Default 1. */
  lengthMultiplier?: number;
  /** Share of answers written as a JSON object `{"answer": "..."}`. Default 0. */
  jsonRate?: number;
  /** Share of those JSON answers that use the key `reply` instead (a schema requiring `answer` fails). Default 0. */
  schemaMismatchRate?: number;
  /** Share of empty answers. Default 0. */
  emptyRate?: number;
  /** Share of answers that repeat one short phrase over and over. Default 0. */
  repeatRate?: number;
}

/** Options of the generator. Every distribution knob defaults to a plausible production mix. */
export interface TraceGeneratorOptions {
  seed?: Seed;
  /** LLM call spans to write. */
  calls: number;
  /** ISO start of the first call. Default 2025-01-01T00:00:00Z. */
  start?: string;
  /** Calls are spread evenly over this many milliseconds. Default 7 days. */
  spreadMs?: number;
  /** Spans per line (per export request). Default 10. */
  spansPerLine?: number;
  segments?: GeneratedSegment[];
  /** Median call latency in ms. Default 800. */
  latencyMedianMs?: number;
  /** Multiplies every price (a 20 % cost rise: 1.2). Default 1. */
  costMultiplier?: number;
  /** Multiplies output tokens. Default 1. */
  outputTokensMultiplier?: number;
  errorRate?: number;
  truncationRate?: number;
  /** Share of outputs that are refusals (only visible with `captureContent`). */
  refusalRate?: number;
  /** Weights of finish reasons. Default stop 0.9, length 0.07, tool_calls 0.03. */
  finishReasons?: Record<string, number>;
  /** Share of streamed calls (they carry time to first chunk). Default 0.5. */
  streamRate?: number;
  /** Share of calls with cache reads. Default 0.3. */
  cacheRate?: number;
  /** Write `gen_ai.output.messages`. Default false. */
  captureContent?: boolean;
  /** Shape of the captured answers (see `GeneratedContent`). Default: plain answers. */
  content?: GeneratedContent;
  /** Wrap every call in a workflow span with one tool span. Default false. */
  chainSpans?: boolean;
  toolErrorRate?: number;
  /** Add an HTTP span per call (non-GenAI, must be ignored). Default false. */
  httpSpans?: boolean;
  /** Only standard OTel GenAI names, with `gen_ai.system` instead of `gen_ai.provider.name`. Default false. */
  standardOnly?: boolean;
  serviceName?: string;
}

const DEFAULT_SEGMENTS: GeneratedSegment[] = [
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    promptName: 'support',
    promptVersion: '3',
    weight: 3,
    inputPrice: 0.15,
    outputPrice: 0.6,
  },
  {
    provider: 'anthropic',
    model: 'claude-3-5-haiku',
    promptName: 'summarize',
    promptVersion: '1',
    weight: 1,
    inputPrice: 0.8,
    outputPrice: 4,
  },
];
const REFUSAL = "I'm sorry, but I can't help with that request.";
const WORDS = [
  'the',
  'order',
  'was',
  'shipped',
  'refund',
  'your',
  'account',
  'is',
  'ready',
  'thanks',
  'we',
  'can',
];

type Attribute = { key: string; value: Record<string, unknown> };

function hex(rng: Rng, words: number): string {
  let out = '';
  for (let i = 0; i < words; i++) out += rng.nextUint32().toString(16).padStart(8, '0');
  return out;
}

function lognormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * rng.normal());
}

function pick<T extends string>(rng: Rng, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let r = rng.next() * total;
  for (const [key, weight] of entries) {
    r -= weight;
    if (r < 0) return key;
  }
  return entries[entries.length - 1][0];
}

function nanos(ms: number): string {
  // Whole microseconds fit a double exactly (~1.7e15 < 2^53); append three zeros for nanoseconds.
  return `${Math.round(ms * 1000)}000`;
}

const str = (key: string, value: string): Attribute => ({ key, value: { stringValue: value } });
const int = (key: string, value: number): Attribute => ({ key, value: { intValue: String(value) } });
const dbl = (key: string, value: number): Attribute => ({ key, value: { doubleValue: value } });
const bool = (key: string, value: boolean): Attribute => ({ key, value: { boolValue: value } });

interface SpanOut {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Attribute[];
  status: { code: number; message?: string };
}

function outputText(rng: Rng, tokens: number): string {
  const words: string[] = [];
  const count = Math.max(1, Math.min(60, Math.round(tokens / 4)));
  for (let i = 0; i < count; i++) words.push(WORDS[rng.int(WORDS.length)]);
  return words.join(' ');
}

function contentText(rng: Rng, tokens: number, content: GeneratedContent): string {
  if (rng.next() < (content.emptyRate ?? 0)) return '';
  const vocabulary = content.vocabulary ?? WORDS;
  const count = Math.max(1, Math.min(120, Math.round((tokens / 4) * (content.lengthMultiplier ?? 1))));
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(vocabulary[rng.int(vocabulary.length)]);
  let text = words.join(' ');
  if (rng.next() < (content.repeatRate ?? 0)) {
    const phrase = words.slice(0, 3).join(' ');
    text = Array.from({ length: Math.max(2, Math.ceil(count / 3)) }, () => phrase).join(' ');
  }
  if (rng.next() < (content.jsonRate ?? 0)) {
    const key = rng.next() < (content.schemaMismatchRate ?? 0) ? 'reply' : 'answer';
    text = JSON.stringify({ [key]: text });
  }
  return text;
}

type ResolvedOptions = Required<Omit<TraceGeneratorOptions, 'seed' | 'start' | 'content'>> & {
  content?: GeneratedContent;
};

/** Yields the spans of one call (the LLM span, plus workflow/tool/HTTP spans when asked). */
function* callSpans(rng: Rng, o: ResolvedOptions, index: number, startMs: number): Generator<SpanOut> {
  const segment = pickSegment(rng, o.segments);
  const traceId = hex(rng, 4);
  const spanId = hex(rng, 2);
  const latency = lognormal(rng, o.latencyMedianMs, 0.5);
  const failed = rng.next() < o.errorRate;
  const input = Math.max(1, Math.round(lognormal(rng, 1200, 0.6)));
  const output = Math.max(1, Math.round(lognormal(rng, 250, 0.7) * o.outputTokensMultiplier));
  const cacheRead = rng.next() < o.cacheRate ? Math.floor(input * 0.5) : 0;
  const streamed = rng.next() < o.streamRate;
  const truncated = rng.next() < o.truncationRate;
  const refusal = rng.next() < o.refusalRate;
  const finish = pick(rng, o.finishReasons);
  const operation = segment.operation ?? GEN_AI_OPERATION.chat;
  const attributes: Attribute[] = [
    str(ATTR_GEN_AI_OPERATION_NAME, operation),
    str(o.standardOnly ? ATTR_GEN_AI_SYSTEM : ATTR_GEN_AI_PROVIDER_NAME, segment.provider),
    str(ATTR_GEN_AI_REQUEST_MODEL, segment.model),
  ];
  if (segment.promptName) attributes.push(str(ATTR_GEN_AI_PROMPT_NAME, segment.promptName));
  if (segment.promptVersion) attributes.push(str(ATTR_GEN_AI_PROMPT_VERSION, segment.promptVersion));
  if (!o.standardOnly && segment.promptName)
    attributes.push(str(ATTR_SIGHTLINE_PROMPT_HASH, `h${segment.promptName}${segment.promptVersion ?? ''}`));
  if (failed) {
    attributes.push(str(ATTR_ERROR_TYPE, rng.next() < 0.5 ? 'RateLimitError' : '500'));
  } else {
    attributes.push(
      str(ATTR_GEN_AI_RESPONSE_MODEL, `${segment.model}-2024`),
      {
        key: ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
        value: { arrayValue: { values: [{ stringValue: finish }] } },
      },
      int(ATTR_GEN_AI_USAGE_INPUT_TOKENS, input),
      int(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, output),
      int(ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, cacheRead),
    );
    if (streamed) attributes.push(dbl(ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, (latency * 0.25) / 1000));
    if (!o.standardOnly) {
      const cost =
        ((input * (segment.inputPrice ?? 1) + output * (segment.outputPrice ?? 4)) / 1e6) * o.costMultiplier;
      attributes.push(dbl(ATTR_SIGHTLINE_COST_USD, Number(cost.toPrecision(6))));
      attributes.push(
        int(ATTR_SIGHTLINE_CONTEXT_WINDOW, 128000),
        dbl(ATTR_SIGHTLINE_CONTEXT_UTILIZATION, Number((input / 128000).toFixed(6))),
      );
      if (truncated) {
        attributes.push(
          int(ATTR_SIGHTLINE_CONTEXT_DROPPED_TOKENS, 500 + rng.int(2500)),
          int(ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES, 1 + rng.int(4)),
        );
      }
    }
    if (truncated) attributes.push(bool(ATTR_GEN_AI_CONVERSATION_COMPACTED, true));
    if (o.captureContent) {
      const text = refusal
        ? REFUSAL
        : o.content
          ? contentText(rng, output, o.content)
          : outputText(rng, output);
      attributes.push(
        str(
          ATTR_GEN_AI_OUTPUT_MESSAGES,
          JSON.stringify([
            { role: 'assistant', parts: [{ type: 'text', content: text }], finish_reason: finish },
          ]),
        ),
      );
    }
  }
  const endMs = startMs + latency;
  let parentSpanId: string | undefined;
  if (o.chainSpans) {
    parentSpanId = hex(rng, 2);
    const toolFailed = rng.next() < o.toolErrorRate;
    const toolStart = endMs + 1;
    yield {
      traceId,
      spanId: parentSpanId,
      name: 'invoke_workflow support',
      kind: 1,
      startTimeUnixNano: nanos(startMs - 5),
      endTimeUnixNano: nanos(toolStart + 60),
      attributes: [
        str(ATTR_GEN_AI_OPERATION_NAME, GEN_AI_OPERATION.invokeWorkflow),
        str(ATTR_GEN_AI_WORKFLOW_NAME, 'support'),
        str(ATTR_SIGHTLINE_CHAIN_KIND, 'workflow'),
      ],
      status: { code: 0 },
    };
    yield {
      traceId,
      spanId: hex(rng, 2),
      parentSpanId,
      name: 'execute_tool lookup_order',
      kind: 1,
      startTimeUnixNano: nanos(toolStart),
      endTimeUnixNano: nanos(toolStart + 50),
      attributes: [
        str(ATTR_GEN_AI_OPERATION_NAME, GEN_AI_OPERATION.executeTool),
        str(ATTR_GEN_AI_TOOL_NAME, 'lookup_order'),
        ...(toolFailed ? [str(ATTR_ERROR_TYPE, 'TimeoutError')] : []),
      ],
      status: { code: toolFailed ? 2 : 0 },
    };
  }
  yield {
    traceId,
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    name: `${operation} ${segment.model}`,
    kind: 3,
    startTimeUnixNano: nanos(startMs),
    endTimeUnixNano: nanos(endMs),
    attributes,
    status: failed ? { code: 2, message: 'failed' } : { code: 0 },
  };
  if (o.httpSpans) {
    yield {
      traceId,
      spanId: hex(rng, 2),
      parentSpanId: spanId,
      name: 'POST',
      kind: 3,
      startTimeUnixNano: nanos(startMs + 1),
      endTimeUnixNano: nanos(endMs - 1),
      attributes: [str('http.request.method', 'POST'), int('http.response.status_code', failed ? 500 : 200)],
      status: { code: 0 },
    };
  }
  void index;
}

function pickSegment(rng: Rng, segments: GeneratedSegment[]): GeneratedSegment {
  const weights: Record<string, number> = {};
  segments.forEach((segment, i) => {
    weights[i] = segment.weight ?? 1;
  });
  return segments[Number(pick(rng, weights))];
}

/**
 * Yields OTLP/JSON lines (one `ExportTraceServiceRequest` each, as Sightline's and the Collector's file
 * exporters write them). Deterministic for the same options.
 */
export function* generateOtlpLines(options: TraceGeneratorOptions): Generator<string> {
  const rng = createRng(options.seed ?? 1);
  const o: ResolvedOptions = {
    content: options.content,
    calls: options.calls,
    spreadMs: options.spreadMs ?? 7 * 86_400_000,
    spansPerLine: options.spansPerLine ?? 10,
    segments: options.segments ?? DEFAULT_SEGMENTS,
    latencyMedianMs: options.latencyMedianMs ?? 800,
    costMultiplier: options.costMultiplier ?? 1,
    outputTokensMultiplier: options.outputTokensMultiplier ?? 1,
    errorRate: options.errorRate ?? 0.02,
    truncationRate: options.truncationRate ?? 0.05,
    refusalRate: options.refusalRate ?? 0.02,
    finishReasons: options.finishReasons ?? { stop: 0.9, length: 0.07, tool_calls: 0.03 },
    streamRate: options.streamRate ?? 0.5,
    cacheRate: options.cacheRate ?? 0.3,
    captureContent: options.captureContent ?? false,
    chainSpans: options.chainSpans ?? false,
    toolErrorRate: options.toolErrorRate ?? 0.02,
    httpSpans: options.httpSpans ?? false,
    standardOnly: options.standardOnly ?? false,
    serviceName: options.serviceName ?? 'support-bot',
  };
  const startMs = Date.parse(options.start ?? '2025-01-01T00:00:00Z');
  const resource = { attributes: [str(ATTR_SERVICE_NAME, o.serviceName)], droppedAttributesCount: 0 };
  const scope = { name: '@sightline/openai', version: '0.1.0' };
  let batch: SpanOut[] = [];
  for (let i = 0; i < o.calls; i++) {
    const callStart = startMs + (i * o.spreadMs) / Math.max(1, o.calls);
    for (const span of callSpans(rng, o, i, callStart)) batch.push(span);
    if (batch.length >= o.spansPerLine || i === o.calls - 1) {
      yield JSON.stringify({ resourceSpans: [{ resource, scopeSpans: [{ scope, spans: batch }] }] });
      batch = [];
    }
  }
}
