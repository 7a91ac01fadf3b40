/**
 * One build recipe for every package: dual ESM + CJS with declarations for both module kinds,
 * so `publint` and `@arethetypeswrong/cli` see matching `import`/`require` types.
 */
import type { Options } from 'tsup';

export function packageBuild(entry: Record<string, string>, extra: Partial<Options> = {}): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    // Package tsconfigs are composite for `tsc -b`; declaration bundling wants a plain program.
    dts: { compilerOptions: { composite: false } },
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: true,
    // `import.meta.url` in CJS output and `__dirname` in ESM output resolve to the file itself.
    shims: true,
    treeshake: false,
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
    ...extra,
  };
}
