import { ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../otlp-receiver/index.js';
import {
  attributeMap,
  describeSpans,
  expectChildOf,
  expectNoSpan,
  expectSingleSpan,
  expectSpanCount,
  findSpan,
  findSpans,
  type SpanInput,
  spansNamed,
  spansWithAttribute,
  spanTree,
  toSpanView,
} from './index.js';

/**
 * One trace, recorded twice by the same SDK: into an InMemorySpanExporter and through the real OTLP/protobuf
 * exporter into the receiver, so every helper can be checked on both span sources.
 */
let receiver: OtlpReceiver;
let memorySpans: ReadableSpan[];
let receivedSpans: ReceivedSpan[];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'assertions-test' }),
    spanProcessors: [
      new SimpleSpanProcessor(memory),
      new SimpleSpanProcessor(new OTLPTraceExporter({ url: receiver.endpoints.traces })),
    ],
  });
  const tracer = provider.getTracer('assertions', '2.0.0');
  const child = (name: string, parent: Span, kind = SpanKind.INTERNAL) =>
    tracer.startSpan(name, { kind }, trace.setSpan(ROOT_CONTEXT, parent));

  const workflow = tracer.startSpan('workflow support-bot', {
    attributes: { 'sightline.workflow': 'support-bot' },
  });
  const chat = child('chat gpt-4o', workflow, SpanKind.CLIENT);
  chat.setAttributes({
    'gen_ai.operation.name': 'chat',
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.usage.input_tokens': 120,
    'gen_ai.request.temperature': 0.2,
    'gen_ai.response.finish_reasons': ['stop'],
  });
  chat.end();
  const tool = child('execute_tool lookup', workflow);
  tool.setAttribute('gen_ai.tool.name', 'lookup');
  const nested = child('chat gpt-4o-mini', tool, SpanKind.CLIENT);
  nested.setAttributes({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini' });
  nested.setStatus({ code: SpanStatusCode.ERROR, message: 'rate limited' });
  nested.end();
  tool.end();
  workflow.end();
  await provider.forceFlush();
  // Read before shutdown: shutting the in-memory exporter down empties it.
  memorySpans = memory.getFinishedSpans();
  await provider.shutdown();
  receivedSpans = await receiver.waitForSpans(4);
});

afterAll(async () => {
  await receiver.close();
});

/** Ids, durations and order differ between runs; the outline's shape and content must not. */
function stable(text: string): string {
  return text
    .replace(/span=[0-9a-f]{16}/g, 'span=…')
    .replace(/-?\d+\.\dms/g, '#ms')
    .replace(/trace [0-9a-f]{32}/g, 'trace …');
}

// Typed as the helpers' input: this also checks at compile time that SDK ReadableSpans fit ReadableSpanLike.
const sources: { source: string; spans: () => readonly SpanInput[] }[] = [
  { source: 'InMemorySpanExporter ReadableSpans', spans: () => memorySpans },
  { source: 'receiver spans', spans: () => receivedSpans },
];

