import { sightlineVitestConfig } from '../../vitest.shared';

export default sightlineVitestConfig();
