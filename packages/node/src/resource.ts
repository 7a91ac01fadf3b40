import { arch, hostname } from 'node:os';
import {
  defaultResource,
  envDetector,
  processDetector,
  type Resource,
  type ResourceDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import type { ResolvedOptions } from './options.js';

/**
 * The resource Sightline starts from: OTel's default (SDK name, `unknown_service:node`) plus the options'
 * version, environment and extra attributes. `NodeSDK` then merges detected attributes on top, so
 * `OTEL_RESOURCE_ATTRIBUTES` and `OTEL_SERVICE_NAME` still apply.
 */
export function baseResource(options: ResolvedOptions): Resource {
  const attributes: Record<string, string | number | boolean> = { ...options.resourceAttributes };
  if (options.serviceVersion !== undefined) attributes['service.version'] = options.serviceVersion;
  if (options.environment !== undefined) attributes['deployment.environment.name'] = options.environment;
  return defaultResource().merge(resourceFromAttributes(attributes));
}

/**
 * Resource detectors whose attributes are all known synchronously. OTel's `hostDetector` reads `host.id`
 * asynchronously, and while any resource attribute is pending the `SimpleSpanProcessor` defers every export,
 * which would break the file exporter's promise that a span is on disk when `span.end()` returns. So the host
 * detector here reports `host.name` and `host.arch` only. `OTEL_NODE_RESOURCE_DETECTORS`, when set, wins.
 */
export function resourceDetectors(
  env: Record<string, string | undefined> = process.env,
): ResourceDetector[] | undefined {
  if (env.OTEL_NODE_RESOURCE_DETECTORS?.trim()) return undefined;
  return [envDetector, processDetector, synchronousHostDetector];
}

const synchronousHostDetector: ResourceDetector = {
  detect: () => ({ attributes: { 'host.name': hostname(), 'host.arch': normalizedArch(arch()) } }),
};

/** Node's `os.arch()` names mapped to the semantic-convention values (as OTel's own host detector does). */
function normalizedArch(nodeArch: string): string {
  const names: Record<string, string> = { arm: 'arm32', ppc: 'ppc32', x64: 'amd64' };
  return names[nodeArch] ?? nodeArch;
}
