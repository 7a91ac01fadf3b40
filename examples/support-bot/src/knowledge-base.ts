/**
 * The bot's data: a tiny in-memory help center searched by word overlap, and an order database behind the
 * `lookup_order` tool. Small on purpose: the demo is about the traces, not about retrieval.
 */

export interface Article {
  id: string;
  title: string;
  text: string;
  /** Words customers use for this topic, counted twice as much as words of the text. */
  keywords: string[];
}

const ARTICLES: readonly Article[] = [
  {
    id: 'kb-shipping',
    keywords: ['order', 'arrived', 'late', 'delivery', 'tracking', 'due'],
    title: 'Shipping times and tracking',
    text: 'Standard delivery takes 3-5 business days. Tracking updates once the courier scans the parcel. If an order is more than 3 days late we reship it or refund it.',
  },
  {
    id: 'kb-password',
    keywords: ['password', 'login', 'log', 'reset', 'account'],
    title: 'Resetting your password',
    text: 'Use "Forgot password" on the login page. Reset e-mails can take 10 minutes; check the spam folder. Support can send a reset link to the e-mail on file.',
  },
  {
    id: 'kb-refunds',
    keywords: ['refund', 'charged', 'charge', 'twice', 'duplicate', 'returned', 'return'],
    title: 'Refunds and duplicate charges',
    text: 'Duplicate charges are refunded automatically within 3 business days. Refunds for returns are issued within 5 business days after the warehouse scans the returned parcel.',
  },
  {
    id: 'kb-address',
    keywords: ['address', 'change', 'placed'],
    title: 'Changing a delivery address',
    text: 'The delivery address can be changed until the order is packed, usually within 2 hours of purchase, from the order page.',
  },
  {
    id: 'kb-wrong-item',
    keywords: ['wrong', 'instead', 'item', 'box'],
    title: 'Wrong or damaged items',
    text: 'If you received the wrong item, we send the right one at no cost and e-mail a prepaid return label for the wrong one.',
  },
];

const STOP_WORDS = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'i',
  'my',
  'it',
  'is',
  'of',
  'to',
  'for',
  'in',
  'on',
]);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOP_WORDS.has(w)),
  );
}

/** The `limit` articles sharing the most words with `query` (ties keep catalogue order). */
export function searchKnowledgeBase(query: string, limit = 2): Article[] {
  const q = words(query);
  return ARTICLES.map((article, index) => {
    const textOverlap = [...words(`${article.title} ${article.text}`)].filter((w) => q.has(w)).length;
    const overlap = textOverlap + 2 * article.keywords.filter((w) => q.has(w)).length;
    return { article, overlap, index };
  })
    .filter((scored) => scored.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap || a.index - b.index)
    .slice(0, limit)
    .map((scored) => scored.article);
}

export interface Order {
  orderId: string;
  status: 'processing' | 'shipped' | 'delivered';
  carrier?: string;
  eta?: string;
  items: string[];
}

const ORDERS: Record<string, Order> = {
  'A-1042': {
    orderId: 'A-1042',
    status: 'shipped',
    carrier: 'ParcelCo',
    eta: 'tomorrow',
    items: ['espresso machine'],
  },
  'A-2077': { orderId: 'A-2077', status: 'delivered', items: ['toaster'] },
};

/** The `lookup_order` tool: the order, or a not-found marker the model can explain to the customer. */
export function lookupOrder(orderId: string): Order | { orderId: string; error: 'not_found' } {
  return ORDERS[orderId.toUpperCase()] ?? { orderId, error: 'not_found' };
}
