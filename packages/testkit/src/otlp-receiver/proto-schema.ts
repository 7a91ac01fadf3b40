/**
 * Parses the vendored OTLP schema (see proto-text.ts for its upstream version) into protobufjs message types.
 */
import protobuf from 'protobufjs';
import {
  COLLECTOR_LOGS_PROTO,
  COLLECTOR_METRICS_PROTO,
  COLLECTOR_TRACE_PROTO,
  COMMON_PROTO,
  LOGS_PROTO,
  METRICS_PROTO,
  RESOURCE_PROTO,
  RPC_STATUS_PROTO,
  TRACE_PROTO,
} from './proto-text.js';

/** The three OTLP signals the receiver accepts, named as in their URL paths (`/v1/<signal>`). */
export type OtlpSignal = 'traces' | 'metrics' | 'logs';

/** The decoded message types the receiver needs, looked up once. */
export interface OtlpProtoTypes {
  readonly requests: Readonly<Record<OtlpSignal, protobuf.Type>>;
  readonly responses: Readonly<Record<OtlpSignal, protobuf.Type>>;
  readonly rpcStatus: protobuf.Type;
}

let cached: OtlpProtoTypes | undefined;

/** Parses the vendored schema on first use (a few milliseconds) and returns the message types. */
export function otlpProtoTypes(): OtlpProtoTypes {
  if (cached) return cached;
  const root = new protobuf.Root();
  for (const source of [
    COMMON_PROTO,
    RESOURCE_PROTO,
    TRACE_PROTO,
    METRICS_PROTO,
    LOGS_PROTO,
    COLLECTOR_TRACE_PROTO,
    COLLECTOR_METRICS_PROTO,
    COLLECTOR_LOGS_PROTO,
    RPC_STATUS_PROTO,
  ]) {
    // keepCase false: fields come out camelCase, i.e. with the OTLP/JSON names, so both encodings share one shape.
    protobuf.parse(source, root, { keepCase: false });
  }
  root.resolveAll();
  const collector = 'opentelemetry.proto.collector';
  cached = {
    requests: {
      traces: root.lookupType(`${collector}.trace.v1.ExportTraceServiceRequest`),
      metrics: root.lookupType(`${collector}.metrics.v1.ExportMetricsServiceRequest`),
      logs: root.lookupType(`${collector}.logs.v1.ExportLogsServiceRequest`),
    },
    responses: {
      traces: root.lookupType(`${collector}.trace.v1.ExportTraceServiceResponse`),
      metrics: root.lookupType(`${collector}.metrics.v1.ExportMetricsServiceResponse`),
      logs: root.lookupType(`${collector}.logs.v1.ExportLogsServiceResponse`),
    },
    rpcStatus: root.lookupType('google.rpc.Status'),
  };
  return cached;
}
