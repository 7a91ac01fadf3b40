import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPrompts } from './check.js';
import { PromptFileError } from './errors.js';
import { lockPrompts, PromptLockConflictError } from './lock.js';
import { promptYaml, type TempProject, tempProject } from './test-helpers.js';

let project: TempProject;
afterEach(() => project?.cleanup());

const kinds = (cwd: string) => checkPrompts({ cwd }).problems.map((p) => [p.kind, p.severity, p.name]);

describe('checkPrompts and lockPrompts', () => {
  it('reports new prompts until they are locked, then passes', () => {
    project = tempProject({ 'support.prompt.yaml': promptYaml('support', 1, 'Be brief.') });
    const before = checkPrompts({ cwd: project.cwd });
    expect(before.ok).toBe(false);
    expect(before.lockFileExists).toBe(false);
    expect(before.problems).toEqual([
      expect.objectContaining({
        kind: 'unlocked-prompt',
        severity: 'error',
        file: 'prompts/support.prompt.yaml',
        line: 2,
        fix: expect.stringContaining('sightline prompts lock'),
      }),
    ]);

    const locked = lockPrompts({ cwd: project.cwd });
    expect(locked.added).toEqual([{ name: 'support', version: '1', hash: before.prompts[0].hash }]);
    expect(locked.snapshots).toEqual(['prompts/.history/support@1.prompt.yaml']);
    expect(project.read('prompts.lock.json')).toBe(
      `{\n  "lockfileVersion": 1,\n  "prompts": {\n    "support": {\n      "versions": {\n        "1": "${before.prompts[0].hash}"\n      }\n    }\n  }\n}\n`,
    );
    expect(checkPrompts({ cwd: project.cwd })).toMatchObject({ ok: true, errors: 0, warnings: 0 });
    // Locking again changes nothing.
    expect(lockPrompts({ cwd: project.cwd })).toMatchObject({ written: false, added: [], snapshots: [] });
  });

  it('fails when content changes without a version bump, and lock refuses to overwrite', () => {
    project = tempProject({ 'support.prompt.yaml': promptYaml('support', 1, 'Be brief.') });
    lockPrompts({ cwd: project.cwd });
    const lockText = project.read('prompts.lock.json');
    project.write('support.prompt.yaml', promptYaml('support', 1, 'Be very brief.'));

    const result = checkPrompts({ cwd: project.cwd });
    expect(result.ok).toBe(false);
    expect(result.prompts[0]).toMatchObject({ status: 'changed', version: '1' });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ kind: 'changed-without-bump', line: 2 });
    expect(result.problems[0].message).toMatch(/content changed but version is still "1"/);
    expect(result.problems[0].fix).toMatch(/bump `version` \(e\.g\. to "2"\)/);

    expect(() => lockPrompts({ cwd: project.cwd })).toThrow(PromptLockConflictError);
    expect(project.read('prompts.lock.json')).toBe(lockText);

    // The fix: bump, lock, check passes; both versions stay in the lock.
    project.write('support.prompt.yaml', promptYaml('support', 2, 'Be very brief.'));
    expect(kinds(project.cwd)).toEqual([['unlocked-version', 'error', 'support']]);
    expect(lockPrompts({ cwd: project.cwd }).added.map((a) => a.version)).toEqual(['2']);
    expect(checkPrompts({ cwd: project.cwd }).ok).toBe(true);
    const lock = JSON.parse(project.read('prompts.lock.json'));
    expect(Object.keys(lock.prompts.support.versions)).toEqual(['1', '2']);
    expect(project.exists('.history/support@1.prompt.yaml')).toBe(true);
    expect(project.exists('.history/support@2.prompt.yaml')).toBe(true);
  });

  it('fails when an old version label is reused for new content', () => {
    project = tempProject({ 'support.prompt.yaml': promptYaml('support', 1, 'One.') });
    lockPrompts({ cwd: project.cwd });
    project.write('support.prompt.yaml', promptYaml('support', 2, 'Two.'));
    lockPrompts({ cwd: project.cwd });
    project.write('support.prompt.yaml', promptYaml('support', 1, 'Three.'));
    const [problem] = checkPrompts({ cwd: project.cwd }).problems;
    expect(problem).toMatchObject({ kind: 'version-reused', severity: 'error', version: '1' });
    expect(problem.fix).toMatch(/above the latest locked "2" \(e\.g\. "3"\)/);
    expect(() => lockPrompts({ cwd: project.cwd })).toThrow(/version "1" was already locked/);
  });

  it('allows going back to old content under a new version', () => {
    project = tempProject({ 'support.prompt.yaml': promptYaml('support', 1, 'One.') });
    lockPrompts({ cwd: project.cwd });
    project.write('support.prompt.yaml', promptYaml('support', 2, 'Two.'));
    lockPrompts({ cwd: project.cwd });
    project.write('support.prompt.yaml', promptYaml('support', 3, 'One.'));
    lockPrompts({ cwd: project.cwd });
    expect(checkPrompts({ cwd: project.cwd }).ok).toBe(true);
  });

  it('warns when a new version sorts below the latest, and about locked prompts whose file is gone', () => {
    project = tempProject({
      'support.prompt.yaml': promptYaml('support', 5, 'Five.'),
      'old.prompt.yaml': promptYaml('old', 1, 'Old.'),
    });
    lockPrompts({ cwd: project.cwd });
    project.write('support.prompt.yaml', promptYaml('support', 4, 'Four.'));
    project.remove('old.prompt.yaml');
    expect(kinds(project.cwd)).toEqual([
      ['unlocked-version', 'error', 'support'],
      ['missing-file', 'warning', 'old'],
      ['version-backwards', 'warning', 'support'],
    ]);
    const locked = lockPrompts({ cwd: project.cwd });
    expect(locked.warnings.map((w) => w.kind)).toEqual(['missing-file', 'version-backwards']);
    const result = checkPrompts({ cwd: project.cwd });
    expect(result).toMatchObject({ ok: true, errors: 0, warnings: 2 });
    expect(lockPrompts({ cwd: project.cwd, prune: true }).pruned).toEqual(['old']);
    expect(kinds(project.cwd)).toEqual([['version-backwards', 'warning', 'support']]);
  });

  it('reports an edited history snapshot and model hints changed without a bump', () => {
    project = tempProject({ 'support.prompt.yaml': promptYaml('support', 1, 'One.', 'model: gpt-4o-mini') });
    lockPrompts({ cwd: project.cwd });
    project.write(
      'support.prompt.yaml',
      promptYaml('support', 1, 'One.', 'model: {id: gpt-4o, temperature: 0}'),
    );
    const result = checkPrompts({ cwd: project.cwd });
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'model-hints-changed', severity: 'warning' }),
    ]);
    expect(result.problems[0].message).toMatch(/\(model\.id, model\.temperature\)/);

    project.write('.history/support@1.prompt.yaml', promptYaml('support', 1, 'Edited.'));
    expect(kinds(project.cwd)).toEqual([
      ['snapshot-mismatch', 'error', 'support'],
      ['model-hints-changed', 'warning', 'support'],
    ]);
  });

  it('writes versions in version order with stable formatting', () => {
    project = tempProject({ 'p.prompt.yaml': promptYaml('p', 9, 'x') });
    lockPrompts({ cwd: project.cwd });
    project.write('p.prompt.yaml', promptYaml('p', 10, 'y'));
    lockPrompts({ cwd: project.cwd });
    project.write('p.prompt.yaml', promptYaml('p', '10.1', 'z'));
    lockPrompts({ cwd: project.cwd });
    const text = project.read('prompts.lock.json');
    expect([...text.matchAll(/"([\d.]+)": "/g)].map((m) => m[1])).toEqual(['9', '10', '10.1']);
  });

  it('throws file/line/field errors for malformed prompt files and lock files', () => {
    project = tempProject({
      'a.prompt.yaml': 'name: a\nversion: 1\ntemplate: [x]\n',
      'b.prompt.yaml': 'name: b\nversion: 1\ntypo: 1\ntemplate: x\n',
    });
    expect(() => checkPrompts({ cwd: project.cwd })).toThrow(
      [
        'prompts/a.prompt.yaml:3: field "template": expected a non-empty string, got list',
        'prompts/b.prompt.yaml:3: field "typo": unknown field (expected: name, version, description, model, template, messages; prefix custom fields with "x-")',
      ].join('\n'),
    );
    project.write('a.prompt.yaml', promptYaml('a', 1, 'x'));
    project.remove('b.prompt.yaml');
    project.write(
      'prompts.lock.json',
      '{\n  "lockfileVersion": 1,\n  "prompts": {\n    "a": {"versions": {"1": "nothex"}}\n  }\n}\n',
    );
    expect(() => checkPrompts({ cwd: project.cwd })).toThrow(
      'prompts/prompts.lock.json:4: field "prompts.a.versions.1": expected a content hash (16 hex characters), got "nothex"',
    );
    project.write('prompts.lock.json', '{"lockfileVersion": 2, "prompts": {}}');
    expect(() => lockPrompts({ cwd: project.cwd })).toThrow(PromptFileError);
    expect(() => checkPrompts({ cwd: project.cwd, dir: 'missing' })).toThrow(
      /missing: prompts directory not found/,
    );
  });

  it('honours a custom dir and lock file path', () => {
    project = tempProject({
      'x/greet.prompt.json': JSON.stringify({ name: 'greet', version: 1, template: 'Hi' }),
    });
    const options = { cwd: project.cwd, dir: 'prompts/x', lockFile: 'prompt-hashes.json' };
    expect(lockPrompts(options).lockFile).toBe('prompt-hashes.json');
    expect(readFileSync(join(project.cwd, 'prompt-hashes.json'), 'utf8')).toContain('"greet"');
    expect(project.exists('x/.history/greet@1.prompt.json')).toBe(true);
    expect(checkPrompts(options).ok).toBe(true);
  });
});
