import { describe, expect, it } from 'vitest';
import { base64UrlEncode, codeChallengeS256, createRandomToken } from './pkce.ts';

describe('PKCE', () => {
  it('derives the S256 code challenge of the RFC 7636 appendix B verifier', async () => {
    const challenge = await codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');

    expect(challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('base64url-encodes without padding and with the URL-safe alphabet', () => {
    expect(base64UrlEncode(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(base64UrlEncode(new Uint8Array([0x61]))).toBe('YQ');
  });

  it('creates 43-character verifiers from the unreserved alphabet, different each time', () => {
    const first = createRandomToken();
    const second = createRandomToken();

    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
  });
});
