/** Embeddings (`embeddings.create`): request attributes and what the response reveals. */
import type { Attributes } from '@opentelemetry/api';
import type { InputContent, LlmCall } from '@sightline/core/instrumentation';
import { textPart } from '@sightline/core/instrumentation';
import * as sc from '@sightline/core/semconv';
import { asArray, asNumber, asObject, asString, type Wire } from './values.js';

/**
 * Request attributes: `gen_ai.request.encoding_formats` when the app chose a format (the SDK itself asks for
 * base64 otherwise and decodes it, so the app always sees floats), the requested dimensions.
 */
export function embeddingsRequestAttributes(body: Wire): Attributes {
  const out: Attributes = {};
  const format = asString(body.encoding_format);
  if (format) out[sc.ATTR_GEN_AI_REQUEST_ENCODING_FORMATS] = [format];
  const dimensions = asNumber(body.dimensions);
  if (dimensions !== undefined) out[sc.ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT] = dimensions;
  return out;
}

/** The embedded input as one user message (content capture only). */
export function embeddingsInputContent(body: Wire): InputContent {
  const input = body.input;
  const texts =
    typeof input === 'string' ? [input] : (asArray(input) ?? []).filter((x) => typeof x === 'string');
  return {
    messages:
      texts.length > 0 ? [{ role: 'user', parts: texts.map((text) => textPart(text as string)) }] : [],
  };
}

/** Records an embeddings response: model, input tokens, vector dimension (from the first vector). */
export function recordEmbeddings(call: LlmCall, value: unknown): void {
  const response = asObject(value);
  if (!response) return;
  call.setResponse({ model: asString(response.model) });
  const inputTokens = asNumber(asObject(response.usage)?.prompt_tokens);
  if (inputTokens !== undefined) call.recordUsage({ inputTokens });
  const first = asObject(asArray(response.data)?.[0])?.embedding;
  // float arrays and the SDK's decoded Float32Array have a length; a base64 string (format chosen by the app) does not count.
  if (first !== undefined && typeof first !== 'string') {
    const dimension = asNumber((first as { length?: unknown }).length);
    if (dimension !== undefined) call.setAttribute(sc.ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT, dimension);
  }
}
