/**
 * OpenAI `POST /v1/embeddings` and the model list (`GET /v1/models`, `GET /v1/models/{id}`) for both providers.
 *
 * Vectors are deterministic unit vectors seeded by the input text, with every component exactly representable
 * as a float32, so `encoding_format: "float"` and `"base64"` (little-endian float32, which the openai SDK
 * requests by default and decodes) yield identical numbers.
 */
import { createHash } from 'node:crypto';
import type { ScriptedReply } from './types.js';
import { estimateTokens } from './usage.js';
import type { JsonResult } from './wire.js';

const DEFAULT_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-large': 3072,
  'text-embedding-3-small': 1536,
  'text-embedding-ada-002': 1536,
};

/** A deterministic unit vector for `text`, float32-exact. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const values: number[] = [];
  let block = 0;
  while (values.length < dimensions) {
    const bytes = createHash('sha256').update(`${block++}:${text}`).digest();
    for (let i = 0; i + 1 < bytes.length && values.length < dimensions; i += 2) {
      values.push((bytes.readUInt16LE(i) - 32768) / 32768);
    }
  }
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  return values.map((v) => Math.fround(v / norm));
}

/** Encodes floats the way the API's `encoding_format: "base64"` does: little-endian float32 bytes. */
export function encodeEmbeddingBase64(values: number[]): string {
  const buffer = Buffer.alloc(values.length * 4);
  for (const [index, value] of values.entries()) buffer.writeFloatLE(value, index * 4);
  return buffer.toString('base64');
}

function inputsOf(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  if (input.every((item) => typeof item === 'number')) return [JSON.stringify(input)];
  return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

/** Renders an embeddings reply; honours `dimensions`, `encoding_format` and scripted `embeddings`. */
export function renderEmbeddings(
  body: Record<string, unknown>,
  scripted: ScriptedReply | undefined,
): JsonResult {
  const model = scripted?.model ?? String(body.model);
  const inputs = inputsOf(body.input);
  const dimensions =
    typeof body.dimensions === 'number' ? body.dimensions : (DEFAULT_DIMENSIONS[String(body.model)] ?? 1536);
  const base64 = body.encoding_format === 'base64';
  const data = inputs.map((text, index) => {
    const vector = (scripted?.embeddings?.[index] ?? fakeEmbedding(text, dimensions)).map((v) =>
      Math.fround(v),
    );
    return { object: 'embedding', index, embedding: base64 ? encodeEmbeddingBase64(vector) : vector };
  });
  const promptTokens =
    scripted?.usage?.inputTokens ?? inputs.reduce((sum, text) => sum + Math.max(1, estimateTokens(text)), 0);
  return {
    kind: 'json',
    status: 200,
    body: {
      object: 'list',
      data,
      model,
      usage: scripted?.usage?.raw ?? { prompt_tokens: promptTokens, total_tokens: promptTokens },
    },
  };
}

/** Models the fake lists, per provider. */
export const FAKE_MODELS = {
  openai: [
    'gpt-4o',
    'gpt-4o-mini',
    'gpt-4.1',
    'gpt-4.1-mini',
    'o3-mini',
    'text-embedding-3-small',
    'text-embedding-3-large',
  ],
  anthropic: ['claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-opus-4-7'],
} as const;

const CREATED = 1_700_000_000;

function openaiModel(id: string): Record<string, unknown> {
  return { id, object: 'model', created: CREATED, owned_by: 'sightline-fake' };
}

function anthropicModel(id: string): Record<string, unknown> {
  return { type: 'model', id, display_name: id, created_at: new Date(CREATED * 1000).toISOString() };
}

/** `GET /v1/models` in the provider's list shape. */
export function renderModelList(provider: 'openai' | 'anthropic'): JsonResult {
  if (provider === 'anthropic') {
    const data = FAKE_MODELS.anthropic.map(anthropicModel);
    return {
      kind: 'json',
      status: 200,
      body: { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null },
    };
  }
  return { kind: 'json', status: 200, body: { object: 'list', data: FAKE_MODELS.openai.map(openaiModel) } };
}

/** `GET /v1/models/{id}`: any id is "found", so tests may use any model name. */
export function renderModel(provider: 'openai' | 'anthropic', id: string): JsonResult {
  return { kind: 'json', status: 200, body: provider === 'anthropic' ? anthropicModel(id) : openaiModel(id) };
}
