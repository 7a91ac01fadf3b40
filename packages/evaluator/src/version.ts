/** The version of @sightline/evaluator (kept equal to package.json by a test), written into reports and baselines. */
export const SIGHTLINE_VERSION = '0.1.0';
