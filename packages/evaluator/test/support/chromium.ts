/**
 * Test set-up for browser tests: finds Debian's Chromium (`/usr/bin/chromium`, or `SIGHTLINE_CHROMIUM`), and
 * where it is missing and we run as root with apt, installs it once (`apt-get install -y chromium`, waiting
 * for apt's lock so parallel runs do not collide). Never downloads a browser build of its own. When Chromium
 * cannot be had, `findOrInstallChromium` says why, so the caller can skip with that reason.
 *
 * Set `SIGHTLINE_NO_CHROMIUM_INSTALL=1` to forbid the install (the test is then skipped when absent).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

/** Where Chromium is, or why it is not available. */
export type ChromiumAvailability = { path: string; reason?: undefined } | { path: null; reason: string };

const DEFAULT_PATH = '/usr/bin/chromium';
const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** Flags the machine notes require: no sandbox as root, and no background traffic into a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function run(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => resolve({ code: null, output: String(error) }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function installWithApt(): Promise<string | undefined> {
  const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
  const update = await run('apt-get', [...lockWait, 'update'], INSTALL_TIMEOUT_MS);
  if (update.code !== 0)
    return `apt-get update failed (exit ${update.code}): ${update.output.trim().split('\n').pop()}`;
  const install = await run(
    'apt-get',
    [...lockWait, 'install', '-y', '--no-install-recommends', 'chromium'],
    INSTALL_TIMEOUT_MS,
  );
  if (install.code !== 0)
    return `apt-get install chromium failed (exit ${install.code}): ${install.output.trim().split('\n').pop()}`;
  return undefined;
}

let pending: Promise<ChromiumAvailability> | undefined;

/** Finds Chromium, installing Debian's package once when allowed. Resolves with the path or the reason not. */
export function findOrInstallChromium(): Promise<ChromiumAvailability> {
  pending ??= (async (): Promise<ChromiumAvailability> => {
    const path = process.env.SIGHTLINE_CHROMIUM || DEFAULT_PATH;
    if (existsSync(path)) return { path };
    if (process.env.SIGHTLINE_CHROMIUM)
      return { path: null, reason: `SIGHTLINE_CHROMIUM=${path} does not exist` };
    if (process.env.SIGHTLINE_NO_CHROMIUM_INSTALL === '1')
      return { path: null, reason: `${path} is absent and SIGHTLINE_NO_CHROMIUM_INSTALL=1` };
    if (process.platform !== 'linux' || process.getuid?.() !== 0) {
      return {
        path: null,
        reason: `${path} is absent; install Debian's chromium package (needs root to install automatically)`,
      };
    }
    if (!existsSync('/usr/bin/apt-get'))
      return { path: null, reason: `${path} is absent and apt-get is not available` };
    const failure = await installWithApt();
    if (failure) return { path: null, reason: failure };
    return existsSync(path)
      ? { path }
      : { path: null, reason: `apt-get installed chromium but ${path} is still absent` };
  })();
  return pending;
}

/** A Chromium context with a fresh profile directory; `close()` also deletes the profile. */
export async function launchChromium(
  executablePath: string,
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'sightline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    offline: true,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
