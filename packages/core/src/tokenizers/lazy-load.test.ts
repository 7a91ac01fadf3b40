import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// The whole public entry point, as an app imports it.
import * as core from '../index.js';

describe('tiktoken loads lazily', () => {
  it('is not loaded by importing @sightline/core, only by the first count', () => {
    // Each test file gets a fresh module graph, and nothing in this file has counted yet.
    expect(core.tokenizerStats().tiktokenLoaded).toBe(false);
    core.workflow('no-count', () => core.definePrompt({ name: 'p', version: '1', template: 'x' }).render());
    expect(core.tokenizerStats().tiktokenLoaded).toBe(false);
    expect(core.countTokens('hello world', 'gpt-4o')).toBe(2);
    expect(core.tokenizerStats().tiktokenLoaded).toBe(true);
  });

  const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
  const built = existsSync(`${dist}index.js`) && existsSync(`${dist}index.cjs`);

  // The built package, in a fresh Node process per module format: tiktoken must not be in the module cache
  // after import, and must be after a count (which also proves the check can see it).
  it.skipIf(!built).each(['esm', 'cjs'])('holds for the built %s entry point in a fresh process', (kind) => {
    const script = `
      const { createRequire } = require('node:module');
      const loaded = () => Object.keys(require.cache).some((k) => k.includes('/tiktoken/'));
      (async () => {
        const core = ${kind === 'cjs' ? `require(${JSON.stringify(`${dist}index.cjs`)})` : `await import(${JSON.stringify(`${dist}index.js`)})`};
        const before = loaded();
        const count = core.countMessageTokens([{ role: 'user', content: 'hello world' }], 'gpt-4o');
        process.stdout.write(JSON.stringify({ before, after: loaded(), count }));
      })();
    `;
    const output = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(output).toEqual({ before: false, after: true, count: 3 + 1 + 2 + 3 });
  });
});
