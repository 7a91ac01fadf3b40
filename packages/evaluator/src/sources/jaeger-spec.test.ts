import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { isJaegerSpec, jaegerSource, parseJaegerSpec } from './jaeger.js';
import { parseDurationMs, parseTimeMs, resolveJaegerOptions } from './jaeger-options.js';

describe('parseJaegerSpec', () => {
  it('reads the full form', () => {
    const spec =
      'jaeger:http://localhost:16686?service=support-bot&lookback=7d&limit=1500&pageSize=300' +
      '&operation=chat%20gpt-4o&tags=%7B%22error%22%3A%22true%22%7D&tag=env:prod&timeout=45s&maxRequests=50';
    expect(isJaegerSpec(spec)).toBe(true);
    expect(parseJaegerSpec(spec)).toEqual({
      baseUrl: 'http://localhost:16686',
      service: 'support-bot',
      lookback: '7d',
      limit: 1500,
      pageSize: 300,
      operation: 'chat gpt-4o',
      tags: { error: 'true', env: 'prod' },
      timeoutMs: 45_000,
      maxRequests: 50,
    });
  });

  it('keeps a base path, cuts a pasted UI or API URL back to the root, and accepts jaeger://', () => {
    expect(parseJaegerSpec('jaeger:https://ops.example.com/jaeger/?service=a').baseUrl).toBe(
      'https://ops.example.com/jaeger',
    );
    expect(parseJaegerSpec('jaeger:http://h:16686/search?service=a').baseUrl).toBe('http://h:16686');
    expect(parseJaegerSpec('jaeger:http://h:16686/api/traces?service=a').baseUrl).toBe('http://h:16686');
    expect(parseJaegerSpec('jaeger://h:16686?service=a').baseUrl).toBe('http://h:16686');
  });

  it('turns URL credentials into a Basic authorization header', () => {
    const options = parseJaegerSpec('jaeger:https://me:p%40ss@h?service=a');
    expect(options.baseUrl).toBe('https://h');
    expect(options.headers).toEqual({ authorization: `Basic ${Buffer.from('me:p@ss').toString('base64')}` });
  });

  it('keeps start and end as written, to be resolved at read time', () => {
    const options = parseJaegerSpec('jaeger:http://h?service=a&start=14d&end=2025-06-01T00:00:00');
    expect(options).toMatchObject({ start: '14d', end: '2025-06-01T00:00:00' });
  });

  it.each([
    ['jaeger:http://h?service=a&servce=b', 'servce', /unknown parameter "servce"/],
    ['jaeger:http://h?lookback=1h', 'service', /missing service=NAME/],
    ['jaeger:http://h?service=a&limit=0', 'limit', /positive integer, got "0"/],
    ['jaeger:http://h?service=a&limit=1e3', 'limit', /positive integer/],
    ['jaeger:http://h?service=a&lookback=week', 'lookback', /duration such as 1h/],
    ['jaeger:http://h?service=a&start=yesterday', 'start', /invalid time "yesterday"/],
    ['jaeger:http://h?service=a&tags={bad', 'tags', /not valid JSON/],
    ['jaeger:http://h?service=a&tags=[1]', 'tags', /JSON object/],
    ['jaeger:http://h?service=a&tags={"n":1}', 'tags.n', /must be strings/],
    ['jaeger:http://h?service=a&tag=novalue', 'tag', /key:value/],
    ['jaeger:http://h?service=a&allServices=yes', 'allServices', /true or false/],
    ['jaeger:ftp://h?service=a', 'url', /http:\/\/ or https:\/\//],
    ['jaeger:not a url', 'url', /invalid URL/],
  ])('rejects %s (field %s)', (spec, field, message) => {
    let error: unknown;
    try {
      parseJaegerSpec(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect((error as InputError).message).toMatch(message);
  });

  it('never echoes a password in an error', () => {
    expect(() => parseJaegerSpec('jaeger:https://me:secret@h?service=a&x=1')).toThrow(/me:\*\*\*@h/);
    expect(() => parseJaegerSpec('jaeger:https://me:secret@h?service=a&x=1')).not.toThrow(/secret/);
  });
});

describe('options', () => {
  it('parses durations and times', () => {
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(parseDurationMs('500ms')).toBe(500);
    expect(parseDurationMs('2w')).toBe(14 * 86_400_000);
    expect(parseDurationMs('1 h')).toBeUndefined();
    const now = Date.UTC(2025, 5, 10);
    expect(parseTimeMs('now', now, 'end')).toBe(now);
    expect(parseTimeMs('1d', now, 'start')).toBe(now - 86_400_000);
    expect(parseTimeMs('2025-06-01', now, 'start')).toBe(Date.UTC(2025, 5, 1));
    expect(parseTimeMs('2025-06-01T10:00:00', now, 'start')).toBe(Date.UTC(2025, 5, 1, 10));
    expect(parseTimeMs('2025-06-01T10:00:00+02:00', now, 'start')).toBe(Date.UTC(2025, 5, 1, 8));
  });

  it('defaults to the last hour, in whole microseconds, inclusive', () => {
    const now = 1_750_000_000_000.5;
    const resolved = resolveJaegerOptions({ baseUrl: 'http://h:16686/', service: 's', now: () => now });
    expect(resolved).toMatchObject({
      tracesUrl: 'http://h:16686/api/traces',
      startMicros: 1_749_996_400_000_500,
      endMicros: 1_750_000_000_000_500,
      pageSize: 200,
      timeoutMs: 30_000,
      maxRequests: 1000,
      limit: Number.POSITIVE_INFINITY,
      allServices: false,
    });
  });

  it('rejects bad options where the source is made', () => {
    const bad: [Parameters<typeof jaegerSource>[0], string][] = [
      [{ baseUrl: 'localhost:16686', service: 's' }, 'baseUrl'],
      [{ baseUrl: 'http://u:p@h', service: 's' }, 'baseUrl'],
      [{ baseUrl: 'http://h', service: ' ' }, 'service'],
      [{ baseUrl: 'http://h', service: 's', pageSize: 0 }, 'pageSize'],
      [{ baseUrl: 'http://h', service: 's', start: '1h', end: '2h' }, 'start'],
      [{ baseUrl: 'http://h', service: 's', lookback: -5 }, 'lookback'],
      [{ baseUrl: 'http://h', service: 's', tags: { a: 1 as unknown as string } }, 'tags.a'],
    ];
    for (const [options, field] of bad) {
      let error: unknown;
      try {
        jaegerSource(options);
      } catch (e) {
        error = e;
      }
      expect(error, field).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
    }
  });
});
