/**
 * The seam between what the app says about a call from outside the request (chain association, prompt
 * version, a context-fit report) and the provider instrumentations that create the LLM span.
 *
 * Provider packages call exactly these two functions; everything behind them belongs to chains/, prompts/
 * and context/. Both are pure with respect to the request and never throw.
 */
import type { Attributes, Context, Span } from '@opentelemetry/api';

/**
 * Attributes to put on an LLM span at start: association attributes propagated from enclosing chain spans
 * (`gen_ai.conversation.id`, `user.id`, `session.id`, `sightline.metadata.*`) and, when the request's
 * messages (or any message object in them) came from a `definePrompt` render, `gen_ai.prompt.name`,
 * `gen_ai.prompt.version` and `sightline.prompt.hash` (variables only with content capture on).
 *
 * @param requestMessages the request's `messages` (chat, Anthropic) or `input` (Responses API), as given.
 * @param ctx the context the call starts in (default: the active one).
 * @param captureContent whether prompt variables may be recorded.
 */
export function callAnnotationAttributes(
  _requestMessages: unknown,
  _ctx?: Context,
  _captureContent = false,
): Attributes {
  return {};
}

/**
 * Moves a pending `fitContext` report (recorded in `ctx` or the active context) onto `span`: sets
 * `gen_ai.conversation.compacted=true` and the `sightline.context.*` attributes and adds the
 * `sightline.context.truncated` event when messages or tokens were dropped. A report is consumed once: the
 * next LLM span in the same context gets it, later ones do not.
 */
export function applyPendingContextReport(_span: Span, _ctx?: Context): void {}
