import { SESSION_COOKIE, SESSION_COOKIE_PATH } from '@kikan/shared/session';
import type { SessionCookieAccess } from './route.ts';

/**
 * The session cookie's attributes, in one place (ADR 0037): never readable by scripts (HttpOnly),
 * never sent over plain HTTP (Secure; browsers treat http://localhost as secure), never sent with a
 * request another site starts (SameSite=Strict), and only to the session routes (Path).
 */
export const sessionSetCookie = (value: string, maxAgeSeconds: number): string =>
  `${SESSION_COOKIE}=${value}; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; Path=${SESSION_COOKIE_PATH}; HttpOnly; Secure; SameSite=Strict`;

export const clearedSessionCookie = (): string => sessionSetCookie('', 0);

/** The session cookie of API Gateway v2's `cookies` (one `name=value` per entry), or null. */
export const sessionCookieOf = (cookies: readonly string[] | undefined): string | null => {
  for (const cookie of cookies ?? []) {
    const at = cookie.indexOf('=');
    if (at > 0 && cookie.slice(0, at).trim() === SESSION_COOKIE) {
      const value = cookie.slice(at + 1).trim();
      return value === '' ? null : value;
    }
  }
  return null;
};

/** The cookie as one request of a session route sees it, and the Set-Cookie its answer carries. */
export const sessionCookieAccess = (
  cookies: readonly string[] | undefined,
): { access: SessionCookieAccess; setCookie: () => string | undefined } => {
  let outgoing: string | undefined;
  return {
    access: {
      value: sessionCookieOf(cookies),
      set: (value, maxAgeSeconds) => {
        outgoing = sessionSetCookie(value, maxAgeSeconds);
      },
      clear: () => {
        outgoing = clearedSessionCookie();
      },
    },
    setCookie: () => outgoing,
  };
};
