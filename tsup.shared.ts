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
    // Rollup re-bundles each chunk (same chunks, same exports). Without it tsup's CJS splitting step runs sucrase,
    // which rewrites every `?.`/`??` into `_optionalChain([...closures])`/`_nullishCoalesce` helper calls: a few
    // allocations per use, on the instrumentation's per-call and per-chunk paths.
    treeshake: true,
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
    ...extra,
  };
}
