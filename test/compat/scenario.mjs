/**
 * The compat scenario: run by `run.mjs` inside a fresh temp project (where it is copied with `scenarios/`)
 * with the Node binary under test, against the PACKED Sightline packages and the SDK / OTel versions the
 * matrix entry installed. Prints `PASS name` / `FAIL name: reason` per scenario, then
 * `compat: N passed, M failed`, and exits non-zero on any failure.
 *
 * Standalone: `SIGHTLINE_COMPAT_TRACE_PKG=@opentelemetry/sdk-trace node scenario.mjs` in a project that has
 * the packages installed (the run script writes that project; see README.md).
 */
import { installedVersion, loadOtel, memoryTracing, scenario, summarize } from './scenarios/harness.mjs';

const otel = await loadOtel();
const versions = {
  node: process.version,
  openai: installedVersion('openai'),
  anthropic: installedVersion('@anthropic-ai/sdk'),
  otelApi: otel.versions.api,
  [otel.tracePackage.replace('@opentelemetry/', '')]: otel.versions.traceSdk,
  sdkMetrics: otel.versions.metricsSdk,
  otlpHttp: installedVersion('@opentelemetry/exporter-trace-otlp-http'),
};
console.log(`compat versions ${JSON.stringify(versions)}`);

const { startFakeProvider } = await import('@sightline/testkit');
const fake = await startFakeProvider();
const tracing = memoryTracing(otel);
const context = { fake, tracing, otel };

/** Each group is imported on its own, so a package that fails to load fails its group, not the run. */
const groups = [
  ['openai', './scenarios/openai.mjs', 'openaiScenarios'],
  ['anthropic', './scenarios/anthropic.mjs', 'anthropicScenarios'],
  ['metrics', './scenarios/metrics.mjs', 'metricsScenarios'],
  ['export', './scenarios/export.mjs', 'exportScenarios'],
];
const only = process.env.SIGHTLINE_COMPAT_GROUPS?.split(',').filter(Boolean);
try {
  for (const [group, file, exportName] of groups) {
    if (only && !only.includes(group)) continue;
    let run;
    try {
      run = (await import(file))[exportName];
    } catch (error) {
      await scenario(`${group} (loading ${file})`, () => {
        throw error;
      });
      continue;
    }
    await run(context);
  }
} finally {
  await tracing.provider.shutdown();
  await fake.close();
}
process.exitCode = summarize() > 0 ? 1 : 0;
