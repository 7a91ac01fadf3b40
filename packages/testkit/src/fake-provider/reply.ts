/**
 * Turns a scripted reply (or none) plus the request into one provider-neutral model reply. Unscripted requests
 * get a deterministic echo of the last user message, so the same request always yields the same reply.
 */
import { createHash } from 'node:crypto';
import type { ProviderName, ScriptedReply } from './types.js';
import { estimatePromptTokens, type ResolvedUsage, resolveUsage } from './usage.js';

/** A tool call ready to be serialised. */
export interface ReplyToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** Everything a route needs to render a reply in its wire format. */
export interface ModelReply {
  /** Deterministic hex digest of the request body, used to derive ids. */
  digest: string;
  id: string | undefined;
  model: string;
  text: string;
  toolCalls: ReplyToolCall[];
  thinking: { text: string; signature: string } | undefined;
  finishReason: string | undefined;
  usage: ResolvedUsage;
  /** Requested number of stream deltas per text (undefined: one per word, at most 16). */
  chunks: number | undefined;
}

/** Short deterministic hex digest of any JSON value. */
export function digestOf(value: unknown, length = 24): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? '')
    .digest('hex')
    .slice(0, length);
}

/** Text of the last `role: "user"` entry in `messages` (chat, Anthropic) or `input` (Responses). */
export function lastUserText(body: Record<string, unknown>): string {
  if (typeof body.input === 'string') return body.input;
  const list = Array.isArray(body.messages) ? body.messages : Array.isArray(body.input) ? body.input : [];
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i] as { role?: unknown; content?: unknown } | null;
    if (item && item.role === 'user') return contentText(item.content);
  }
  return '';
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') parts.push(part);
    else if (part && typeof part === 'object') {
      const record = part as Record<string, unknown>;
      if (typeof record.text === 'string') parts.push(record.text);
      else if (record.content !== undefined) parts.push(contentText(record.content));
    }
  }
  return parts.filter((p) => p.length > 0).join(' ');
}

/** The default reply text: `Echo: <last user message, first 200 characters>`. */
export function defaultReplyText(body: Record<string, unknown>): string {
  const text = Array.from(lastUserText(body).trim()).slice(0, 200).join('');
  return text ? `Echo: ${text}` : 'Hello from the Sightline fake provider.';
}

function thinkingRequested(provider: ProviderName, body: Record<string, unknown>): boolean {
  const thinking = body.thinking as { type?: unknown } | undefined;
  return provider === 'anthropic' && (thinking?.type === 'enabled' || thinking?.type === 'adaptive');
}

/** Builds the neutral reply for a request; `scripted` fields win over defaults. */
export function buildReply(
  provider: ProviderName,
  body: Record<string, unknown>,
  scripted: ScriptedReply | undefined,
  chunks: number | undefined,
): ModelReply {
  const digest = digestOf(body);
  const toolCalls = (scripted?.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `${provider === 'anthropic' ? 'toolu_' : 'call_'}${digestOf([digest, index], 24)}`,
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
  }));
  const text = scripted?.text ?? (toolCalls.length > 0 ? '' : defaultReplyText(body));
  let thinking: ModelReply['thinking'];
  const scriptedThinking =
    typeof scripted?.thinking === 'string' ? { text: scripted.thinking } : scripted?.thinking;
  if (scriptedThinking) {
    thinking = {
      text: scriptedThinking.text,
      signature: scriptedThinking.signature ?? fakeSignature(digest),
    };
  } else if (!scripted && thinkingRequested(provider, body)) {
    thinking = {
      text: `Thinking about: ${lastUserText(body).slice(0, 80)}`,
      signature: fakeSignature(digest),
    };
  }
  const generatedText = [text, ...toolCalls.map((call) => call.name + call.arguments)].join('');
  return {
    digest,
    id: scripted?.id,
    model: scripted?.model ?? (typeof body.model === 'string' ? body.model : 'fake-model'),
    text,
    toolCalls,
    thinking,
    finishReason: scripted?.finishReason,
    usage: resolveUsage(
      estimatePromptTokens(body),
      { text: generatedText, thinking: thinking?.text ?? '' },
      scripted?.usage,
    ),
    chunks,
  };
}

function fakeSignature(digest: string): string {
  return Buffer.from(`sightline-fake-signature:${digest}`).toString('base64');
}

/**
 * Splits text into stream deltas. With `count`, into that many near-equal pieces (by code point); otherwise one
 * piece per word (a word keeps its leading whitespace), merging the tail so there are at most 16 pieces.
 * Concatenating the pieces always gives the text back; empty text gives no pieces.
 */
export function splitForStream(text: string, count: number | undefined): string[] {
  if (text.length === 0) return [];
  const chars = Array.from(text);
  if (count !== undefined) {
    const n = Math.max(1, Math.min(Math.floor(count), chars.length));
    const pieces: string[] = [];
    for (let i = 0; i < n; i++) {
      pieces.push(
        chars.slice(Math.floor((i * chars.length) / n), Math.floor(((i + 1) * chars.length) / n)).join(''),
      );
    }
    return pieces;
  }
  const words = text.match(/\s*\S+|\s+$/g) ?? [text];
  if (words.length <= 16) return words;
  return [...words.slice(0, 15), words.slice(15).join('')];
}
