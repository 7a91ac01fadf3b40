/**
 * Segments: the groups metrics are computed and compared in (by default provider x request model x prompt
 * name+version x operation), plus the `all` segment over every call. A segment key is readable and stable:
 * `provider=openai model=gpt-4o-mini prompt=support@3 operation=chat`.
 */
import type { CallRecord } from './records.js';

/** Dimensions a segment can be defined by. */
export const SEGMENT_DIMENSIONS = [
  'provider',
  'model',
  'response_model',
  'prompt',
  'prompt_hash',
  'operation',
  'service',
] as const;

/** One segment dimension. `model` is the request model; `prompt` is `name@version`. */
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** Key of the segment that holds every call. */
export const ALL_SEGMENT = 'all';

/** Value shown for a dimension the call does not carry. */
export const MISSING_VALUE = '-';

/** The value of one dimension for a call. */
export function dimensionValue(call: CallRecord, dimension: SegmentDimension): string {
  switch (dimension) {
    case 'provider':
      return call.provider ?? MISSING_VALUE;
    case 'model':
      return call.requestModel ?? call.responseModel ?? MISSING_VALUE;
    case 'response_model':
      return call.responseModel ?? MISSING_VALUE;
    case 'prompt':
      if (call.promptName === undefined) return MISSING_VALUE;
      return call.promptVersion === undefined ? call.promptName : `${call.promptName}@${call.promptVersion}`;
    case 'prompt_hash':
      return call.promptHash ?? MISSING_VALUE;
    case 'operation':
      return call.operation;
    case 'service':
      return call.service ?? MISSING_VALUE;
  }
}

/** The segment key of a call; `undefined` when segmenting by nothing (only `all` exists then). */
export function segmentKey(call: CallRecord, dimensions: readonly SegmentDimension[]): string | undefined {
  if (dimensions.length === 0) return undefined;
  let key = '';
  for (let i = 0; i < dimensions.length; i++) {
    if (i > 0) key += ' ';
    key += `${dimensions[i]}=${dimensionValue(call, dimensions[i])}`;
  }
  return key;
}

/** Orders segment keys: `all` first, then alphabetically (stable reports). */
export function compareSegmentKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (a === ALL_SEGMENT) return -1;
  if (b === ALL_SEGMENT) return 1;
  return a < b ? -1 : 1;
}
