/** The report `fitContext` returns and puts on the trace. */

/** Built-in strategy names; a custom function reports `custom`. */
export type FitStrategyName = 'drop-oldest' | 'drop-middle' | 'truncate-longest';

/** What fitting did. All token figures include framing, the optional system prompt and reply priming. */
export interface ContextFitReport {
  /** The model id fitted for. */
  model: string;
  /** The model's context window (tokens), or `undefined` when unknown and `maxInputTokens` was given. */
  window: number | undefined;
  /** Input tokens allowed: `maxInputTokens`, else window minus `reserveOutputTokens`. */
  budget: number;
  tokensBefore: number;
  tokensAfter: number;
  /** tokensAfter / window (or / budget when the window is unknown). */
  utilization: number;
  /** Messages removed (a tool-call unit counts each of its messages). */
  droppedMessages: number;
  /** tokensBefore - tokensAfter: removed by dropping or truncating. */
  droppedTokens: number;
  /** `drop-oldest`, `drop-middle`, `truncate-longest` or `custom`. */
  strategy: FitStrategyName | 'custom';
  /** `true` when some message's content was cut (truncate-longest, or a custom strategy that changed one). */
  truncated: boolean;
  /** `true` when the result fits the budget. `false` means even the kept messages are too large. */
  fits: boolean;
  /** `true` when anything was dropped or truncated. */
  compacted: boolean;
  /** Whether counts are exact for this model (OpenAI encodings) or an approximation. */
  exactCounts: boolean;
}

/** Thrown by `fitContext` with `onOverflow: 'throw'` when the kept messages alone exceed the budget. */
export class ContextOverflowError extends Error {
  override name = 'ContextOverflowError';
  constructor(readonly report: ContextFitReport) {
    super(
      `fitContext(${report.model}): ${report.tokensAfter} input tokens still exceed the budget of ${report.budget} ` +
        `after "${report.strategy}" (kept messages are too large; relax "keep", use "truncate-longest", or raise maxInputTokens)`,
    );
  }
}
