/** Reads the OTLP/JSON lines files the `file` exporter writes, as plain spans, for comparisons with the receiver. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FileSpan {
  file: string;
  line: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}

function plainValue(value: Record<string, unknown>): unknown {
  if ('intValue' in value) return Number(value.intValue);
  if ('arrayValue' in value) {
    const values = (value.arrayValue as { values?: Record<string, unknown>[] }).values ?? [];
    return values.map(plainValue);
  }
  return Object.values(value)[0];
}

/** Every span of every `*.jsonl` file in `dir`; throws naming file and line when a line is not OTLP/JSON. */
export function readSpanFiles(dir: string): FileSpan[] {
  const spans: FileSpan[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((text, index) => {
      if (text.trim() === '') return;
      let request: { resourceSpans?: { scopeSpans?: { spans?: Record<string, unknown>[] }[] }[] };
      try {
        request = JSON.parse(text);
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not JSON (${(error as Error).message})`);
      }
      if (!Array.isArray(request.resourceSpans)) throw new Error(`${file}:${index + 1}: no resourceSpans`);
      for (const resource of request.resourceSpans) {
        for (const scope of resource.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              file,
              line: index + 1,
              traceId: String(span.traceId),
              spanId: String(span.spanId),
              parentSpanId: span.parentSpanId ? String(span.parentSpanId) : undefined,
              name: String(span.name),
              attributes: Object.fromEntries(
                ((span.attributes as OtlpAttribute[] | undefined) ?? []).map((a) => [
                  a.key,
                  plainValue(a.value),
                ]),
              ),
            });
          }
        }
      }
    });
  }
  return spans;
}
