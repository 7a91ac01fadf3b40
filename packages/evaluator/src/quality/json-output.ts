/**
 * JSON extraction from model output. An output is "valid JSON" when the whole trimmed text, or else the first
 * Markdown code fence labelled `json` (or unlabelled), parses as a JSON object or array. Bare scalars (`42`,
 * `"yes"`, `true`) do not count: in free text they are almost always accidents, and structured outputs are
 * objects or arrays.
 */

/** Where the JSON came from. */
export type JsonSource = 'raw' | 'fence';

/** Result of `extractJson`. */
export type JsonExtraction =
  | { valid: true; value: unknown; source: JsonSource }
  | { valid: false; error: string };

const FENCE = /```[ \t]*(json|JSON|jsonc|json5)?[ \t]*\r?\n([\s\S]*?)\r?\n?```/;

function parseContainer(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) return { ok: true, value };
    return { ok: false, error: `parses as a JSON ${typeof value}, not an object or array` };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Finds and parses the JSON object or array in an output (see module comment). Never throws. */
export function extractJson(text: string): JsonExtraction {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { valid: false, error: 'empty output' };
  const raw = parseContainer(trimmed);
  if (raw.ok) return { valid: true, value: raw.value, source: 'raw' };
  const fence = FENCE.exec(trimmed);
  if (fence) {
    const fenced = parseContainer(fence[2].trim());
    if (fenced.ok) return { valid: true, value: fenced.value, source: 'fence' };
    return { valid: false, error: `fenced block: ${fenced.error}` };
  }
  return { valid: false, error: raw.error };
}
