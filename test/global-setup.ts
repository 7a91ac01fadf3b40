/**
 * Builds what the end-to-end tests run as real processes (the support-bot demo, the other examples and the
 * `sightline` bin, with their workspace dependencies) once, before any test file starts. Under turbo (`npm test` at the root) the
 * `test` task already depends on those builds, so nothing is done; `SIGHTLINE_E2E_SKIP_BUILD=1` skips it too.
 */
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './helpers/paths.js';

export default function setup(): void {
  if (process.env.TURBO_HASH || process.env.SIGHTLINE_E2E_SKIP_BUILD === '1') return;
  execFileSync(
    'npx',
    [
      'turbo',
      'run',
      'build',
      '--filter=support-bot...',
      '--filter=example-*...',
      '--filter=@sightline/cli...',
      '--output-logs=errors-only',
    ],
    { cwd: REPO_ROOT, stdio: 'inherit', timeout: 240_000 },
  );
}
