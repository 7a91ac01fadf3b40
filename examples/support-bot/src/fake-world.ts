/**
 * What the fake provider answers when the demo runs without API keys: realistic replies for every call the bot
 * makes, scripted up front (including the `lookup_order` tool_use round trip and one 429), matched on the
 * ticket they belong to so the order of calls does not matter. With a real key for a provider, nothing is
 * scripted for it.
 */
import { type FakeProvider, faults, type RecordedRequest, type ScriptEntry } from '@sightline/testkit';
import type { Clients } from './clients.js';
import type { Ticket } from './tickets.js';

/** The ticket whose classification is rate limited (the bot falls back to the general queue). */
export const RATE_LIMITED_TICKET = 'T-1005';

const CATEGORIES: Record<string, { category: string; urgency: string; reason: string }> = {
  'T-1001': { category: 'orders', urgency: 'high', reason: 'late delivery, order overdue' },
  'T-1002': { category: 'account', urgency: 'high', reason: 'locked out, reset missing' },
  'T-1003': { category: 'billing', urgency: 'high', reason: 'duplicate charge needs refund' },
  'T-1004': { category: 'billing', urgency: 'high', reason: 'refund overdue after return' },
  'T-1006': { category: 'orders', urgency: 'low', reason: 'wrong item was delivered' },
};

const ANSWERS: Record<string, string> = {
  'T-1001':
    'Good news: order A-1042 (espresso machine) has shipped with ParcelCo and is due tomorrow. Orders more than 3 days late are reshipped or refunded, so write back if it has not arrived by Friday.',
  'T-1002':
    'Use "Forgot password" on the login page; the e-mail can take up to 10 minutes, so please check your spam folder. I have also sent a fresh reset link to the address on file.',
  'T-1003':
    'Sorry about that! Duplicate charges are refunded automatically within 3 business days, so the second charge will disappear from your statement shortly.',
  'T-1004':
    'I am sorry this has taken so long. Refunds are issued within 5 business days after the warehouse scans your parcel; I have escalated your return so the scan is confirmed today.',
  'T-1005':
    'Yes: the address can be changed from the order page until the order is packed, usually within 2 hours of purchase.',
  'T-1006':
    'Sorry for the mix-up with order A-2077. We will send the toaster at no cost and e-mail you a prepaid label to return the kettle.',
};

/** The request's JSON mentions `text` (the ticket id sits in every prompt the bot sends). */
function mentions(text: string): (request: RecordedRequest) => boolean {
  return (request) => JSON.stringify(request.body ?? '').includes(text);
}

/** An Anthropic request that already carries a `tool_result` (the second half of the tool round trip). */
function hasToolResult(request: RecordedRequest): boolean {
  return JSON.stringify(request.body ?? '').includes('"tool_result"');
}

function openaiEntries(ticket: Ticket, classifyVersion: string): ScriptEntry[] {
  const about = mentions(ticket.id);
  const triage = CATEGORIES[ticket.id];
  const classify: ScriptEntry =
    ticket.id === RATE_LIMITED_TICKET
      ? {
          provider: 'openai',
          route: 'chat',
          match: (r) => !r.stream && about(r),
          fault: faults.rateLimit({ retryAfter: 2 }),
        }
      : {
          provider: 'openai',
          route: 'chat',
          match: (r) => !r.stream && about(r),
          delays: { latencyMs: 40 },
          reply: {
            // v2 of the prompt asks for a reason as well.
            text: JSON.stringify(
              classifyVersion === '2' ? triage : { category: triage.category, urgency: triage.urgency },
            ),
          },
        };
  const followUp: ScriptEntry = {
    provider: 'openai',
    route: 'chat',
    match: (r) => r.stream && about(r),
    delays: { latencyMs: 30, firstChunkMs: 20, interChunkMs: 4 },
    reply: {
      text: `Hi! Just checking in on ticket ${ticket.id} ("${ticket.subject}"): did our last answer solve it? Reply to this e-mail and we will pick it up right away.`,
    },
  };
  return [classify, followUp];
}

function anthropicEntries(ticket: Ticket): ScriptEntry[] {
  const about = mentions(ticket.id);
  const final: ScriptEntry = {
    provider: 'anthropic',
    route: 'messages',
    match: (r) => about(r) && (!ticket.orderId || hasToolResult(r)),
    delays: { latencyMs: 60 },
    reply: { text: ANSWERS[ticket.id] },
  };
  if (!ticket.orderId) return [final];
  const askForOrder: ScriptEntry = {
    provider: 'anthropic',
    route: 'messages',
    match: (r) => about(r) && !hasToolResult(r),
    delays: { latencyMs: 50 },
    reply: {
      text: 'Let me look that order up.',
      toolCalls: [{ name: 'lookup_order', arguments: { order_id: ticket.orderId } }],
    },
  };
  return [askForOrder, final];
}

/** Scripts the fake provider for every ticket, for each provider that is not on a real API. */
export function scriptFakeWorld(
  fake: FakeProvider,
  mode: Clients['mode'],
  tickets: readonly Ticket[],
  classifyVersionOf: (ticket: Ticket) => string,
): void {
  for (const ticket of tickets) {
    if (mode.openai === 'fake') fake.script(...openaiEntries(ticket, classifyVersionOf(ticket)));
    if (mode.anthropic === 'fake') fake.script(...anthropicEntries(ticket));
  }
}
