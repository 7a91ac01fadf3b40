import { describe, expect, test } from 'vitest';
import { createRedactor, defaultRedactor } from './index.js';

describe('defaultRedactor', () => {
  test.each([
    ['key sk-abcdefghijklmnopqrstuvwxyz123456 end', 'key [REDACTED_API_KEY] end'],
    ['sk-proj-AbC_dEf-0123456789abcdefXYZ', '[REDACTED_API_KEY]'],
    ['sk-ant-api03-abcdefghijklmnopqrstuv_wxyz', '[REDACTED_API_KEY]'],
    ['Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9.abc', 'Authorization: Bearer [REDACTED]'],
    ['mail jane.doe+tag@mail.example.co.uk now', 'mail [REDACTED_EMAIL] now'],
    ['token ghp_0123456789abcdefghijABCDEFGHIJ', 'token [REDACTED_TOKEN]'],
    ['AKIAABCDEFGHIJKLMNOP', '[REDACTED_TOKEN]'],
  ])('%s', (input, expected) => {
    expect(defaultRedactor(input)).toBe(expected);
  });

  test('leaves ordinary text alone', () => {
    const text = 'Ask the sk- team at 10:30, see ticket #42.';
    expect(defaultRedactor(text)).toBe(text);
  });

  test('createRedactor rejects non-global patterns with the rule name', () => {
    expect(() => createRedactor([{ name: 'ssn', pattern: /\d{3}-\d{2}-\d{4}/, replacement: 'x' }])).toThrow(
      /"ssn".*g flag/,
    );
  });
});
