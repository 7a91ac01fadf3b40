/**
 * Parses a YAML or JSON file into a YAML syntax tree that remembers where every node sits, so validation can
 * point at a line. JSON files are checked with `JSON.parse` first (YAML would accept some non-JSON), then read
 * through the same tree (JSON is valid YAML 1.2).
 */
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { IssueList } from './errors.js';

export type SourceFormat = 'yaml' | 'json';

export interface SourceDoc {
  file: string;
  text: string;
  doc: Document.Parsed;
  /** 1-based line of a node (or of a character offset). */
  lineOf(target: Node | number | null | undefined): number | undefined;
  /** Follows `*alias` nodes to what they point at. */
  resolve(node: unknown): Node | null;
}

/** Parses `text`; throws a `PromptFileError` with line numbers for syntax errors and duplicate keys. */
export function parseSource(text: string, file: string, format: SourceFormat): SourceDoc {
  const lineCounter = new LineCounter();
  const issues = new IssueList(file);
  if (hasConflictMarkers(text)) {
    issues.add(
      conflictLine(text),
      undefined,
      'unresolved git merge conflict markers; resolve the conflict first',
    );
    issues.throwIfAny();
  }
  if (format === 'json') checkJsonSyntax(text, issues);
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (issues.issues.length === 0) {
    for (const error of doc.errors) {
      issues.add(lineCounter.linePos(error.pos[0]).line, undefined, syntaxMessage(format, error.message));
    }
  }
  issues.throwIfAny();
  const lineOf = (target: Node | number | null | undefined): number | undefined => {
    const offset = typeof target === 'number' ? target : target?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const resolve = (node: unknown): Node | null => {
    if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
    return (node as Node | null) ?? null;
  };
  return { file, text, doc, lineOf, resolve };
}

function checkJsonSyntax(text: string, issues: IssueList): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    issues.add(line, undefined, syntaxMessage('json', message.replace(/ in JSON at position \d+.*$/, '')));
  }
}

function syntaxMessage(format: SourceFormat, message: string): string {
  const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `invalid ${format === 'json' ? 'JSON' : 'YAML'}: ${firstLine}`;
}

/** How a value reads in an error message: `string`, `number`, `boolean`, `null`, `list` or `mapping`. */
export function describeNode(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'mapping';
  if (isSeq(node)) return 'list';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'null';
    return typeof value === 'object' ? 'scalar' : typeof value;
  }
  return 'unknown value';
}

/** A merge-conflict marker means git left the file half-merged; say so instead of a cryptic syntax error. */
function hasConflictMarkers(text: string): boolean {
  return CONFLICT_MARKER.test(text);
}

const CONFLICT_MARKER = /^(<{7}|>{7}|={7})( |$)/m;

function conflictLine(text: string): number {
  const match = CONFLICT_MARKER.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : 1;
}

export type { Node };
export { isMap, isScalar, isSeq };
