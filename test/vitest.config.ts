import { sightlineVitestConfig } from '../vitest.shared';

export default sightlineVitestConfig({
  include: ['**/*.test.ts'],
  exclude: ['**/node_modules/**'],
  // Builds the demo and the CLI once for all files (skipped under turbo, which built them already).
  globalSetup: ['./global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
});
