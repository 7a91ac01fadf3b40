/**
 * Test-only: a real OTel SDK pipeline (BasicTracerProvider + InMemorySpanExporter) with the AsyncLocalStorage
 * context manager registered globally, so context propagates across await exactly as in an app. Not exported
 * from the package.
 */
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export interface OtelHarness {
  exporter: InMemorySpanExporter;
  provider: BasicTracerProvider;
  spans(): ReadableSpan[];
  span(name: string): ReadableSpan;
  /** Parent span name of `child` (undefined for a root span). */
  parentOf(child: ReadableSpan): string | undefined;
  shutdown(): Promise<void>;
}

export function setupOtel(): OtelHarness {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
  const spans = () => exporter.getFinishedSpans();
  return {
    exporter,
    provider,
    spans,
    span(name) {
      const found = spans().filter((s) => s.name === name);
      if (found.length !== 1) {
        throw new Error(
          `expected one span "${name}", found ${found.length}: ${spans()
            .map((s) => s.name)
            .join(', ')}`,
        );
      }
      return found[0];
    },
    parentOf(child) {
      const parentId = child.parentSpanContext?.spanId;
      return parentId ? spans().find((s) => s.spanContext().spanId === parentId)?.name : undefined;
    },
    async shutdown() {
      await provider.shutdown();
      contextManager.disable();
      trace.disable();
      context.disable();
    },
  };
}
