import { sightlineVitestConfig } from '../vitest.shared';

export default sightlineVitestConfig({ include: ['**/*.test.ts'], exclude: ['**/node_modules/**'] });
