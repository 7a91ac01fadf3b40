import { promptContentHash } from '@sightline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { PromptFileError, PromptNotFoundError } from './errors.js';
import { createPromptRegistry, loadPrompt } from './registry.js';
import { promptYaml, type TempProject, tempProject } from './test-helpers.js';

// `promptUseOf` is how the instrumentations read a rendered message's prompt; core keeps it off its public
// index, so the test imports the very module the registry's `definePrompt` comes from (same module instance).
const corePrompts = (await import(new URL('../../core/src/prompts/define.ts', import.meta.url).pathname)) as {
  promptUseOf(value: unknown): { name: string; version: string; hash: string; variables: object } | undefined;
};

let project: TempProject;
afterEach(() => project?.cleanup());

describe('createPromptRegistry', () => {
  it('loads a prompt by name as a core Prompt whose renders carry name, version and hash', () => {
    project = tempProject({
      'support-answer.prompt.yaml': promptYaml(
        'support-answer',
        2,
        'You help with {{product}}.',
        'model: gpt-4o-mini',
      ),
    });
    const prompt = loadPrompt('support-answer', { cwd: project.cwd });
    expect(prompt.name).toBe('support-answer');
    expect(prompt.version).toBe('2');
    expect(prompt.model).toBe('gpt-4o-mini');
    expect(prompt.modelHints).toEqual({ id: 'gpt-4o-mini' });
    expect(prompt.file).toBe('prompts/support-answer.prompt.yaml');
    expect(prompt.variables).toEqual(['product', 'question']);
    expect(prompt.hash).toBe(
      promptContentHash([
        { role: 'system', content: 'You help with {{product}}.' },
        { role: 'user', content: '{{question}}' },
      ]),
    );
    const messages = prompt.render({ product: 'Acme', question: 'Where is my order?' });
    expect(messages).toEqual([
      { role: 'system', content: 'You help with Acme.' },
      { role: 'user', content: 'Where is my order?' },
    ]);
    const use = corePrompts.promptUseOf(messages);
    expect(use).toMatchObject({ name: 'support-answer', version: '2', hash: prompt.hash });
    expect(corePrompts.promptUseOf(messages[1])?.variables).toEqual({
      product: 'Acme',
      question: 'Where is my order?',
    });
    expect(() => prompt.render({ product: 'Acme' })).toThrow(/missing variable "question"/);
  });

  it('loads .prompt.json files and a plain string template', () => {
    project = tempProject({
      'greet.prompt.json': JSON.stringify({ name: 'greet', version: '1', template: 'Say hi to {{who}}' }),
    });
    const prompt = createPromptRegistry({ dir: 'prompts', cwd: project.cwd }).load('greet');
    expect(prompt.render({ who: 'Ada' })).toEqual([{ role: 'user', content: 'Say hi to Ada' }]);
    expect(prompt.hash).toBe(promptContentHash('Say hi to {{who}}'));
  });

  it('lists every prompt file, sorted, and names the available prompts when one is missing', () => {
    project = tempProject({
      'b.prompt.yaml': promptYaml('b', 1, 'B'),
      'a.prompt.yml': promptYaml('a', '2025-01-01', 'A'),
      'notes.md': 'not a prompt',
    });
    const registry = createPromptRegistry({ cwd: project.cwd });
    expect(registry.list().map((p) => [p.name, p.version, p.file])).toEqual([
      ['a', '2025-01-01', 'prompts/a.prompt.yml'],
      ['b', '1', 'prompts/b.prompt.yaml'],
    ]);
    expect(() => registry.load('c')).toThrow(PromptNotFoundError);
    expect(() => registry.load('c')).toThrow(/available: a, b/);
  });

  it('throws a file/line/field error for a malformed file, and for two files with one name', () => {
    project = tempProject({ 'bad.prompt.yaml': 'name: bad\nversion: [1]\ntemplate: x\n' });
    const registry = createPromptRegistry({ cwd: project.cwd });
    expect(() => registry.load('bad')).toThrow(
      'prompts/bad.prompt.yaml:2: field "version": expected a string or number, got list',
    );
    project.write('bad.prompt.yaml', promptYaml('bad', 1, 'x'));
    project.write('bad.prompt.json', JSON.stringify({ name: 'bad', version: 1, template: 'x' }));
    expect(() => registry.load('bad')).toThrow(PromptFileError);
    expect(() => registry.list()).toThrow(/prompt "bad" is also defined by/);
  });
});
