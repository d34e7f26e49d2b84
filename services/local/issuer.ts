import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { MEMBERSHIPS_CLAIM, membershipsClaimOf, type OfficeMembership } from '@kikan/shared';
import { CLAIMS } from '../src/auth/verify-token.ts';

export const LOCAL_CLIENT_ID = 'kikan-local-portal';
export const TOKEN_LIFETIME_SECONDS = 60 * 60;

export interface TokenSubject {
  userId: string;
  email: string;
  tenantId: string;
  officeId: string;
  role: string;
  /** A part-timer's second office (ADR 0033): claimed as the pre-token trigger claims it. */
  otherMemberships?: OfficeMembership[] | undefined;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * Stands in for Cognito locally: an RS256 key made at first start and kept in the data folder,
 * a JWKS, and access tokens with Cognito's claim shape (`token_use`, `client_id`, custom claims).
 */
export class LocalIssuer {
  private constructor(
    readonly issuerUrl: string,
    private readonly key: StoredKey,
    private readonly privateKey: Awaited<ReturnType<typeof importJWK>>,
    private readonly now: () => number,
  ) {}

  /** `now` (milliseconds since the epoch) stamps `iat`: tests move it instead of waiting a second. */
  static async open(issuerUrl: string, keyFile?: string, now: () => number = Date.now): Promise<LocalIssuer> {
    let stored: StoredKey | undefined;
    if (keyFile && existsSync(keyFile)) stored = JSON.parse(readFileSync(keyFile, 'utf8')) as StoredKey;
    if (!stored) {
      const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
      const kid = `local-${Date.now().toString(36)}`;
      stored = {
        kid,
        privateJwk: await exportJWK(privateKey),
        publicJwk: { ...(await exportJWK(publicKey)), kid },
      };
      if (keyFile) {
        mkdirSync(dirname(keyFile), { recursive: true });
        writeFileSync(keyFile, JSON.stringify(stored), { mode: 0o600 });
      }
    }
    return new LocalIssuer(issuerUrl, stored, await importJWK(stored.privateJwk, 'RS256'), now);
  }

  get kid(): string {
    return this.key.kid;
  }

  jwks(): { keys: JWK[] } {
    return { keys: [{ ...this.key.publicJwk, alg: 'RS256', use: 'sig' }] };
  }

  /** Signs arbitrary claims with the real key: tests use it to isolate each claim check. */
  async signClaims(claims: Record<string, unknown>): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
      .sign(this.privateKey);
  }

  async mint(subject: TokenSubject, lifetimeSeconds = TOKEN_LIFETIME_SECONDS): Promise<string> {
    const issuedAt = Math.floor(this.now() / 1000);
    return new SignJWT({
      token_use: 'access',
      client_id: LOCAL_CLIENT_ID,
      username: subject.email,
      scope: 'openid email profile',
      [CLAIMS.tenant]: subject.tenantId,
      [CLAIMS.office]: subject.officeId,
      [CLAIMS.role]: subject.role,
      [MEMBERSHIPS_CLAIM]: membershipsClaimOf(subject),
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
      .setIssuer(this.issuerUrl)
      .setSubject(subject.userId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetimeSeconds)
      .setJti(crypto.randomUUID())
      .sign(this.privateKey);
  }
}
