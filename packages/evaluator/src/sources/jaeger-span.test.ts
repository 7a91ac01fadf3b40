import { describe, expect, it } from 'vitest';
import { otlpAttributeToTag } from '../../test/support/jaeger-fixture.js';
import { InputError } from '../errors.js';
import type { CallRecord, StepRecord } from '../records.js';
import { type JaegerSpan, jaegerSpanToOtlp, padId, serviceOfProcess, tagToAnyValue } from './jaeger-span.js';
import { spanToRecord } from './span-record.js';

const span = (tags: JaegerSpan['tags'], extra: Partial<JaegerSpan> = {}): JaegerSpan => ({
  traceID: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanID: '00f067aa0ba902b7',
  operationName: 'chat gpt-4o',
  references: [],
  startTime: 1_750_000_000_123_456,
  duration: 1_500_250,
  tags,
  logs: [],
  processID: 'p1',
  warnings: null,
  ...extra,
});
const chat = [{ key: 'gen_ai.operation.name', type: 'string', value: 'chat' }];
const callOf = (s: JaegerSpan) => spanToRecord(jaegerSpanToOtlp(s), 'svc') as CallRecord;

describe('Jaeger tags back to OTLP values', () => {
  it('maps each Jaeger type to its OTLP value', () => {
    expect(tagToAnyValue({ key: 'a', type: 'string', value: 'x' })).toEqual({ stringValue: 'x' });
    expect(tagToAnyValue({ key: 'a', type: 'bool', value: true })).toEqual({ boolValue: true });
    expect(tagToAnyValue({ key: 'a', type: 'int64', value: 12 })).toEqual({ intValue: 12 });
    expect(tagToAnyValue({ key: 'a', type: 'float64', value: 0.5 })).toEqual({ doubleValue: 0.5 });
    expect(tagToAnyValue({ key: 'a', type: 'binary', value: 'AQI=' })).toEqual({ bytesValue: 'AQI=' });
    // Jaeger prints int64 beyond 2^53 as a decimal string, with type int64.
    expect(tagToAnyValue({ key: 'a', type: 'int64', value: '9007199254740993' })).toEqual({
      intValue: '9007199254740993',
    });
  });

  it('turns the JSON text Jaeger stores for an array attribute back into an array', () => {
    const reasons = otlpAttributeToTag('gen_ai.response.finish_reasons', {
      arrayValue: { values: [{ stringValue: 'stop' }, { stringValue: '<length> & co' }] },
    });
    // Exactly what Go's encoding/json writes.
    expect(reasons.value).toBe('["stop","\\u003clength\\u003e \\u0026 co"]');
    const call = callOf(span([...chat, reasons]));
    expect(call.finishReasons).toEqual(['stop', '<length> & co']);
  });

  it('keeps JSON-looking strings that are strings in the conventions (output messages)', () => {
    const messages = '[{"role":"assistant","parts":[{"type":"text","content":"hi"}],"finish_reason":"stop"}]';
    const call = callOf(span([...chat, { key: 'gen_ai.output.messages', type: 'string', value: messages }]));
    expect(call.outputText).toBe('hi');
    expect(call.finishReasons).toEqual(['stop']);
  });

  it('leaves a finish_reasons string that is not a JSON array to the usual wrong-type error', () => {
    const bad = span([...chat, { key: 'gen_ai.response.finish_reasons', type: 'string', value: 'stop' }]);
    expect(() => callOf(bad)).toThrow(InputError);
    expect(() => callOf(bad)).toThrow(/gen_ai.response.finish_reasons: expected a string array/);
  });
});

