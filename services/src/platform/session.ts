import { IDLE_TIMEOUT_SECONDS } from '@kikan/shared/session';
import type {
  endSessionRoute,
  refreshSessionRoute,
  sessionActivityRoute,
  startSessionRoute,
} from '@kikan/shared/contracts/platform';
import * as z from 'zod';
import {
  GrantRefusedError,
  exchangeCode,
  refreshTokens,
  revokeToken,
  type OAuthEndpoints,
} from '../auth/oauth-client.ts';
import { config } from '../config.ts';
import { sessionKey } from '../data/cursor-secret.ts';
import { openBox, sealBox } from '../http/sealed-box.ts';
import type { Operation, SessionCookieAccess } from '../http/route.ts';
import { ServiceUnavailableError, UnauthorizedError } from '../kernel/errors.ts';

/**
 * The sign-in session (ADR 0037). The refresh token the hosted login issued stays on the server's
 * side of the page: sealed (AES-256-GCM under a key of the deployment) in an HttpOnly cookie with
 * two deadlines — the idle deadline, moved by activity and passed after IDLE_TIMEOUT_SECONDS
 * without any, and the session's end, SESSION_MAX_SECONDS after sign-in whatever happens. Both
 * are checked here, not left to the browser: a copied cookie dies with them too.
 */
export const SESSION_MAX_SECONDS = 10 * 60 * 60;

const ASSOCIATED_DATA = Buffer.from('kikan session cookie v1');

const SessionState = z.strictObject({
  refreshToken: z.string().min(1),
  /** Epoch seconds: no activity since IDLE_TIMEOUT_SECONDS before this, the session is over. */
  idleUntil: z.number().int(),
  /** Epoch seconds: the session's absolute end (a working day). */
  endsAt: z.number().int(),
});
type SessionState = z.infer<typeof SessionState>;

export const SESSION_ENDED_MESSAGE = 'ログインの有効期間が終わりました。もう一度ログインしてください';

const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

const oauthEndpoints = (): OAuthEndpoints => {
  const oauth = config().oauth;
  if (!oauth) throw new ServiceUnavailableError();
  return oauth;
};

const store = async (cookie: SessionCookieAccess, state: SessionState, now: Date) => {
  const value = sealBox(await sessionKey(), ASSOCIATED_DATA, JSON.stringify(state));
  // The browser drops the cookie at the idle deadline too; the server's check is the one that counts.
  cookie.set(value, Math.min(state.idleUntil, state.endsAt) - seconds(now));
};

/** The session in the cookie while both deadlines are ahead; otherwise the cookie is cleared and 401. */
const liveSession = async (cookie: SessionCookieAccess, now: Date): Promise<SessionState> => {
  const opened = cookie.value === null ? null : openBox(await sessionKey(), ASSOCIATED_DATA, cookie.value);
  const parsed = opened === null ? null : SessionState.safeParse(JSON.parse(opened));
  const state = parsed?.success ? parsed.data : null;
  if (!state || Math.min(state.idleUntil, state.endsAt) <= seconds(now)) throw ended(cookie);
  return state;
};

const ended = (cookie: SessionCookieAccess): UnauthorizedError => {
  cookie.clear();
  return new UnauthorizedError(SESSION_ENDED_MESSAGE);
};

const cookieOf = (session: SessionCookieAccess | null | undefined): SessionCookieAccess => {
  // The function core hands every route flagged `session` its cookie; these are all flagged.
  if (!session) throw new Error('a session route without its cookie');
  return session;
};

const idleSecondsLeft = (state: SessionState, now: Date) =>
  Math.max(1, Math.min(state.idleUntil, state.endsAt) - seconds(now));

export const startSession: Operation<typeof startSessionRoute> = async ({ body, session, now }) => {
  const cookie = cookieOf(session);
  let tokens;
  try {
    tokens = await exchangeCode(oauthEndpoints(), body);
  } catch (error) {
    if (error instanceof GrantRefusedError) {
      cookie.clear();
      throw new UnauthorizedError('ログインを完了できませんでした。もう一度ログインしてください');
    }
    throw error;
  }
  const state: SessionState = {
    refreshToken: tokens.refreshToken,
    idleUntil: seconds(now) + IDLE_TIMEOUT_SECONDS,
    endsAt: seconds(now) + SESSION_MAX_SECONDS,
  };
  await store(cookie, state, now);
  return {
    accessToken: tokens.accessToken,
    expiresIn: tokens.expiresIn,
    idleSeconds: idleSecondsLeft(state, now),
  };
};

/** A new access token; the idle deadline stays where activity left it (a poll is not activity). */
export const refreshSession: Operation<typeof refreshSessionRoute> = async ({ session, now }) => {
  const cookie = cookieOf(session);
  const state = await liveSession(cookie, now);
  let tokens;
  try {
    tokens = await refreshTokens(oauthEndpoints(), state.refreshToken);
  } catch (error) {
    // Revoked, expired, or the user was removed (the pre-token trigger refuses): over.
    if (error instanceof GrantRefusedError) throw ended(cookie);
    throw error;
  }
  if (tokens.refreshToken) await store(cookie, { ...state, refreshToken: tokens.refreshToken }, now);
  return {
    accessToken: tokens.accessToken,
    expiresIn: tokens.expiresIn,
    idleSeconds: idleSecondsLeft(state, now),
  };
};

export const recordSessionActivity: Operation<typeof sessionActivityRoute> = async ({ session, now }) => {
  const cookie = cookieOf(session);
  const state = await liveSession(cookie, now);
  const moved = { ...state, idleUntil: Math.min(seconds(now) + IDLE_TIMEOUT_SECONDS, state.endsAt) };
  await store(cookie, moved, now);
  return { idleSeconds: idleSecondsLeft(moved, now) };
};

/** Sign-out, whatever state the cookie is in: the refresh token is revoked when there is one. */
export const endSession: Operation<typeof endSessionRoute> = async ({ session, now }) => {
  const cookie = cookieOf(session);
  const state = await liveSession(cookie, now).catch(() => null);
  if (state) await revokeToken(oauthEndpoints(), state.refreshToken);
  cookie.clear();
  return { ended: true as const };
};
