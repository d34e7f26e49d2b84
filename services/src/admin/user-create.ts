import { StaffMember, type Office, type User } from '@kikan/shared';
import type { createUserRoute } from '@kikan/shared/contracts/admin';
import { claimUserEmail, createUser as storeUser, releaseUserEmail } from '../data/directory-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { logger } from '../logger.ts';
import type { IdentityProvider } from './identity-provider.ts';
import { officeForRole } from './office-for-role.ts';

const staffMemberOf = (user: User): StaffMember => ({
  userId: user.userId,
  displayName: user.displayName,
  role: user.role,
  officeId: user.officeId,
  senior: user.senior,
  confirmsFigures: user.confirmsFigures === true,
});

/**
 * Adds a staff member (ADR 0033) in three steps, so that a failure of either side leaves neither:
 * 1. claim the e-mail's holder (pending) — a taken e-mail is a 409 before anything else exists;
 * 2. make the sign-in identity — on failure the claim is released;
 * 3. write the user item, complete the holder and audit it in one transaction — on failure the
 *    identity is deleted again and the claim released.
 * A request that stops between the steps leaves a pending claim (taken over after 15 minutes) and
 * at worst an identity without a directory entry, which gets no token (the pre-token trigger and
 * the local issuer both issue only to the directory's active users).
 */
export const createUserWith = (
  identities: () => Promise<IdentityProvider>,
): GuardedOperation<typeof createUserRoute, Office> => ({
  // The office must be one of the caller's tenant: the key is built from it.
  authorize: ({ ctx, body }) => officeForRole(ctx.tenantId, body.officeId, body.role),
  run: async ({ ctx, body, idempotency, requestId, now }) => {
    const write = { ctx, requestId, now };
    const provider = await identities();
    const claim = await claimUserEmail(write, body.email);
    let userId: string;
    try {
      ({ userId } = await provider.createIdentity({
        email: body.email,
        displayName: body.displayName,
        tenantId: ctx.tenantId,
        officeId: body.officeId,
        role: body.role,
      }));
    } catch (error) {
      await releaseUserEmail(claim);
      throw error;
    }
    const user: User = {
      userId,
      tenantId: ctx.tenantId,
      email: body.email,
      displayName: body.displayName,
      role: body.role,
      officeId: body.officeId,
      senior: body.senior,
      confirmsFigures: body.confirmsFigures === true,
    };
    const member = staffMemberOf(user);
    try {
      const replayed = await storeUser(write, user, claim, {
        idempotency,
        response: { status: 201, body: member },
      });
      if (!replayed) return member;
      // A concurrent retry with the same key wrote first: this request's identity is surplus.
      await provider.deleteIdentity({ email: body.email, userId });
      return StaffMember.parse(replayed.body);
    } catch (error) {
      try {
        await provider.deleteIdentity({ email: body.email, userId });
      } catch (compensation) {
        // Left without a directory entry it cannot sign in; an operator removes it (ADR 0033).
        logger.error('identity left without a directory entry', {
          userId,
          reason: compensation instanceof Error ? compensation.name : 'error',
        });
      }
      await releaseUserEmail(claim);
      throw error;
    }
  },
});
