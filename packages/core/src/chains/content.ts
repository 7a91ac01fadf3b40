/** Opt-in content capture for tool spans: the environment default and redacted, size-limited JSON. */
import { parseJsonLoosely, serializeContent } from '../instrumentation/content.js';
import { reportTelemetryError } from '../instrumentation/report.js';
import type { Redactor } from '../options.js';
import { defaultRedactor } from '../redaction/index.js';
import { ENV_CAPTURE_MESSAGE_CONTENT } from '../semconv.js';

/** Default cap on a captured argument or result, in characters. */
export const DEFAULT_MAX_CONTENT_LENGTH = 16_384;

/**
 * Whether content capture is on by default: `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` set to `true`
 * (or `1`, or the newer drafts' `span_only` / `span_and_event`), read at call time so tests and apps can flip it.
 */
export function captureContentFromEnv(): boolean {
  const value = process.env[ENV_CAPTURE_MESSAGE_CONTENT]?.trim().toLowerCase();
  return value === 'true' || value === '1' || value === 'span_only' || value === 'span_and_event';
}

/**
 * A value as a span attribute string, with every text leaf passed through `redact` (default: the default
 * redactor, so API keys, bearer tokens and e-mail addresses never reach a span):
 * - a string holding a JSON object or array (tool payloads often are) and any other non-string value become
 *   JSON whose text leaves are cut to share `maxLength` characters, so the attribute stays valid JSON;
 * - any other string is recorded as text, cut to `maxLength` characters with a marker.
 * Never throws: a value that cannot be serialised, or a redactor that throws, gives a placeholder (never the
 * unredacted text).
 */
export function contentAttribute(
  value: unknown,
  maxLength = DEFAULT_MAX_CONTENT_LENGTH,
  redact: Redactor | false = defaultRedactor,
): string {
  const redactor = redact === false ? undefined : redact;
  const structured = parseJsonLoosely(value);
  if (typeof structured !== 'string') {
    return serializeContent(structured, { redact: redactor, maxContentLength: maxLength }) ?? UNSERIALIZABLE;
  }
  let text: string;
  try {
    text = redactor ? redactor(structured) : structured;
  } catch (error) {
    reportTelemetryError('tool content redaction', error);
    return UNSERIALIZABLE;
  }
  if (typeof text !== 'string') return UNSERIALIZABLE;
  if (text.length <= maxLength) return text;
  return `${text.slice(0, maxLength)}…[truncated ${text.length - maxLength} chars]`;
}

const UNSERIALIZABLE = '"[unserializable]"';
