/**
 * The compatibility matrix: which Node line runs which SDK and OpenTelemetry versions. Ranges, not pins, so
 * each run picks up the newest release of each line (the run prints the versions it actually installed).
 *
 * OpenTelemetry JS 3.x renamed the trace SDK: `@opentelemetry/sdk-trace-base` stays at 2.12.x and the 3.x line
 * is `@opentelemetry/sdk-trace` (class `TracerProvider`, `new SimpleSpanProcessor({ exporter })`). 3.x and the
 * 0.3xx exporters need Node >= 22.15 and `@opentelemetry/api` >= 1.10 < 1.11. openai 7 needs Node >= 22.
 */

/** What a Node >= 22 user installs today: openai 7, OTel API 1.x latest, OTel SDK 3.x, exporters 0.3xx. */
const CURRENT = {
  openai: '^7.0.0',
  '@anthropic-ai/sdk': '~1.14.0',
  '@opentelemetry/api': '^1.9.0',
  '@opentelemetry/sdk-trace': '^3.0.0',
  '@opentelemetry/sdk-metrics': '^3.0.0',
  '@opentelemetry/exporter-trace-otlp-http': '>=0.300.0 <1.0.0',
};

/** What the repository's CI runs on Node 20 (the control: it must pass wherever the others are tried). */
const CONTROL = {
  openai: '~6.30.1',
  '@anthropic-ai/sdk': '~1.14.0',
  '@opentelemetry/api': '~1.9.0',
  '@opentelemetry/sdk-trace-base': '~2.12.1',
  '@opentelemetry/sdk-metrics': '~2.12.1',
  '@opentelemetry/exporter-trace-otlp-http': '^0.223.1',
};

/**
 * @typedef {object} MatrixEntry
 * @property {string} id short name, used in `--only` and in output prefixes
 * @property {string} node Node major version; the binary comes from the npm `node` package (`node@<major>`)
 * @property {Record<string, string>} dependencies registry dependencies beside the packed Sightline tarballs
 * @property {string} tracePackage the trace SDK package of this OTel line (told to the scenario)
 */

/** @type {MatrixEntry[]} */
export const MATRIX = [
  { id: 'node22', node: '22', dependencies: CURRENT, tracePackage: '@opentelemetry/sdk-trace' },
  { id: 'node24', node: '24', dependencies: CURRENT, tracePackage: '@opentelemetry/sdk-trace' },
  { id: 'node20', node: '20', dependencies: CONTROL, tracePackage: '@opentelemetry/sdk-trace-base' },
];

/** The Sightline workspaces that are packed and installed from their tarballs. */
export const PACKED_WORKSPACES = ['core', 'openai', 'anthropic', 'node', 'testkit'];
