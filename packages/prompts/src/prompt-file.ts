/**
 * The prompt file format (`NAME.prompt.yaml`, `.prompt.yml` or `.prompt.json`), validated strictly: every
 * problem becomes an issue naming the file, line and field. Unknown fields are errors, because a typo such as
 * `descripton:` or `modle:` would otherwise be dropped silently; `x-` prefixed fields are free for tooling.
 */
import {
  type PromptMessageTemplate,
  type PromptRole,
  type PromptTemplate,
  promptContentHash,
} from '@sightline/core';
import { IssueList } from './errors.js';
import { type ModelHints, readModelHints } from './model-hints.js';
import {
  describeNode,
  isMap,
  isScalar,
  isSeq,
  type Node,
  parseSource,
  type SourceDoc,
  type SourceFormat,
} from './source-doc.js';
import { VERSION_PATTERN } from './versions.js';

/** A prompt file, parsed and validated. */
export interface PromptFile {
  name: string;
  /** Always a string: `version: 1.10` in YAML reads as `"1.10"`, exactly as written. */
  version: string;
  description?: string;
  model?: ModelHints;
  /** A string (one user message) or the list of messages, as written. */
  template: PromptTemplate;
  /** `promptContentHash(template)`, the hash the lock records and spans carry. */
  hash: string;
  /** The file, as given (relative to the working directory when inside it). */
  file: string;
  format: SourceFormat;
  /** The file's text, kept so `lock` can snapshot it byte for byte. */
  text: string;
  /** Line of the `version` field, for messages that ask for a bump. */
  versionLine?: number;
  /** Line of the `template` or `messages` key, for messages about the content (e.g. a hash mismatch). */
  templateLine?: number;
}

/** Suffixes a prompt file may have, in the order `load` looks for them. */
export const PROMPT_FILE_SUFFIXES = ['.prompt.yaml', '.prompt.yml', '.prompt.json'] as const;

/** Prompt names: they are file names too, so no slashes or spaces. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const FIELDS = new Set(['name', 'version', 'description', 'model', 'template', 'messages']);
const ROLES: readonly PromptRole[] = ['system', 'developer', 'user', 'assistant'];

/** The prompt name a file name declares (`support.prompt.yaml` -> `support`), or undefined if not a prompt file. */
export function promptNameOfFile(fileName: string): string | undefined {
  const suffix = PROMPT_FILE_SUFFIXES.find((s) => fileName.endsWith(s));
  return suffix ? fileName.slice(0, -suffix.length) : undefined;
}

/** The format a prompt file name implies. */
export function formatOfFile(fileName: string): SourceFormat {
  return fileName.endsWith('.json') ? 'json' : 'yaml';
}

/**
 * Parses and validates a prompt file. `expectedName` is the name its file name declares (snapshots pass
 * undefined: their file name carries `@VERSION`). Throws `PromptFileError` listing every issue.
 */
export function parsePromptFile(
  text: string,
  file: string,
  format: SourceFormat,
  expectedName?: string,
): PromptFile {
  const source = parseSource(text, file, format);
  const issues = new IssueList(file);
  const root = source.resolve(source.doc.contents);
  if (!isMap(root)) {
    issues.add(
      source.lineOf(root) ?? 1,
      undefined,
      `expected a mapping with name, version and template or messages, got ${describeNode(root)}`,
    );
    issues.throwIfAny();
  }
  const fields = new Map<string, { node: Node | null; keyLine: number | undefined }>();
  for (const pair of isMap(root) ? root.items : []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : describeNode(pair.key);
    const keyLine = source.lineOf(pair.key as Node);
    if (key.startsWith('x-')) continue;
    if (!FIELDS.has(key)) {
      issues.add(
        keyLine,
        key,
        `unknown field (expected: ${[...FIELDS].join(', ')}; prefix custom fields with "x-")`,
      );
      continue;
    }
    fields.set(key, { node: source.resolve(pair.value), keyLine });
  }

  const name = readString(fields, 'name', source, issues, { required: true });
  if (name !== undefined && !NAME_PATTERN.test(name)) {
    issues.add(
      lineOfField(fields, 'name', source),
      'name',
      `"${name}" may only use letters, digits, ".", "_" and "-"`,
    );
  } else if (name !== undefined && expectedName !== undefined && name !== expectedName) {
    issues.add(
      lineOfField(fields, 'name', source),
      'name',
      `"${name}" does not match the file name (expected "${expectedName}"; rename the file or the prompt)`,
    );
  }
  const version = readVersion(fields, source, issues);
  const description = readString(fields, 'description', source, issues, { required: false });
  const modelNode = fields.get('model')?.node;
  const model = modelNode ? readModelHints(modelNode, source, issues) : undefined;
  const template = readTemplate(fields, source, issues);
  issues.throwIfAny();

  const definedTemplate = template as PromptTemplate;
  return {
    name: name as string,
    version: version as string,
    ...(description !== undefined ? { description } : {}),
    ...(model !== undefined ? { model } : {}),
    template: definedTemplate,
    hash: promptContentHash(definedTemplate),
    file,
    format,
    text,
    versionLine: lineOfField(fields, 'version', source),
    templateLine: (fields.get('template') ?? fields.get('messages'))?.keyLine,
  };
}

type Fields = Map<string, { node: Node | null; keyLine: number | undefined }>;

