import * as z from 'zod';
import { defineRoute } from './route.ts';

export const healthRoute = defineRoute({
  method: 'GET',
  path: '/api/health',
  context: 'platform',
  access: 'public',
  summary: 'Liveness check',
  response: z.strictObject({ status: z.literal('ok') }),
  successStatus: 200,
});

export const openApiRoute = defineRoute({
  method: 'GET',
  path: '/api/openapi.json',
  context: 'platform',
  access: 'public',
  summary: 'This API as an OpenAPI 3.1 document',
  response: z.record(z.string(), z.unknown()),
  successStatus: 200,
});

/**
 * The sign-in session (ADR 0037). The refresh token never reaches the page: it lives sealed in an
 * HttpOnly, SameSite=Strict cookie scoped to `/api/session`, so a reload or a second tab gets a new
 * access token while the idle deadline in the cookie has not passed.
 */
export const SessionTokens = z.strictObject({
  accessToken: z.string().min(1),
  /** Seconds the access token is valid: the portal asks for the next one a minute before. */
  expiresIn: z.number().int().positive(),
  /** Seconds without activity after which the session ends (the idle timeout). */
  idleSeconds: z.number().int().positive(),
});
export type SessionTokens = z.infer<typeof SessionTokens>;

export const SessionStart = z.strictObject({
  /** The authorization code from the hosted login (or its local stand-in). */
  code: z.string().min(8).max(2048),
  /** The PKCE verifier the code was asked for with (RFC 7636: 43–128 characters). */
  codeVerifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'PKCE の検証値が正しくありません'),
  /** The redirect URI the code was issued to: the portal's callback page. */
  redirectUri: z.url().max(2048),
});
export type SessionStart = z.infer<typeof SessionStart>;

export const startSessionRoute = defineRoute({
  method: 'POST',
  path: '/api/session',
  context: 'platform',
  access: 'public',
  session: true,
  summary: 'Signs in: exchanges the authorization code, keeps the refresh token in the session cookie',
  body: SessionStart,
  response: SessionTokens,
  successStatus: 200,
});

export const refreshSessionRoute = defineRoute({
  method: 'POST',
  path: '/api/session/refresh',
  context: 'platform',
  access: 'public',
  session: true,
  summary: 'A new access token for the session in the cookie (reload, second tab, expiry); 401 when it ended',
  response: SessionTokens,
  successStatus: 200,
});

export const sessionActivityRoute = defineRoute({
  method: 'POST',
  path: '/api/session/activity',
  context: 'platform',
  access: 'public',
  session: true,
  summary: 'The user is active: moves the idle deadline of the session in the cookie',
  response: z.strictObject({ idleSeconds: z.number().int().positive() }),
  successStatus: 200,
});

export const endSessionRoute = defineRoute({
  method: 'DELETE',
  path: '/api/session',
  context: 'platform',
  access: 'public',
  session: true,
  summary: 'Signs out: revokes the refresh token and clears the session cookie',
  response: z.strictObject({ ended: z.literal(true) }),
  successStatus: 200,
});

export const SESSION_ROUTES = [startSessionRoute, refreshSessionRoute, sessionActivityRoute, endSessionRoute];
