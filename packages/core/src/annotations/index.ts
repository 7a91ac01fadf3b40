/**
 * The seam between what the app says about a call from outside the request (chain association, prompt
 * version, a context-fit report) and the provider instrumentations that create the LLM span.
 *
 * Provider packages call exactly these two functions; everything behind them belongs to chains/, prompts/
 * and context/. Both are pure with respect to the request and never throw.
 */
import { type Attributes, type Context, context, diag, type Span } from '@opentelemetry/api';
import { associationOf } from '../chains/association.js';
import { takePendingReport } from '../context/pending.js';
import type { ContextFitReport } from '../context/report.js';
import { type ContentLimits, serializeContent } from '../instrumentation/content.js';
import { DEFAULT_MAX_CONTENT_LENGTH } from '../instrumentation/resolve.js';
import { type PromptUse, promptUseOf } from '../prompts/index.js';
import { defaultRedactor } from '../redaction/index.js';
import {
  ATTR_GEN_AI_CONVERSATION_COMPACTED,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROMPT_VERSION,
  ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES,
  ATTR_SIGHTLINE_CONTEXT_DROPPED_TOKENS,
  ATTR_SIGHTLINE_CONTEXT_FITS,
  ATTR_SIGHTLINE_CONTEXT_INPUT_TOKENS,
  ATTR_SIGHTLINE_CONTEXT_STRATEGY,
  ATTR_SIGHTLINE_CONTEXT_TOKENS_BEFORE,
  ATTR_SIGHTLINE_CONTEXT_TRUNCATED_CONTENT,
  ATTR_SIGHTLINE_CONTEXT_UTILIZATION,
  ATTR_SIGHTLINE_CONTEXT_WINDOW,
  ATTR_SIGHTLINE_PROMPT_HASH,
  ATTR_SIGHTLINE_PROMPT_VARIABLES,
  EVENT_SIGHTLINE_CONTEXT_TRUNCATED,
} from '../semconv.js';

/** Returned when there is nothing to add: shared and frozen, so the common case allocates nothing. */
const NO_ATTRIBUTES: Attributes = Object.freeze({});

/** The prompt use of the message list itself, else of its first message that has one. O(messages). */
function findPromptUse(requestMessages: unknown): PromptUse | undefined {
  const direct = promptUseOf(requestMessages);
  if (direct || !Array.isArray(requestMessages)) return direct;
  for (let i = 0; i < requestMessages.length; i++) {
    const use = promptUseOf(requestMessages[i]);
    if (use) return use;
  }
  return undefined;
}

/**
 * Attributes to put on an LLM span at start: association attributes propagated from enclosing chain spans
 * (`gen_ai.conversation.id`, `user.id`, `session.id`, `sightline.metadata.*`) and, when the request's
 * messages (or any message object in them) came from a `definePrompt` render, `gen_ai.prompt.name`,
 * `gen_ai.prompt.version` and `sightline.prompt.hash` (variables only with content capture on).
 *
 * The result is READ-ONLY: when there is nothing to add, or only association attributes, it is a shared frozen
 * object (this runs on every LLM call and must not allocate); spread it into your own attributes. Never throws.
 *
 * @param requestMessages the request's `messages` (chat, Anthropic) or `input` (Responses API), as given.
 * @param ctx the context the call starts in (default: the active one).
 * @param captureContent whether prompt variables may be recorded, and how: `true` redacts them with the default
 *   redactor and the default 16,384-character text budget; a `{ redact, maxContentLength }` object (e.g. a
 *   client's resolved options) uses those. Variables are always redacted and size-limited JSON.
 */
