import { afterEach, describe, expect, it } from 'vitest';
import { installExitHooks } from './index.js';

/** Records what the hooks asked for; the promises resolve right away. */
function recordingTargets() {
  const calls: string[] = [];
  return {
    calls,
    targets: {
      forceFlush: async () => {
        calls.push('forceFlush');
      },
      shutdown: async () => {
        calls.push('shutdown');
      },
    },
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('installExitHooks (in-process; real signals are covered by exit-flush.test.ts)', () => {
  it("only flushes on SIGTERM when the app listens itself, and keeps the app's listener", async () => {
    const { calls, targets } = recordingTargets();
    const appCalls: string[] = [];
    const appListener = (): void => {
      appCalls.push('app');
    };
    process.on('SIGTERM', appListener);
    cleanups.push(() => process.removeListener('SIGTERM', appListener));
    cleanups.push(installExitHooks(targets));

    process.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['forceFlush']);
    expect(appCalls).toEqual(['app']);
    expect(process.listeners('SIGTERM')).toContain(appListener);
  });

  it('shuts down once on beforeExit, however often the event fires', async () => {
    const { calls, targets } = recordingTargets();
    cleanups.push(installExitHooks(targets));
    process.emit('beforeExit', 0);
    process.emit('beforeExit', 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['shutdown']);
  });

  it('removes exactly its own listeners', () => {
    const before = ['SIGTERM', 'SIGINT', 'beforeExit'].map((event) => process.listenerCount(event));
    const uninstall = installExitHooks(recordingTargets().targets);
    expect(['SIGTERM', 'SIGINT', 'beforeExit'].map((event) => process.listenerCount(event))).toEqual(
      before.map((count) => count + 1),
    );
    uninstall();
    expect(['SIGTERM', 'SIGINT', 'beforeExit'].map((event) => process.listenerCount(event))).toEqual(before);
  });
});
