/**
 * Shared vitest settings. Tests import sibling packages by their public names (`@sightline/core`), and these
 * aliases point those names at the TypeScript sources, so a test run never depends on a stale `dist/`.
 * The aliases are derived from each package's `exports` map: `./dist/x.js` is served from `./src/x.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const packagesDir = resolve(__dirname, 'packages');

interface ExportTarget {
  import?: { default?: string } | string;
}

function sourceAliases(): { find: RegExp; replacement: string }[] {
  const aliases: { find: RegExp; replacement: string }[] = [];
  for (const dir of readdirSync(packagesDir)) {
    const manifestPath = join(packagesDir, dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name: string;
      exports?: Record<string, ExportTarget | string>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      if (typeof target === 'string') continue;
      const importTarget = typeof target.import === 'string' ? target.import : target.import?.default;
      if (!importTarget?.startsWith('./dist/')) continue;
      const flat = join(packagesDir, dir, importTarget.replace('./dist/', 'src/').replace(/\.js$/, '.ts'));
      // An entry `src/name/index.ts` builds to `dist/name.js` just like `src/name.ts` does.
      const source = existsSync(flat) ? flat : flat.replace(/\.ts$/, '/index.ts');
      const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
      aliases.push({ find: new RegExp(`^${specifier.replace(/[/.]/g, '\\$&')}$`), replacement: source });
    }
  }
  return aliases;
}

export function sightlineVitestConfig(overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineConfig({
    resolve: { alias: sourceAliases() },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts', '*.test.ts'],
      // The JSON results feed the plain `N passed, N failed` line that `npm test` ends with (test/report-totals.mjs).
      reporters: ['default', 'json'],
      outputFile: { json: '.vitest/results.json' },
      testTimeout: 20_000,
      hookTimeout: 20_000,
      ...overrides,
    },
  });
}
