/** `gen_ai.provider.name` of an Anthropic client: the platform that serves its requests. */
import { GEN_AI_PROVIDER } from '@sightline/core/semconv';

interface ClientLike {
  _genAIProviderName?: unknown;
  baseURL?: unknown;
  constructor?: { name?: unknown };
}

function fromHost(baseURL: unknown): string | undefined {
  if (typeof baseURL !== 'string') return undefined;
  try {
    const host = new URL(baseURL).hostname.toLowerCase();
    if (host.includes('bedrock') && host.endsWith('.amazonaws.com')) return GEN_AI_PROVIDER.awsBedrock;
    if (host.endsWith('aiplatform.googleapis.com')) return GEN_AI_PROVIDER.gcpVertexAI;
  } catch {
    // an unparsable base URL says nothing about the platform
  }
  return undefined;
}

/**
 * The provider name for `client`, most reliable source first: the SDK's own `_genAIProviderName` (1.x, set by
 * the Bedrock/Vertex/Foundry clients), the client class (`AnthropicBedrock`, `AnthropicVertex`), the base URL's
 * host (`bedrock-runtime.*.amazonaws.com`, `*-aiplatform.googleapis.com`), else `anthropic` (api.anthropic.com,
 * or a proxy speaking the Anthropic API). Never throws.
 */
export function detectProviderName(client: object): string {
  try {
    const like = client as ClientLike;
    if (typeof like._genAIProviderName === 'string' && like._genAIProviderName !== '') {
      return like._genAIProviderName;
    }
    const className = typeof like.constructor?.name === 'string' ? like.constructor.name : '';
    if (/bedrock/i.test(className)) return GEN_AI_PROVIDER.awsBedrock;
    if (/vertex/i.test(className)) return GEN_AI_PROVIDER.gcpVertexAI;
    return fromHost(like.baseURL) ?? GEN_AI_PROVIDER.anthropic;
  } catch {
    return GEN_AI_PROVIDER.anthropic;
  }
}
