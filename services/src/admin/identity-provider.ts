import { randomUUID } from 'node:crypto';
import type { Role } from '@kikan/shared';

/**
 * Where staff sign in (ADR 0033): Cognito in AWS, the local issuer on a laptop. Adding a staff
 * member makes their identity here and their directory entry in the table; the identity's id is the
 * `sub` of their tokens, so it is the directory's userId.
 */
export interface NewIdentity {
  email: string;
  displayName: string;
  tenantId: string;
  officeId: string;
  role: Role;
}

export interface IdentityProvider {
  /** Makes the sign-in identity (in AWS with an invitation e-mail and a temporary password). */
  createIdentity(identity: NewIdentity): Promise<{ userId: string }>;
  /** Removes an identity this request made, when its directory entry could not be written. */
  deleteIdentity(identity: { email: string; userId: string }): Promise<void>;
}

/**
 * The local issuer signs for whoever is in the directory (services/local/gateway.ts reads it on
 * every login), so its identity is the directory entry itself: a new id, nothing else to keep.
 */
export const localIdentityProvider: IdentityProvider = {
  createIdentity: () => Promise.resolve({ userId: randomUUID() }),
  deleteIdentity: () => Promise.resolve(),
};
