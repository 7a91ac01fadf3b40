/** Number formatting shared by every reporter (deterministic, locale-independent). */
import { driftMetricKind, driftMetricUnit } from '../metrics/drift-metrics.js';

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

function grouped(value: number): string {
  const rounded = Math.round(value);
  return String(rounded).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A metric value in its unit: `812 ms`, `$0.000412`, `1,234`, `2.10%`, `0.412` (ratios, distances). */
export function formatValue(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  const kind = driftMetricKind(metric);
  if (kind === 'rate') return `${fixed(value * 100, 2)}%`;
  if (kind === 'set' || kind === 'embedding') return fixed(value, 3);
  switch (driftMetricUnit(metric)) {
    case 'ms':
      return value >= 10_000 ? `${fixed(value / 1000, 2)} s` : `${grouped(value)} ms`;
    case 'USD':
      return value >= 1 ? `$${fixed(value, 2)}` : `$${Number(value.toPrecision(3))}`;
    case 'ratio':
      return fixed(value, 3);
    default:
      return value >= 100 ? grouped(value) : String(Number(value.toPrecision(3)));
  }
}

/**
 * A change: relative for numeric metrics (`+20.1%`), absolute points for rates (`+1.20 pp`), an absolute
 * difference for ratios and distances of the set and embedding metrics (`+0.042`).
 */
export function formatChange(metric: string, change: number | null): string {
  if (change === null || !Number.isFinite(change)) return '-';
  const sign = change > 0 ? '+' : '';
  const kind = driftMetricKind(metric);
  if (kind === 'rate') return `${sign}${fixed(change * 100, 2)} pp`;
  if (kind === 'set' || kind === 'embedding') return `${sign}${fixed(change, 3)}`;
  return `${sign}${fixed(change * 100, 1)}%`;
}

/** A p-value with three significant digits, `<1e-12` for tiny ones. */
export function formatP(p: number | null): string {
  if (p === null) return '-';
  if (p < 1e-12) return '<1e-12';
  return String(Number(p.toPrecision(3)));
}

/** An effect with three significant digits. */
export function formatEffect(effect: number | null): string {
  return effect === null ? '-' : String(Number(effect.toPrecision(3)));
}

/** An interval `[a, b]` in the metric's change unit. */
export function formatInterval(metric: string, ci: [number, number] | null): string {
  if (!ci) return '-';
  return `[${formatChange(metric, ci[0])}, ${formatChange(metric, ci[1])}]`;
}

/** `2025-01-01T00:00:00.000Z` -> `2025-01-01 00:00Z`. */
export function formatTime(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z` : '-';
}
