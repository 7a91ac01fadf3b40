import { constants } from 'node:os';
import { diag } from '@opentelemetry/api';

/** How long a signal or `beforeExit` waits for telemetry before giving up (an OTLP backend may hang). */
export const EXIT_FLUSH_TIMEOUT_MS = 5_000;

/** What the hooks call: flush (the app keeps running) or shut down (the process is about to end). */
export interface ExitHookTargets {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

type HandledSignal = 'SIGTERM' | 'SIGINT';

/** Marks Sightline's own listeners (a global symbol, so ESM and CJS copies of this module agree). */
const EXIT_HOOK_MARK = Symbol.for('sightline.node.exitHook');

function markedListener<T extends (...args: never[]) => void>(listener: T): T {
  Object.defineProperty(listener, EXIT_HOOK_MARK, { value: true });
  return listener;
}

/** Listeners for `signal` that belong to the app (not to any Sightline setup). */
function appListenerCount(signal: HandledSignal): number {
  return process.listeners(signal).filter((listener) => !(EXIT_HOOK_MARK in listener)).length;
}

/**
 * Installs SIGTERM, SIGINT and `beforeExit` listeners that get the last telemetry out, then keep Node's default
 * behaviour. Returns a function that removes them.
 *
 * - SIGTERM/SIGINT, no other listener for that signal: shut down (flush spans, final metric collection), then
 *   remove these listeners and re-raise the signal, so the process dies of it exactly as it would have without
 *   Sightline (a parent sees signal SIGTERM/SIGINT; a shell reports status 143/130).
 * - SIGTERM/SIGINT while the app has its own listener: only flush; the app's handler decides whether and when
 *   to exit (Node no longer exits by default once anyone listens).
 * - The same signal again while flushing (an impatient second Ctrl-C): re-raise at once.
 * - `beforeExit` (the event loop ran dry, the process ends naturally): shut down once; the exit code is
 *   unchanged. Not emitted on `process.exit()` or a fatal error, which is why the file exporter writes
 *   synchronously.
 */
export function installExitHooks(targets: ExitHookTargets, timeoutMs = EXIT_FLUSH_TIMEOUT_MS): () => void {
  const flushing = new Set<HandledSignal>();
  let exitingNaturally = false;

  const onSignal = (signal: HandledSignal): void => {
    if (flushing.has(signal)) {
      uninstall();
      reRaise(signal);
      return;
    }
    if (appListenerCount(signal) > 0) {
      void bounded(targets.forceFlush(), timeoutMs, `${signal} flush`);
      return;
    }
    flushing.add(signal);
    void bounded(targets.shutdown(), timeoutMs, `${signal} shutdown`).then(() => {
      uninstall();
      reRaise(signal);
    });
  };
  const onSigterm = markedListener((): void => onSignal('SIGTERM'));
  const onSigint = markedListener((): void => onSignal('SIGINT'));
  const onBeforeExit = markedListener((): void => {
    // Shutting down (not flushing) is what makes this finite: a flush would schedule work, the loop would run
    // dry again and `beforeExit` would fire forever.
    if (exitingNaturally) return;
    exitingNaturally = true;
    void bounded(targets.shutdown(), timeoutMs, 'beforeExit shutdown').then((finished) => {
      // The app was done (the loop had run dry); only the exporter still holds it open (an OTLP backend that
      // does not answer, retry timers). End now with the app's own exit code instead of waiting out the
      // exporter's timeout, as the README promises.
      if (!finished) process.exit();
    });
  });

  function uninstall(): void {
    process.removeListener('SIGTERM', onSigterm);
    process.removeListener('SIGINT', onSigint);
    process.removeListener('beforeExit', onBeforeExit);
  }

  process.on('SIGTERM', onSigterm);
  process.on('SIGINT', onSigint);
  process.on('beforeExit', onBeforeExit);
  return uninstall;
}

/**
 * Dies of `signal` with the default disposition (Node restores it once the last listener is gone). If any
 * listener is left (the app started listening meanwhile, or another Sightline setup is still flushing and
 * will re-raise when done), the signal is theirs and nothing happens here.
 */
function reRaise(signal: HandledSignal): void {
  if (process.listenerCount(signal) > 0) return;
  // Should the platform not terminate us, end with the code a shell would have shown for the signal.
  process.exitCode = 128 + constants.signals[signal];
  process.kill(process.pid, signal);
  setTimeout(() => process.exit(), 1_000).unref();
}

/**
 * Waits for `work` at most `timeoutMs`; failures are reported through `diag`, never thrown. Resolves to false
 * when the time ran out (the timer is unref'd, so that happens only while something else keeps the process
 * alive), true otherwise.
 */
async function bounded(work: Promise<void>, timeoutMs: number, what: string): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      diag.warn(`@sightline/node: ${what} did not finish within ${timeoutMs} ms; continuing without it`);
      resolve(false);
    }, timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } catch (error) {
    diag.error(`@sightline/node: ${what} failed: ${String(error)}`);
    return true;
  } finally {
    clearTimeout(timer);
  }
}
