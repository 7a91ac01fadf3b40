/**
 * A real OTLP/HTTP receiver for tests: the real OTel exporters post to it over HTTP exactly as they would to a
 * collector, and the test reads back normalised spans, metrics and logs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJsonRequest } from './decode-json.js';
import { decodeProtobufRequest } from './decode-protobuf.js';
import { decompress, encodingOf, HttpProblem, readBody, sendProblem, sendSuccess } from './http-protocol.js';
import { OtlpDecodeError } from './normalise-common.js';
import { normaliseLogs } from './normalise-logs.js';
import { normaliseMetrics } from './normalise-metrics.js';
import { normaliseTraces } from './normalise-traces.js';
import type { OtlpSignal } from './proto-schema.js';
import { TelemetryStore, type WaitOptions } from './telemetry-store.js';
import type {
  OtlpEncoding,
  RawExportRequest,
  ReceivedLog,
  ReceivedMetric,
  ReceivedSpan,
  RejectedRequest,
} from './types.js';

/** Options of {@link startOtlpReceiver}. */
export interface OtlpReceiverOptions {
  /** TCP port; default 0 (a free port chosen by the OS; read it from `url`). */
  readonly port?: number;
  /** Interface to listen on; default '127.0.0.1'. */
  readonly host?: string;
  /** Largest accepted request body (after decompression it may be larger); default 32 MiB. Larger gets 413. */
  readonly maxBodyBytes?: number;
}

/** A running receiver. Every getter returns a copy, so later arrivals never change an array a test holds. */
export interface OtlpReceiver {
  /** Base URL, e.g. `http://127.0.0.1:43817`, without a trailing slash. */
  readonly url: string;
  /** The full per-signal URLs to give an exporter's `url` option (`${url}/v1/traces`, ...). */
  readonly endpoints: { readonly traces: string; readonly metrics: string; readonly logs: string };
  /** Spans received so far, in arrival order. */
  spans(): ReceivedSpan[];
  /** Metrics received so far (each export of a cumulative metric adds another entry). */
  metrics(): ReceivedMetric[];
  /** Log records received so far. */
  logs(): ReceivedLog[];
  /** Accepted trace export requests, with their exact (decompressed) bodies and OTLP/JSON payloads. */
  rawTraceRequests(): RawExportRequest[];
  /** Accepted metric export requests. */
  rawMetricRequests(): RawExportRequest[];
  /** Accepted log export requests. */
  rawLogRequests(): RawExportRequest[];
  /** Requests answered with an error status, with the message sent back. */
  rejectedRequests(): RejectedRequest[];
  /**
   * Resolves with all spans once at least `count` have arrived; rejects after `timeoutMs` (default 10 s) with a
   * message saying how many arrived (and their names), or at once if the receiver is closed.
   */
  waitForSpans(count: number, options?: WaitOptions): Promise<ReceivedSpan[]>;
  /** As {@link OtlpReceiver.waitForSpans}, for metrics. */
  waitForMetrics(count: number, options?: WaitOptions): Promise<ReceivedMetric[]>;
  /** As {@link OtlpReceiver.waitForSpans}, for log records. */
  waitForLogs(count: number, options?: WaitOptions): Promise<ReceivedLog[]>;
  /** Forgets everything received so far (handy between tests sharing one receiver). */
  reset(): void;
  /** Stops listening, drops open keep-alive connections and rejects pending waits. Safe to call twice. */
  close(): Promise<void>;
}

const ROUTES: Readonly<Record<string, OtlpSignal>> = {
  '/v1/traces': 'traces',
  '/v1/metrics': 'metrics',
  '/v1/logs': 'logs',
};

const NORMALISERS: Readonly<
  Record<OtlpSignal, (request: unknown) => (ReceivedSpan | ReceivedMetric | ReceivedLog)[]>
> = { traces: normaliseTraces, metrics: normaliseMetrics, logs: normaliseLogs };

const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

