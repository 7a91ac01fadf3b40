/**
 * Line numbers for config errors. Values are validated on the parsed object (JSON.parse keeps JSON's exact
 * semantics); when one is bad, the source text is parsed once more as a YAML document (YAML is a superset of
 * JSON), only to find the line of the offending key, so the message reads `file:line: field: ...`.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** `drift.gates[0].metric` -> `['drift', 'gates', 0, 'metric']`. */
function fieldPath(field: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const part of field.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return path;
    if (match[1]) path.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}

/**
 * The 1-based line of `field` (a dotted path as config errors name it) in the config `text`: the line of the
 * deepest key of the path that exists (a missing setting points at its parent). Undefined when the text does
 * not parse or no part of the path is found.
 */
export function lineOfField(text: string, field: string): number | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (document.errors.length > 0) return undefined;
  let node: unknown = document.contents;
  let offset: number | undefined;
  for (const key of fieldPath(field)) {
    if (isMap(node) && typeof key === 'string') {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0];
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && key < node.items.length) {
      node = node.items[key];
      offset = (node as Node | null)?.range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

/** The 1-based line of a JSON.parse error (`... at position N`), when the message gives a position. */
export function lineOfJsonError(text: string, message: string): number | undefined {
  const match = /at position (\d+)/.exec(message);
  if (!match) return undefined;
  const position = Math.min(Number(match[1]), text.length);
  let line = 1;
  for (let i = 0; i < position; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
