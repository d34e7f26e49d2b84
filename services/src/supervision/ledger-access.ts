import { fiscalYearOf, todayInJapan, type LedgerEvent, type TenantContext } from '@kikan/shared';
import type { LedgerEventCopy, LedgerEventRecord } from '../data/ledger-store.ts';
import { ForbiddenError } from '../kernel/errors.ts';

/**
 * Who reads what of the ledger: the core center every event and office of its tenant; office staff
 * the events their own office took part in, its participation record and its senior specialists.
 * Nobody else reads it individually (the municipality gets issue 5's aggregates).
 */

const isOfficeStaff = (ctx: TenantContext) => ctx.role === 'specialist' || ctx.role === 'office_manager';

export const mayReadLedgerEvent = (
  ctx: TenantContext,
  event: Pick<LedgerEventRecord, 'officeIds'>,
): boolean =>
  ctx.role === 'core_supervisor' || (isOfficeStaff(ctx) && event.officeIds.includes(ctx.officeId));

/**
 * The office whose ledger is read: office staff their own (naming another is a 403); the core
 * center the one it names, or its own.
 */
export const ledgerOfficeFor = (ctx: TenantContext, requestedOfficeId: string | undefined): string => {
  if (ctx.role === 'core_supervisor') return requestedOfficeId ?? ctx.officeId;
  if (!isOfficeStaff(ctx)) throw new ForbiddenError();
  if (requestedOfficeId !== undefined && requestedOfficeId !== ctx.officeId) throw new ForbiddenError();
  return ctx.officeId;
};

/** The roster's reach: one office for office staff; for the core center the office named, or all. */
export const seniorRosterOfficeFor = (
  ctx: TenantContext,
  requestedOfficeId: string | undefined,
): string | undefined =>
  ctx.role === 'core_supervisor' ? requestedOfficeId : ledgerOfficeFor(ctx, requestedOfficeId);

export const fiscalYearOrCurrent = (fiscalYear: number | undefined, now: Date): number =>
  fiscalYear ?? fiscalYearOf(todayInJapan(now));

/** Built field by field: whatever is stored, linked cases leave the server as a count only. */
export const toLedgerEventView = (event: LedgerEventRecord | LedgerEventCopy): LedgerEvent => ({
  eventId: event.eventId,
  kind: event.kind,
  heldOn: event.heldOn,
  fiscalYear: fiscalYearOf(event.heldOn),
  title: event.title,
  officeIds: event.officeIds,
  organisations: event.organisations,
  unnamedOrganisationCount: event.unnamedOrganisationCount,
  organisationCount: event.organisations.length + event.unnamedOrganisationCount,
  participantCount: event.participantCount,
  municipalityCode: event.municipalityCode,
  linkedCaseCount: 'caseIds' in event ? event.caseIds.length : event.linkedCaseCount,
  notes: event.notes,
  version: event.version,
  createdAt: event.createdAt,
  createdBy: event.createdBy,
  updatedAt: event.updatedAt,
  updatedBy: event.updatedBy,
});
