/**
 * Exact Anthropic counts through the provider's count_tokens endpoint, for when the approximation is not good
 * enough. Duck-typed on `client.messages.countTokens(params)` so `@sightline/core` never imports the SDK.
 */

/** The part of an Anthropic client this uses: `messages.countTokens(params)` resolving to `{ input_tokens }`. */
export interface AnthropicCountTokensClient<P> {
  messages: {
    countTokens(params: P): PromiseLike<{ input_tokens: number }>;
  };
}

/**
 * Counts a request's input tokens with Anthropic's count_tokens endpoint (`POST /v1/messages/count_tokens`):
 * exact, but one HTTP round trip per call. `params` are the endpoint's (model, messages, system, tools, ...).
 * Errors from the client are passed through unchanged; a response without a numeric `input_tokens` is a
 * `TypeError`.
 */
export async function countTokensWithClient<P>(
  client: AnthropicCountTokensClient<P>,
  params: P,
): Promise<number> {
  if (typeof client?.messages?.countTokens !== 'function') {
    throw new TypeError(
      'countTokensWithClient: client.messages.countTokens is not a function (pass an Anthropic client)',
    );
  }
  const result = await client.messages.countTokens(params);
  if (typeof result?.input_tokens !== 'number') {
    throw new TypeError('countTokensWithClient: the count_tokens response has no numeric "input_tokens"');
  }
  return result.input_tokens;
}
