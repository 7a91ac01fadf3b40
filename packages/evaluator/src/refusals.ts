/**
 * Refusal detection: a call is a refusal when its captured output text contains one of a set of phrases
 * (case-insensitive, curly apostrophes normalised). Crude on purpose: it is cheap, explainable and stable,
 * and drift in its rate is what matters, not its precision on one call. Replace the set in the config.
 */

/** The default phrase set (documented in the README). */
export const DEFAULT_REFUSAL_PHRASES: readonly string[] = [
  "I can't help with that",
  "I can't assist with that",
  'I cannot help with that',
  'I cannot assist',
  "I'm sorry, but I can't",
  "I'm sorry, but I cannot",
  "I'm unable to help with",
  "I'm not able to help with",
  'I am unable to comply',
  "I can't comply with",
  'I must decline',
  "I won't be able to help",
  'As an AI language model, I cannot',
];

function normalize(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
}

/** Builds a matcher for a phrase set. The returned function is pure and allocation-light. */
export function createRefusalMatcher(phrases: readonly string[]): (text: string) => boolean {
  const normalized = phrases.map(normalize).filter((phrase) => phrase.length > 0);
  return (text: string) => {
    const haystack = normalize(text);
    for (const phrase of normalized) if (haystack.includes(phrase)) return true;
    return false;
  };
}
