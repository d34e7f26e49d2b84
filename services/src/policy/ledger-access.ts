import type { TenantContext } from '@kikan/shared';
import { isOfficeStaff } from '@kikan/shared/access-policy';
import type { LedgerEventRecord } from '../data/ledger-store.ts';
import { ForbiddenError } from '../kernel/errors.ts';

/**
 * Who reads what of the ledger: the core center every event and office of its tenant; office staff
 * the events their own office took part in, its participation record and its senior specialists.
 * Nobody else reads it individually (the municipality gets issue 5's aggregates).
 */

/** The core center reads the ledger of its whole tenant; office staff the part of their office. */
export const readsWholeLedger = (ctx: Pick<TenantContext, 'role'>): boolean => ctx.role === 'core_supervisor';

export const mayReadLedgerEvent = (
  ctx: TenantContext,
  event: Pick<LedgerEventRecord, 'officeIds'>,
): boolean => readsWholeLedger(ctx) || (isOfficeStaff(ctx.role) && event.officeIds.includes(ctx.officeId));

/**
 * The office whose ledger is read: office staff their own (naming another is a 403); the core
 * center the one it names, or its own.
 */
export const ledgerOfficeFor = (ctx: TenantContext, requestedOfficeId: string | undefined): string => {
  if (readsWholeLedger(ctx)) return requestedOfficeId ?? ctx.officeId;
  if (!isOfficeStaff(ctx.role)) throw new ForbiddenError();
  if (requestedOfficeId !== undefined && requestedOfficeId !== ctx.officeId) throw new ForbiddenError();
  return ctx.officeId;
};

/** The roster's reach: one office for office staff; for the core center the office named, or all. */
export const seniorRosterOfficeFor = (
  ctx: TenantContext,
  requestedOfficeId: string | undefined,
): string | undefined =>
  readsWholeLedger(ctx) ? requestedOfficeId : ledgerOfficeFor(ctx, requestedOfficeId);
