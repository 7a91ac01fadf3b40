/**
 * The GenAI client metrics: instruments created lazily, once per (meter provider, scope), with the units and
 * bucket boundaries the conventions recommend (see semconv.ts).
 */
import type { Attributes, Counter, Histogram, MeterProvider } from '@opentelemetry/api';
import {
  DURATION_BUCKETS,
  METRIC_GEN_AI_CLIENT_INFERENCE_DURATION,
  METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_PREFIX,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_TIME_PER_OUTPUT_CHUNK,
  METRIC_GEN_AI_CLIENT_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_SIGHTLINE_CLIENT_COST,
  TOKEN_USAGE_BUCKETS,
} from '../semconv.js';

/** Instruments of the newest drafts, present only when `gen_ai_latest_experimental` is opted in. */
export interface LatestGenAiInstruments {
  inferenceDuration: Histogram<Attributes>;
  inputTokens: Counter<Attributes>;
  outputTokens: Counter<Attributes>;
  cacheReadInputTokens: Counter<Attributes>;
  cacheWriteInputTokens: Counter<Attributes>;
  reasoningOutputTokens: Counter<Attributes>;
}

/** Every instrument a provider call records into. */
export interface GenAiInstruments {
  tokenUsage: Histogram<Attributes>;
  operationDuration: Histogram<Attributes>;
  timeToFirstChunk: Histogram<Attributes>;
  timePerOutputChunk: Histogram<Attributes>;
  /** Spend in USD (only for calls whose model has a price). */
  cost: Counter<Attributes>;
  latest?: LatestGenAiInstruments;
}

/** Instrumentation scope the meter is created under. */
export interface InstrumentationScope {
  name: string;
  version?: string;
}

const cache = new WeakMap<MeterProvider, Map<string, GenAiInstruments>>();

function create(
  meterProvider: MeterProvider,
  scope: InstrumentationScope,
  latest: boolean,
): GenAiInstruments {
  const meter = meterProvider.getMeter(scope.name, scope.version);
  const seconds = { unit: 's', advice: { explicitBucketBoundaries: [...DURATION_BUCKETS] } };
  const instruments: GenAiInstruments = {
    tokenUsage: meter.createHistogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, {
      description: 'Number of input and output tokens used.',
      unit: '{token}',
      advice: { explicitBucketBoundaries: [...TOKEN_USAGE_BUCKETS] },
    }),
    operationDuration: meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, {
      description: 'GenAI operation duration.',
      ...seconds,
    }),
    timeToFirstChunk: meter.createHistogram(METRIC_GEN_AI_CLIENT_TIME_TO_FIRST_CHUNK, {
      description: 'Time to receive the first chunk of a streamed response.',
      ...seconds,
    }),
    timePerOutputChunk: meter.createHistogram(METRIC_GEN_AI_CLIENT_TIME_PER_OUTPUT_CHUNK, {
      description: 'Average time between streamed output chunks after the first one.',
      ...seconds,
    }),
    cost: meter.createCounter(METRIC_SIGHTLINE_CLIENT_COST, {
      description: 'Spend on GenAI calls, from the dated price table.',
      unit: 'USD',
    }),
  };
  if (latest) {
    const tokens = (suffix: string, description: string) =>
      meter.createCounter(METRIC_GEN_AI_CLIENT_INFERENCE_USAGE_PREFIX + suffix, {
        description,
        unit: '{token}',
      });
    instruments.latest = {
      inferenceDuration: meter.createHistogram(METRIC_GEN_AI_CLIENT_INFERENCE_DURATION, {
        description: 'GenAI inference duration.',
        ...seconds,
      }),
      inputTokens: tokens('input_tokens', 'Input tokens, cached ones included.'),
      outputTokens: tokens('output_tokens', 'Output tokens, reasoning included.'),
      cacheReadInputTokens: tokens('cache_read.input_tokens', 'Input tokens read from the prompt cache.'),
      cacheWriteInputTokens: tokens('cache_write.input_tokens', 'Input tokens written to the prompt cache.'),
      reasoningOutputTokens: tokens('reasoning.output_tokens', 'Output tokens spent on reasoning.'),
    };
  }
  return instruments;
}

interface ScopeKeys {
  stable: string;
  latest: string;
}

const scopeKeys = new WeakMap<InstrumentationScope, ScopeKeys>();

/**
 * The cache keys of a scope, built once per scope object: this runs on every call, and a key built per call
 * is a new string the map must hash again.
 */
function scopeKey(scope: InstrumentationScope): ScopeKeys {
  let keys = scopeKeys.get(scope);
  if (!keys) {
    const base = `${scope.name}@${scope.version ?? ''}|`;
    keys = { stable: `${base}0`, latest: `${base}1` };
    scopeKeys.set(scope, keys);
  }
  return keys;
}

/**
 * The instruments for `meterProvider`, created on first use and cached (weakly, per provider), so recording a
 * call costs no instrument lookup and a provider that is replaced can be collected. May throw if the meter
 * provider throws; callers contain that.
 */
export function genAiInstruments(
  meterProvider: MeterProvider,
  scope: InstrumentationScope,
  latest: boolean,
): GenAiInstruments {
  let byScope = cache.get(meterProvider);
  if (!byScope) {
    byScope = new Map();
    cache.set(meterProvider, byScope);
  }
  const key = latest ? scopeKey(scope).latest : scopeKey(scope).stable;
  let instruments = byScope.get(key);
  if (!instruments) {
    instruments = create(meterProvider, scope, latest);
    byScope.set(key, instruments);
  }
  return instruments;
}
