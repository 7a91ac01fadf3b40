/**
 * `gen_ai.provider.name` for an OpenAI client, from where it sends requests. The OpenAI SDK is also the client
 * of many OpenAI-compatible APIs; each host that has a conventional (or well-known custom) name gets it, so
 * cost and drift reports do not mix providers. Unknown hosts, local servers (vLLM, LM Studio, a test fake)
 * and proxies count as `openai`: they speak OpenAI's API, and `server.address` still says where they are.
 */
import { GEN_AI_PROVIDER } from '@sightline/core/semconv';

const EXACT_HOSTS: Record<string, string> = {
  'api.openai.com': GEN_AI_PROVIDER.openai,
  'api.groq.com': GEN_AI_PROVIDER.groq,
  'api.deepseek.com': GEN_AI_PROVIDER.deepseek,
  'api.x.ai': GEN_AI_PROVIDER.xai,
  'api.mistral.ai': GEN_AI_PROVIDER.mistral,
  'api.perplexity.ai': GEN_AI_PROVIDER.perplexity,
  'openrouter.ai': GEN_AI_PROVIDER.openrouter,
  'api.together.xyz': GEN_AI_PROVIDER.togetherAI,
  'api.together.ai': GEN_AI_PROVIDER.togetherAI,
  'api.fireworks.ai': GEN_AI_PROVIDER.fireworksAI,
  'generativelanguage.googleapis.com': GEN_AI_PROVIDER.gcpGemini,
};

const AZURE_SUFFIXES = ['.openai.azure.com', '.cognitiveservices.azure.com', '.services.ai.azure.com'];
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);
const OLLAMA_PORT = '11434';

/**
 * The provider name for a client: `azure.ai.openai` for an `AzureOpenAI` client or an Azure host, a known
 * OpenAI-compatible host's name (groq, deepseek, x_ai, mistral_ai, perplexity, openrouter, together_ai,
 * fireworks_ai, gcp.gemini), `ollama` for a local server on Ollama's port 11434, else `openai`. Never throws.
 */
export function detectProviderName(baseURL: unknown, clientClassName?: string): string {
  if (clientClassName === 'AzureOpenAI') return GEN_AI_PROVIDER.azureOpenAI;
  if (typeof baseURL !== 'string') return GEN_AI_PROVIDER.openai;
  let host: string;
  let port: string;
  try {
    const url = new URL(baseURL);
    host = url.hostname.toLowerCase();
    port = url.port;
  } catch {
    return GEN_AI_PROVIDER.openai;
  }
  const exact = EXACT_HOSTS[host];
  if (exact) return exact;
  if (AZURE_SUFFIXES.some((suffix) => host.endsWith(suffix))) return GEN_AI_PROVIDER.azureOpenAI;
  if (LOCAL_HOSTS.has(host) && port === OLLAMA_PORT) return GEN_AI_PROVIDER.ollama;
  return GEN_AI_PROVIDER.openai;
}