async function handleExport(
  request: IncomingMessage,
  response: ServerResponse,
  store: TelemetryStore,
  maxBodyBytes: number,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  const signal = ROUTES[path];
  let encoding: OtlpEncoding | undefined;
  try {
    // Collector order: route, then method, then media type; the body is only read once all three fit.
    if (!signal)
      throw new HttpProblem(
        404,
        `404 page not found: ${path} (OTLP paths: ${Object.keys(ROUTES).join(', ')})`,
      );
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      throw new HttpProblem(405, `405 method not allowed, supported: [POST]`);
    }
    encoding = encodingOf(request.headers['content-type']);
    if (!encoding) {
      throw new HttpProblem(
        415,
        `415 unsupported media type ${JSON.stringify(request.headers['content-type'] ?? '')}, supported: [application/json, application/x-protobuf]`,
      );
    }
    const compressed = await readBody(request, maxBodyBytes);
    const contentEncoding = request.headers['content-encoding'];
    const body = await decompress(compressed, contentEncoding);
    const payload = encoding === 'json' ? decodeJsonRequest(body) : decodeProtobufRequest(signal, body);
    const items = NORMALISERS[signal](payload);
    store.add(
      {
        signal,
        encoding,
        gzip: (contentEncoding ?? '').toLowerCase() === 'gzip',
        contentType: request.headers['content-type'] ?? '',
        headers: { ...request.headers },
        body: new Uint8Array(body),
        payload,
      },
      items,
    );
    sendSuccess(response, signal, encoding);
  } catch (error) {
    let status = 500;
    if (error instanceof HttpProblem) status = error.status;
    else if (error instanceof OtlpDecodeError) status = 400;
    const message = error instanceof Error ? error.message : String(error);
    store.rejected.push({ method: request.method ?? '', path, status, message });
    sendProblem(response, status, message, encoding);
  }
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Starts an OTLP/HTTP receiver accepting `POST /v1/traces`, `/v1/metrics` and `/v1/logs` in OTLP/JSON
 * (`application/json`) and OTLP/protobuf (`application/x-protobuf`), gzip- or deflate-compressed or not.
 * It answers as a collector does: 200 with an empty partial success in the request's encoding; 400 with a
 * google.rpc.Status (code 3, message naming the bad field) for undecodable bodies; 404 for other paths, 405 for
 * other methods, 413 for oversized bodies, 415 for other content types. A bad request never stops it.
 */
export async function startOtlpReceiver(options: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
  const store = new TelemetryStore();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = createServer((request, response) => {
    // A client that aborts mid-body must not surface as an unhandled 'error' event.
    request.on('error', () => {});
    // handleExport answers every failure itself; this only guards against a throw while answering.
    handleExport(request, response, store, maxBodyBytes).catch(() => response.destroy());
  });
  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  let closing: Promise<void> | undefined;

  const ofSignal = (signal: OtlpSignal) => store.rawRequests.filter((raw) => raw.signal === signal);
  return {
    url,
    endpoints: { traces: `${url}/v1/traces`, metrics: `${url}/v1/metrics`, logs: `${url}/v1/logs` },
    spans: () => [...store.spans],
    metrics: () => [...store.metrics],
    logs: () => [...store.logs],
    rawTraceRequests: () => ofSignal('traces'),
    rawMetricRequests: () => ofSignal('metrics'),
    rawLogRequests: () => ofSignal('logs'),
    rejectedRequests: () => [...store.rejected],
    waitForSpans: async (count, waitOptions) => {
      await store.waitFor('traces', count, waitOptions);
      return [...store.spans];
    },
    waitForMetrics: async (count, waitOptions) => {
      await store.waitFor('metrics', count, waitOptions);
      return [...store.metrics];
    },
    waitForLogs: async (count, waitOptions) => {
      await store.waitFor('logs', count, waitOptions);
      return [...store.logs];
    },
    reset: () => store.reset(),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        store.close();
        server.close(() => resolve());
        // Exporters keep sockets alive; without this, close() would wait for their idle timeout.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
