import { MEMBERSHIPS_CLAIM, TenantContext, parseMembershipsClaim } from '@kikan/shared';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';
import type { AuthConfig } from '../config.ts';
import { UnauthorizedError } from '../kernel/errors.ts';
import { LoopbackFetcher } from './loopback-fetcher.ts';

/** Claim names: Cognito puts these in access tokens through the pre-token-generation trigger. */
export const CLAIMS = { tenant: 'custom:tenant', office: 'custom:office', role: 'custom:role' } as const;

export type TokenVerifier = (token: string) => Promise<TenantContext>;

/**
 * The verified claims. A token with the memberships claim (ADR 0033) must list the office and role
 * of `custom:office`/`custom:role` first; one without it has that one membership.
 */
const toTenantContext = (payload: Record<string, unknown>): TenantContext => {
  const memberships =
    payload[MEMBERSHIPS_CLAIM] === undefined ? undefined : parseMembershipsClaim(payload[MEMBERSHIPS_CLAIM]);
  if (memberships === null) throw new UnauthorizedError();
  const parsed = TenantContext.safeParse({
    tenantId: payload[CLAIMS.tenant],
    officeId: payload[CLAIMS.office],
    role: payload[CLAIMS.role],
    userId: payload.sub,
    issuedAt: payload.iat,
    ...(memberships ? { memberships } : {}),
  });
  if (!parsed.success) throw new UnauthorizedError();
  const [first] = parsed.data.memberships ?? [];
  if (first && (first.officeId !== parsed.data.officeId || first.role !== parsed.data.role)) {
    throw new UnauthorizedError();
  }
  return parsed.data;
};

/**
 * Builds the verifier once per cold start. Cognito: access tokens of our app client only.
 * Local: the same claim checks against the local issuer (RS256, `client_id`, `token_use`),
 * so tests of forged tokens exercise the production checks.
 */
export const createTokenVerifier = (auth: AuthConfig): TokenVerifier => {
  if (auth.mode === 'cognito') {
    const verifier = CognitoJwtVerifier.create({
      userPoolId: auth.userPoolId,
      tokenUse: 'access',
      clientId: auth.clientId,
    });
    return async (token) => toTenantContext(await verifier.verify(token));
  }
  const verifier = JwtVerifier.create(
    {
      issuer: auth.issuer,
      audience: null,
      jwksUri: `${auth.issuer}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'access') throw new Error('not an access token');
        if (payload.client_id !== auth.clientId) throw new Error('wrong client');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: new LoopbackFetcher() }) },
  );
  return async (token) => toTenantContext(await verifier.verify(token));
};
