/**
 * Finding spans and asserting on them. Failures throw plain Errors (no test-framework dependency) whose
 * message shows what was looked for and the tree of spans that were there.
 */
import type { AttributeValue, SpanKindName, SpanView, StatusCodeName } from '../otlp-receiver/types.js';
import { formatValue } from './format.js';
import { type SpanInput, toSpanView } from './span-view.js';
import { spanTree } from './tree.js';

/** A test on one span, given in the common {@link SpanView} shape. */
export type SpanPredicate = (span: SpanView) => boolean;

/** An expected attribute: an exact value (deep equality), `undefined` for "absent", or a test on the value. */
export type AttributeExpectation =
  | AttributeValue
  | undefined
  | ((value: AttributeValue | undefined) => boolean);

/** Declarative criteria; every given field must match. */
export interface SpanMatcher {
  /** Exact name, or a pattern the name must match. */
  readonly name?: string | RegExp;
  readonly kind?: SpanKindName;
  readonly status?: StatusCodeName;
  readonly traceId?: string;
  /** A parent's span id, or null for "is a root span". */
  readonly parentSpanId?: string | null;
  readonly attributes?: Readonly<Record<string, AttributeExpectation>>;
}

/** Either form of search criteria. */
export type SpanCriteria = SpanMatcher | SpanPredicate;

function sameValue(actual: AttributeValue | undefined, expected: AttributeValue | undefined): boolean {
  if (actual === expected) return true;
  if (actual instanceof Uint8Array && expected instanceof Uint8Array) {
    return actual.length === expected.length && actual.every((byte, index) => byte === expected[index]);
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return (
      actual.length === expected.length && actual.every((item, index) => sameValue(item, expected[index]))
    );
  }
  if (
    actual !== null &&
    expected !== null &&
    typeof actual === 'object' &&
    typeof expected === 'object' &&
    !Array.isArray(actual) &&
    !Array.isArray(expected) &&
    !(actual instanceof Uint8Array) &&
    !(expected instanceof Uint8Array)
  ) {
    const keys = Object.keys(actual);
    return (
      keys.length === Object.keys(expected).length &&
      keys.every((key) =>
        sameValue(
          (actual as Record<string, AttributeValue>)[key],
          (expected as Record<string, AttributeValue>)[key],
        ),
      )
    );
  }
  return (
    typeof actual === 'number' &&
    typeof expected === 'number' &&
    Number.isNaN(actual) &&
    Number.isNaN(expected)
  );
}

function matchesMatcher(span: SpanView, matcher: SpanMatcher): boolean {
  if (typeof matcher.name === 'string' && span.name !== matcher.name) return false;
  if (matcher.name instanceof RegExp && !matcher.name.test(span.name)) return false;
  if (matcher.kind !== undefined && span.kind !== matcher.kind) return false;
  if (matcher.status !== undefined && span.status.code !== matcher.status) return false;
  if (matcher.traceId !== undefined && span.traceId !== matcher.traceId) return false;
  if (matcher.parentSpanId !== undefined && (span.parentSpanId ?? null) !== matcher.parentSpanId)
    return false;
  for (const [key, expected] of Object.entries(matcher.attributes ?? {})) {
    const actual = Object.hasOwn(span.attributes, key) ? span.attributes[key] : undefined;
    if (typeof expected === 'function' ? !expected(actual) : !sameValue(actual, expected)) return false;
  }
  return true;
}

/** True when the span satisfies the criteria. */
export function spanMatches(span: SpanInput, criteria: SpanCriteria): boolean {
  const view = toSpanView(span);
  return typeof criteria === 'function' ? criteria(view) : matchesMatcher(view, criteria);
}

