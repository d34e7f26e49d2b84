import { ServiceUnavailableError } from '../kernel/errors.ts';

/**
 * The OAuth 2.0 token and revocation endpoints the sign-in session uses (ADR 0037): Cognito's
 * hosted login in AWS (`https://<domain>/oauth2/token`), the local issuer's stand-in locally
 * (`<issuer>/oauth2/token`), called the same way. A public client with PKCE: no client secret.
 */
export interface OAuthEndpoints {
  baseUrl: string;
  clientId: string;
}

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  /** Present when the code was exchanged; a refresh answers without a new one. */
  refreshToken?: string;
}

/** The identity provider refused the code or the refresh token: the session is over, not broken. */
export class GrantRefusedError extends Error {
  constructor() {
    super('the identity provider refused the grant');
    this.name = 'GrantRefusedError';
  }
}

const endpoint = ({ baseUrl }: OAuthEndpoints, path: string) => `${baseUrl.replace(/\/+$/, '')}${path}`;

/** A bound on each call: API Gateway gives the whole request 29 seconds. */
const TIMEOUT_MS = 8_000;

const post = async (url: string, form: Record<string, string>): Promise<Response> => {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    // Unreachable or late: the user may try again; nothing about the session is decided.
    throw new ServiceUnavailableError();
  }
};

const tokensOf = async (response: Response): Promise<IssuedTokens> => {
  // RFC 6749 §5.2: a refused grant is a 400 (invalid_grant and the like); anything else is the provider's trouble.
  if (response.status === 400 || response.status === 401) throw new GrantRefusedError();
  if (!response.ok) throw new ServiceUnavailableError();
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  const accessToken = json?.access_token;
  const expiresIn = json?.expires_in;
  const refreshToken = json?.refresh_token;
  if (typeof accessToken !== 'string' || accessToken === '') throw new ServiceUnavailableError();
  return {
    accessToken,
    expiresIn: typeof expiresIn === 'number' && expiresIn > 0 ? Math.floor(expiresIn) : 3600,
    ...(typeof refreshToken === 'string' && refreshToken !== '' ? { refreshToken } : {}),
  };
};

export const exchangeCode = async (
  oauth: OAuthEndpoints,
  grant: { code: string; codeVerifier: string; redirectUri: string },
): Promise<IssuedTokens & { refreshToken: string }> => {
  const tokens = await tokensOf(
    await post(endpoint(oauth, '/oauth2/token'), {
      grant_type: 'authorization_code',
      client_id: oauth.clientId,
      code: grant.code,
      code_verifier: grant.codeVerifier,
      redirect_uri: grant.redirectUri,
    }),
  );
  if (!tokens.refreshToken) throw new ServiceUnavailableError();
  return { ...tokens, refreshToken: tokens.refreshToken };
};

export const refreshTokens = async (oauth: OAuthEndpoints, refreshToken: string): Promise<IssuedTokens> =>
  tokensOf(
    await post(endpoint(oauth, '/oauth2/token'), {
      grant_type: 'refresh_token',
      client_id: oauth.clientId,
      refresh_token: refreshToken,
    }),
  );

/**
 * Revokes the refresh token (RFC 7009), and with it the access tokens it issued. Best effort: the
 * cookie is cleared whatever the answer, and the refresh token dies with its validity anyway.
 */
export const revokeToken = async (oauth: OAuthEndpoints, refreshToken: string): Promise<boolean> => {
  try {
    const response = await post(endpoint(oauth, '/oauth2/revoke'), {
      client_id: oauth.clientId,
      token: refreshToken,
    });
    return response.ok;
  } catch {
    return false;
  }
};
