/**
 * The metric attribute sets of a call, built once per distinct (operation, provider, request model, response
 * model, server address, server port, error type) and reused by every call with the same values.
 *
 * Why: a call records 4-6 metric points whose attributes differ only in `gen_ai.token.type` and `error.type`.
 * Building them per call (a base object and three spread copies) costs about as much as one SDK record;
 * a cache hit costs one key string and one map lookup. The SDK hashes attributes on every record anyway
 * (sdk-metrics 2.x keeps no per-object hash), so sharing objects changes nothing it sees.
 */
import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from '../semconv.js';

/** What identifies a call's metric attributes. Empty strings and `undefined` leave the attribute out. */
export interface MetricIdentity {
  operation: string;
  provider: string;
  requestModel: string | undefined;
  responseModel: string | undefined;
  serverAddress: string | undefined;
  serverPort: number | undefined;
  errorType: string | undefined;
}

/** The attribute sets of one identity. Frozen: shared by every call with that identity. */
export interface CallMetricAttributes {
  /** Everything but `error.type` and `gen_ai.token.type`: time to first chunk, per-chunk time, cost, counters. */
  readonly common: Attributes;
  /** `common` plus `error.type` when the call failed: the duration histograms. */
  readonly duration: Attributes;
  /** `common` plus `gen_ai.token.type=input` / `output`: the token usage histogram. */
  readonly inputTokens: Attributes;
  readonly outputTokens: Attributes;
}

interface CacheEntry extends CallMetricAttributes {
  readonly identity: MetricIdentity;
}

/** Distinct identities kept; past it, sets are built per call (bounded memory for apps with unbounded models). */
export const METRIC_ATTRIBUTE_CACHE_LIMIT = 256;

const cache = new Map<string, CacheEntry>();
/** The entry used last: most apps call one model, so most calls end here without building a key. */
let last: CacheEntry | undefined;

function sameIdentity(a: MetricIdentity, b: MetricIdentity): boolean {
  return (
    a.operation === b.operation &&
    a.provider === b.provider &&
    a.requestModel === b.requestModel &&
    a.responseModel === b.responseModel &&
    a.serverAddress === b.serverAddress &&
    a.serverPort === b.serverPort &&
    a.errorType === b.errorType
  );
}

function build(id: MetricIdentity): CacheEntry {
  const common: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: id.operation,
    [ATTR_GEN_AI_PROVIDER_NAME]: id.provider,
  };
  if (id.requestModel) common[ATTR_GEN_AI_REQUEST_MODEL] = id.requestModel;
  if (id.responseModel) common[ATTR_GEN_AI_RESPONSE_MODEL] = id.responseModel;
  if (id.serverAddress) common[ATTR_SERVER_ADDRESS] = id.serverAddress;
  if (id.serverPort !== undefined) common[ATTR_SERVER_PORT] = id.serverPort;
  return {
    identity: { ...id },
    common: Object.freeze(common),
    duration: id.errorType ? Object.freeze({ ...common, [ATTR_ERROR_TYPE]: id.errorType }) : common,
    inputTokens: Object.freeze({ ...common, [ATTR_GEN_AI_TOKEN_TYPE]: 'input' }),
    outputTokens: Object.freeze({ ...common, [ATTR_GEN_AI_TOKEN_TYPE]: 'output' }),
  };
}

/**
 * The attribute sets for `id`: cached (and frozen) for the first METRIC_ATTRIBUTE_CACHE_LIMIT distinct
 * identities, built fresh after that. The returned objects must not be modified.
 */
export function callMetricAttributes(id: MetricIdentity): CallMetricAttributes {
  if (last && sameIdentity(last.identity, id)) return last;
  // The key only finds the candidate; the stored identity is compared field by field, so values containing the
  // separator can never be confused.
  const key = `${id.operation}\u0000${id.provider}\u0000${id.requestModel ?? ''}\u0000${id.responseModel ?? ''}\u0000${id.serverAddress ?? ''}\u0000${id.serverPort ?? ''}\u0000${id.errorType ?? ''}`;
  const hit = cache.get(key);
  if (hit && sameIdentity(hit.identity, id)) {
    last = hit;
    return hit;
  }
  const entry = build(id);
  if (!hit && cache.size < METRIC_ATTRIBUTE_CACHE_LIMIT) {
    cache.set(key, entry);
    last = entry;
  }
  return entry;
}
