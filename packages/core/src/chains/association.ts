/**
 * Association attributes (conversation, user, session, free-form metadata) set on a chain step and carried in the
 * OTel context to every span below it: nested chain steps and, through `callAnnotationAttributes`, the provider
 * instrumentations' LLM spans.
 */
import { type Attributes, type Context, createContextKey } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_SESSION_ID,
  ATTR_SIGHTLINE_METADATA_PREFIX,
  ATTR_USER_ID,
} from '../semconv.js';

/** What a trace should be associated with. Inner steps override outer ones key by key. */
export interface Association {
  /** `gen_ai.conversation.id` */
  conversationId?: string;
  /** `user.id` */
  userId?: string;
  /** `session.id` */
  sessionId?: string;
  /** `sightline.metadata.<key>` for each entry. */
  metadata?: Record<string, string | number | boolean>;
}

interface StoredAssociation {
  association: Association;
  /** Precomputed and frozen: read on every LLM call, so built once per chain step, not per call. */
  attributes: Readonly<Attributes>;
}

const ASSOCIATION_KEY = createContextKey('sightline.association');

/** The association in force in `ctx`, with its span attributes. */
export function associationOf(ctx: Context): StoredAssociation | undefined {
  return ctx.getValue(ASSOCIATION_KEY) as StoredAssociation | undefined;
}

/** `ctx` with `association` merged over the one already in it (no-op when `association` says nothing). */
export function withAssociation(ctx: Context, association: Association | undefined): Context {
  if (!association || !hasAny(association)) return ctx;
  const outer = associationOf(ctx)?.association ?? {};
  const merged: Association = {
    conversationId: association.conversationId ?? outer.conversationId,
    userId: association.userId ?? outer.userId,
    sessionId: association.sessionId ?? outer.sessionId,
    metadata:
      association.metadata || outer.metadata ? { ...outer.metadata, ...association.metadata } : undefined,
  };
  return ctx.setValue(ASSOCIATION_KEY, {
    association: merged,
    attributes: Object.freeze(toAttributes(merged)),
  });
}

function hasAny(a: Association): boolean {
  return (
    a.conversationId !== undefined ||
    a.userId !== undefined ||
    a.sessionId !== undefined ||
    (a.metadata !== undefined && Object.keys(a.metadata).length > 0)
  );
}

function toAttributes(a: Association): Attributes {
  const attributes: Attributes = {};
  if (a.conversationId !== undefined) attributes[ATTR_GEN_AI_CONVERSATION_ID] = String(a.conversationId);
  if (a.userId !== undefined) attributes[ATTR_USER_ID] = String(a.userId);
  if (a.sessionId !== undefined) attributes[ATTR_SESSION_ID] = String(a.sessionId);
  for (const [key, value] of Object.entries(a.metadata ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      attributes[ATTR_SIGHTLINE_METADATA_PREFIX + key] = value;
    }
  }
  return attributes;
}
