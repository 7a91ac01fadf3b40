import { promptContentHash } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { PromptFileError } from './errors.js';
import { parsePromptFile } from './prompt-file.js';

const FILE = 'prompts/support.prompt.yaml';

function issuesOf(text: string, format: 'yaml' | 'json' = 'yaml', expectedName = 'support'): string[] {
  try {
    parsePromptFile(text, FILE, format, expectedName);
  } catch (error) {
    if (error instanceof PromptFileError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a PromptFileError');
}

describe('parsePromptFile', () => {
  it('reads a messages file with model hints and hashes it like core', () => {
    const text = [
      'name: support',
      'version: 3',
      'description: Answers support questions',
      'model:',
      '  id: gpt-4o-mini',
      '  temperature: 0.2',
      '  max_tokens: 300',
      '  stop: ["END"]',
      '  params: { response_format: { type: text } }',
      'x-owner: support-team',
      'messages:',
      '  - role: system',
      '    content: |',
      '      You are a support agent for {{product}}.',
      '  - role: user',
      '    content: "{{question}}"',
      '',
    ].join('\n');
    const prompt = parsePromptFile(text, FILE, 'yaml', 'support');
    expect(prompt.name).toBe('support');
    expect(prompt.version).toBe('3');
    expect(prompt.model).toEqual({
      id: 'gpt-4o-mini',
      temperature: 0.2,
      max_tokens: 300,
      stop: ['END'],
      params: { response_format: { type: 'text' } },
    });
    expect(prompt.template).toEqual([
      { role: 'system', content: 'You are a support agent for {{product}}.\n' },
      { role: 'user', content: '{{question}}' },
    ]);
    expect(prompt.hash).toBe(promptContentHash(prompt.template));
    expect(prompt.versionLine).toBe(2);
  });

  it('keeps a numeric version exactly as written (1.10 is not 1.1)', () => {
    const prompt = parsePromptFile(
      'name: support\nversion: 1.10\ntemplate: Hi {{name}}\n',
      FILE,
      'yaml',
      'support',
    );
    expect(prompt.version).toBe('1.10');
    expect(prompt.template).toBe('Hi {{name}}');
  });

  it('hashes a string template like a single user message', () => {
    const asString = parsePromptFile('name: support\nversion: 1\ntemplate: Hi\n', FILE, 'yaml');
    const asMessages = parsePromptFile(
      'name: support\nversion: 1\nmessages:\n  - {role: user, content: Hi}\n',
      FILE,
      'yaml',
    );
    expect(asString.hash).toBe(asMessages.hash);
  });

  it('reads JSON files, with the same checks and line numbers', () => {
    const text = '{\n  "name": "support",\n  "version": "2025-06-01",\n  "template": "Hi"\n}\n';
    expect(parsePromptFile(text, 'prompts/support.prompt.json', 'json', 'support').version).toBe(
      '2025-06-01',
    );
    try {
      parsePromptFile(
        '{\n  "name": "support",\n  "version": [1],\n  "template": "Hi"\n}\n',
        'p.json',
        'json',
      );
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe(
        'p.json:3: field "version": expected a string or number, got list',
      );
    }
  });

  it('names file, line and field for a wrongly typed version', () => {
    expect(issuesOf('name: support\ndescription: x\nmodel: gpt-4o\nversion:\n  - 1\ntemplate: Hi\n')).toEqual(
      [`${FILE}:5: field "version": expected a string or number, got list`],
    );
  });

  it('rejects unknown fields (typos) but allows x- fields', () => {
    expect(issuesOf('name: support\nversion: 1\ndescripton: typo\ntemplate: Hi\n')).toEqual([
      `${FILE}:3: field "descripton": unknown field (expected: name, version, description, model, template, messages; prefix custom fields with "x-")`,
    ]);
    expect(issuesOf('name: support\nversion: 1\nmodel:\n  temprature: 0.2\ntemplate: Hi\n')[0]).toMatch(
      /^prompts\/support\.prompt\.yaml:4: field "model\.temprature": unknown model hint/,
    );
  });

  it('lists every issue of a file at once, each with its line', () => {
    const text = [
      'name: other',
      'version: 1',
      'model:',
      '  temperature: 5',
      '  max_tokens: lots',
      'messages:',
      '  - role: robot',
      '    content: hi',
      '  - role: user',
      '    text: hi',
      '',
    ].join('\n');
    expect(issuesOf(text)).toEqual([
      `${FILE}:1: field "name": "other" does not match the file name (expected "support"; rename the file or the prompt)`,
      `${FILE}:4: field "model.temperature": expected a number from 0 to 2, got 5`,
      `${FILE}:5: field "model.max_tokens": expected an integer, got string`,
      `${FILE}:7: field "messages[0].role": expected one of system, developer, user, assistant, got "robot"`,
      `${FILE}:10: field "messages[1].text": unknown field (expected: role, content)`,
    ]);
  });

  it('requires name, version and a template', () => {
    expect(issuesOf('description: x\n')).toEqual([
      `${FILE}:1: field "name": required field is missing`,
      `${FILE}:1: field "version": required field is missing (e.g. version: 1)`,
      `${FILE}:1: field "template": required: either "template" (a string) or "messages" (a list of {role, content})`,
    ]);
    expect(issuesOf('name: support\nversion: 1\ntemplate: a\nmessages: []\n')).toEqual([
      `${FILE}:4: field "messages": use either "template" (one user message) or "messages", not both`,
    ]);
    expect(issuesOf('name: support\nversion: 1\nmessages: []\n')).toEqual([
      `${FILE}:3: field "messages": expected a non-empty list of {role, content}, got an empty list`,
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(issuesOf('name: support\nversion: 1\nversion: 2\ntemplate: Hi\n')).toEqual([
      `${FILE}:3: invalid YAML: Map keys must be unique`,
    ]);
    const [syntax] = issuesOf('name: support\nversion: 1\ntemplate: [unclosed\n');
    expect(syntax).toMatch(/^prompts\/support\.prompt\.yaml:\d+: invalid YAML: /);
    expect(issuesOf('- just\n- a list\n')).toEqual([
      `${FILE}:1: expected a mapping with name, version and template or messages, got list`,
    ]);
    expect(issuesOf('name: support\n<<<<<<< HEAD\nversion: 1\n=======\nversion: 2\n>>>>>>> main\n')).toEqual([
      `${FILE}:2: unresolved git merge conflict markers; resolve the conflict first`,
    ]);
  });

  it('reports JSON syntax errors with their line', () => {
    const [issue] = issuesOf('{\n  "name": "support",\n  "version": 1,\n}\n', 'json');
    expect(issue).toMatch(/^prompts\/support\.prompt\.yaml:4: invalid JSON: /);
  });

  it('rejects versions that cannot be part of a file name', () => {
    expect(issuesOf('name: support\nversion: "1 beta"\ntemplate: Hi\n')).toEqual([
      `${FILE}:2: field "version": "1 beta" may only use letters, digits, ".", "_", "+" and "-"`,
    ]);
  });
});