describe.each(sources)('span assertions on $source', ({ spans }) => {
  it('finds by name, attribute, matcher and predicate', () => {
    expect(spansNamed(spans(), 'chat gpt-4o')).toHaveLength(1);
    expect(spansWithAttribute(spans(), 'gen_ai.operation.name')).toHaveLength(2);
    expect(spansWithAttribute(spans(), 'gen_ai.request.model', 'gpt-4o-mini')).toHaveLength(1);
    expect(findSpans(spans(), { name: /^chat /, kind: 'CLIENT' })).toHaveLength(2);
    expect(findSpans(spans(), { status: 'ERROR' }).map((span) => toSpanView(span).name)).toEqual([
      'chat gpt-4o-mini',
    ]);
    expect(findSpans(spans(), { parentSpanId: null }).map((span) => toSpanView(span).name)).toEqual([
      'workflow support-bot',
    ]);
    expect(
      findSpans(spans(), {
        attributes: {
          'gen_ai.usage.input_tokens': (value) => typeof value === 'number' && value > 100,
          'gen_ai.response.finish_reasons': ['stop'],
          'gen_ai.tool.name': undefined,
        },
      }),
    ).toHaveLength(1);
    expect(findSpan(spans(), (span) => span.durationMs < 0)).toBeUndefined();
  });

  it('adapts to one view: ids, kinds, status, resource and scope', () => {
    const chat = toSpanView(expectSingleSpan(spans(), { name: 'chat gpt-4o' }));
    const workflow = toSpanView(expectSingleSpan(spans(), { name: 'workflow support-bot' }));
    expect(chat.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(chat.parentSpanId).toBe(workflow.spanId);
    expect(chat.kind).toBe('CLIENT');
    expect(workflow.kind).toBe('INTERNAL');
    expect(chat.status).toEqual({ code: 'UNSET', message: '' });
    expect(chat.resource.attributes['service.name']).toBe('assertions-test');
    expect(chat.scope).toMatchObject({ name: 'assertions', version: '2.0.0' });
    expect(attributeMap(chat)).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.usage.input_tokens': 120,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.response.finish_reasons': ['stop'],
    });
  });

  it('builds the parent-child tree with a readable outline', () => {
    const tree = spanTree(spans());
    expect(tree.roots).toHaveLength(1);
    const root = tree.roots[0];
    expect(root.view.name).toBe('workflow support-bot');
    expect(root.orphan).toBe(false);
    expect(root.children.map((node) => node.view.name)).toEqual(['chat gpt-4o', 'execute_tool lookup']);
    expect(tree.childrenOf(root.children[1].view.spanId).map((span) => toSpanView(span).name)).toEqual([
      'chat gpt-4o-mini',
    ]);
    expect(stable(tree.outline())).toBe(
      [
        'trace …',
        '  "workflow support-bot" [INTERNAL] #ms span=… {sightline.workflow="support-bot"}',
        '  ├─ "chat gpt-4o" [CLIENT] #ms span=… {gen_ai.operation.name="chat", gen_ai.request.model="gpt-4o", ' +
          'gen_ai.usage.input_tokens=120, gen_ai.request.temperature=0.2, gen_ai.response.finish_reasons=["stop"]}',
        '  └─ "execute_tool lookup" [INTERNAL] #ms span=… {gen_ai.tool.name="lookup"}',
        '     └─ "chat gpt-4o-mini" [CLIENT ERROR: rate limited] #ms span=… {gen_ai.operation.name="chat", ' +
          'gen_ai.request.model="gpt-4o-mini"}',
      ].join('\n'),
    );
  });

  it('marks spans whose parent is missing as orphans', () => {
    const children = spans().filter((span) => toSpanView(span).parentSpanId !== undefined);
    const tree = spanTree(children);
    expect(tree.roots.map((node) => [node.view.name, node.orphan])).toEqual([
      ['chat gpt-4o', true],
      ['execute_tool lookup', true],
    ]);
    expect(tree.outline()).toMatch(/"chat gpt-4o" .* \(parent [0-9a-f]{16} not among these spans\)/);
  });

  it('throws readable errors listing what was there', () => {
    expect(() => expectSingleSpan(spans(), { name: /^chat / })).toThrow(
      /expectSingleSpan: expected exactly 1 span\(s\) matching name \/\^chat \/, found 2\. The 4 span\(s\) were:\ntrace [0-9a-f]{32}\n {2}"workflow support-bot"/,
    );
    expect(() => expectSingleSpan(spans(), { attributes: { 'gen_ai.request.model': 'claude' } })).toThrow(
      /matching gen_ai\.request\.model="claude", found 0[\s\S]*└─ "chat gpt-4o-mini" \[CLIENT ERROR: rate limited\]/,
    );
    expect(() => expectNoSpan(spans(), { status: 'ERROR' })).toThrow(
      /expected no span\(s\) matching status ERROR, found 1/,
    );
    expect(expectSpanCount(spans(), { kind: 'CLIENT' }, 2)).toHaveLength(2);
    expect(() => expectSpanCount(spans(), { kind: 'CLIENT' }, 3)).toThrow(/expected exactly 3 .* found 2/);
    expect(() => expectSingleSpan([], { name: 'x' })).toThrow(/The 0 span\(s\) were:\n\(no spans\)/);
  });

  it('checks parent-child relations', () => {
    const nested = expectChildOf(spans(), { name: 'chat gpt-4o-mini' }, { name: 'execute_tool lookup' });
    expect(toSpanView(nested).name).toBe('chat gpt-4o-mini');
    expect(() =>
      expectChildOf(spans(), { name: 'chat gpt-4o-mini' }, { name: 'workflow support-bot' }),
    ).toThrow(/is not a child of the span matching name "workflow support-bot"/);
  });
});

describe('both span sources agree', () => {
  it('give the same ids, tree and listing for the same trace', () => {
    const key = (span: { traceId: string; spanId: string; parentSpanId: string | undefined; name: string }) =>
      `${span.traceId}/${span.spanId}/${span.parentSpanId}/${span.name}`;
    const fromMemory = memorySpans.map((span) => key(toSpanView(span))).sort();
    const fromReceiver = receivedSpans.map((span) => key(toSpanView(span))).sort();
    expect(fromReceiver).toEqual(fromMemory);
    expect(stable(describeSpans(receivedSpans))).toBe(stable(describeSpans(memorySpans)));
  });
});
