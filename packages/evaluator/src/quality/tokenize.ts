/**
 * A language-agnostic approximate tokenizer for output-length drift, repetition and diversity. It is not a
 * billing tokenizer and does not match any model's BPE; it only has to be stable and fair across languages.
 *
 * A token is, in order of precedence:
 *  - one Han, Hiragana or Katakana character (these scripts do not separate words with spaces, so each
 *    character counts individually, which is close to how BPE tokenizers treat them);
 *  - a run of letters, combining marks, digits and underscores (`\p{L}\p{M}\p{N}_`), with inner apostrophes
 *    kept (`don't` is one token);
 *  - any other single non-space character (punctuation, symbols, emoji code points).
 * Whitespace separates tokens and is never a token. Limitation: scripts written without spaces other than
 * CJK (Thai, Lao, Khmer, Burmese) count one token per space-delimited run.
 */

const TOKEN_PATTERN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}_]+(?:['\u2019][\p{L}\p{M}\p{N}_]+)*|[^\s]/gu;

/** The approximate tokens of a text (see module comment). */
export function approximateTokens(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}

/** Number of approximate tokens of a text. */
export function countApproximateTokens(text: string): number {
  return approximateTokens(text).length;
}

/** The text two answers must share to count as duplicates: trimmed, lowercased, whitespace runs collapsed. */
export function normalizeAnswer(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/gu, ' ');
}

/** Lowercased approximate tokens, the unit of repetition and diversity (case does not make a new word). */
export function lowercaseTokens(text: string): string[] {
  return approximateTokens(text.toLowerCase());
}

/** The n-grams of a token list as strings (tokens joined by U+0001, which never occurs inside a token). */
export function ngrams(tokens: readonly string[], n: number): string[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`ngrams: n must be an integer >= 1, got ${n}`);
  const result: string[] = [];
  for (let start = 0; start + n <= tokens.length; start++)
    result.push(tokens.slice(start, start + n).join('\u0001'));
  return result;
}

/**
 * rep-n: the share of repeated n-grams within one answer, 1 - unique n-grams / total n-grams, in [0, 1)
 * (0 = no n-gram repeats; 0.9 = a loop). `undefined` when the answer has fewer than n tokens: there is nothing
 * to repeat, and counting it as 0 would mix length changes into the repetition metric.
 */
export function repetitionRate(tokens: readonly string[], n: number): number | undefined {
  const all = ngrams(tokens, n);
  if (all.length === 0) return undefined;
  return 1 - new Set(all).size / all.length;
}
