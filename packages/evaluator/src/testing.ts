/**
 * `@sightline/evaluator/testing`: a seeded OTLP/JSON trace generator for tests, benchmarks and demos.
 */
export {
  type GeneratedContent,
  type GeneratedSegment,
  generateOtlpLines,
  type TraceGeneratorOptions,
} from './testing/generator.js';
export { writeOtlpFile } from './testing/write.js';
