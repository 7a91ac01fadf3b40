/**
 * The end-of-run summary, computed the way a user would: the evaluator (@sightline/evaluator) reads the span
 * files the exporter just wrote, so what is printed proves the files carry everything the evaluator needs.
 */
import { type CallRecord, readCalls } from '@sightline/evaluator';

export interface RunSummary {
  calls: number;
  byProvider: Record<string, number>;
  inputTokens: number;
  outputTokens: number;
  /** Sum of `sightline.cost.usd` over calls that have it; `pricedCalls` says how many did. */
  costUsd: number;
  pricedCalls: number;
  streamed: number;
  truncations: number;
  droppedMessages: number;
  errors: { type: string; model: string }[];
  promptVersions: Record<string, number>;
}

/** Reads the calls of the given traces from `tracesDir` and totals them. */
export async function summarizeRun(tracesDir: string, traceIds: ReadonlySet<string>): Promise<RunSummary> {
  const calls: CallRecord[] = [];
  for await (const call of readCalls(tracesDir)) if (traceIds.has(call.traceId)) calls.push(call);
  const summary: RunSummary = {
    calls: calls.length,
    byProvider: {},
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    pricedCalls: 0,
    streamed: 0,
    truncations: 0,
    droppedMessages: 0,
    errors: [],
    promptVersions: {},
  };
  for (const call of calls) {
    const provider = call.provider ?? 'unknown';
    summary.byProvider[provider] = (summary.byProvider[provider] ?? 0) + 1;
    summary.inputTokens += call.inputTokens ?? 0;
    summary.outputTokens += call.outputTokens ?? 0;
    if (call.costUsd !== undefined) {
      summary.costUsd += call.costUsd;
      summary.pricedCalls++;
    }
    if (call.ttftMs !== undefined) summary.streamed++;
    if (call.contextTruncated) {
      summary.truncations++;
      summary.droppedMessages += call.droppedMessages ?? 0;
    }
    if (call.errorType !== undefined) {
      summary.errors.push({ type: call.errorType, model: call.requestModel ?? 'unknown model' });
    }
    if (call.promptName !== undefined) {
      const key = `${call.promptName}@${call.promptVersion ?? '?'}`;
      summary.promptVersions[key] = (summary.promptVersions[key] ?? 0) + 1;
    }
  }
  return summary;
}

/** The summary as the lines the demo prints. */
export function formatRunSummary(summary: RunSummary): string[] {
  const providers = Object.entries(summary.byProvider)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  const versions = Object.entries(summary.promptVersions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} x${n}`)
    .join(', ');
  const errors = summary.errors.map((e) => `${e.type} on ${e.model}`).join(', ');
  return [
    `  LLM calls     ${summary.calls} (${providers})`,
    `  tokens        ${summary.inputTokens} in / ${summary.outputTokens} out`,
    `  cost          $${summary.costUsd.toFixed(6)} (${summary.pricedCalls} of ${summary.calls} calls priced)`,
    `  streamed      ${summary.streamed} call(s) with time to first chunk`,
    `  truncations   ${summary.truncations} call(s) sent a cut conversation (${summary.droppedMessages} messages dropped)`,
    `  errors        ${summary.errors.length}${errors ? ` (${errors}, handled by the bot)` : ''}`,
    `  prompts       ${versions || 'none'}`,
  ];
}