export function callAnnotationAttributes(
  requestMessages: unknown,
  ctx?: Context,
  captureContent: boolean | ContentLimits = false,
): Attributes {
  try {
    const associated = associationOf(ctx ?? context.active())?.attributes ?? NO_ATTRIBUTES;
    const use = findPromptUse(requestMessages);
    if (!use) return associated;
    const attributes: Attributes = {
      ...associated,
      [ATTR_GEN_AI_PROMPT_NAME]: use.name,
      [ATTR_GEN_AI_PROMPT_VERSION]: use.version,
      [ATTR_SIGHTLINE_PROMPT_HASH]: use.hash,
    };
    if (captureContent) {
      const limits: ContentLimits =
        captureContent === true
          ? { redact: defaultRedactor, maxContentLength: DEFAULT_MAX_CONTENT_LENGTH }
          : captureContent;
      // Unserialisable variables (cycles, BigInt) or a throwing redactor give no attribute (reported to diag):
      // the prompt identity above is what matters, and unredacted text must never be written.
      const variables = serializeContent(use.variables, limits);
      if (variables !== undefined) attributes[ATTR_SIGHTLINE_PROMPT_VARIABLES] = variables;
    }
    return attributes;
  } catch (error) {
    diag.error('sightline: could not compute call annotation attributes', error);
    return NO_ATTRIBUTES;
  }
}

/**
 * Moves a pending `fitContext` report (recorded in `ctx` or the active context) onto `span`: sets
 * `gen_ai.conversation.compacted=true` and the `sightline.context.*` attributes and adds the
 * `sightline.context.truncated` event when messages or tokens were dropped. A report is consumed once: the
 * next LLM span in the same context gets it, later ones do not.
 *
 * Pass the context the call starts in (the LLM span's parent context), not one that already holds `span`.
 * When nothing was dropped, only the window, input tokens and utilisation are set. Never throws.
 */
export function applyPendingContextReport(span: Span, ctx?: Context): void {
  try {
    const report = takePendingReport(ctx ?? context.active());
    if (report) span.setAttributes(contextReportAttributes(report));
    if (report?.compacted)
      span.addEvent(EVENT_SIGHTLINE_CONTEXT_TRUNCATED, contextReportEventAttributes(report));
  } catch (error) {
    diag.error('sightline: could not apply the context-fit report', error);
  }
}

/** Span attributes for a fit report (exported for tests and for instrumentations that apply it themselves). */
export function contextReportAttributes(report: ContextFitReport): Attributes {
  const attributes: Attributes = {
    [ATTR_SIGHTLINE_CONTEXT_INPUT_TOKENS]: report.tokensAfter,
    [ATTR_SIGHTLINE_CONTEXT_UTILIZATION]: report.utilization,
  };
  if (report.window !== undefined) attributes[ATTR_SIGHTLINE_CONTEXT_WINDOW] = report.window;
  if (!report.fits) attributes[ATTR_SIGHTLINE_CONTEXT_FITS] = false;
  if (report.compacted) {
    attributes[ATTR_GEN_AI_CONVERSATION_COMPACTED] = true;
    attributes[ATTR_SIGHTLINE_CONTEXT_TOKENS_BEFORE] = report.tokensBefore;
    attributes[ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES] = report.droppedMessages;
    attributes[ATTR_SIGHTLINE_CONTEXT_DROPPED_TOKENS] = report.droppedTokens;
    attributes[ATTR_SIGHTLINE_CONTEXT_STRATEGY] = report.strategy;
    if (report.truncated) attributes[ATTR_SIGHTLINE_CONTEXT_TRUNCATED_CONTENT] = true;
  }
  return attributes;
}

function contextReportEventAttributes(report: ContextFitReport): Attributes {
  return {
    [ATTR_SIGHTLINE_CONTEXT_STRATEGY]: report.strategy,
    [ATTR_SIGHTLINE_CONTEXT_TOKENS_BEFORE]: report.tokensBefore,
    [ATTR_SIGHTLINE_CONTEXT_INPUT_TOKENS]: report.tokensAfter,
    [ATTR_SIGHTLINE_CONTEXT_DROPPED_MESSAGES]: report.droppedMessages,
    [ATTR_SIGHTLINE_CONTEXT_DROPPED_TOKENS]: report.droppedTokens,
    [ATTR_SIGHTLINE_CONTEXT_TRUNCATED_CONTENT]: report.truncated,
    [ATTR_SIGHTLINE_CONTEXT_FITS]: report.fits,
  };
}
