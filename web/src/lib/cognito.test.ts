import { describe, expect, it } from 'vitest';
import {
  LoginFailedError,
  PKCE_STATE_KEY,
  PKCE_VERIFIER_KEY,
  authorizeUrl,
  beginLogin,
  callbackGrant,
  logoutUrl,
  type CognitoConfig,
} from './cognito.ts';
import { codeChallengeS256 } from './pkce.ts';

const config: CognitoConfig = {
  mode: 'cognito',
  cognitoDomain: 'https://kikan-test.auth.ap-northeast-1.amazoncognito.com/',
  clientId: 'client-123',
  scopes: ['openid', 'email'],
};
const origin = 'https://portal.example.jp';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
};

describe('Cognito hosted login', () => {
  it('builds the authorize URL with code flow, PKCE S256, scopes, state and the callback redirect', () => {
    const url = new URL(authorizeUrl(config, origin, { codeChallenge: 'challenge', state: 'state-1' }));

    expect(url.origin + url.pathname).toBe(
      'https://kikan-test.auth.ap-northeast-1.amazoncognito.com/oauth2/authorize',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-123',
      redirect_uri: 'https://portal.example.jp/auth/callback',
      scope: 'openid email',
      code_challenge: 'challenge',
      code_challenge_method: 'S256',
      state: 'state-1',
    });
  });

  it('builds the logout URL returning to the login page', () => {
    const url = new URL(logoutUrl(config, origin));

    expect(url.pathname).toBe('/logout');
    expect(url.searchParams.get('client_id')).toBe('client-123');
    expect(url.searchParams.get('logout_uri')).toBe('https://portal.example.jp/login');
  });

  it('stores only the verifier and state when the login begins, and sends their challenge', async () => {
    const storage = memoryStorage();

    const url = new URL(await beginLogin(config, origin, storage));

    expect([...storage.items.keys()].sort()).toEqual([PKCE_STATE_KEY, PKCE_VERIFIER_KEY].sort());
    expect(url.searchParams.get('state')).toBe(storage.items.get(PKCE_STATE_KEY));
    expect(url.searchParams.get('code_challenge')).toBe(
      await codeChallengeS256(storage.items.get(PKCE_VERIFIER_KEY) ?? ''),
    );
  });

  it('hands the code, the verifier and the redirect URI to the session route, and clears sessionStorage', () => {
    const storage = memoryStorage();
    storage.setItem(PKCE_VERIFIER_KEY, 'verifier-1');
    storage.setItem(PKCE_STATE_KEY, 'state-1');

    const grant = callbackGrant(new URL(`${origin}/auth/callback?code=code-9&state=state-1`), storage);

    expect(grant).toEqual({
      code: 'code-9',
      codeVerifier: 'verifier-1',
      redirectUri: 'https://portal.example.jp/auth/callback',
    });
    expect(storage.items.size).toBe(0);
  });

  it('refuses a callback whose state does not match, or that carries an error, and clears sessionStorage', () => {
    for (const search of [
      '?code=code-9&state=forged',
      '?error=access_denied&state=state-1',
      '?state=state-1',
    ]) {
      const storage = memoryStorage();
      storage.setItem(PKCE_VERIFIER_KEY, 'verifier-1');
      storage.setItem(PKCE_STATE_KEY, 'state-1');
      expect(() => callbackGrant(new URL(`${origin}/auth/callback${search}`), storage)).toThrow(
        LoginFailedError,
      );
      expect(storage.items.size).toBe(0);
    }
  });
});
