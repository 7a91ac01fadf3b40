/** Turns an ExportLogsServiceRequest (OTLP/JSON mapping) into {@link ReceivedLog}s. */
import {
  field,
  forEachScopedItem,
  nanosToMs,
  readAnyValue,
  readAttributes,
  readId,
  readNanos,
  readNumber,
  readObject,
  readOptionalString,
  readString,
} from './normalise-common.js';
import type { ReceivedLog } from './types.js';

/** Normalises every log record of an export request; throws {@link OtlpDecodeError} naming the first bad field. */
export function normaliseLogs(request: unknown): ReceivedLog[] {
  const logs: ReceivedLog[] = [];
  const names = { resources: 'resourceLogs', scopes: 'scopeLogs', items: 'logRecords' };
  forEachScopedItem(request, names, (item, resource, scope, path) => {
    const record = readObject(item, path);
    const timeUnixNano = readNanos(field(record, 'timeUnixNano'), `${path}.timeUnixNano`);
    const observedTimeUnixNano = readNanos(
      field(record, 'observedTimeUnixNano'),
      `${path}.observedTimeUnixNano`,
    );
    const body = field(record, 'body');
    const severity = field(record, 'severityNumber');
    logs.push({
      timeUnixNano,
      observedTimeUnixNano,
      timeMs: nanosToMs(timeUnixNano),
      observedTimeMs: nanosToMs(observedTimeUnixNano),
      // The enum has 25 names (UNSPECIFIED, TRACE..FATAL4); JSON carries the number, which is what tests compare.
      severityNumber:
        typeof severity === 'string' && /^SEVERITY_NUMBER_/.test(severity)
          ? severityFromName(severity, `${path}.severityNumber`)
          : readNumber(severity, `${path}.severityNumber`),
      severityText: readString(field(record, 'severityText'), `${path}.severityText`),
      body: body === undefined || body === null ? undefined : readAnyValue(body, `${path}.body`),
      attributes: readAttributes(field(record, 'attributes'), `${path}.attributes`),
      droppedAttributesCount: readNumber(
        field(record, 'droppedAttributesCount'),
        `${path}.droppedAttributesCount`,
      ),
      flags: readNumber(field(record, 'flags'), `${path}.flags`),
      traceId: readId(field(record, 'traceId'), `${path}.traceId`, 16),
      spanId: readId(field(record, 'spanId'), `${path}.spanId`, 8),
      eventName: readOptionalString(field(record, 'eventName'), `${path}.eventName`),
      resource,
      scope,
    });
  });
  return logs;
}

const SEVERITY_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

function severityFromName(name: string, path: string): number {
  const match = /^SEVERITY_NUMBER_([A-Z]+)([234])?$/.exec(name);
  const level = match ? SEVERITY_LEVELS.indexOf(match[1]) : -1;
  if (name === 'SEVERITY_NUMBER_UNSPECIFIED') return 0;
  if (!match || level < 0) return readNumber(name, path);
  return level * 4 + Number(match[2] ?? '1');
}
