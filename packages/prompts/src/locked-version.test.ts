import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { promptContentHash } from '@sightline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { PromptFileError, PromptNotFoundError, PromptVersionNotFoundError } from './errors.js';
import { lockPrompts } from './lock.js';
import { createPromptRegistry, loadPrompt } from './registry.js';
import { promptYaml, type TempProject, tempProject } from './test-helpers.js';

// The registry's `definePrompt` comes from this very module, so `promptUseOf` reads what spans will carry.
const corePrompts = (await import(new URL('../../core/src/prompts/define.ts', import.meta.url).pathname)) as {
  promptUseOf(value: unknown): { name: string; version: string; hash: string } | undefined;
};

let project: TempProject;
afterEach(() => project?.cleanup());

const hashOf = (system: string) =>
  promptContentHash([
    { role: 'system', content: system },
    { role: 'user', content: '{{question}}' },
  ]);

/** A project where `support` v1 ("Be brief.") and v2 ("Be kind.") are both locked and the file is v2. */
function lockedTwice(): TempProject {
  const p = tempProject({
    'support.prompt.yaml': promptYaml('support', 1, 'Be brief.', 'model: gpt-4o-mini'),
  });
  lockPrompts({ cwd: p.cwd });
  p.write('support.prompt.yaml', promptYaml('support', 2, 'Be kind.'));
  lockPrompts({ cwd: p.cwd });
  return p;
}

describe('load(name, { version })', () => {
  it('loads the current version from the file and an older locked version from its snapshot', () => {
    project = lockedTwice();
    const v1 = loadPrompt('support', { cwd: project.cwd, version: '1' });
    expect(v1).toMatchObject({
      name: 'support',
      version: '1',
      hash: hashOf('Be brief.'),
      file: 'prompts/.history/support@1.prompt.yaml',
      model: 'gpt-4o-mini',
    });
    const messages = v1.render({ question: 'Where is my order?' });
    expect(messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Where is my order?' },
    ]);
    expect(corePrompts.promptUseOf(messages)).toMatchObject({
      name: 'support',
      version: '1',
      hash: hashOf('Be brief.'),
    });

    const registry = createPromptRegistry({ cwd: project.cwd });
    const v2 = registry.load('support', { version: '2' });
    expect(v2).toMatchObject({ version: '2', hash: hashOf('Be kind.'), file: 'prompts/support.prompt.yaml' });
    expect(registry.load('support')).toMatchObject({ version: '2', file: 'prompts/support.prompt.yaml' });
    expect(registry.list().map((p) => [p.name, p.version, p.versions])).toEqual([
      ['support', '2', ['1', '2']],
    ]);

    // Once the file moves on to v3 (not locked yet), v2 comes from its snapshot too.
    project.write('support.prompt.yaml', promptYaml('support', 3, 'Be kind and brief.'));
    expect(registry.load('support', { version: '2' })).toMatchObject({
      version: '2',
      hash: hashOf('Be kind.'),
      file: 'prompts/.history/support@2.prompt.yaml',
    });
    expect(registry.list()[0].versions).toEqual(['1', '2', '3']);
  });

  it('refuses a snapshot whose content no longer matches the locked hash, naming the file', () => {
    project = lockedTwice();
    const snapshot = project.read('.history/support@1.prompt.yaml');
    // A comment is not content: the hash still matches, so it loads.
    project.write('.history/support@1.prompt.yaml', `# reviewed\n${snapshot}`);
    expect(loadPrompt('support', { cwd: project.cwd, version: '1' }).hash).toBe(hashOf('Be brief.'));

    project.write('.history/support@1.prompt.yaml', snapshot.replace('Be brief.', 'Be rude.'));
    const load = () => loadPrompt('support', { cwd: project.cwd, version: '1' });
    expect(load).toThrow(PromptFileError);
    expect(load).toThrow(
      `prompts/.history/support@1.prompt.yaml:7: field "messages": content hash ${hashOf('Be rude.')} differs ` +
        `from the hash ${hashOf('Be brief.')} that prompts/prompts.lock.json records for support@1`,
    );
    // The current version does not depend on the snapshots.
    expect(loadPrompt('support', { cwd: project.cwd }).version).toBe('2');

    project.write('.history/support@1.prompt.yaml', promptYaml('support', 2, 'Be brief.'));
    expect(load).toThrow(
      'prompts/.history/support@1.prompt.yaml:2: field "version": snapshot holds support@2, not support@1',
    );
  });

  it('names the known versions for an unknown version, and says when a snapshot is missing', () => {
    project = lockedTwice();
    const registry = createPromptRegistry({ cwd: project.cwd });
    expect(() => registry.load('support', { version: '9' })).toThrow(PromptVersionNotFoundError);
    expect(() => registry.load('support', { version: '9' })).toThrow(
      'prompt "support" version "9" not found (known versions: 1, 2); looked in prompts/support.prompt.yaml ' +
        '(version "2") and prompts/prompts.lock.json',
    );
    // A version is never a path: nothing outside .history/ is read.
    expect(() => registry.load('support', { version: '../support' })).toThrow(/known versions: 1, 2/);

    project.remove('.history/support@1.prompt.yaml');
    expect(() => registry.load('support', { version: '1' })).toThrow(
      /version "1" is locked in prompts\/prompts\.lock\.json but its snapshot prompts\/\.history\/support@1\.prompt\.yaml \(or \.json\) is missing/,
    );
    expect(registry.list()[0].versions).toEqual(['2']);
    expect(() => registry.load('other', { version: '1' })).toThrow(PromptNotFoundError);
  });

  it('does not trust snapshots without a lock entry, and reads a custom lock file', () => {
    project = lockedTwice();
    renameSync(join(project.cwd, 'prompts/prompts.lock.json'), join(project.cwd, 'release.lock.json'));
    expect(() => loadPrompt('support', { cwd: project.cwd, version: '1' })).toThrow(
      'prompt "support" version "1" not found (known versions: 2); looked in prompts/support.prompt.yaml ' +
        '(version "2") and prompts/prompts.lock.json, which does not exist',
    );
    const v1 = loadPrompt('support', { cwd: project.cwd, lockFile: 'release.lock.json', version: '1' });
    expect(v1.hash).toBe(hashOf('Be brief.'));
  });

  it('loads locked versions of a prompt whose file was removed', () => {
    project = lockedTwice();
    project.remove('support.prompt.yaml');
    const registry = createPromptRegistry({ cwd: project.cwd });
    expect(registry.load('support', { version: '2' }).file).toBe('prompts/.history/support@2.prompt.yaml');
    expect(() => registry.load('support')).toThrow(PromptNotFoundError);
    expect(() => registry.load('support', { version: '3' })).toThrow(/known versions: 1, 2\)/);
  });

  it('loads a JSON prompt snapshot', () => {
    const json = (version: number, text: string) =>
      JSON.stringify({ name: 'greet', version, template: text });
    project = tempProject({ 'greet.prompt.json': json(1, 'Hi {{who}}') });
    lockPrompts({ cwd: project.cwd });
    project.write('greet.prompt.json', json(2, 'Hello {{who}}'));
    lockPrompts({ cwd: project.cwd });
    const v1 = loadPrompt('greet', { cwd: project.cwd, version: '1' });
    expect(v1.file).toBe('prompts/.history/greet@1.prompt.json');
    expect(v1.render({ who: 'Ada' })).toEqual([{ role: 'user', content: 'Hi Ada' }]);
  });
});
