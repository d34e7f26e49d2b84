import { describe, expect, it, vi } from 'vitest';
import {
  LoginFailedError,
  PKCE_STATE_KEY,
  PKCE_VERIFIER_KEY,
  authorizeUrl,
  beginLogin,
  completeLogin,
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

const tokenResponse = () =>
  new Response(
    JSON.stringify({ access_token: 'access-abc', id_token: 'id', expires_in: 3600, token_type: 'Bearer' }),
    {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    },
  );

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

  it('exchanges the code with the verifier (form-encoded) and clears sessionStorage', async () => {
    const storage = memoryStorage();
    storage.setItem(PKCE_VERIFIER_KEY, 'verifier-1');
    storage.setItem(PKCE_STATE_KEY, 'state-1');
    const fetchMock = vi.fn<typeof fetch>(async () => tokenResponse());

    const tokens = await completeLogin(
      config,
      new URL(`${origin}/auth/callback?code=code-9&state=state-1`),
      storage,
      fetchMock,
    );

    expect(tokens).toEqual({ accessToken: 'access-abc', expiresIn: 3600 });
    expect(storage.items.size).toBe(0);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('https://kikan-test.auth.ap-northeast-1.amazoncognito.com/oauth2/token');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(String(init?.body)))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-123',
      code: 'code-9',
      redirect_uri: 'https://portal.example.jp/auth/callback',
      code_verifier: 'verifier-1',
    });
  });

  it('refuses a callback whose state does not match, without calling the token endpoint, and clears sessionStorage', async () => {
    const storage = memoryStorage();
    storage.setItem(PKCE_VERIFIER_KEY, 'verifier-1');
    storage.setItem(PKCE_STATE_KEY, 'state-1');
    const fetchMock = vi.fn<typeof fetch>(async () => tokenResponse());

    await expect(
      completeLogin(config, new URL(`${origin}/auth/callback?code=code-9&state=forged`), storage, fetchMock),
    ).rejects.toBeInstanceOf(LoginFailedError);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(storage.items.size).toBe(0);
  });

  it('fails the login when the token endpoint refuses the code', async () => {
    const storage = memoryStorage();
    storage.setItem(PKCE_VERIFIER_KEY, 'verifier-1');
    storage.setItem(PKCE_STATE_KEY, 'state-1');
    const fetchMock = vi.fn<typeof fetch>(
      async () => new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 400 }),
    );

    await expect(
      completeLogin(config, new URL(`${origin}/auth/callback?code=code-9&state=state-1`), storage, fetchMock),
    ).rejects.toBeInstanceOf(LoginFailedError);
  });
});
