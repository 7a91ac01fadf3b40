/** Short, stable text renderings of spans and values for failure messages. */
import type { AttributeValue, SpanView } from '../otlp-receiver/types.js';

const MAX_VALUE_CHARS = 60;

/** Renders an attribute value compactly: strings quoted, long values cut with an ellipsis. */
export function formatValue(value: AttributeValue | undefined): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (value instanceof Uint8Array) text = `<${value.length} bytes>`;
  else if (Array.isArray(value)) text = `[${value.map((item) => formatValue(item)).join(', ')}]`;
  else if (value !== null && typeof value === 'object') {
    text = `{${Object.entries(value)
      .map(([key, entry]) => `${key}: ${formatValue(entry)}`)
      .join(', ')}}`;
  } else text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** One line per span: name, kind, status, duration, short ids and attributes. */
export function formatSpanLine(span: SpanView): string {
  const status =
    span.status.code === 'UNSET'
      ? ''
      : ` ${span.status.code}${span.status.message ? `: ${span.status.message}` : ''}`;
  const attributes = Object.entries(span.attributes)
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(', ');
  return (
    `${JSON.stringify(span.name)} [${span.kind}${status}] ${span.durationMs.toFixed(1)}ms` +
    ` span=${span.spanId}` +
    (attributes ? ` {${attributes}}` : '')
  );
}
