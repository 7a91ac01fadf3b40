#!/usr/bin/env node
/**
 * `sightline-fake-provider`: a thin shell over `runFakeProviderCli` that keeps the server up until SIGINT/SIGTERM.
 */
import { runFakeProviderCli } from './fake-provider/cli.js';

runFakeProviderCli(process.argv.slice(2)).then(
  ({ exitCode, provider }) => {
    if (!provider) {
      process.exitCode = exitCode;
      return;
    }
    const stop = () => {
      provider.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    process.stderr.write(`sightline-fake-provider: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
