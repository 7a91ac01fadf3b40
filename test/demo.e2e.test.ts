/**
 * The demo as a user runs it: the BUILT support bot in a child process, against its in-process fake provider,
 * exporting over real OTLP/HTTP into the testkit receiver and to OTLP/JSON files in a temp folder. The trace
 * the receiver got must have the shape the README promises; the files must hold the same spans; and the built
 * `sightline` bin must read them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_CONVERSATION_COMPACTED,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROMPT_VERSION,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES,
  ATTR_SIGHTLINE_CONTEXT_DROPPED_TOKENS,
  ATTR_SIGHTLINE_CONTEXT_STRATEGY,
  ATTR_SIGHTLINE_CONTEXT_TOKENS_BEFORE,
  ATTR_SIGHTLINE_COST_USD,
  ATTR_SIGHTLINE_PROMPT_HASH,
  EVENT_SIGHTLINE_CONTEXT_TRUNCATED,
} from '@sightline/core/semconv';
import {
  expectChildOf,
  expectNoSpan,
  expectSingleSpan,
  expectSpanCount,
  findSpans,
  type OtlpReceiver,
  type ReceivedSpan,
  type SpanView,
  startOtlpReceiver,
} from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpanFiles } from './helpers/otlp-files.js';
import { DEMO_MAIN, DEMO_PROMPTS_DIR, REPO_ROOT, SIGHTLINE_BIN } from './helpers/paths.js';
import { cleanEnv, type ProcessResult, runNode } from './helpers/processes.js';

const TICKETS = 6;
const WORKFLOW = 'invoke_workflow support-ticket';
const OPENAI_CHAT = 'chat gpt-4o-mini';
const ANTHROPIC_CHAT = 'chat claude-haiku-4-5';

let receiver: OtlpReceiver;
let tempDir: string;
let tracesDir: string;
let demo: ProcessResult;
let spans: ReceivedSpan[];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tempDir = mkdtempSync(join(tmpdir(), 'sightline-e2e-demo-'));
  tracesDir = join(tempDir, 'traces');
  demo = await runNode(DEMO_MAIN, [], {
    cwd: tempDir,
    env: cleanEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      SIGHTLINE_TRACES_DIR: tracesDir,
      SIGHTLINE_METRICS_DIR: join(tempDir, 'metrics'),
    }),
  });
  // The demo shuts its SDK down before exiting, so every span has been exported by now.
  spans = receiver.spans();
});

afterAll(async () => {
  await receiver?.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

/** The spans of one ticket's trace, found by its conversation id on the workflow root. */
function ticketTrace(ticketId: string): ReceivedSpan[] {
  const root = expectSingleSpan(spans, {
    name: WORKFLOW,
    attributes: { [ATTR_GEN_AI_CONVERSATION_ID]: ticketId },
  });
  return spans.filter((s) => s.traceId === root.traceId);
}

