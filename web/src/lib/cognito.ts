import type { PortalConfig } from '@kikan/shared';
import type { ReadonlyUrl } from './navigation.ts';
import { codeChallengeS256, createRandomToken } from './pkce.ts';

export type CognitoConfig = Extract<PortalConfig, { mode: 'cognito' }>;

/**
 * The only two values that may sit in sessionStorage, and only between the redirect to the hosted
 * login and the callback (SECURITY.md row 18): they are useless without the user's credentials.
 */
export const PKCE_VERIFIER_KEY = 'kikan.pkce.verifier';
export const PKCE_STATE_KEY = 'kikan.pkce.state';

export const CALLBACK_PATH = '/auth/callback';
export const LOGIN_PATH = '/login';

export const LOGIN_FAILED_MESSAGE = 'ログインを完了できませんでした。もう一度ログインしてください。';

export class LoginFailedError extends Error {
  constructor(message = LOGIN_FAILED_MESSAGE) {
    super(message);
    this.name = 'LoginFailedError';
  }
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export const authorizeUrl = (
  config: CognitoConfig,
  origin: string,
  { codeChallenge, state }: { codeChallenge: string; state: string },
): string => {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    scope: config.scopes.join(' '),
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state,
  });
  return `${trimSlash(config.cognitoDomain)}/oauth2/authorize?${params}`;
};

export const logoutUrl = (config: CognitoConfig, origin: string): string => {
  const params = new URLSearchParams({ client_id: config.clientId, logout_uri: `${origin}${LOGIN_PATH}` });
  return `${trimSlash(config.cognitoDomain)}/logout?${params}`;
};

/** Stores the verifier and state, and returns where to send the browser. */
export const beginLogin = async (config: CognitoConfig, origin: string, storage: KeyValueStorage) => {
  const verifier = createRandomToken();
  const state = createRandomToken();
  storage.setItem(PKCE_VERIFIER_KEY, verifier);
  storage.setItem(PKCE_STATE_KEY, state);
  return authorizeUrl(config, origin, { codeChallenge: await codeChallengeS256(verifier), state });
};

/** What the session route exchanges (ADR 0037): the code, its PKCE verifier, the redirect URI. */
export interface AuthorizationGrant {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

/**
 * Reads the code from the callback URL and checks its state. The verifier and state leave
 * sessionStorage before anything else happens, whatever the outcome. The portal does not exchange
 * the code itself: POST /api/session does, so the refresh token stays on the server's side of
 * the page, sealed in an HttpOnly cookie (ADR 0037).
 */
export const callbackGrant = (callbackUrl: ReadonlyUrl, storage: KeyValueStorage): AuthorizationGrant => {
  const verifier = storage.getItem(PKCE_VERIFIER_KEY);
  const expectedState = storage.getItem(PKCE_STATE_KEY);
  storage.removeItem(PKCE_VERIFIER_KEY);
  storage.removeItem(PKCE_STATE_KEY);

  const code = callbackUrl.searchParams.get('code');
  const state = callbackUrl.searchParams.get('state');
  if (
    callbackUrl.searchParams.has('error') ||
    !code ||
    !verifier ||
    !expectedState ||
    state !== expectedState
  ) {
    throw new LoginFailedError();
  }
  return { code, codeVerifier: verifier, redirectUri: `${callbackUrl.origin}${CALLBACK_PATH}` };
};
