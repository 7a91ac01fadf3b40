/** OTLP/JSON request bodies -> plain objects, with a clear error for anything that is not a JSON object. */
import { OtlpDecodeError } from './normalise-common.js';

/** Parses a UTF-8 JSON body; throws {@link OtlpDecodeError} (with the parser's position) when it is not JSON. */
export function decodeJsonRequest(body: Uint8Array): unknown {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError('', `body is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new OtlpDecodeError('', 'body must be a JSON object (an OTLP export request)');
  }
  return parsed;
}
