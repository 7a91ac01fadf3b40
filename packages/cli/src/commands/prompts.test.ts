import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.js';
import { runCli } from '../index.js';

interface BufferIO extends CliIO {
  out(): string;
  err(): string;
}

function bufferIO(cwd: string): BufferIO {
  let out = '';
  let err = '';
  return {
    cwd,
    env: {},
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    out: () => out,
    err: () => err,
  };
}

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'sightline-cli-prompts-'));
  for (const [path, text] of Object.entries(files)) write(path, text);
  return root;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function prompt(version: number | string, system: string, name = 'support'): string {
  return `name: ${name}\nversion: ${version}\nmessages:\n  - role: system\n    content: ${system}\n  - role: user\n    content: "{{question}}"\n`;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIO(root);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('sightline prompts', () => {
  it('check: 1 for an unlocked prompt, 0 after lock', async () => {
    project({ 'prompts/support.prompt.yaml': prompt(1, 'Be brief.') });
    const unlocked = await run('prompts', 'check');
    expect(unlocked.code).toBe(1);
    expect(unlocked.out).toContain(
      'prompts/support.prompt.yaml:2: error: new prompt "support" (version "1") is not in prompts/prompts.lock.json',
    );
    expect(unlocked.out).toContain('fix: run `sightline prompts lock`');

    const lock = await run('prompts', 'lock');
    expect(lock.code).toBe(0);
    expect(lock.out).toMatch(/^locked support@1 \([0-9a-f]{16}\)\n/);
    expect(lock.out).toContain('wrote prompts/.history/support@1.prompt.yaml\n');

    const clean = await run('prompts', 'check', '--dir', 'prompts');
    expect(clean).toMatchObject({ code: 0, err: '' });
    expect(clean.out).toBe('prompts check: ok, 1 prompt match prompts/prompts.lock.json\n');
  });

  it('check: 1 when content changed without a bump; lock refuses; bump + lock passes', async () => {
    project({ 'prompts/support.prompt.yaml': prompt(1, 'Be brief.') });
    await run('prompts', 'lock');
    write('prompts/support.prompt.yaml', prompt(1, 'Be brief, please.'));
    const changed = await run('prompts', 'check', '--dir', join(root, 'prompts'));
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(
      /prompts\/support\.prompt\.yaml:2: error: content changed but version is still "1"/,
    );
    expect(changed.out).toContain('fix: bump `version` (e.g. to "2"), then run `sightline prompts lock`');

    const refused = await run('prompts', 'lock');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('refusing to overwrite locked versions; nothing was written');

    write('prompts/support.prompt.yaml', prompt(2, 'Be brief, please.'));
    expect((await run('prompts', 'lock')).code).toBe(0);
    expect((await run('prompts', 'check')).code).toBe(0);
  });

  it('check: 1 when a locked version is reused; --format json gives the result object', async () => {
    project({ 'prompts/support.prompt.yaml': prompt(1, 'One.') });
    await run('prompts', 'lock');
    write('prompts/support.prompt.yaml', prompt(2, 'Two.'));
    await run('prompts', 'lock');
    write('prompts/support.prompt.yaml', prompt(1, 'Three.'));
    const result = await run('prompts', 'check', '--format', 'json');
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.out);
    expect(parsed).toMatchObject({ ok: false, errors: 1, lockFile: 'prompts/prompts.lock.json' });
    expect(parsed.problems[0]).toMatchObject({
      kind: 'version-reused',
      file: 'prompts/support.prompt.yaml',
      line: 2,
    });
  });

  it('check: 2 with file, line and field for malformed YAML and unknown fields', async () => {
    project({ 'prompts/support.prompt.yaml': 'name: support\nversion:\n  - 1\ntemplate: Hi\n' });
    const badType = await run('prompts', 'check');
    expect(badType.code).toBe(2);
    expect(badType.err).toBe(
      'sightline prompts: prompts/support.prompt.yaml:3: field "version": expected a string or number, got list\n',
    );

    write('prompts/support.prompt.yaml', 'name: support\nversion: 1\ntemplate: Hi\ntemperature: 0.3\n');
    const unknown = await run('prompts', 'check');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('prompts/support.prompt.yaml:4: field "temperature": unknown field');

    write('prompts/support.prompt.yaml', 'name: support\nversion: 1\ntemplate: "unclosed\n');
    const syntax = await run('prompts', 'check');
    expect(syntax.code).toBe(2);
    expect(syntax.err).toMatch(/prompts\/support\.prompt\.yaml:\d+: invalid YAML: /);
  });

  it('diff: prints the template diff; 2 for an unknown version', async () => {
    project({ 'prompts/support.prompt.yaml': prompt(1, 'Be brief.') });
    await run('prompts', 'lock');
    write('prompts/support.prompt.yaml', prompt(2, 'Be thorough.'));
    await run('prompts', 'lock');
    const diff = await run('prompts', 'diff', 'support', '1', '2');
    expect(diff.code).toBe(0);
    expect(diff.out).toContain(
      '--- support@1 (prompts/.history/support@1.prompt.yaml)\n+++ support@2 (prompts/support.prompt.yaml)\n',
    );
    expect(diff.out).toContain('-Be brief.\n+Be thorough.\n');

    const json = JSON.parse((await run('prompts', 'diff', 'support', '1', '--format', 'json')).out);
    expect(json).toMatchObject({
      name: 'support',
      from: { version: '1' },
      to: { version: '2' },
      templateChanged: true,
    });

    const unknown = await run('prompts', 'diff', 'support', '1', '9');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('prompt "support" version "9" not found (known versions: 1, 2)');
    expect((await run('prompts', 'diff', 'support')).code).toBe(2);
  });

  it('list: shows version, hash and lock status', async () => {
    project({ 'prompts/a.prompt.yaml': prompt(1, 'A', 'a'), 'prompts/b.prompt.yaml': prompt(3, 'B', 'b') });
    await run('prompts', 'lock');
    write('prompts/b.prompt.yaml', prompt(3, 'B changed', 'b'));
    const list = await run('prompts', 'list');
    expect(list.code).toBe(0);
    const lines = list.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+VERSION\s+HASH\s+LOCK\s+FILE$/);
    expect(lines[1]).toMatch(/^a\s+1\s+[0-9a-f]{16}\s+locked\s+prompts\/a\.prompt\.yaml$/);
    expect(lines[2]).toMatch(/^b\s+3\s+[0-9a-f]{16}\s+changed\s+prompts\/b\.prompt\.yaml$/);
    const json = JSON.parse((await run('prompts', 'list', '--format', 'json')).out);
    expect(json.map((p: { name: string; status: string }) => [p.name, p.status])).toEqual([
      ['a', 'locked'],
      ['b', 'changed'],
    ]);
    expect(readFileSync(join(root, 'prompts/prompts.lock.json'), 'utf8')).toContain('"lockfileVersion": 1');
  });

  it('help and usage errors', async () => {
    project({});
    const help = await run('prompts', '--help');
    expect(help.code).toBe(0);
    for (const sub of ['check', 'lock', 'diff NAME FROM [TO]', 'list', '--dir DIR', '--format FORMAT']) {
      expect(help.out).toContain(sub);
    }
    expect((await run('prompts', 'check', '--help')).out).toBe(help.out);
    expect((await run('--help')).out).toMatch(/prompts\s+Check, lock, diff and list versioned prompt files/);
    const missing = await run('prompts');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('missing subcommand');
    expect((await run('prompts', 'frobnicate')).err).toContain('unknown subcommand "frobnicate"');
    expect((await run('prompts', 'check', '--bogus')).code).toBe(2);
    expect((await run('prompts', 'check', '--format', 'xml')).err).toContain('unknown --format "xml"');
    const noDir = await run('prompts', 'check', '--dir', 'nowhere');
    expect(noDir.code).toBe(2);
    expect(noDir.err).toContain('nowhere: prompts directory not found');
  });
});
