/**
 * Containment of telemetry failures: every telemetry step of a provider call runs inside try/catch and sends
 * what went wrong here, to OpenTelemetry's `diag` logger, never to the app.
 */
import { diag } from '@opentelemetry/api';

const counts = new Map<string, number>();
const MAX_KEYS = 200;
const FIRST_REPORTS = 20;

/**
 * Reports a telemetry failure (a tracer, meter, span processor or redactor that threw) to `diag.warn`.
 * Never throws. Rate-limited per `where`: the first 20 reports, then every 1000th, so a broken exporter cannot
 * flood the logs.
 */
export function reportTelemetryError(where: string, error: unknown): void {
  try {
    const count = (counts.get(where) ?? 0) + 1;
    if (counts.has(where) || counts.size < MAX_KEYS) counts.set(where, count);
    if (count <= FIRST_REPORTS || count % 1000 === 0) {
      diag.warn(`sightline: telemetry failed in ${where}; the call itself was not affected`, error);
    }
  } catch {
    // diag itself failed: nothing left to tell.
  }
}
