/** `server.address` / `server.port` from a client's base URL. */

/** Host and port a client talks to. */
export interface ServerEndpoint {
  address: string;
  port: number;
}

/**
 * The endpoint of `baseURL` (`https://api.openai.com/v1` -> `api.openai.com`, 443); the port defaults by
 * scheme. `undefined` for a missing or unparsable URL. Never throws.
 */
export function serverFromBaseURL(baseURL: unknown): ServerEndpoint | undefined {
  if (typeof baseURL !== 'string' || baseURL === '') return undefined;
  try {
    const url = new URL(baseURL);
    const port = url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
    const address = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    return { address, port };
  } catch {
    return undefined;
  }
}
