/**
 * The support bot: one `support-ticket` workflow per ticket.
 *
 *   invoke_workflow support-ticket
 *   ├─ task classify                 OpenAI gpt-4o-mini, prompt `classify` v1 or v2 (A/B by ticket)
 *   ├─ execute_tool retrieve         in-memory help-center search
 *   ├─ invoke_agent support-agent    Anthropic claude-haiku-4-5; long conversations are cut with fitContext
 *   │   └─ execute_tool lookup_order the model's tool_use, answered with a tool_result, then the final answer
 *   └─ task follow-up                OpenAI streamed answer, consumed chunk by chunk
 *
 * Provider errors are part of the job: a rate-limited classification falls back to the general queue and the
 * ticket goes on; the LLM span keeps the error, the workflow does not fail.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { trace } from '@opentelemetry/api';
import { agent, fitContext, task, tool, workflow } from '@sightline/core';
import OpenAI from 'openai';
import type { Clients } from './clients.js';
import { lookupOrder, searchKnowledgeBase } from './knowledge-base.js';
import type { BotPrompts } from './prompts.js';
import type { Ticket } from './tickets.js';

export const OPENAI_MODEL = 'gpt-4o-mini';
export const ANTHROPIC_MODEL = 'claude-haiku-4-5';
const PRODUCT = 'Acme Home';
const SYSTEM = `You are the support assistant of ${PRODUCT}. Be brief and friendly. Answer only from the help-center excerpts and order lookups. If the customer mentions an order number, call lookup_order first.`;
/** The answer step's input budget: a long conversation is cut to this before it is sent. */
export const ANSWER_INPUT_BUDGET = 1_000;

const LOOKUP_ORDER_TOOL: Anthropic.Tool = {
  name: 'lookup_order',
  description: 'Looks up an order by its number (e.g. A-1042): status, carrier, ETA and items.',
  input_schema: {
    type: 'object',
    properties: { order_id: { type: 'string', description: 'The order number, e.g. A-1042' } },
    required: ['order_id'],
  },
};

export interface Triage {
  category: string;
  urgency: string;
  /** True when the classifier failed and the ticket went to the general queue. */
  fallback: boolean;
  /** Why it fell back, e.g. `rate limited (429)`. */
  problem?: string;
}

export interface TicketOutcome {
  ticket: Ticket;
  traceId: string;
  classifyVersion: string;
  triage: Triage;
  articles: string[];
  orderLookups: string[];
  answer: string;
  followUp: string;
  /** Messages dropped from the conversation to fit the answer budget. */
  droppedMessages: number;
}

function parseTriage(text: string): Triage {
  try {
    const parsed = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as Partial<Triage>;
    return {
      category: String(parsed.category ?? 'other'),
      urgency: String(parsed.urgency ?? 'low'),
      fallback: false,
    };
  } catch {
    return { category: 'other', urgency: 'low', fallback: false };
  }
}

async function classify(
  clients: Clients,
  prompts: BotPrompts,
  version: '1' | '2',
  ticket: Ticket,
): Promise<Triage> {
  const prompt = prompts.classify[version];
  try {
    const completion = await clients.openai.chat.completions.create({
      model: OPENAI_MODEL,
      temperature: 0,
      max_tokens: 80,
      messages: prompt.render({
        product: PRODUCT,
        ticket: `[${ticket.id}] ${ticket.subject}\n${ticket.body}`,
      }),
    });
    return parseTriage(completion.choices[0]?.message.content ?? '');
  } catch (error) {
    // An overloaded or rate-limited classifier must not lose the ticket: route it to the general queue.
    if (error instanceof OpenAI.APIError && (error.status === 429 || (error.status ?? 0) >= 500)) {
      return {
        category: 'other',
        urgency: 'high',
        fallback: true,
        problem: `${error.constructor.name} (${error.status})`,
      };
    }
    throw error;
  }
}

function textOf(message: Anthropic.Message): string {
  return message.content
    .filter((block): block is Anthropic.TextBlock => block.type === 'text')
    .map((block) => block.text)
    .join('');
}

