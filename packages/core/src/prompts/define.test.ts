import { describe, expect, it } from 'vitest';
import { definePrompt, PromptRenderError, promptContentHash, promptUseOf } from './index.js';

describe('promptContentHash', () => {
  it('is sha256 over the canonical [[role, content], ...] JSON, first 16 hex chars (pinned values)', () => {
    // Computed outside JavaScript (Python hashlib over the same canonical JSON): a change here breaks every
    // @sightline/prompts lock file, so it must be deliberate.
    expect(promptContentHash('Hello {{name}}')).toBe('15d2848a3a21a8a0');
    expect(
      promptContentHash([
        { role: 'system', content: 'You answer for {{company}}.' },
        { role: 'user', content: '{{ question }} — please' },
      ]),
    ).toBe('f1515cc0c9371a4f');
  });

  it('depends only on roles and contents in order', () => {
    const base = [
      { role: 'system' as const, content: 'a' },
      { role: 'user' as const, content: 'b' },
    ];
    expect(promptContentHash(base)).toBe(
      promptContentHash(base.map((m) => ({ content: m.content, role: m.role }))),
    );
    expect(promptContentHash('b')).toBe(promptContentHash([{ role: 'user', content: 'b' }]));
    expect(promptContentHash([...base].reverse())).not.toBe(promptContentHash(base));
    expect(promptContentHash([{ role: 'assistant', content: 'b' }])).not.toBe(promptContentHash('b'));
  });

  it('ignores name, version, model and description', () => {
    const a = definePrompt({ name: 'a', version: '1', template: 'x {{y}}' });
    const b = definePrompt({
      name: 'b',
      version: '2',
      template: 'x {{y}}',
      model: 'gpt-4o',
      description: 'd',
    });
    expect(a.hash).toBe(b.hash);
  });
});

describe('definePrompt', () => {
  const prompt = definePrompt({
    name: 'support-answer',
    version: 3 as unknown as string,
    template: [
      { role: 'system', content: 'You answer for {{company}} in {{ language }}.' },
      { role: 'user', content: '{{question}} ({{company}})' },
    ],
  });

  it('lists variables in order of first appearance, without duplicates', () => {
    expect(prompt.variables).toEqual(['company', 'language', 'question']);
    expect(prompt.version).toBe('3');
  });

  it('renders values (objects as JSON, null/undefined as empty) and registers the result', () => {
    const messages = prompt.render({
      company: 'Acme',
      language: { code: 'fr' },
      question: null,
      extra: 'ignored',
    });
    expect(messages).toEqual([
      { role: 'system', content: 'You answer for Acme in {"code":"fr"}.' },
      { role: 'user', content: ' (Acme)' },
    ]);
    expect(promptUseOf(messages)).toMatchObject({ name: 'support-answer', version: '3', hash: prompt.hash });
    expect(promptUseOf(messages[1])?.variables).toMatchObject({ company: 'Acme', extra: 'ignored' });
    expect(promptUseOf([...messages])).toBeUndefined();
    expect(promptUseOf({ role: 'user', content: ' (Acme)' })).toBeUndefined();
  });

  it('names the prompt, version and missing variable', () => {
    expect(() => prompt.render({ company: 'Acme', question: 'q' })).toThrow(PromptRenderError);
    expect(() => prompt.render({ company: 'Acme', question: 'q' })).toThrow(
      'prompt "support-answer" v3: missing variable "language" (expected: company, language, question)',
    );
  });

  it('validates the definition eagerly', () => {
    expect(() => definePrompt({ name: ' ', version: '1', template: 'x' })).toThrow(/"name" is required/);
    expect(() => definePrompt({ name: 'p', version: '', template: 'x' })).toThrow(
      /definePrompt\(p\): "version" is required/,
    );
    expect(() => definePrompt({ name: 'p', version: '1', template: [] })).toThrow(/template is empty/);
  });

  it('renders a string template as one user message', () => {
    const simple = definePrompt({ name: 's', version: '1', template: 'Hi {{who}}' });
    expect(simple.render({ who: 'Ada' })).toEqual([{ role: 'user', content: 'Hi Ada' }]);
    expect(simple.hash).toBe(promptContentHash('Hi {{who}}'));
  });
});
