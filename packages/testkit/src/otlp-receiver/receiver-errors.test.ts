import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from './index.js';
import { otlpProtoTypes } from './proto-schema.js';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';

/** A minimal valid OTLP/JSON trace request, written by hand as a non-JS exporter would (intValue as a string). */
function jsonTraceRequest(spanName: string) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'handwritten' } }] },
        scopeSpans: [
          {
            scope: { name: 'manual' },
            spans: [
              {
                traceId: TRACE_ID,
                spanId: SPAN_ID,
                parentSpanId: '',
                name: spanName,
                kind: 'SPAN_KIND_INTERNAL',
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000250000000',
                attributes: [
                  { key: 'big', value: { intValue: '9007199254740993' } },
                  { key: 'count', value: { intValue: '12' } },
                  {
                    key: 'map',
                    value: { kvlistValue: { values: [{ key: 'k', value: { doubleValue: 0.5 } }] } },
                  },
                  { key: 'raw', value: { bytesValue: Buffer.from([1, 2, 3]).toString('base64') } },
                ],
                status: {},
              },
            ],
          },
        ],
      },
    ],
  };
}

async function post(url: string, body: string | Uint8Array, headers: Record<string, string>) {
  const payload = typeof body === 'string' ? body : new Uint8Array(body);
  const response = await fetch(url, { method: 'POST', body: payload, headers });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  };
}

describe('OTLP receiver: bad input', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(() => receiver.reset());

  /** After every refusal the receiver must still take a good request. */
  async function expectStillWorking(): Promise<void> {
    const ok = await post(receiver.endpoints.traces, JSON.stringify(jsonTraceRequest('after')), {
      'content-type': 'application/json',
    });
    expect(ok).toEqual({ status: 200, contentType: 'application/json', body: '{"partialSuccess":{}}' });
    expect(receiver.spans().map((span) => span.name)).toEqual(['after']);
  }

  it('accepts hand-written OTLP/JSON: string ints, enum names, kvlists, bytes, big ints', async () => {
    const response = await post(receiver.endpoints.traces, JSON.stringify(jsonTraceRequest('manual')), {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(response.status).toBe(200);
    const [span] = receiver.spans();
    expect(span).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      parentSpanId: undefined,
      kind: 'INTERNAL',
    });
    expect(span.attributes).toEqual({
      big: 9007199254740993n,
      count: 12,
      map: { k: 0.5 },
      raw: new Uint8Array([1, 2, 3]),
    });
    expect(span.durationMs).toBe(250);
    expect(span.startTimeMs).toBe(1_700_000_000_000);
    expect(span.status).toEqual({ code: 'UNSET', message: '' });
    expect(span.scope).toEqual({ name: 'manual', version: undefined, attributes: {}, schemaUrl: undefined });
  });

  it('answers malformed JSON with 400 and a google.rpc.Status body', async () => {
    const response = await post(receiver.endpoints.traces, '{"resourceSpans": [', {
      'content-type': 'application/json',
    });
    expect(response.status).toBe(400);
    expect(response.contentType).toBe('application/json');
    const status = JSON.parse(response.body) as { code: number; message: string };
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/not valid JSON/);
    await expectStillWorking();
  });

  it('names the bad field of a well-formed JSON request with the wrong shape', async () => {
    const request = jsonTraceRequest('bad-id');
    request.resourceSpans[0].scopeSpans[0].spans[0].traceId = 'not-hex';
    const response = await post(receiver.endpoints.traces, JSON.stringify(request), {
      'content-type': 'application/json',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      code: 3,
      message:
        'resourceSpans[0].scopeSpans[0].spans[0].traceId: expected 32 hex digits, got the string "not-hex"',
    });
    expect(receiver.rejectedRequests()).toHaveLength(1);
    await expectStillWorking();
  });

  it('answers undecodable protobuf with 400 and a protobuf google.rpc.Status', async () => {
    // Field 1 (resource_spans), length 16, but only one byte follows: a truncated message.
    const garbage = new Uint8Array([0x0a, 0x10, 0x01]);
    const response = await fetch(receiver.endpoints.traces, {
      method: 'POST',
      body: garbage,
      headers: { 'content-type': 'application/x-protobuf' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    const status = otlpProtoTypes()
      .rpcStatus.decode(new Uint8Array(await response.arrayBuffer()))
      .toJSON();
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/not a protobuf ExportTraceServiceRequest/);

    const text = await post(receiver.endpoints.metrics, 'this is not protobuf', {
      'content-type': 'application/x-protobuf',
    });
    expect(text.status).toBe(400);
    expect(receiver.rejectedRequests().map((rejected) => rejected.message)).toEqual([
      expect.stringMatching(/ExportTraceServiceRequest: index out of range/),
      expect.stringMatching(/ExportMetricsServiceRequest: invalid wire type 4/),
    ]);
    await expectStillWorking();
  });

  it('answers a body that is not gzip despite content-encoding: gzip with 400', async () => {
    const response = await post(receiver.endpoints.traces, JSON.stringify(jsonTraceRequest('x')), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toMatch(/not valid gzip data/);
    await expectStillWorking();
  });

  it('accepts a hand-gzipped JSON body', async () => {
    const response = await post(receiver.endpoints.logs, gzipSync(JSON.stringify({ resourceLogs: [] })), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(response.status).toBe(200);
    expect(receiver.rawLogRequests()[0].gzip).toBe(true);
  });

  it('answers 404 to an unknown path, 405 to GET and 415 to another content type', async () => {
    const notFound = await post(`${receiver.url}/v1/profiles`, '{}', { 'content-type': 'application/json' });
    expect(notFound.status).toBe(404);
    const wrongMethod = await fetch(receiver.endpoints.traces);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const wrongType = await post(receiver.endpoints.traces, 'hello', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body).toMatch(/unsupported media type "text\/plain"/);
    expect(receiver.rejectedRequests().map((rejected) => rejected.status)).toEqual([404, 405, 415]);
    await expectStillWorking();
  });

  it('answers 413 past maxBodyBytes', async () => {
    const small = await startOtlpReceiver({ maxBodyBytes: 64 });
    try {
      const response = await post(small.endpoints.traces, JSON.stringify(jsonTraceRequest('big')), {
        'content-type': 'application/json',
      });
      expect(response.status).toBe(413);
      expect(small.spans()).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('fails waits once closed', async () => {
    const closing = await startOtlpReceiver();
    const pending = closing.waitForSpans(1, { timeoutMs: 10_000 });
    await closing.close();
    await expect(pending).rejects.toThrow(/closed/);
    await expect(closing.waitForSpans(1)).rejects.toThrow(/closed/);
    await closing.close();
  });
});