describe('Jaeger span to OTLP span', () => {
  it('converts microseconds to nanoseconds without losing digits', () => {
    const otlp = jaegerSpanToOtlp(span(chat));
    expect(otlp.startTimeUnixNano).toBe('1750000000123456000');
    expect(otlp.endTimeUnixNano).toBe('1750000001623706000');
    const call = callOf(span(chat));
    expect(call.startTimeMs).toBe(1_750_000_000_123.456);
    expect(call.durationMs).toBeCloseTo(1500.25, 6);
  });

  it('pads a trace id Jaeger printed without its zero high half', () => {
    const otlp = jaegerSpanToOtlp(span(chat, { traceID: 'a3ce929d0e0e4736', spanID: 'BA902B7' }));
    expect(otlp.traceId).toBe('0000000000000000a3ce929d0e0e4736');
    expect(otlp.spanId).toBe('000000000ba902b7');
    expect(() => padId('xyz', 16, 'spanID')).toThrow(/spanID: expected a hex id/);
    expect(() => padId('1'.repeat(33), 32, 'traceID')).toThrow(InputError);
  });

  it('reads failure from otel.status_code, else from error=true (non-OTel clients)', () => {
    expect(
      callOf(span([...chat, { key: 'otel.status_code', type: 'string', value: 'ERROR' }])).errorType,
    ).toBe('_OTHER');
    expect(callOf(span([...chat, { key: 'error', type: 'bool', value: true }])).errorType).toBe('_OTHER');
    expect(
      callOf(
        span([
          ...chat,
          { key: 'otel.status_code', type: 'string', value: 'OK' },
          { key: 'error', type: 'bool', value: true },
        ]),
      ).errorType,
    ).toBeUndefined();
    expect(
      callOf(
        span([
          ...chat,
          { key: 'error.type', type: 'string', value: 'rate_limit' },
          { key: 'otel.status_code', type: 'string', value: 'ERROR' },
        ]),
      ).errorType,
    ).toBe('rate_limit');
    const step = spanToRecord(
      jaegerSpanToOtlp(
        span([
          { key: 'sightline.chain.kind', type: 'string', value: 'tool' },
          { key: 'error', type: 'bool', value: true },
        ]),
      ),
      'svc',
    ) as StepRecord;
    expect(step).toMatchObject({ kind: 'step', step: 'tool', errorType: '_OTHER' });
  });

  it('turns logs into events named by their event field (context truncation)', () => {
    const logs = [
      { timestamp: 1, fields: [{ key: 'message', type: 'string', value: 'x' }] },
      {
        timestamp: 2,
        fields: [
          { key: 'event', type: 'string', value: 'sightline.context.truncated' },
          { key: 'sightline.context.strategy', type: 'string', value: 'drop-oldest' },
        ],
      },
    ];
    expect(jaegerSpanToOtlp(span(chat, { logs })).events).toEqual([{ name: 'sightline.context.truncated' }]);
    expect(callOf(span(chat, { logs })).contextTruncated).toBe(true);
    expect(callOf(span(chat)).contextTruncated).toBeUndefined();
  });

  it('rejects malformed times and tags with the field', () => {
    const cases: [Partial<JaegerSpan>, string][] = [
      [{ startTime: -1 }, 'startTime'],
      [{ duration: 1.5 }, 'duration'],
      [{ tags: [null] as unknown as JaegerSpan['tags'] }, 'tags[0]'],
      [{ tags: {} as unknown as JaegerSpan['tags'] }, 'tags'],
    ];
    for (const [extra, field] of cases) {
      const error = (() => {
        try {
          jaegerSpanToOtlp(span(chat, extra));
        } catch (e) {
          return e as InputError;
        }
      })();
      expect(error).toBeInstanceOf(InputError);
      expect(error?.field).toBe(field);
    }
  });

  it('gives no service for a resource Jaeger received without attributes', () => {
    expect(serviceOfProcess({ serviceName: 'OTLPResourceNoServiceName' })).toBeUndefined();
    expect(serviceOfProcess({ serviceName: '' })).toBeUndefined();
    expect(serviceOfProcess({ serviceName: 'support-bot', tags: [] })).toBe('support-bot');
  });
});
