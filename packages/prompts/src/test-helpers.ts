/** Temporary project folders with a `prompts/` directory, for the tests of this package and the CLI's. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempProject {
  /** The project root (pass as `cwd`). */
  cwd: string;
  /** Writes `prompts/<relative>` (folders created). */
  write(relative: string, text: string): void;
  read(relative: string): string;
  exists(relative: string): boolean;
  remove(relative: string): void;
  cleanup(): void;
}

export function tempProject(files: Record<string, string> = {}): TempProject {
  const cwd = mkdtempSync(join(tmpdir(), 'sightline-prompts-'));
  const path = (relative: string) => join(cwd, 'prompts', relative);
  const project: TempProject = {
    cwd,
    write(relative, text) {
      mkdirSync(dirname(path(relative)), { recursive: true });
      writeFileSync(path(relative), text);
    },
    read: (relative) => readFileSync(path(relative), 'utf8'),
    exists: (relative) => existsSync(path(relative)),
    remove: (relative) => rmSync(path(relative)),
    cleanup: () => rmSync(cwd, { recursive: true, force: true }),
  };
  mkdirSync(join(cwd, 'prompts'), { recursive: true });
  for (const [relative, text] of Object.entries(files)) project.write(relative, text);
  return project;
}

/** A small valid prompt file in YAML. */
export function promptYaml(name: string, version: string | number, system: string, extra = ''): string {
  return [
    `name: ${name}`,
    `version: ${version}`,
    'description: Answers support questions',
    extra,
    'messages:',
    '  - role: system',
    `    content: ${system}`,
    '  - role: user',
    '    content: "{{question}}"',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
