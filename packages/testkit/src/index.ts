/**
 * @sightline/testkit: real parts for tests and offline staging.
 * - a wire-faithful fake OpenAI/Anthropic provider (`startFakeProvider`),
 * - a real OTLP/HTTP receiver (`startOtlpReceiver`),
 * - span assertion helpers over the receiver's normalised spans or the SDK's in-memory exporter.
 */
export * from './fake-provider/index.js';
export * from './otlp-receiver/index.js';
export * from './span-assertions/index.js';
