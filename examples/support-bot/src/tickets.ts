/**
 * The demo's inbox: six tickets that together walk every path the bot has (an order lookup, plain answers, a
 * long conversation that has to be cut to fit, and one ticket whose classification hits a rate limit).
 */

/** A previous turn of a conversation, in the shape both SDKs accept for plain text. */
export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

export interface Ticket {
  id: string;
  customer: string;
  subject: string;
  body: string;
  /** Earlier turns of this conversation, oldest first. */
  history: Turn[];
  /** Order number mentioned in the ticket, if any (the fake model asks `lookup_order` for it). */
  orderId?: string;
}

/** A long back-and-forth about a return, so the answer step must drop old turns to stay in budget. */
function longReturnConversation(): Turn[] {
  const turns: Turn[] = [];
  for (let day = 1; day <= 24; day++) {
    turns.push({
      role: 'user',
      content: `Day ${day}: I am still waiting on the refund for the blender I sent back. The courier picked it up, the label said it was delivered to your warehouse, and every time I call I am told to wait a few more days. I have the receipt, the return label and photos of the parcel. Please tell me what is going on.`,
    });
    turns.push({
      role: 'assistant',
      content: `Thanks for your patience. I have added a note to your return (day ${day}) and asked the warehouse team to confirm receipt. Refunds are issued within 5 business days after the warehouse scans the parcel.`,
    });
  }
  return turns;
}

/** The tickets, in the order the bot handles them. */
export const TICKETS: readonly Ticket[] = [
  {
    id: 'T-1001',
    customer: 'ada@example.com',
    subject: 'Where is my order?',
    body: 'My order A-1042 was due on Monday and it still has not arrived. Can you check where it is?',
    history: [],
    orderId: 'A-1042',
  },
  {
    id: 'T-1002',
    customer: 'grace@example.com',
    subject: 'Cannot log in',
    body: 'I forgot my password and the reset e-mail never comes. How do I get back into my account?',
    history: [],
  },
  {
    id: 'T-1003',
    customer: 'alan@example.com',
    subject: 'Charged twice',
    body: 'I was charged twice for my last purchase. Please refund the duplicate charge.',
    history: [],
  },
  {
    id: 'T-1004',
    customer: 'barbara@example.com',
    subject: 'Refund still missing',
    body: 'It has been almost a month. Where is my refund for the returned blender?',
    history: longReturnConversation(),
  },
  {
    id: 'T-1005',
    customer: 'edsger@example.com',
    subject: 'Change delivery address',
    body: 'Can I still change the delivery address of an order I placed this morning?',
    history: [],
  },
  {
    id: 'T-1006',
    customer: 'margaret@example.com',
    subject: 'Wrong item',
    body: 'Order A-2077 arrived but the box had a kettle instead of the toaster I bought. What now?',
    history: [],
    orderId: 'A-2077',
  },
];
