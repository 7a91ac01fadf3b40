import Anthropic from '@anthropic-ai/sdk';
import { faults } from '@sightline/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAnthropic } from '../src/index.js';
import { basicParams, type Harness, rejectionOf, startHarness, streamParams } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.reset());
afterAll(() => h.close());

function client() {
  return instrumentAnthropic(h.client(), { tracerProvider: h.tracerProvider });
}

const HTTP_FAULTS = [
  ['400', faults.badRequest({ message: 'messages: bad' }), Anthropic.BadRequestError],
  ['401', faults.unauthorized(), Anthropic.AuthenticationError],
  ['429', faults.rateLimit({ retryAfter: 1 }), Anthropic.RateLimitError],
  ['500', faults.serverError(), Anthropic.InternalServerError],
  ['529', faults.overloaded(), Anthropic.InternalServerError],
] as const;

describe('failures', () => {
  for (const [status, fault, errorClass] of HTTP_FAULTS) {
    for (const stream of [false, true]) {
      it(`HTTP ${status}${stream ? ' (stream)' : ''}: same error to the app, ERROR span with error.type`, async () => {
        h.fake.script({ provider: 'anthropic', fault });
        const error = await rejectionOf(client().messages.create(stream ? streamParams() : basicParams()));
        expect(error).toBeInstanceOf(errorClass);
        expect((error as { status: number }).status).toBe(Number(status));
        const span = h.onlySpan();
        expect(span.status.code).toBe(2);
        expect(span.attributes['error.type']).toBe((error as Error).constructor.name);
        expect(span.attributes['sightline.context.overflow']).toBeUndefined();
        expect(span.events.some((e) => e.name === 'exception')).toBe(true);
      });
    }
  }

  it('marks a context overflow ("prompt is too long")', async () => {
    h.fake.script({ provider: 'anthropic', fault: faults.contextLengthExceeded() });
    const error = await rejectionOf(client().messages.create(basicParams()));
    expect(String((error as Error).message)).toMatch(/prompt is too long/);
    const span = h.onlySpan();
    expect(span.attributes['sightline.context.overflow']).toBe(true);
    expect(span.attributes['sightline.context.window']).toBe(200_000);
    expect(span.attributes['error.type']).toBe('BadRequestError');
  });

  it('a connection failure before any byte fails the span', async () => {
    h.fake.script({ provider: 'anthropic', fault: faults.disconnect() });
    const error = await rejectionOf(client().messages.create(basicParams()));
    expect(error).toBeInstanceOf(Anthropic.APIConnectionError);
    expect(h.onlySpan().attributes['error.type']).toBe('APIConnectionError');
  });

  it('malformed JSON in a 200 reply fails the span', async () => {
    h.fake.script({ provider: 'anthropic', fault: faults.malformed() });
    const error = await rejectionOf(client().messages.create(basicParams()));
    expect(error).toBeInstanceOf(Error);
    const span = h.onlySpan();
    expect(span.status.code).toBe(2);
    expect(span.attributes['http.response.status_code']).toBe(200);
  });

  it('a hanging request aborted by the app ends its span', async () => {
    h.fake.script({ provider: 'anthropic', fault: faults.hang() });
    const controller = new AbortController();
    const pending = client().messages.create(basicParams(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const error = await rejectionOf(pending);
    expect(error).toBeInstanceOf(Anthropic.APIUserAbortError);
    expect(h.onlySpan().attributes['error.type']).toBe('APIUserAbortError');
  });
});
