/**
 * Model hints of a prompt file: which model the prompt was written for and the sampling settings it expects.
 * They travel with the prompt (`prompt.modelHints`) for the app to pass to its SDK call, and `diff` reports
 * their changes; they are not part of the content hash (the hash identifies the template, as on spans).
 */
import type { IssueList } from './errors.js';
import { describeNode, isMap, isScalar, isSeq, type Node, type SourceDoc } from './source-doc.js';

/** Hints for the model call, in the snake_case both provider APIs use. All optional. */
export interface ModelHints {
  /** Model id, e.g. `gpt-4o-mini` or `claude-sonnet-4-5`. `model: gpt-4o-mini` is shorthand for `{ id }`. */
  id?: string;
  /** Provider the id belongs to, e.g. `openai`, `anthropic`. */
  provider?: string;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  stop?: string | string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  reasoning_effort?: string;
  /** Any other provider parameter, kept as written (a free-form mapping, not validated). */
  params?: Record<string, unknown>;
}

type HintKind = 'string' | 'number' | 'integer' | 'stop' | 'params';

const HINTS: Record<keyof ModelHints, HintKind> = {
  id: 'string',
  provider: 'string',
  temperature: 'number',
  top_p: 'number',
  max_tokens: 'integer',
  stop: 'stop',
  seed: 'integer',
  presence_penalty: 'number',
  frequency_penalty: 'number',
  reasoning_effort: 'string',
  params: 'params',
};

const RANGES: Partial<Record<keyof ModelHints, [number, number]>> = {
  temperature: [0, 2],
  top_p: [0, 1],
  max_tokens: [1, Number.MAX_SAFE_INTEGER],
  presence_penalty: [-2, 2],
  frequency_penalty: [-2, 2],
};

/** Reads the `model` field: a model id string or a mapping of known hints. Adds an issue per bad entry. */
export function readModelHints(node: Node, source: SourceDoc, issues: IssueList): ModelHints | undefined {
  if (isScalar(node) && typeof node.value === 'string' && node.value.trim()) return { id: node.value };
  if (!isMap(node)) {
    issues.add(
      source.lineOf(node),
      'model',
      `expected a model id string or a mapping of hints, got ${describeNode(node)}`,
    );
    return undefined;
  }
  const hints: Record<string, unknown> = {};
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const field = `model.${key}`;
    const value = source.resolve(pair.value);
    const kind = HINTS[key as keyof ModelHints];
    if (!kind) {
      issues.add(
        source.lineOf(pair.key as Node),
        field,
        `unknown model hint (known: ${Object.keys(HINTS).join(', ')}; put other provider parameters under model.params)`,
      );
      continue;
    }
    const read = readHint(kind, value, source);
    if ('error' in read) {
      issues.add(source.lineOf(value ?? (pair.key as Node)), field, read.error);
      continue;
    }
    const range = RANGES[key as keyof ModelHints];
    if (range && typeof read.value === 'number' && (read.value < range[0] || read.value > range[1])) {
      issues.add(
        source.lineOf(value),
        field,
        `expected a number from ${range[0]} to ${range[1]}, got ${read.value}`,
      );
      continue;
    }
    hints[key] = read.value;
  }
  return hints as ModelHints;
}

function readHint(
  kind: HintKind,
  node: Node | null,
  source: SourceDoc,
): { value: unknown } | { error: string } {
  const scalar = isScalar(node) ? node.value : undefined;
  switch (kind) {
    case 'string':
      return typeof scalar === 'string' && scalar.trim()
        ? { value: scalar }
        : { error: `expected a non-empty string, got ${describeNode(node)}` };
    case 'number':
      return typeof scalar === 'number' && Number.isFinite(scalar)
        ? { value: scalar }
        : { error: `expected a number, got ${describeNode(node)}` };
    case 'integer':
      return typeof scalar === 'number' && Number.isInteger(scalar)
        ? { value: scalar }
        : { error: `expected an integer, got ${describeNode(node)}` };
    case 'stop':
      if (typeof scalar === 'string') return { value: scalar };
      if (isSeq(node) && node.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
        return { value: node.items.map((item) => (isScalar(item) ? String(item.value) : '')) };
      }
      return { error: `expected a string or a list of strings, got ${describeNode(node)}` };
    case 'params':
      return isMap(node)
        ? { value: node.toJS(source.doc) as Record<string, unknown> }
        : { error: `expected a mapping of provider parameters, got ${describeNode(node)}` };
  }
}

/** Flattens hints to `model.key -> JSON text` pairs, for diffs. */
export function flattenModelHints(hints: ModelHints | undefined): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(hints ?? {})) {
    if (key === 'params' && value && typeof value === 'object') {
      for (const [param, paramValue] of Object.entries(value)) {
        flat.set(`model.params.${param}`, JSON.stringify(paramValue));
      }
    } else {
      flat.set(`model.${key}`, JSON.stringify(value));
    }
  }
  return flat;
}
