/** Instrumentation scope of Sightline's Anthropic spans and metrics (kept in step with package.json). */
export const PACKAGE_NAME = '@sightline/anthropic';
export const PACKAGE_VERSION = '0.1.0';
