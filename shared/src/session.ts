/**
 * The sign-in session's fixed values (ADR 0037), one source for the services and the portal.
 * SECURITY.md row 18: a portal left open on a shared desk must not keep showing personal records.
 */
export const IDLE_TIMEOUT_SECONDS = 15 * 60;
/** The portal warns this long before the idle timeout ends the session. */
export const IDLE_WARNING_SECONDS = 60;

/** The cookie holding the sealed refresh token: HttpOnly, Secure, SameSite=Strict, this path only. */
export const SESSION_COOKIE = 'kikan_session';
export const SESSION_COOKIE_PATH = '/api/session';
