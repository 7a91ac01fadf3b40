import { BUILTIN_MODELS, type ModelInfo, type ModelPricing } from './table.js';

/**
 * User overrides and additions, keyed by canonical model id (or any id that normalises to one). A partial
 * entry is merged over the built-in one, so `{ 'gpt-4o': { pricing: { input: 2, output: 8 } } }` changes
 * only the prices.
 */
export type ModelOverrides = Record<string, Partial<Omit<ModelInfo, 'id'>> & { pricing?: ModelPricing }>;

/** A model table with lookup by any model id the providers return. Build one with `resolveModelTable`. */
export interface ModelTable {
  /** The entry for a model id, or `undefined` when Sightline does not know the model. */
  lookup(modelId: string | undefined): ModelInfo | undefined;
}

const DATE_SUFFIXES = [
  /-\d{4}-\d{2}-\d{2}$/, // OpenAI snapshots: gpt-4o-mini-2024-07-18
  /-\d{8}$/, // Anthropic snapshots: claude-3-5-sonnet-20241022
  /-\d{4}$/, // older OpenAI snapshots: gpt-4-0613, gpt-3.5-turbo-0125
  /-latest$/, // aliases: claude-3-5-sonnet-latest, chatgpt-4o-latest
  /-preview$/,
];

/**
 * Candidate canonical ids for a provider model id, most specific first: the id itself, then with a
 * provider/router prefix (`openai/`, `anthropic.`) removed, then with a dated snapshot or alias suffix removed.
 * Pure; exported for tests and for the evaluator's documentation of matching.
 */
export function canonicalModelIds(modelId: string): string[] {
  const lower = modelId.trim().toLowerCase();
  const out = [lower];
  const unprefixed = lower.replace(/^(openai|anthropic|azure)[/.:]/, '').replace(/^us\.|^eu\./, '');
  if (unprefixed !== lower) out.push(unprefixed);
  for (const base of [...out]) {
    let stripped = base.replace(/-v\d+(:\d+)?$/, ''); // bedrock: anthropic.claude-3-haiku-20240307-v1:0
    for (let i = 0; i < 2; i++) {
      for (const suffix of DATE_SUFFIXES) stripped = stripped.replace(suffix, '');
    }
    if (!out.includes(stripped)) out.push(stripped);
  }
  return out;
}

/** Builds a lookup over the built-in table merged with `overrides`. Cheap; memoises per model id. */
export function resolveModelTable(overrides: ModelOverrides = {}): ModelTable {
  const byId = new Map<string, ModelInfo>(BUILTIN_MODELS.map((m) => [m.id, m]));
  for (const [rawId, override] of Object.entries(overrides)) {
    const id = canonicalModelIds(rawId).find((candidate) => byId.has(candidate)) ?? rawId.toLowerCase();
    const base = byId.get(id);
    byId.set(id, {
      provider: base?.provider ?? override.provider ?? 'unknown',
      checked: override.checked ?? 'user',
      ...base,
      ...override,
      id,
      pricing: override.pricing ? { ...base?.pricing, ...override.pricing } : base?.pricing,
    });
  }
  const memo = new Map<string, ModelInfo | undefined>();
  return {
    lookup(modelId) {
      if (!modelId) return undefined;
      if (memo.has(modelId)) return memo.get(modelId);
      const found = canonicalModelIds(modelId)
        .map((candidate) => byId.get(candidate))
        .find(Boolean);
      if (memo.size < 10_000) memo.set(modelId, found);
      return found;
    },
  };
}

/** The built-in table without overrides (shared, memoised). */
export const builtinModelTable: ModelTable = resolveModelTable();
