import { fiscalYearOf, todayInJapan, type LedgerEvent } from '@kikan/shared';
import type { LedgerEventCopy, LedgerEventRecord } from '../data/ledger-store.ts';

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
  ...(event.source ? { source: { kind: event.source.kind, id: event.source.id } } : {}),
  version: event.version,
  createdAt: event.createdAt,
  createdBy: event.createdBy,
  updatedAt: event.updatedAt,
  updatedBy: event.updatedBy,
});
