/**
 * The HTTP transport of the overhead benchmark: the @sightline/testkit fake provider (built dist), in its own
 * process so its CPU never lands in a worker's process.cpuUsage(). Started by bench/run.mjs with fork(); it
 * sends `{ url }` once listening, answers `reset` (forget recorded requests between workers) and exits on
 * `close` or when the parent goes away.
 */
import { startFakeProvider } from '@sightline/testkit';
import transport from './transport.cjs';

const provider = await startFakeProvider();
const text = Array.from({ length: transport.CONTENT_DELTAS }, (_, i) => `word${i}`).join(' ');
// One scripted reply for every chat request: plain calls get the JSON completion, streams get
// role chunk + CONTENT_DELTAS deltas + finish chunk + usage chunk = STREAM_CHUNKS chunks.
provider.script({
  route: 'chat',
  chunks: transport.CONTENT_DELTAS,
  times: Number.POSITIVE_INFINITY,
  reply: { text },
});

process.on('message', async (message) => {
  if (message === 'reset') {
    // reset() also drops the script: queue it again.
    provider.reset();
    provider.script({
      route: 'chat',
      chunks: transport.CONTENT_DELTAS,
      times: Number.POSITIVE_INFINITY,
      reply: { text },
    });
    process.send?.({ reset: true });
  } else if (message === 'close') {
    await provider.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ url: provider.openaiBaseURL });
