import { describe, expect, it } from 'vitest';
import {
  clearedSessionCookie,
  sessionCookieAccess,
  sessionCookieOf,
  sessionSetCookie,
} from './session-cookie.ts';

describe('the session cookie (ADR 0037)', () => {
  it('is HttpOnly, Secure, SameSite=Strict and sent to the session routes only', () => {
    expect(sessionSetCookie('sealed', 900)).toBe(
      'kikan_session=sealed; Max-Age=900; Path=/api/session; HttpOnly; Secure; SameSite=Strict',
    );
    expect(clearedSessionCookie()).toBe(
      'kikan_session=; Max-Age=0; Path=/api/session; HttpOnly; Secure; SameSite=Strict',
    );
    expect(sessionSetCookie('sealed', -5)).toContain('Max-Age=0;');
  });

  it("is read from API Gateway's cookies by its name only", () => {
    expect(sessionCookieOf(['other=1', 'kikan_session=abc', 'kikan_session_x=2'])).toBe('abc');
    expect(sessionCookieOf(['kikan_sessionx=abc'])).toBeNull();
    expect(sessionCookieOf(['kikan_session='])).toBeNull();
    expect(sessionCookieOf(undefined)).toBeNull();
  });

  it('sends back the last thing the route set, or nothing', () => {
    const untouched = sessionCookieAccess(['kikan_session=abc']);
    expect(untouched.access.value).toBe('abc');
    expect(untouched.setCookie()).toBeUndefined();
    const cleared = sessionCookieAccess([]);
    cleared.access.set('new', 60);
    cleared.access.clear();
    expect(cleared.setCookie()).toBe(clearedSessionCookie());
  });
});
