/**
 * How a `fitContext` report reaches the next LLM span, without AsyncLocalStorage of its own.
 *
 * OTel contexts are immutable, so `fitContext` cannot add a value to the caller's context. Instead it writes to
 * the nearest of three holders, and the instrumentation reads them back from the context its LLM span starts in:
 *
 * 1. a mutable slot that every chain span (`workflow`, `agent`, `task`, `tool`) puts into the context its
 *    function runs in: any LLM call below that chain step (in the same function, after awaits, in nested steps)
 *    sees it;
 * 2. else a WeakMap entry keyed by the active span (e.g. an HTTP server span): LLM spans whose parent is that span
 *    see it;
 * 3. else a WeakMap entry keyed by the context object itself. At the root (no span) every caller shares
 *    `ROOT_CONTEXT`, so concurrent root-level requests could pick up each other's report: wrap the work in a
 *    chain step to make the hand-over exact.
 *
 * Reading walks outward: a chain slot remembers the context its step was started in, so a report recorded
 * outside a chain step still reaches an LLM call made inside it. A report is consumed by the first span that
 * takes it; a newer report replaces an unconsumed one.
 */
import { type Context, createContextKey, trace } from '@opentelemetry/api';
import type { ContextFitReport } from './report.js';

interface PendingSlot {
  report: ContextFitReport | undefined;
  /** The context the chain step started in: where to keep looking. */
  readonly outer: Context;
}

const PENDING_SLOT_KEY = createContextKey('sightline.context.pending_report');
const bySpan = new WeakMap<object, ContextFitReport>();
const byContext = new WeakMap<object, ContextFitReport>();

/** Returns `ctx` with a fresh pending-report slot (chain steps call this for the context their function runs in). */
export function withPendingReportSlot(ctx: Context, outer: Context = ctx): Context {
  const slot: PendingSlot = { report: undefined, outer };
  return ctx.setValue(PENDING_SLOT_KEY, slot);
}

/** Records `report` for the next LLM span started in (or below) `ctx`. */
export function recordPendingReport(report: ContextFitReport, ctx: Context): void {
  const slot = ctx.getValue(PENDING_SLOT_KEY) as PendingSlot | undefined;
  if (slot) {
    slot.report = report;
    return;
  }
  const span = trace.getSpan(ctx);
  if (span) bySpan.set(span, report);
  else byContext.set(ctx, report);
}

/** Removes and returns the report pending for an LLM span starting in `ctx`, if any. */
export function takePendingReport(ctx: Context): ContextFitReport | undefined {
  let current: Context | undefined = ctx;
  // Bounded walk: chain steps nest, but a cycle would be a bug; never loop forever in telemetry.
  for (let depth = 0; current && depth < 128; depth++) {
    const slot = current.getValue(PENDING_SLOT_KEY) as PendingSlot | undefined;
    if (slot?.report) {
      const report = slot.report;
      slot.report = undefined;
      return report;
    }
    const span = trace.getSpan(current);
    if (span) {
      const report = bySpan.get(span);
      if (report) {
        bySpan.delete(span);
        return report;
      }
    }
    const report = byContext.get(current);
    if (report) {
      byContext.delete(current);
      return report;
    }
    current = slot?.outer;
  }
  return undefined;
}
