/** Opt-in content capture for tool spans: the environment default and size-limited JSON. */
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
 * A value as a span attribute string: strings as they are (tool payloads are often JSON already), everything
 * else as JSON; cut to `maxLength` characters with a marker. Never throws (circular or BigInt values give a
 * placeholder).
 */
export function contentAttribute(value: unknown, maxLength = DEFAULT_MAX_CONTENT_LENGTH): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = '"[unserializable]"';
    }
  }
  if (text.length <= maxLength) return text;
  return `${text.slice(0, maxLength)}…[truncated ${text.length - maxLength} chars]`;
}
