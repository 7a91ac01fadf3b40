/**
 * Seeded synthetic answers for tests and the bench: sentences drawn from a topic vocabulary plus shared
 * function words, so two windows from one topic look alike and a topic change is a real (lexical) shift.
 */
import { createRng, type Seed } from '../stats/index.js';

const FUNCTION_WORDS = [
  'the',
  'a',
  'and',
  'of',
  'to',
  'is',
  'in',
  'for',
  'with',
  'that',
  'this',
  'you',
  'it',
  'on',
];

/** Topic vocabularies. */
export const TOPICS = {
  cooking: [
    'simmer',
    'garlic',
    'onion',
    'sauce',
    'oven',
    'butter',
    'flour',
    'salt',
    'pepper',
    'stir',
    'roast',
    'pasta',
    'tomato',
    'basil',
    'dough',
    'bake',
    'pan',
    'minutes',
    'heat',
    'cream',
  ],
  finance: [
    'interest',
    'loan',
    'rate',
    'bank',
    'invest',
    'stock',
    'bond',
    'portfolio',
    'dividend',
    'tax',
    'budget',
    'credit',
    'savings',
    'market',
    'fund',
    'equity',
    'yield',
    'inflation',
    'account',
    'risk',
  ],
} as const;

/** `count` answers about `topic`, 12-30 words each, deterministic for a seed. */
export function syntheticAnswers(topic: keyof typeof TOPICS, count: number, seed: Seed): string[] {
  const rng = createRng(seed);
  const vocabulary = TOPICS[topic];
  const answers: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 12 + rng.int(19);
    const words: string[] = [];
    for (let w = 0; w < length; w++) {
      const pool = rng.next() < 0.5 ? FUNCTION_WORDS : vocabulary;
      words.push(pool[rng.int(pool.length)]);
    }
    answers.push(`${words.join(' ')}.`);
  }
  return answers;
}
