/** Runs built artifacts (the demo, the `sightline` bin) as real child processes with a controlled environment. */
import { spawn } from 'node:child_process';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Variables that would change what the child does (real keys, the developer's own OTel setup) are removed. */
const INHERITED_BLOCKLIST = /^(OPENAI_|ANTHROPIC_|OTEL_|SIGHTLINE_|INIT_CWD$|NODE_OPTIONS$|VITEST)/;

/** The current environment without provider keys and OTel/Sightline settings, plus `extra`. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!INHERITED_BLOCKLIST.test(key)) env[key] = value;
  return { ...env, ...extra };
}

/** Runs `node script ...args`; resolves when it exits. Kills it after `timeoutMs` (a hang is a failure). */
export function runNode(
  script: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env: options.env, cwd: options.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${script} did not exit within ${options.timeoutMs ?? 60_000} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
    }, options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
