/**
 * PKCE (RFC 7636) for the Cognito authorization code flow: the browser proves at the token
 * endpoint that it is the one that started the login, without a client secret.
 */

export const base64UrlEncode = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** 32 random bytes → a 43-character verifier, the length RFC 7636 section 4.1 recommends. */
export const createRandomToken = (byteLength = 32): string =>
  base64UrlEncode(crypto.getRandomValues(new Uint8Array(byteLength)));

/** code_challenge = BASE64URL(SHA256(ASCII(code_verifier))), method S256. */
export const codeChallengeS256 = async (verifier: string): Promise<string> => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
};
