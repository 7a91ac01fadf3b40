/**
 * Redaction of captured content: the one home for what Sightline masks before text reaches a span.
 *
 * Redaction runs on text leaves (a message's text, a tool call's arguments), never on serialized JSON, so a
 * replacement can never break the JSON of a content attribute.
 */
import type { Redactor } from '../options.js';

/** One masking rule: every match of `pattern` (a global regular expression) becomes `replacement`. */
export interface RedactionRule {
  name: string;
  pattern: RegExp;
  replacement: string;
}

/**
 * The rules of `defaultRedactor`, in the order they run. API keys first (an e-mail rule must not eat parts of
 * a key), then bearer tokens, then e-mail addresses.
 */
export const DEFAULT_REDACTION_RULES: readonly RedactionRule[] = [
  {
    // OpenAI (sk-…, sk-proj-…, sk-svcacct-…, sk-admin-…) and Anthropic (sk-ant-api03-…) keys.
    name: 'api-key',
    pattern: /\bsk-(?:proj-|ant-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}/g,
    replacement: '[REDACTED_API_KEY]',
  },
  {
    // GitHub, Slack, Google and AWS access keys: cheap to check, costly to leak.
    name: 'platform-token',
    pattern:
      /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|AKIA[0-9A-Z]{16})\b/g,
    replacement: '[REDACTED_TOKEN]',
  },
  {
    name: 'bearer-token',
    pattern: /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
    replacement: 'Bearer [REDACTED]',
  },
  {
    name: 'email',
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
    replacement: '[REDACTED_EMAIL]',
  },
];

/**
 * Builds a redactor from rules. The result is pure and never throws for string input; a rule's pattern must
 * be global (`/…/g`), otherwise only its first match per text would be masked, so non-global patterns are
 * rejected here with a clear error.
 */
export function createRedactor(rules: readonly RedactionRule[]): Redactor {
  for (const rule of rules) {
    if (!rule.pattern.global) {
      throw new TypeError(
        `redaction rule "${rule.name}": pattern ${String(rule.pattern)} must have the g flag`,
      );
    }
  }
  return (text: string): string => {
    let out = text;
    for (const rule of rules) out = out.replace(rule.pattern, rule.replacement);
    return out;
  };
}

/**
 * The default redactor: masks API keys (`sk-…`, `sk-proj-…`, `sk-ant-…`, GitHub/Slack/Google/AWS tokens),
 * bearer tokens and e-mail addresses. Compose it with your own: `redact: (t) => myRules(defaultRedactor(t))`.
 */
export const defaultRedactor: Redactor = createRedactor(DEFAULT_REDACTION_RULES);
