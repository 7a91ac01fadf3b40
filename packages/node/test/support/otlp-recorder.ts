import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One POST the recorder received, body parsed as JSON (the OTLP/HTTP JSON exporters' encoding). */
export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A minimal OTLP/HTTP endpoint: answers every POST with `200 {}` and keeps what it received. */
export interface OtlpRecorder {
  /** Base URL to put in OTEL_EXPORTER_OTLP_ENDPOINT, e.g. `http://127.0.0.1:43123`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startOtlpRecorder(): Promise<OtlpRecorder> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let raw = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      requests.push({
        path: request.url ?? '',
        headers: request.headers,
        body: JSON.parse(raw.toString('utf8')),
      });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
