/**
 * What the receiver has accepted so far, and the waiters for "at least n items have arrived". Kept apart from
 * the HTTP code so the waiting rules are easy to read.
 */
import type { OtlpSignal } from './proto-schema.js';
import type {
  RawExportRequest,
  ReceivedLog,
  ReceivedMetric,
  ReceivedSpan,
  RejectedRequest,
} from './types.js';

/** Options for the `waitFor*` methods. */
export interface WaitOptions {
  /** How long to wait before rejecting, in milliseconds. Default 10 000. */
  readonly timeoutMs?: number;
}

interface Waiter {
  readonly signal: OtlpSignal;
  readonly count: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

const DEFAULT_TIMEOUT_MS = 10_000;

const ITEM_NOUN: Readonly<Record<OtlpSignal, string>> = {
  traces: 'span',
  metrics: 'metric',
  logs: 'log record',
};

/** Accepted telemetry of all three signals plus the raw requests and refusals. */
export class TelemetryStore {
  readonly spans: ReceivedSpan[] = [];
  readonly metrics: ReceivedMetric[] = [];
  readonly logs: ReceivedLog[] = [];
  readonly rawRequests: RawExportRequest[] = [];
  readonly rejected: RejectedRequest[] = [];
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  /** Stores one accepted request's items and wakes the waiters it satisfies. */
  add(raw: RawExportRequest, items: readonly (ReceivedSpan | ReceivedMetric | ReceivedLog)[]): void {
    this.rawRequests.push(raw);
    const target: unknown[] = this.itemsOf(raw.signal);
    for (const item of items) target.push(item);
    for (const waiter of this.waiters) {
      if (this.itemsOf(waiter.signal).length >= waiter.count) this.settle(waiter, undefined);
    }
  }

  /** Forgets everything received; pending waiters keep waiting and count from zero again. */
  reset(): void {
    this.spans.length = 0;
    this.metrics.length = 0;
    this.logs.length = 0;
    this.rawRequests.length = 0;
    this.rejected.length = 0;
  }

  /** Resolves once at least `count` items of `signal` are stored; rejects on timeout saying how many arrived. */
  waitFor(signal: OtlpSignal, count: number, options: WaitOptions = {}): Promise<void> {
    if (this.itemsOf(signal).length >= count) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error(`OTLP receiver is closed; cannot wait for ${signal}`));
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        signal,
        count,
        resolve,
        reject,
        timer: setTimeout(() => this.settle(waiter, this.timeoutError(signal, count, timeoutMs)), timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Rejects every pending waiter; later waits fail at once. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters) {
      this.settle(
        waiter,
        new Error(`OTLP receiver closed while waiting for ${waiter.count} ${waiter.signal} items`),
      );
    }
  }

  private itemsOf(signal: OtlpSignal): unknown[] {
    if (signal === 'traces') return this.spans;
    return signal === 'metrics' ? this.metrics : this.logs;
  }

  private settle(waiter: Waiter, error: Error | undefined): void {
    if (!this.waiters.delete(waiter)) return;
    clearTimeout(waiter.timer);
    if (error) waiter.reject(error);
    else waiter.resolve();
  }

  private timeoutError(signal: OtlpSignal, count: number, timeoutMs: number): Error {
    const noun = ITEM_NOUN[signal];
    const arrived = this.itemsOf(signal).length;
    let detail = '';
    if (signal === 'traces' && arrived > 0) {
      detail = `: ${this.spans.map((span) => JSON.stringify(span.name)).join(', ')}`;
    }
    const refusals = this.rejected.length
      ? `; ${this.rejected.length} request(s) were refused, last: ${this.rejected[this.rejected.length - 1].status} ${this.rejected[this.rejected.length - 1].message}`
      : '';
    return new Error(
      `Timed out after ${timeoutMs} ms waiting for ${count} ${noun}s: ${arrived} arrived${detail}${refusals}`,
    );
  }
}