describe('the built support-bot demo', () => {
  it('exits 0 on its own, prints the summary and no stack trace for the expected 429', () => {
    expect(demo.stderr, demo.stderr).not.toMatch(/\n\s+at /);
    expect(demo.code, `stdout:\n${demo.stdout}\nstderr:\n${demo.stderr}`).toBe(0);
    expect(demo.stdout).toContain('RateLimitError (429) -> general queue');
    expect(demo.stdout).toMatch(/LLM calls\s+20 \(openai 12, anthropic 8\)/);
    expect(demo.stdout).toMatch(/truncations\s+1 call/);
    expect(demo.stdout).toMatch(/errors\s+1 \(RateLimitError on gpt-4o-mini/);
    expect(demo.stdout).toContain(tracesDir);
    expect(demo.stdout).toContain('jaegertracing/all-in-one');
  });

  it('gives every ticket one workflow root with classify, retrieve, agent and follow-up children', () => {
    const roots = expectSpanCount(spans, { name: WORKFLOW, parentSpanId: null }, TICKETS);
    for (const root of roots) {
      const trace = spans.filter((s) => s.traceId === root.traceId);
      const underRoot = (span: SpanView) => span.spanId === root.spanId;
      const classify = expectChildOf(trace, { name: 'task classify' }, underRoot);
      expectChildOf(trace, { name: 'execute_tool retrieve' }, underRoot);
      const agentSpan = expectChildOf(trace, { name: 'invoke_agent support-agent' }, underRoot);
      const followUp = expectChildOf(trace, { name: 'task follow-up' }, underRoot);
      // Exactly one LLM call under each task; the classify one is not streamed, the follow-up is.
      const classifyCall = expectSingleSpan(trace, {
        name: OPENAI_CHAT,
        kind: 'CLIENT',
        parentSpanId: classify.spanId,
      });
      expect(classifyCall.attributes[ATTR_GEN_AI_REQUEST_STREAM]).not.toBe(true);
      const followUpCall = expectSingleSpan(trace, {
        name: OPENAI_CHAT,
        kind: 'CLIENT',
        parentSpanId: followUp.spanId,
      });
      expect(followUpCall.attributes[ATTR_GEN_AI_REQUEST_STREAM]).toBe(true);
      expectSpanCount(trace, { name: OPENAI_CHAT }, 2);
      const answers = findSpans(trace, { name: ANTHROPIC_CHAT, kind: 'CLIENT' });
      expect(answers.length).toBeGreaterThanOrEqual(1);
      for (const answer of answers) expect(answer.parentSpanId).toBe(agentSpan.spanId);
      // The handled 429 stays on its LLM span: no chain step of the ticket failed.
      for (const step of trace.filter((s) => s.kind === 'INTERNAL'))
        expect(step.status.code).not.toBe('ERROR');
    }
  });

  it('records the lookup_order tool_use round trip under the agent', () => {
    for (const ticketId of ['T-1001', 'T-1006']) {
      const trace = ticketTrace(ticketId);
      const agentSpan = expectSingleSpan(trace, { name: 'invoke_agent support-agent' });
      const lookup = expectChildOf(
        trace,
        { name: 'execute_tool lookup_order' },
        (s) => s.spanId === agentSpan.spanId,
      );
      expect(lookup.attributes[ATTR_GEN_AI_TOOL_CALL_ID]).toMatch(/^toolu_/);
      const calls = expectSpanCount(trace, { name: ANTHROPIC_CHAT }, 2);
      // tool_use, then the tool runs, then the final answer (causal order only; clocks are not compared finely).
      expect(BigInt(calls[0].startTimeUnixNano)).toBeLessThanOrEqual(BigInt(lookup.startTimeUnixNano));
      expect(BigInt(lookup.endTimeUnixNano)).toBeLessThanOrEqual(BigInt(calls[1].endTimeUnixNano));
      expect(calls[0].attributes['gen_ai.response.finish_reasons']).toEqual(['tool_use']);
      expect(calls[1].attributes['gen_ai.response.finish_reasons']).toEqual(['end_turn']);
    }
  });

  it('has exactly one span per LLM call: 12 OpenAI, 8 Anthropic, no SDK-made duplicates', () => {
    expectSpanCount(spans, { name: OPENAI_CHAT, kind: 'CLIENT' }, 12);
    expectSpanCount(spans, { name: ANTHROPIC_CHAT, kind: 'CLIENT' }, 8);
    expectSpanCount(spans, { kind: 'CLIENT' }, 20);
    expectNoSpan(spans, (s) => s.scope.name.startsWith('com.anthropic') || s.name.startsWith('anthropic.'));
    const responseIds = spans
      .filter((s) => s.kind === 'CLIENT')
      .map((s) => s.attributes['gen_ai.response.id']);
    const answered = responseIds.filter((id) => id !== undefined);
    expect(new Set(answered).size).toBe(answered.length);
  });

  it('puts prompt name, version and the locked hash on every classify call, both versions in use', () => {
    const lock = JSON.parse(readFileSync(join(DEMO_PROMPTS_DIR, 'prompts.lock.json'), 'utf8')) as {
      prompts: Record<string, { versions: Record<string, string> }>;
    };
    const classifyCalls = findSpans(spans, {
      name: OPENAI_CHAT,
      attributes: { [ATTR_GEN_AI_PROMPT_NAME]: 'classify' },
    });
    expect(classifyCalls).toHaveLength(TICKETS);
    const versions = classifyCalls.map((s) => String(s.attributes[ATTR_GEN_AI_PROMPT_VERSION]));
    expect(versions.filter((v) => v === '1')).toHaveLength(3);
    expect(versions.filter((v) => v === '2')).toHaveLength(3);
    for (const call of classifyCalls) {
      const version = String(call.attributes[ATTR_GEN_AI_PROMPT_VERSION]);
      expect(call.attributes[ATTR_SIGHTLINE_PROMPT_HASH]).toBe(lock.prompts.classify.versions[version]);
    }
    // The streamed follow-up is not made from a prompt file: no prompt attributes leak onto it.
    for (const call of findSpans(spans, {
      name: OPENAI_CHAT,
      attributes: { [ATTR_GEN_AI_REQUEST_STREAM]: true },
    })) {
      expect(call.attributes[ATTR_GEN_AI_PROMPT_NAME]).toBeUndefined();
    }
  });

  it('reports the fitContext truncation on the next LLM call, and only there', () => {
    const truncated = expectSingleSpan(spans, {
      name: ANTHROPIC_CHAT,
      attributes: { [ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES]: (v) => typeof v === 'number' && v > 0 },
    });
    expect(truncated.attributes[ATTR_GEN_AI_CONVERSATION_ID]).toBe('T-1004');
    expect(truncated.attributes[ATTR_GEN_AI_CONVERSATION_COMPACTED]).toBe(true);
    expect(truncated.attributes[ATTR_SIGHTLINE_CONTEXT_STRATEGY]).toBe('drop-oldest');
    expect(truncated.attributes[ATTR_SIGHTLINE_CONTEXT_DROPPED_TOKENS]).toBeGreaterThan(0);
    expect(truncated.attributes[ATTR_SIGHTLINE_CONTEXT_TOKENS_BEFORE]).toBeGreaterThan(1_000);
    expect(truncated.events.map((e) => e.name)).toContain(EVENT_SIGHTLINE_CONTEXT_TRUNCATED);
    // The report is consumed by that call: the other answer calls carry no truncation.
    expectSpanCount(spans, (s) => s.events.some((e) => e.name === EVENT_SIGHTLINE_CONTEXT_TRUNCATED), 1);
  });

  it('gives the streamed follow-ups time to first chunk and usage', () => {
    const streamed = expectSpanCount(
      spans,
      { name: OPENAI_CHAT, attributes: { [ATTR_GEN_AI_REQUEST_STREAM]: true } },
      TICKETS,
    );
    for (const call of streamed) {
      expect(call.attributes[ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]).toBeGreaterThan(0);
      expect(call.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS]).toBeGreaterThan(0);
      expect(call.attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]).toBeGreaterThan(0);
      expect(call.attributes[ATTR_SIGHTLINE_COST_USD]).toBeGreaterThan(0);
    }
  });

  it('marks the rate-limited call with error.type and ERROR status, and prices every answered call', () => {
    const failed = expectSingleSpan(spans, { kind: 'CLIENT', status: 'ERROR' });
    expect(failed.name).toBe(OPENAI_CHAT);
    expect(failed.attributes[ATTR_ERROR_TYPE]).toBe('RateLimitError');
    expect(failed.attributes[ATTR_GEN_AI_CONVERSATION_ID]).toBe('T-1005');
    expect(failed.events.map((e) => e.name)).toContain('exception');
    for (const call of spans.filter((s) => s.kind === 'CLIENT' && s.status.code !== 'ERROR')) {
      expect(call.attributes[ATTR_SIGHTLINE_COST_USD], call.name).toBeGreaterThan(0);
    }
  });

  it('writes the same spans to the OTLP/JSON files as it sends over OTLP', () => {
    const fileSpans = readSpanFiles(tracesDir);
    expect(fileSpans.map((s) => s.spanId).sort()).toEqual(spans.map((s) => s.spanId).sort());
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    for (const fileSpan of fileSpans) {
      const wire = byId.get(fileSpan.spanId);
      expect(fileSpan.name).toBe(wire?.name);
      expect(fileSpan.parentSpanId).toBe(wire?.parentSpanId);
      expect(fileSpan.attributes[ATTR_SIGHTLINE_COST_USD]).toEqual(wire?.attributes[ATTR_SIGHTLINE_COST_USD]);
    }
  });
});

describe('the built sightline bin on the demo', () => {
  const env = () => cleanEnv({});

  it('prints its help', async () => {
    const result = await runNode(SIGHTLINE_BIN, ['--help'], { cwd: REPO_ROOT, env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Usage: sightline <command>/);
    for (const command of ['prompts', 'drift', 'summary']) expect(result.stdout).toContain(command);
  });

  it('passes `prompts check` on the demo prompts', async () => {
    const result = await runNode(SIGHTLINE_BIN, ['prompts', 'check', '--dir', DEMO_PROMPTS_DIR], {
      cwd: REPO_ROOT,
      env: env(),
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  });

  it('summarises the demo traces', async () => {
    const result = await runNode(SIGHTLINE_BIN, ['summary', tracesDir, '--format', 'json'], {
      cwd: REPO_ROOT,
      env: env(),
    });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { window?: { calls?: number }; calls?: number };
    expect(JSON.stringify(report)).toContain('gpt-4o-mini');
    expect(JSON.stringify(report)).toContain('claude-haiku-4-5');
  });
});
