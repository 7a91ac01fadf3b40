import { describe, expect, it } from 'vitest';
import { compareVersions, sortVersions, suggestNextVersion } from './versions.js';

describe('versions', () => {
  it('orders numbers, dotted numbers, semver pre-releases and dates', () => {
    expect(compareVersions('2', '10')).toBe(-1);
    expect(compareVersions('1.10', '1.9')).toBe(1);
    expect(compareVersions('v2.0', '2')).toBe(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBe(-1);
    expect(compareVersions('2025-06-01', '2025-12-01')).toBe(-1);
    expect(compareVersions('2025-06-01', '3')).toBeUndefined();
    expect(compareVersions('alpha', 'beta')).toBeUndefined();
  });

  it('sorts totally: numeric, then dates, then text', () => {
    expect(sortVersions(['beta', '2025-01-02', '10', '9', '1.5', 'alpha', '2025-01-01'])).toEqual([
      '1.5',
      '9',
      '10',
      '2025-01-01',
      '2025-01-02',
      'alpha',
      'beta',
    ]);
  });

  it('suggests the next version when it can', () => {
    expect(suggestNextVersion('9')).toBe('10');
    expect(suggestNextVersion('v1.2')).toBe('v1.3');
    expect(suggestNextVersion('2025-06-01')).toBeUndefined();
  });
});
