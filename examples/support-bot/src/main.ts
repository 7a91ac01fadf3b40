/**
 * `npm run demo`: a support bot handles six tickets over OpenAI and Anthropic (the in-process fake provider
 * unless OPENAI_API_KEY / ANTHROPIC_API_KEY are set), traced with Sightline, then prints what the evaluator
 * reads back from the trace files and how to look at the traces.
 *
 * Where the traces go: SIGHTLINE_TRACES_DIR if set, else `.sightline/traces` under the directory `npm` was run
 * from (INIT_CWD; for `npm run demo` that is the repository root), else under the working directory.
 * With OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) set, spans also go there over OTLP.
 */
import { relative, resolve } from 'node:path';
import { setupSightline } from '@sightline/node';
import { handleTicket, type TicketOutcome } from './bot.js';
import { createClients } from './clients.js';
import { scriptFakeWorld } from './fake-world.js';
import { loadBotPrompts, PROMPTS_DIR } from './prompts.js';
import { formatRunSummary, summarizeRun } from './summary.js';
import { TICKETS, type Ticket } from './tickets.js';

/** The demo takes a few seconds; if something ever hangs, end with a clear message instead of waiting forever. */
const WATCHDOG_MS = 60_000;

/** A/B of the classifier prompt: half the tickets get v1, half v2. */
function classifyVersionOf(ticket: Ticket): '1' | '2' {
  return TICKETS.indexOf(ticket) % 2 === 0 ? '1' : '2';
}

function describeOutcome(outcome: TicketOutcome): string {
  const { ticket, triage } = outcome;
  const steps = [
    triage.fallback
      ? `classify v${outcome.classifyVersion}: ${triage.problem} -> general queue`
      : `classify v${outcome.classifyVersion}: ${triage.category}/${triage.urgency}`,
    `retrieve: ${outcome.articles.join(', ') || 'none'}`,
  ];
  if (outcome.droppedMessages > 0) steps.push(`fitContext dropped ${outcome.droppedMessages} old messages`);
  if (outcome.orderLookups.length > 0) steps.push(`lookup_order ${outcome.orderLookups.join(', ')}`);
  steps.push(`answer ${outcome.answer.length} chars`, `follow-up streamed ${outcome.followUp.length} chars`);
  return `  ${ticket.id} ${ticket.subject.padEnd(26)} ${steps.join(' | ')}`;
}

async function main(): Promise<void> {
  const baseDir = process.env.INIT_CWD ?? process.cwd();
  const sightline = setupSightline({
    serviceName: process.env.OTEL_SERVICE_NAME ?? 'support-bot',
    serviceVersion: '1.0.0',
    environment: 'demo',
    // Environment variables win; otherwise write where the user ran the command, so the printed
    // `npx sightline summary .sightline/traces` finds the files.
    ...(process.env.SIGHTLINE_TRACES_DIR ? {} : { tracesDir: resolve(baseDir, '.sightline/traces') }),
    ...(process.env.SIGHTLINE_METRICS_DIR ? {} : { metricsDir: resolve(baseDir, '.sightline/metrics') }),
  });
  const prompts = loadBotPrompts();
  const clients = await createClients();
  try {
    if (clients.fake) scriptFakeWorld(clients.fake, clients.mode, TICKETS, classifyVersionOf);
    console.log(
      `Sightline demo: support bot (OpenAI: ${clients.mode.openai === 'real' ? 'real API' : 'fake provider'}, Anthropic: ${clients.mode.anthropic === 'real' ? 'real API' : 'fake provider'})\n`,
    );

    const outcomes: TicketOutcome[] = [];
    for (const ticket of TICKETS) {
      const outcome = await handleTicket(clients, prompts, ticket, classifyVersionOf(ticket));
      outcomes.push(outcome);
      console.log(describeOutcome(outcome));
    }

    await sightline.forceFlush();
    const traceIds = new Set(outcomes.map((o) => o.traceId));
    const tracesDir = sightline.tracesDir;
    console.log('\nWhat the evaluator reads back from the trace files of this run:');
    if (tracesDir) {
      console.log(formatRunSummary(await summarizeRun(tracesDir, traceIds)).join('\n'));
    } else {
      console.log('  (no trace files: SIGHTLINE_EXPORTER excludes "file")');
    }

    const shown = tracesDir ? relative(baseDir, tracesDir) || '.' : undefined;
    const otlp = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    console.log('\nTraces');
    if (tracesDir) console.log(`  files         ${tracesDir} (OTLP/JSON lines, one span per line)`);
    if (otlp)
      console.log(`  OTLP          ${otlp} (service "${process.env.OTEL_SERVICE_NAME ?? 'support-bot'}")`);
    if (shown) console.log(`  summarise     npx sightline summary ${shown}`);
    console.log(`  prompts       npx sightline prompts check --dir ${relative(baseDir, PROMPTS_DIR)}`);
    console.log(
      '  Jaeger        docker run --rm -p 16686:16686 -p 4318:4318 jaegertracing/all-in-one:latest',
    );
    console.log(
      '                OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://localhost:4318/v1/traces npm run demo',
    );
    console.log('                then open http://localhost:16686 and pick the service "support-bot"');
  } finally {
    await sightline.shutdown();
    await clients.fake?.close();
  }
}

/** Provider errors (bad key, unreachable API) are not bugs of the demo: a message and a hint, no stack. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (/^(API|Authentication|PermissionDenied|NotFound|RateLimit)/.test(error.constructor.name)) {
    return `${error.constructor.name}: ${error.message}\nCheck OPENAI_API_KEY / ANTHROPIC_API_KEY and the network, or unset them to use the fake provider.`;
  }
  return error.stack ?? error.message;
}

const watchdog = setTimeout(() => {
  console.error(`support-bot: still running after ${WATCHDOG_MS / 1000}s; giving up.`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

main().then(
  () => clearTimeout(watchdog),
  (error: unknown) => {
    clearTimeout(watchdog);
    console.error(`support-bot failed: ${describeFailure(error)}`);
    process.exitCode = 1;
  },
);
