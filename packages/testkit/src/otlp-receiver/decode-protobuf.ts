/**
 * OTLP/protobuf request bodies -> the OTLP/JSON mapping, so one normaliser serves both encodings and the raw
 * payload a test inspects looks the same whichever exporter sent it.
 */
import { OtlpDecodeError } from './normalise-common.js';
import { type OtlpSignal, otlpProtoTypes } from './proto-schema.js';

// The only `bytes` fields OTLP/JSON writes as hex instead of base64 (spec: "OTLP/JSON ... traceId and spanId
// ... are encoded as hex strings"). In the JSON mapping no other field carries these names.
const HEX_ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

function base64IdsToHex(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(base64IdsToHex);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    result[key] =
      HEX_ID_FIELDS.has(key) && typeof entry === 'string'
        ? Buffer.from(entry, 'base64').toString('hex')
        : base64IdsToHex(entry);
  }
  return result;
}

/**
 * Decodes an Export{Trace,Metrics,Logs}ServiceRequest. Throws {@link OtlpDecodeError} when the bytes are not a
 * valid protobuf encoding of it (truncated, wrong wire types, ...).
 */
export function decodeProtobufRequest(signal: OtlpSignal, body: Uint8Array): unknown {
  const type = otlpProtoTypes().requests[signal];
  let message: ReturnType<typeof type.decode>;
  try {
    message = type.decode(body);
  } catch (error) {
    throw new OtlpDecodeError('', `body is not a protobuf ${type.name}: ${(error as Error).message}`);
  }
  // longs: String keeps 64-bit nanosecond times exact (the proto3 JSON mapping writes int64 as strings too);
  // bytes: String gives base64, as the JSON mapping does, before ids are turned into hex.
  return base64IdsToHex(type.toObject(message, { longs: String, bytes: String, defaults: false }));
}
