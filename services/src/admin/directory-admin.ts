import { randomUUID } from 'node:crypto';
import { OfficeView, TenantProfile } from '@kikan/shared';
import {
  addMember as storeMember,
  createOffice as storeOffice,
  getOfficeView,
  getTenantProfile,
  updateOffice as storeOfficeChange,
} from '../data/directory-store.ts';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation, Operation } from '../http/route.ts';
import type {
  addMemberRoute,
  createOfficeRoute,
  getTenantRoute,
  updateOfficeRoute,
} from '@kikan/shared/contracts/admin';

/**
 * Offices and member municipalities in the product (ADR 0031). Every key is built from the
 * caller's tenant, so another tenant's office is simply not found: the route's roles are the
 * whole access check.
 */

const OFFICE_NOT_FOUND = '指定された事業所が見つかりません';

const profileOf = async (tenantId: string): Promise<TenantProfile> => {
  const profile = await getTenantProfile(tenantId);
  if (!profile) throw new NotFoundError();
  return profile;
};

export const getTenant: Operation<typeof getTenantRoute> = ({ ctx }) => profileOf(ctx.tenantId);

/**
 * The office's municipality must be a member of the tenant: the ledger and the figures count an
 * office's work for its municipality. The number's uniqueness is the transaction's (holder item).
 */
export const createOffice: GuardedOperation<typeof createOfficeRoute, TenantProfile> = {
  authorize: ({ ctx }) => profileOf(ctx.tenantId),
  run: async ({ ctx, body, idempotency, requestId, now }, profile) => {
    if (!profile.members.some((member) => member.code === body.municipalityCode)) {
      throw new ValidationError([
        { field: 'body.municipalityCode', message: '構成市町村から選んでください' },
      ]);
    }
    const office: OfficeView = { officeId: randomUUID(), ...body, version: 1 };
    const replayed = await storeOffice({ ctx, requestId, now }, office, {
      idempotency,
      response: { status: 201, body: office },
    });
    return replayed ? OfficeView.parse(replayed.body) : office;
  },
};

export const updateOffice: GuardedOperation<typeof updateOfficeRoute, OfficeView> = {
  authorize: async ({ ctx, params }) => {
    const office = await getOfficeView(ctx.tenantId, params.officeId);
    if (!office) throw new NotFoundError(OFFICE_NOT_FOUND);
    return office;
  },
  versionOf: (office) => office.version,
  run: ({ ctx, body, requestId, now }, office) => storeOfficeChange({ ctx, requestId, now }, office, body),
};

/** A code already among the members is a 409 on the field; the version guards a concurrent add. */
export const addMember: GuardedOperation<typeof addMemberRoute, TenantProfile> = {
  authorize: ({ ctx }) => profileOf(ctx.tenantId),
  versionOf: (profile) => profile.version,
  run: async ({ ctx, body, idempotency, requestId, now }, profile) => {
    if (profile.members.some((member) => member.code === body.code)) {
      throw new ConflictError('この市町村はすでに構成市町村です', [
        { field: 'body.code', message: 'この市町村コードはすでに構成市町村に登録されています' },
      ]);
    }
    const added = await storeMember({ ctx, requestId, now }, profile, body, idempotency);
    return added.replayed ? TenantProfile.parse(added.replayed.body) : added.profile;
  },
};
