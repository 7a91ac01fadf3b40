import { ProxyTracerProvider, type TracerProvider, trace } from '@opentelemetry/api';

/**
 * The registration slots every `@opentelemetry/api` 1.x copy in the process shares. The API registers the
 * slot on `setGlobal*Provider` and deletes it on `disable()`; reading it is the only way to ask "did anyone
 * register a provider?" without side effects (a trial `setGlobal*Provider` logs a duplicate-registration
 * error, and the API hands out a proxy or a no-op either way).
 */
function registeredApis(): { trace?: unknown; metrics?: unknown } | undefined {
  return (globalThis as Record<symbol, { trace?: unknown; metrics?: unknown } | undefined>)[
    Symbol.for('opentelemetry.js.api.1')
  ];
}

/** Whether a global TracerProvider is registered (by the app, or by an earlier `setupSightline`). */
export function hasGlobalTracerProvider(): boolean {
  return registeredApis()?.trace !== undefined;
}

/** Whether a global MeterProvider is registered. */
export function hasGlobalMeterProvider(): boolean {
  return registeredApis()?.metrics !== undefined;
}

/**
 * The real global TracerProvider. `trace.getTracerProvider()` returns the API's proxy, which has no
 * `forceFlush`; its delegate is the SDK provider that does.
 */
export function globalTracerProvider(): TracerProvider {
  const provider = trace.getTracerProvider();
  return provider instanceof ProxyTracerProvider ? provider.getDelegate() : provider;
}
