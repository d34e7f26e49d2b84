import type { Fetcher } from 'aws-jwt-verify/https';

/**
 * aws-jwt-verify's default fetcher refuses http://, rightly. The local issuer serves its JWKS over
 * plain HTTP on loopback only, so this fetcher allows exactly that and nothing else.
 */
export class LoopbackFetcher implements Fetcher {
  async fetch(uri: string): Promise<ArrayBuffer> {
    const url = new URL(uri);
    if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
      throw new Error('the local JWKS must be served on loopback');
    }
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) throw new Error(`JWKS fetch failed with ${response.status}`);
    return response.arrayBuffer();
  }
}