function lineOfField(fields: Fields, field: string, source: SourceDoc): number | undefined {
  const entry = fields.get(field);
  return entry ? (source.lineOf(entry.node) ?? entry.keyLine) : undefined;
}

function readString(
  fields: Fields,
  field: string,
  source: SourceDoc,
  issues: IssueList,
  { required }: { required: boolean },
): string | undefined {
  const entry = fields.get(field);
  if (!entry) {
    if (required) issues.add(1, field, 'required field is missing');
    return undefined;
  }
  const { node } = entry;
  if (isScalar(node) && typeof node.value === 'string' && node.value.trim()) return node.value;
  issues.add(
    lineOfField(fields, field, source),
    field,
    `expected a non-empty string, got ${describeNode(node)}`,
  );
  return undefined;
}

function readVersion(fields: Fields, source: SourceDoc, issues: IssueList): string | undefined {
  const entry = fields.get('version');
  if (!entry) {
    issues.add(1, 'version', 'required field is missing (e.g. version: 1)');
    return undefined;
  }
  const { node } = entry;
  const line = lineOfField(fields, 'version', source);
  let version: string | undefined;
  // A number keeps its source text: `1.10` must not become `1.1`.
  if (isScalar(node) && typeof node.value === 'number') version = node.source ?? String(node.value);
  else if (isScalar(node) && typeof node.value === 'string') version = node.value.trim();
  if (version === undefined) {
    issues.add(line, 'version', `expected a string or number, got ${describeNode(node)}`);
    return undefined;
  }
  if (!VERSION_PATTERN.test(version)) {
    issues.add(line, 'version', `"${version}" may only use letters, digits, ".", "_", "+" and "-"`);
    return undefined;
  }
  return version;
}

function readTemplate(fields: Fields, source: SourceDoc, issues: IssueList): PromptTemplate | undefined {
  const template = fields.get('template');
  const messages = fields.get('messages');
  if (template && messages) {
    issues.add(
      messages.keyLine,
      'messages',
      'use either "template" (one user message) or "messages", not both',
    );
    return undefined;
  }
  if (template) {
    const { node } = template;
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim()) return node.value;
    issues.add(
      lineOfField(fields, 'template', source),
      'template',
      `expected a non-empty string, got ${describeNode(node)}`,
    );
    return undefined;
  }
  if (!messages) {
    issues.add(
      1,
      'template',
      'required: either "template" (a string) or "messages" (a list of {role, content})',
    );
    return undefined;
  }
  const list = messages.node;
  if (!isSeq(list) || list.items.length === 0) {
    issues.add(
      lineOfField(fields, 'messages', source),
      'messages',
      `expected a non-empty list of {role, content}, got ${isSeq(list) ? 'an empty list' : describeNode(list)}`,
    );
    return undefined;
  }
  const result: PromptMessageTemplate[] = [];
  list.items.forEach((item, index) => {
    const message = readMessage(source.resolve(item), `messages[${index}]`, source, issues);
    if (message) result.push(message);
  });
  return result.length === list.items.length ? result : undefined;
}

function readMessage(
  node: Node | null,
  field: string,
  source: SourceDoc,
  issues: IssueList,
): PromptMessageTemplate | undefined {
  if (!isMap(node)) {
    issues.add(
      source.lineOf(node),
      field,
      `expected a mapping with role and content, got ${describeNode(node)}`,
    );
    return undefined;
  }
  let role: PromptRole | undefined;
  let content: string | undefined;
  let ok = true;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : describeNode(pair.key);
    const value = source.resolve(pair.value);
    const line = source.lineOf(value) ?? source.lineOf(pair.key as Node);
    const scalar = isScalar(value) ? value.value : undefined;
    if (key === 'role') {
      if (typeof scalar === 'string' && (ROLES as readonly string[]).includes(scalar))
        role = scalar as PromptRole;
      else {
        const got = typeof scalar === 'string' ? `"${scalar}"` : describeNode(value);
        issues.add(line, `${field}.role`, `expected one of ${ROLES.join(', ')}, got ${got}`);
        ok = false;
      }
    } else if (key === 'content') {
      if (typeof scalar === 'string') content = scalar;
      else {
        issues.add(line, `${field}.content`, `expected a string, got ${describeNode(value)}`);
        ok = false;
      }
    } else {
      issues.add(
        source.lineOf(pair.key as Node),
        `${field}.${key}`,
        'unknown field (expected: role, content)',
      );
      ok = false;
    }
  }
  if (ok && role === undefined) issues.add(source.lineOf(node), `${field}.role`, 'required field is missing');
  if (ok && content === undefined)
    issues.add(source.lineOf(node), `${field}.content`, 'required field is missing');
  return ok && role && content !== undefined ? { role, content } : undefined;
}

/**
 * The template as lines, one `[role]` header line per message, for diffs. A string template reads as one
 * `[user]` message, exactly as it is hashed. One trailing newline per message is not shown (YAML `|` blocks
 * always add one); `diffPrompts` notes when that is the only difference.
 */
export function templateLines(template: PromptTemplate): string[] {
  const messages: readonly PromptMessageTemplate[] =
    typeof template === 'string' ? [{ role: 'user', content: template }] : template;
  return messages.flatMap((m) => {
    const lines = m.content.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    return [`[${m.role}]`, ...lines];
  });
}
