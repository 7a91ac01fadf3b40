/**
 * The HTTP side of OTLP/HTTP as the OpenTelemetry Collector speaks it: which media types and encodings are
 * accepted, and how success and failure are answered (OTLP spec, "OTLP/HTTP Response").
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import type { OtlpSignal } from './proto-schema.js';
import { otlpProtoTypes } from './proto-schema.js';
import type { OtlpEncoding } from './types.js';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/** google.rpc.Code INVALID_ARGUMENT, the code a collector puts in the Status of a 400 answer. */
const RPC_INVALID_ARGUMENT = 3;

/** A failure to answer with a given HTTP status; the receiver turns it into a response, never a crash. */
export class HttpProblem extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'HttpProblem';
    this.status = status;
  }
}

/** Maps a `content-type` header to an OTLP encoding, ignoring parameters such as `charset`. */
export function encodingOf(contentType: string | undefined): OtlpEncoding | undefined {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/x-protobuf') return 'protobuf';
  return undefined;
}

/** Reads the whole body, refusing with 413 past `maxBytes` (after draining, so the client sees the answer). */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  if (size > maxBytes)
    throw new HttpProblem(413, `body of ${size} bytes exceeds the limit of ${maxBytes} bytes`);
  return Buffer.concat(chunks);
}

/** Undoes `content-encoding` (gzip, deflate or none); a body that does not decompress is a 400. */
export async function decompress(body: Buffer, contentEncoding: string | undefined): Promise<Buffer> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return body;
  try {
    if (encoding === 'gzip') return await gunzipAsync(body);
    if (encoding === 'deflate') return await inflateAsync(body);
  } catch (error) {
    throw new HttpProblem(400, `body is not valid ${encoding} data: ${(error as Error).message}`);
  }
  throw new HttpProblem(
    400,
    `unsupported content-encoding ${JSON.stringify(encoding)}; supported: gzip, deflate`,
  );
}

/** Answers 200 with an empty partial success, in the request's encoding (what a collector sends when all was taken). */
export function sendSuccess(response: ServerResponse, signal: OtlpSignal, encoding: OtlpEncoding): void {
  if (encoding === 'json') {
    send(response, 200, 'application/json', JSON.stringify({ partialSuccess: {} }));
    return;
  }
  const type = otlpProtoTypes().responses[signal];
  send(response, 200, 'application/x-protobuf', Buffer.from(type.encode(type.create({})).finish()));
}

/**
 * Answers a failure. A 400 to an OTLP request carries a google.rpc.Status in the request's encoding, as a
 * collector does; other statuses (404, 405, 413, 415, 500) and requests of unknown encoding get plain text.
 */
export function sendProblem(
  response: ServerResponse,
  status: number,
  message: string,
  encoding: OtlpEncoding | undefined,
): void {
  if (status === 400 && encoding === 'json') {
    send(response, status, 'application/json', JSON.stringify({ code: RPC_INVALID_ARGUMENT, message }));
  } else if (status === 400 && encoding === 'protobuf') {
    const type = otlpProtoTypes().rpcStatus;
    const bytes = type.encode(type.create({ code: RPC_INVALID_ARGUMENT, message })).finish();
    send(response, status, 'application/x-protobuf', Buffer.from(bytes));
  } else {
    send(response, status, 'text/plain; charset=utf-8', message);
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
