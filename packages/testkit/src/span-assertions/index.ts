export type { AttributeExpectation, SpanCriteria, SpanMatcher, SpanPredicate } from './find.js';
export {
  describeCriteria,
  describeSpans,
  expectChildOf,
  expectNoSpan,
  expectSingleSpan,
  expectSpanCount,
  findSpan,
  findSpans,
  spanMatches,
  spansNamed,
  spansWithAttribute,
} from './find.js';
export type { ReadableSpanLike, SpanInput } from './span-view.js';
export { attributeMap, toSpanView } from './span-view.js';
export type { SpanTree, SpanTreeNode } from './tree.js';
export { spanTree } from './tree.js';