async function answer(
  clients: Clients,
  prompts: BotPrompts,
  ticket: Ticket,
  excerpts: string,
): Promise<{ text: string; orderLookups: string[]; droppedMessages: number }> {
  const latest = prompts.answer.render({
    excerpts,
    customer: `${ticket.customer}, ticket ${ticket.id}`,
    question: ticket.body,
  });
  // Long conversations are cut to the budget; the report lands on the next LLM span (the call below).
  const fitted = fitContext([...ticket.history, ...latest] as Anthropic.MessageParam[], {
    model: ANTHROPIC_MODEL,
    maxInputTokens: ANSWER_INPUT_BUDGET,
    strategy: 'drop-oldest',
    system: SYSTEM,
  });
  const messages: Anthropic.MessageParam[] = [...fitted.messages];
  const orderLookups: string[] = [];
  // One tool round trip at most is enough for this bot; the loop bound keeps a confused model from spinning.
  for (let round = 0; round < 3; round++) {
    const reply = await clients.anthropic.messages.create({
      model: ANTHROPIC_MODEL,
      max_tokens: 400,
      system: SYSTEM,
      tools: [LOOKUP_ORDER_TOOL],
      messages,
    });
    const toolUses = reply.content.filter(
      (block): block is Anthropic.ToolUseBlock => block.type === 'tool_use',
    );
    if (reply.stop_reason !== 'tool_use' || toolUses.length === 0) {
      return { text: textOf(reply), orderLookups, droppedMessages: fitted.report.droppedMessages };
    }
    messages.push({ role: 'assistant', content: reply.content });
    const results: Anthropic.ToolResultBlockParam[] = [];
    for (const use of toolUses) {
      const orderId = String((use.input as { order_id?: unknown }).order_id ?? '');
      const order = await tool('lookup_order', () => lookupOrder(orderId), {
        callId: use.id,
        description: LOOKUP_ORDER_TOOL.description,
        arguments: use.input,
      });
      orderLookups.push(orderId);
      results.push({ type: 'tool_result', tool_use_id: use.id, content: JSON.stringify(order) });
    }
    messages.push({ role: 'user', content: results });
  }
  return {
    text: '(no answer after 3 tool rounds)',
    orderLookups,
    droppedMessages: fitted.report.droppedMessages,
  };
}

async function followUp(clients: Clients, ticket: Ticket, answerText: string): Promise<string> {
  const stream = await clients.openai.chat.completions.create({
    model: OPENAI_MODEL,
    stream: true,
    max_tokens: 120,
    messages: [
      {
        role: 'system',
        content: 'Write a two-sentence follow-up e-mail to send three days after a support answer.',
      },
      { role: 'user', content: `Ticket ${ticket.id} ("${ticket.subject}"). Our answer was: ${answerText}` },
    ],
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

/** Handles one ticket inside a `support-ticket` workflow span; resolves with what happened. */
export function handleTicket(
  clients: Clients,
  prompts: BotPrompts,
  ticket: Ticket,
  classifyVersion: '1' | '2',
): Promise<TicketOutcome> {
  return workflow(
    'support-ticket',
    async () => {
      // The trace of this ticket: the summary at the end reads back exactly these traces from the files.
      const traceId = trace.getActiveSpan()?.spanContext().traceId ?? '';
      const triage = await task('classify', () => classify(clients, prompts, classifyVersion, ticket));
      const query = `${ticket.subject} ${ticket.body}`;
      const articles = await tool('retrieve', () => searchKnowledgeBase(query), {
        description: 'Searches the help center',
        type: 'datastore',
        arguments: { query },
      });
      const excerpts =
        articles.map((a) => `- ${a.title}: ${a.text}`).join('\n') || '- (nothing relevant found)';
      const answered = await agent('support-agent', () => answer(clients, prompts, ticket, excerpts), {
        description: 'Answers the ticket, looking up orders when needed',
      });
      const followUpText = await task('follow-up', () => followUp(clients, ticket, answered.text));
      return {
        ticket,
        traceId,
        classifyVersion,
        triage,
        articles: articles.map((a) => a.id),
        orderLookups: answered.orderLookups,
        answer: answered.text,
        followUp: followUpText,
        droppedMessages: answered.droppedMessages,
      };
    },
    {
      conversationId: ticket.id,
      userId: ticket.customer,
      metadata: { category_ab: `classify-v${classifyVersion}`, channel: 'email' },
    },
  );
}
