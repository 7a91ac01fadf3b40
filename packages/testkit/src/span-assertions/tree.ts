/** Parent-child structure of a set of spans, with an outline for failure messages and debugging. */
import type { SpanView } from '../otlp-receiver/types.js';
import { formatSpanLine } from './format.js';
import { type SpanInput, toSpanView } from './span-view.js';

/** A span with its children (ordered by start time). */
export interface SpanTreeNode<S extends SpanInput = SpanInput> {
  /** The span as given. */
  readonly span: S;
  /** The span in the common shape. */
  readonly view: SpanView;
  readonly children: readonly SpanTreeNode<S>[];
  /** True when the span names a parent that is not among the spans given (e.g. not exported yet). */
  readonly orphan: boolean;
}

/** The result of {@link spanTree}. */
export interface SpanTree<S extends SpanInput = SpanInput> {
  /** Spans without a parent in the set (true roots and orphans), ordered by trace then start time. */
  readonly roots: readonly SpanTreeNode<S>[];
  /** Looks a node up by span id. */
  node(spanId: string): SpanTreeNode<S> | undefined;
  /** The node's children's spans, by span id of the parent (empty when unknown). */
  childrenOf(spanId: string): S[];
  /** An indented outline, one span per line, grouped by trace. */
  outline(): string;
}

interface MutableNode<S extends SpanInput> {
  span: S;
  view: SpanView;
  children: MutableNode<S>[];
  orphan: boolean;
}

function byStartTime<S extends SpanInput>(a: MutableNode<S>, b: MutableNode<S>): number {
  return a.view.startTimeMs - b.view.startTimeMs || a.view.name.localeCompare(b.view.name);
}

/**
 * Builds the parent-child tree of `spans` (receiver spans or SDK ReadableSpans, mixed if need be). Parents are
 * matched by trace id and span id. Guarantees every given span appears exactly once in the tree.
 */
export function spanTree<S extends SpanInput>(spans: readonly S[]): SpanTree<S> {
  const nodes = new Map<string, MutableNode<S>>();
  for (const span of spans) {
    const view = toSpanView(span);
    nodes.set(`${view.traceId}/${view.spanId}`, { span, view, children: [], orphan: false });
  }
  const roots: MutableNode<S>[] = [];
  for (const node of nodes.values()) {
    const parent = node.view.parentSpanId
      ? nodes.get(`${node.view.traceId}/${node.view.parentSpanId}`)
      : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else {
      node.orphan = node.view.parentSpanId !== undefined;
      roots.push(node);
    }
  }
  for (const node of nodes.values()) node.children.sort(byStartTime);
  roots.sort((a, b) => a.view.traceId.localeCompare(b.view.traceId) || byStartTime(a, b));

  const bySpanId = new Map<string, MutableNode<S>>();
  for (const node of nodes.values()) bySpanId.set(node.view.spanId, node);

  return {
    roots,
    node: (spanId) => bySpanId.get(spanId),
    childrenOf: (spanId) => (bySpanId.get(spanId)?.children ?? []).map((child) => child.span),
    outline: () => outline(roots),
  };
}

function outline<S extends SpanInput>(roots: readonly MutableNode<S>[]): string {
  if (roots.length === 0) return '(no spans)';
  const lines: string[] = [];
  let currentTrace = '';
  const walk = (node: MutableNode<S>, prefix: string, childPrefix: string): void => {
    const orphanNote = node.orphan ? ` (parent ${node.view.parentSpanId} not among these spans)` : '';
    lines.push(`${prefix}${formatSpanLine(node.view)}${orphanNote}`);
    node.children.forEach((child, index) => {
      const last = index === node.children.length - 1;
      walk(child, `${childPrefix}${last ? '└─ ' : '├─ '}`, `${childPrefix}${last ? '   ' : '│  '}`);
    });
  };
  for (const root of roots) {
    if (root.view.traceId !== currentTrace) {
      currentTrace = root.view.traceId;
      lines.push(`trace ${currentTrace}`);
    }
    walk(root, '  ', '  ');
  }
  return lines.join('\n');
}
