import { describe, expect, it, test } from 'vitest';
import { defaultRedactor } from '../redaction/index.js';
import { blobPart, parseJsonLoosely, serializeContent, toolCallPart, uriPart } from './content.js';

const limits = (maxContentLength: number) => ({ redact: defaultRedactor, maxContentLength });

describe('serializeContent', () => {
  test('redacts string leaves, not keys, and keeps JSON valid', () => {
    const json = serializeContent(
      [{ role: 'user', parts: [{ type: 'text', content: 'mail a@b.io "quoted"' }] }],
      limits(1000),
    );
    expect(JSON.parse(json ?? '')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'mail [REDACTED_EMAIL] "quoted"' }] },
    ]);
  });

  test('budget: short leaves stay whole, long ones share the rest, structure untouched', () => {
    const value = [
      { role: 'system', parts: [{ type: 'text', content: 'short' }] },
      { role: 'user', parts: [{ type: 'text', content: 'a'.repeat(100) }] },
      { role: 'assistant', parts: [{ type: 'text', content: 'b'.repeat(100) }] },
    ];
    const parsed = JSON.parse(serializeContent(value, limits(45)) ?? '') as typeof value;
    expect(parsed.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(parsed[0].parts[0].content).toBe('short');
    expect(parsed[1].parts[0].content).toBe(`${'a'.repeat(20)}…[truncated 80 chars]`);
    expect(parsed[2].parts[0].content).toBe(`${'b'.repeat(20)}…[truncated 80 chars]`);
  });

  test('a throwing redactor yields undefined, never the raw text', () => {
    expect(
      serializeContent('secret', {
        redact: () => {
          throw new Error('x');
        },
        maxContentLength: 10,
      }),
    ).toBeUndefined();
  });

  test('cyclic input is cut at a depth limit instead of failing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(serializeContent(cyclic, limits(10))).toBeTypeOf('string');
  });
});

describe('parts helpers', () => {
  test('tool call arguments are parsed when JSON, kept as text otherwise', () => {
    expect(toolCallPart('c1', 'f', '{"a":1}')).toEqual({
      type: 'tool_call',
      id: 'c1',
      name: 'f',
      arguments: { a: 1 },
    });
    expect(toolCallPart(undefined, 'f', '{"a":')).toEqual({
      type: 'tool_call',
      name: 'f',
      arguments: '{"a":',
    });
    expect(parseJsonLoosely('plain')).toBe('plain');
  });
});

describe('inline data is never copied onto spans', () => {
  it('replaces base64 with a placeholder that keeps modality, type and size', () => {
    expect(blobPart('audio', 'QUJD', 'audio/wav')).toEqual({
      type: 'blob',
      modality: 'audio',
      mime_type: 'audio/wav',
      content: '[base64 omitted: 4 chars]',
    });
    expect(uriPart('data:image/png;base64,iVBORw0KGgo=', 'image')).toEqual({
      type: 'blob',
      modality: 'image',
      mime_type: 'image/png',
      content: '[base64 omitted: 12 chars]',
    });
  });

  it('keeps ordinary URIs as uri parts', () => {
    expect(uriPart('https://example.com/cat.png', 'image')).toEqual({
      type: 'uri',
      modality: 'image',
      uri: 'https://example.com/cat.png',
    });
  });
});
