import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { runFakeProviderCli } from './index.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe('sightline-fake-provider', () => {
  it('starts, prints its URL and both SDK base URLs, and serves requests', async () => {
    const { io, out } = capture();
    const { exitCode, provider } = await runFakeProviderCli(['--port', '0', '--host', '127.0.0.1'], io);
    expect(exitCode).toBe(0);
    expect(provider).toBeDefined();
    try {
      const url = provider!.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(out).toEqual([
        `sightline-fake-provider listening on ${url}`,
        `  OpenAI base URL:    ${url}/v1`,
        `  Anthropic base URL: ${url}`,
      ]);
      const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
      const completion = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'cli' }],
      });
      expect(completion.choices[0].message.content).toBe('Echo: cli');
    } finally {
      await provider!.close();
    }
  });

  it('prints help', async () => {
    const help = capture();
    expect((await runFakeProviderCli(['--help'], help.io)).exitCode).toBe(0);
    expect(help.out.join('\n')).toContain('--port <n>');
  });

  it('rejects bad options with exit code 2 and names the option', async () => {
    const bad = capture();
    const result = await runFakeProviderCli(['--port', 'eighty'], bad.io);
    expect(result).toEqual({ exitCode: 2 });
    expect(bad.err[0]).toBe(
      'sightline-fake-provider: --port expects an integer from 0 to 65535, got "eighty"',
    );
    const tooBig = capture();
    expect((await runFakeProviderCli(['--port', '70000'], tooBig.io)).exitCode).toBe(2);
    expect(tooBig.err[0]).toContain('--port expects an integer from 0 to 65535, got "70000"');
    const unknown = capture();
    expect((await runFakeProviderCli(['--frobnicate'], unknown.io)).exitCode).toBe(2);
    expect(unknown.err[0]).toContain('unknown option "--frobnicate"');
    const half = capture();
    expect((await runFakeProviderCli(['--record', 'https://api.openai.com'], half.io)).exitCode).toBe(2);
    expect(half.err[0]).toContain('--record and --cassette must be given together');
  });

  it('reports a port that is already taken', async () => {
    const first = await runFakeProviderCli(['--port=0'], capture().io);
    try {
      const port = new URL(first.provider!.url).port;
      const second = capture();
      const result = await runFakeProviderCli([`--port=${port}`], second.io);
      expect(result.exitCode).toBe(1);
      expect(second.err[0]).toContain('cannot start');
      expect(second.err[0]).toContain('EADDRINUSE');
    } finally {
      await first.provider!.close();
    }
  });
});
