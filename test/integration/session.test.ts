import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDLE_TIMEOUT_SECONDS, SESSION_COOKIE } from '@kikan/shared/session';
import {
  refreshSession,
  recordSessionActivity,
  SESSION_MAX_SECONDS,
} from '../../services/src/platform/session.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The sign-in session (ADR 0037) against the local stand-in of the hosted login: the same code the
 * portal runs in AWS (code + PKCE exchanged by POST /api/session, refresh from the cookie).
 */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

const ADMIN = 'admin@kibou.example';
const SUZUKI = 'suzuki@kibou.example';
const SATO = 'sato@kibou.example';

const verifierPair = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

const redirectUri = () => `${api.stack.url}/auth/callback`;

/** What the local login page does: a code for the user, then the session route exchanges it. */
const signIn = async (email: string) => {
  const { verifier, challenge } = verifierPair();
  const codeResponse = await fetch(`${api.stack.url}/local-auth/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, codeChallenge: challenge, redirectUri: redirectUri() }),
  });
  expect(codeResponse.status).toBe(200);
  const { code } = (await codeResponse.json()) as { code: string };
  const started = await api.call('POST', '/api/session', {
    body: { code, codeVerifier: verifier, redirectUri: redirectUri() },
  });
  return { started, code, verifier };
};

const setCookieOf = (response: { headers: Headers }) => response.headers.getSetCookie();
/** The one Set-Cookie of an answer (a test failure when there is none). */
const setCookie = (response: { headers: Headers }): string => {
  const [cookie] = setCookieOf(response);
  if (cookie === undefined) throw new Error('no Set-Cookie in the answer');
  return cookie;
};
const cookieValueOf = (header: string) => (header.split(';')[0] ?? '').slice(`${SESSION_COOKIE}=`.length);
const withCookie = (value: string) => ({ headers: { cookie: `${SESSION_COOKIE}=${value}` } });

describe('sign-in session (ADR 0037)', () => {
  it('exchanges the code for an access token and keeps the refresh token only in a sealed HttpOnly cookie', async () => {
    const { started } = await signIn(SATO);
    expect(started.status).toBe(200);
    expect(Object.keys(started.json).sort()).toEqual(['accessToken', 'expiresIn', 'idleSeconds']);
    expect(started.json.idleSeconds).toBe(IDLE_TIMEOUT_SECONDS);
    const [cookie] = setCookieOf(started);
    expect(cookie).toBeDefined();
    expect(cookie).toContain(`${SESSION_COOKIE}=`);
    for (const attribute of [
      'HttpOnly',
      'Secure',
      'SameSite=Strict',
      'Path=/api/session',
      `Max-Age=${IDLE_TIMEOUT_SECONDS}`,
    ]) {
      expect(cookie).toContain(attribute);
    }
    // Sealed: neither the e-mail nor anything readable is in it.
    const value = cookieValueOf(setCookie(started));
    expect(Buffer.from(value, 'base64url').toString('utf8')).not.toContain('kibou');
    const me = await api.call('GET', '/api/me', { token: started.json.accessToken });
    expect(me.status).toBe(200);
    expect(me.json.userId).toBe('user-sato');
  });

  it('gives a reload or a second tab a new access token from the cookie, and refuses without it', async () => {
    const { started } = await signIn(SATO);
    const value = cookieValueOf(setCookie(started));
    const refreshed = await api.call('POST', '/api/session/refresh', withCookie(value));
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.accessToken).not.toBe(started.json.accessToken);
    expect((await api.call('GET', '/api/me', { token: refreshed.json.accessToken })).json.userId).toBe(
      'user-sato',
    );

    const none = await api.call('POST', '/api/session/refresh');
    expect(none.status).toBe(401);
    expect(none.json.error).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('ログイン'),
    });
  });

  it('refuses an altered or forged cookie and clears it', async () => {
    const { started } = await signIn(SATO);
    const value = cookieValueOf(setCookie(started));
    const bytes = Buffer.from(value, 'base64url');
    bytes.writeUInt8(bytes.readUInt8(20) ^ 1, 20);
    for (const forged of [bytes.toString('base64url'), 'AAAA', randomBytes(200).toString('base64url')]) {
      const refused = await api.call('POST', '/api/session/refresh', withCookie(forged));
      expect(refused.status).toBe(401);
      expect(setCookieOf(refused)[0]).toContain('Max-Age=0');
    }
  });

  it('takes a code once, and only with its own PKCE verifier and redirect URI', async () => {
    const { code, verifier, started } = await signIn(SATO);
    expect(started.status).toBe(200);
    const again = await api.call('POST', '/api/session', {
      body: { code, codeVerifier: verifier, redirectUri: redirectUri() },
    });
    expect(again.status).toBe(401);

    const { challenge } = verifierPair();
    const codeResponse = await fetch(`${api.stack.url}/local-auth/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: SATO, codeChallenge: challenge, redirectUri: redirectUri() }),
    });
    const { code: other } = (await codeResponse.json()) as { code: string };
    const wrongVerifier = await api.call('POST', '/api/session', {
      body: { code: other, codeVerifier: verifierPair().verifier, redirectUri: redirectUri() },
    });
    expect(wrongVerifier.status).toBe(401);
    expect(setCookieOf(wrongVerifier)[0]).toContain('Max-Age=0');

    const badBody = await api.call('POST', '/api/session', { body: { code: 'short', redirectUri: 'x' } });
    expect(badBody.status).toBe(400);
    expect(badBody.json.error.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      'body.code',
      'body.codeVerifier',
      'body.redirectUri',
    ]);
  });

  it('moves the idle deadline on activity, and ends the session server-side once it passed', async () => {
    const { started } = await signIn(SATO);
    const value = cookieValueOf(setCookie(started));
    const activity = await api.call('POST', '/api/session/activity', withCookie(value));
    expect(activity.status).toBe(200);
    expect(activity.json).toEqual({ idleSeconds: IDLE_TIMEOUT_SECONDS });
    expect(setCookieOf(activity)[0]).toContain(`Max-Age=${IDLE_TIMEOUT_SECONDS}`);

    // The operations themselves, with the clock moved: the browser's Max-Age is not what ends it.
    const cookie = (sealed: string) => {
      let sent: string | undefined;
      return {
        value: sealed,
        set: (next: string) => void (sent = next),
        clear: () => void (sent = ''),
        sent: () => sent,
      };
    };
    const base = {
      params: undefined,
      query: undefined,
      body: undefined,
      ctx: null,
      requestId: 'test',
      idempotency: null,
    };
    const justBefore = new Date(Date.now() + (IDLE_TIMEOUT_SECONDS - 5) * 1000);
    const stillLive = cookie(value);
    await expect(refreshSession({ ...base, now: justBefore, session: stillLive })).resolves.toMatchObject({
      idleSeconds: expect.any(Number),
    });
    const afterIdle = new Date(Date.now() + (IDLE_TIMEOUT_SECONDS + 5) * 1000);
    const idle = cookie(value);
    await expect(refreshSession({ ...base, now: afterIdle, session: idle })).rejects.toMatchObject({
      status: 401,
    });
    expect(idle.sent()).toBe('');
    await expect(
      recordSessionActivity({ ...base, now: afterIdle, session: cookie(value) }),
    ).rejects.toMatchObject({
      status: 401,
    });

    // Activity keeps it going, but never past the working day's end.
    let live = value;
    let at = Date.now();
    for (let step = 0; step * 10 * 60 < SESSION_MAX_SECONDS + 3600; step += 1) {
      at += 10 * 60 * 1000;
      const next = cookie(live);
      const result = await recordSessionActivity({ ...base, now: new Date(at), session: next }).catch(
        (error: { status?: number }) => error,
      );
      if ('status' in result) {
        expect(at - Date.now()).toBeGreaterThan(SESSION_MAX_SECONDS * 1000 - 11 * 60 * 1000);
        return;
      }
      live = next.sent() ?? '';
    }
    throw new Error('activity kept the session beyond its maximum length');
  });

  it('signs out: the refresh token is revoked, so the old cookie gets no token any more', async () => {
    const { started } = await signIn(SATO);
    const value = cookieValueOf(setCookie(started));
    const ended = await api.call('DELETE', '/api/session', withCookie(value));
    expect(ended.status).toBe(200);
    expect(setCookieOf(ended)[0]).toContain('Max-Age=0');
    // A copy of the cookie kept from before sign-out is worth nothing.
    expect((await api.call('POST', '/api/session/refresh', withCookie(value))).status).toBe(401);
    // Signing out twice, or without a session, is not an error.
    expect((await api.call('DELETE', '/api/session')).status).toBe(200);
  });

  it('gets no new token for a user the tenant admin removed since sign-in', async () => {
    const { started } = await signIn(SUZUKI);
    const value = cookieValueOf(setCookie(started));
    expect((await api.call('DELETE', '/api/users/user-suzuki', { as: ADMIN })).status).toBe(200);
    const refused = await api.call('POST', '/api/session/refresh', withCookie(value));
    expect(refused.status).toBe(401);
    expect(setCookieOf(refused)[0]).toContain('Max-Age=0');
  });
});