/** Renders criteria for a failure message. */
export function describeCriteria(criteria: SpanCriteria): string {
  if (typeof criteria === 'function') return criteria.name ? `predicate ${criteria.name}` : 'the predicate';
  const parts: string[] = [];
  if (criteria.name !== undefined) {
    parts.push(
      `name ${criteria.name instanceof RegExp ? String(criteria.name) : JSON.stringify(criteria.name)}`,
    );
  }
  if (criteria.kind) parts.push(`kind ${criteria.kind}`);
  if (criteria.status) parts.push(`status ${criteria.status}`);
  if (criteria.traceId) parts.push(`traceId ${criteria.traceId}`);
  if (criteria.parentSpanId !== undefined) {
    parts.push(criteria.parentSpanId === null ? 'no parent' : `parentSpanId ${criteria.parentSpanId}`);
  }
  for (const [key, expected] of Object.entries(criteria.attributes ?? {})) {
    parts.push(typeof expected === 'function' ? `${key} passing a test` : `${key}=${formatValue(expected)}`);
  }
  return parts.length ? parts.join(', ') : 'anything';
}

/** Spans satisfying the criteria, in the order given. */
export function findSpans<S extends SpanInput>(spans: readonly S[], criteria: SpanCriteria): S[] {
  return spans.filter((span) => spanMatches(span, criteria));
}

/** The first span satisfying the criteria, or undefined. */
export function findSpan<S extends SpanInput>(spans: readonly S[], criteria: SpanCriteria): S | undefined {
  return spans.find((span) => spanMatches(span, criteria));
}

/** Spans with exactly this name. */
export function spansNamed<S extends SpanInput>(spans: readonly S[], name: string): S[] {
  return findSpans(spans, { name });
}

/** Spans that have the attribute; when `value` is given, with that value (deep equality). */
export function spansWithAttribute<S extends SpanInput>(
  spans: readonly S[],
  key: string,
  value?: AttributeValue,
): S[] {
  return findSpans(
    spans,
    (span) =>
      Object.hasOwn(span.attributes, key) && (value === undefined || sameValue(span.attributes[key], value)),
  );
}

/** A listing of the spans for failure messages: their tree, with kind, status, duration and attributes. */
export function describeSpans(spans: readonly SpanInput[]): string {
  return spanTree(spans).outline();
}

function failure(
  helper: string,
  expectation: string,
  criteria: SpanCriteria,
  found: number,
  spans: readonly SpanInput[],
): Error {
  return new Error(
    `${helper}: expected ${expectation} span(s) matching ${describeCriteria(criteria)}, found ${found}. ` +
      `The ${spans.length} span(s) were:\n${describeSpans(spans)}`,
  );
}

/** Returns the one span satisfying the criteria; throws when there are none or several, listing all spans. */
export function expectSingleSpan<S extends SpanInput>(spans: readonly S[], criteria: SpanCriteria): S {
  const found = findSpans(spans, criteria);
  if (found.length !== 1) throw failure('expectSingleSpan', 'exactly 1', criteria, found.length, spans);
  return found[0];
}

/** Returns the spans satisfying the criteria; throws unless there are exactly `count`. */
export function expectSpanCount<S extends SpanInput>(
  spans: readonly S[],
  criteria: SpanCriteria,
  count: number,
): S[] {
  const found = findSpans(spans, criteria);
  if (found.length !== count)
    throw failure('expectSpanCount', `exactly ${count}`, criteria, found.length, spans);
  return found;
}

/** Throws when any span satisfies the criteria. */
export function expectNoSpan(spans: readonly SpanInput[], criteria: SpanCriteria): void {
  const found = findSpans(spans, criteria);
  if (found.length > 0) throw failure('expectNoSpan', 'no', criteria, found.length, spans);
}

/**
 * Returns the single span satisfying `childCriteria` after checking its parent is the single span satisfying
 * `parentCriteria`; throws with the span tree otherwise.
 */
export function expectChildOf<S extends SpanInput>(
  spans: readonly S[],
  childCriteria: SpanCriteria,
  parentCriteria: SpanCriteria,
): S {
  const parent = toSpanView(expectSingleSpan(spans, parentCriteria));
  const child = expectSingleSpan(spans, childCriteria);
  const childView = toSpanView(child);
  if (childView.parentSpanId !== parent.spanId || childView.traceId !== parent.traceId) {
    throw new Error(
      `expectChildOf: span matching ${describeCriteria(childCriteria)} is not a child of the span matching ` +
        `${describeCriteria(parentCriteria)}. The ${spans.length} span(s) were:\n${describeSpans(spans)}`,
    );
  }
  return child;
}
