import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffPrompts } from './diff.js';
import { PromptVersionNotFoundError } from './errors.js';
import { formatDiffText } from './format.js';
import { lockPrompts } from './lock.js';
import { promptYaml, type TempProject, tempProject } from './test-helpers.js';

let project: TempProject;
afterEach(() => project?.cleanup());

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('diffPrompts', () => {
  it('diffs a locked snapshot against the current file, with model-hint changes', () => {
    project = tempProject({
      'support.prompt.yaml': promptYaml(
        'support',
        1,
        'Be brief.',
        'model: {id: gpt-4o-mini, temperature: 0.2}',
      ),
    });
    lockPrompts({ cwd: project.cwd });
    project.write(
      'support.prompt.yaml',
      promptYaml('support', 2, 'Be brief and kind.', 'model: {id: gpt-4o-mini, max_tokens: 200}'),
    );
    lockPrompts({ cwd: project.cwd });

    const diff = diffPrompts('support', '1', '2', { cwd: project.cwd });
    expect(diff.from).toMatchObject({
      version: '1',
      source: 'history',
      location: 'prompts/.history/support@1.prompt.yaml',
    });
    expect(diff.to).toMatchObject({ version: '2', source: 'file', location: 'prompts/support.prompt.yaml' });
    expect(diff.templateChanged).toBe(true);
    expect(diff.metadata).toEqual([
      { field: 'model.max_tokens', to: '200' },
      { field: 'model.temperature', from: '0.2' },
    ]);
    expect(diff.unified).toBe(
      [
        '--- support@1 (prompts/.history/support@1.prompt.yaml)',
        '+++ support@2 (prompts/support.prompt.yaml)',
        '@@ -1,4 +1,4 @@',
        ' [system]',
        '-Be brief.',
        '+Be brief and kind.',
        ' [user]',
        ' {{question}}',
        '',
      ].join('\n'),
    );
    expect(diff.notes).toEqual([]);
    // TO defaults to the file's current version.
    expect(diffPrompts('support', '1', undefined, { cwd: project.cwd }).to.version).toBe('2');
    expect(formatDiffText(diff)).toContain('  model.temperature: 0.2 -> (none)\n');
  });

  it('says when two versions are identical and notes a working copy that differs from its lock', () => {
    project = tempProject({ 'p.prompt.yaml': promptYaml('p', 1, 'Same.') });
    lockPrompts({ cwd: project.cwd });
    project.write('p.prompt.yaml', promptYaml('p', 2, 'Same.'));
    lockPrompts({ cwd: project.cwd });
    const same = diffPrompts('p', '1', '2', { cwd: project.cwd });
    expect(same).toMatchObject({ identical: true, templateChanged: false, hunks: [], unified: '' });
    expect(formatDiffText(same)).toMatch(/^p: version 1 .* -> 2 .*\nno changes\n$/);

    project.write('p.prompt.yaml', promptYaml('p', 2, 'Edited without bump.'));
    expect(diffPrompts('p', '1', '2', { cwd: project.cwd }).notes[0]).toMatch(
      /p@2 from prompts\/p\.prompt\.yaml has hash \w+, but the lock records \w+/,
    );
  });

  it('throws PromptVersionNotFoundError naming the known versions', () => {
    project = tempProject({ 'p.prompt.yaml': promptYaml('p', 1, 'x') });
    lockPrompts({ cwd: project.cwd });
    expect(() => diffPrompts('p', '7', '1', { cwd: project.cwd })).toThrow(PromptVersionNotFoundError);
    expect(() => diffPrompts('p', '7', '1', { cwd: project.cwd })).toThrow(
      'prompt "p" version "7" not found (known versions: 1)',
    );
    expect(() => diffPrompts('nope', '1', '2', { cwd: project.cwd })).toThrow(/prompt "nope" not found/);
  });

  it.skipIf(!hasGit())('falls back to git history when a snapshot is missing', () => {
    project = tempProject({ 'p.prompt.yaml': promptYaml('p', 1, 'First.') });
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: project.cwd,
        stdio: 'pipe',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.com',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.com',
          GIT_CONFIG_NOSYSTEM: '1',
          HOME: project.cwd,
        },
      });
    git('init', '-q');
    lockPrompts({ cwd: project.cwd });
    git('add', '-A');
    git('commit', '-q', '-m', 'v1');
    project.write('p.prompt.yaml', promptYaml('p', 2, 'Second.'));
    lockPrompts({ cwd: project.cwd });
    git('add', '-A');
    git('commit', '-q', '-m', 'v2');
    // Lose the snapshots (e.g. a folder deleted by mistake): git still has version 1.
    rmSync(join(project.cwd, 'prompts', '.history'), { recursive: true });
    const diff = diffPrompts('p', '1', '2', { cwd: project.cwd });
    expect(diff.from.source).toBe('git');
    expect(diff.from.location).toMatch(/^[0-9a-f]{12}:prompts\/p\.prompt\.yaml$/);
    expect(diff.from.hash).toBe(diff.from.lockedHash);
    expect(diff.unified).toContain('-First.\n+Second.\n');
  });
});
