/**
 * Prompt versions: a prompt is a named, versioned template whose content hash travels on every LLM span made
 * with it, so a trace always says which exact prompt produced it (`gen_ai.prompt.name`,
 * `gen_ai.prompt.version`, `sightline.prompt.hash`).
 */
import { createHash } from 'node:crypto';

/** Roles a template message may have. */
export type PromptRole = 'system' | 'developer' | 'user' | 'assistant';

/** One templated chat message. Placeholders are `{{name}}` (spaces inside the braces allowed). */
export interface PromptMessageTemplate {
  role: PromptRole;
  content: string;
}

/** A single string (one user message) or a list of chat messages. */
export type PromptTemplate = string | readonly PromptMessageTemplate[];

/** A rendered chat message, in the shape both SDKs accept for text messages. */
export interface RenderedMessage {
  role: PromptRole;
  content: string;
}

export interface PromptDefinition {
  /** Stable name, e.g. `support-answer`. */
  name: string;
  /** Version label, e.g. `3` or `2025-06-01`; bump it whenever the template changes. */
  version: string;
  template: PromptTemplate;
  /** Optional model hint (not part of the hash). */
  model?: string;
  description?: string;
}

/** A defined prompt. `render` marks the returned messages so the instrumentations attribute the call. */
export interface Prompt extends PromptDefinition {
  /** sha256 of the canonical template, hex, first 16 characters. */
  readonly hash: string;
  /** Names of the template's variables, in order of first appearance. */
  readonly variables: readonly string[];
  /**
   * Renders the template. Throws a `PromptRenderError` naming the prompt and the variable when a variable
   * is missing; extra variables are ignored. The returned array and each message are registered so that an
   * LLM call made with them (or with a list containing these messages) carries the prompt's attributes.
   */
  render(variables?: Record<string, unknown>): RenderedMessage[];
}

/** Facts about the prompt that produced some messages, as the instrumentations record them. */
export interface PromptUse {
  name: string;
  version: string;
  hash: string;
  variables: Record<string, unknown>;
}

export class PromptRenderError extends Error {
  override name = 'PromptRenderError';
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** Normalises a template to its message-list form. */
export function templateMessages(template: PromptTemplate): PromptMessageTemplate[] {
  return typeof template === 'string'
    ? [{ role: 'user', content: template }]
    : template.map((m) => ({ ...m }));
}

/**
 * Content hash of a template: sha256 over a canonical JSON of its messages (role and content only, in order),
 * hex, first 16 characters. The same template always hashes the same, whatever the file or object it came from;
 * `@sightline/prompts` uses this for its lock file.
 */
export function promptContentHash(template: PromptTemplate): string {
  const canonical = JSON.stringify(templateMessages(template).map((m) => [m.role, m.content]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

const renderedBy = new WeakMap<object, PromptUse>();

/** The prompt that rendered `value` (a message array or a message object), if any. */
export function promptUseOf(value: unknown): PromptUse | undefined {
  return typeof value === 'object' && value !== null ? renderedBy.get(value) : undefined;
}

/** Defines a prompt. Validates name, version and template eagerly so mistakes fail at start-up. */
export function definePrompt(definition: PromptDefinition): Prompt {
  if (!definition.name?.trim()) throw new PromptRenderError('definePrompt: "name" is required');
  if (!String(definition.version ?? '').trim()) {
    throw new PromptRenderError(`definePrompt(${definition.name}): "version" is required`);
  }
  const messages = templateMessages(definition.template);
  if (messages.length === 0)
    throw new PromptRenderError(`definePrompt(${definition.name}): template is empty`);
  const variables = [
    ...new Set(messages.flatMap((m) => [...m.content.matchAll(PLACEHOLDER)].map((x) => x[1]))),
  ];
  const hash = promptContentHash(definition.template);
  const version = String(definition.version);
  return {
    ...definition,
    version,
    hash,
    variables,
    render(values = {}) {
      for (const variable of variables) {
        if (!(variable in values)) {
          throw new PromptRenderError(
            `prompt "${definition.name}" v${version}: missing variable "${variable}" (expected: ${variables.join(', ')})`,
          );
        }
      }
      const use: PromptUse = { name: definition.name, version, hash, variables: { ...values } };
      const rendered = messages.map((m) => {
        const message: RenderedMessage = {
          role: m.role,
          content: m.content.replace(PLACEHOLDER, (_, key: string) => stringify(values[key])),
        };
        renderedBy.set(message, use);
        return message;
      });
      renderedBy.set(rendered, use);
      return rendered;
    },
  };
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
