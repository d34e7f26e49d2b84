import {
  CaseListSort,
  CasePhase,
  DueStatus,
  OfficeId,
  ServiceKind,
  UserId,
  type CaseListQuery,
  type CaseloadExportQuery,
  type Role,
} from '@kikan/shared';
import * as z from 'zod';

/** The list's filters as the URL holds them (a bookmark or a reload keeps them). */
export type CaseloadQuery = Omit<CaseListQuery, 'limit' | 'cursor'>;

const valueOf = <T>(schema: z.ZodType<T>, raw: string | null): T | undefined => {
  if (raw === null || raw === '') return undefined;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};

/**
 * The filters a caller may use, read from the URL; what the API would refuse is left out rather
 * than sent (ADR 0021, SECURITY.md row 23): the core center's list of every office takes none, and
 * its view of another office (pseudonymised) is never ordered by kana nor filtered by specialist.
 */
export const caseloadQueryOf = (
  params: Pick<URLSearchParams, 'get'>,
  me: { role?: Role | undefined; officeId?: string | undefined },
): CaseloadQuery => {
  const isCore = me.role === 'core_supervisor';
  const officeId = isCore ? valueOf(OfficeId, params.get('officeId')) : undefined;
  if (isCore && officeId === undefined) return {};
  const pseudonymised = isCore && officeId !== me.officeId;
  const sort = valueOf(CaseListSort, params.get('sort'));
  return {
    ...(officeId ? { officeId } : {}),
    ...(me.role === 'specialist' && params.get('assigned') === 'me' ? { assigned: 'me' as const } : {}),
    ...(sort && !(pseudonymised && sort === 'kana') ? { sort } : {}),
    ...(pseudonymised ? {} : { specialistUserId: valueOf(UserId, params.get('specialistUserId')) }),
    phase: valueOf(CasePhase, params.get('phase')),
    serviceKind: valueOf(ServiceKind, params.get('serviceKind')),
    due: valueOf(DueStatus, params.get('due')),
  };
};

/** The orders offered: none until the core center chooses an office, never kana where it is pseudonymised. */
export const sortsFor = (
  role: Role,
  officeId: string | undefined,
  ownOfficeId: string | undefined,
): CaseListSort[] => {
  if (role !== 'core_supervisor' || officeId === ownOfficeId) return ['kana', 'next_due', 'opened_on'];
  return officeId === undefined ? [] : ['case_code', 'next_due', 'opened_on'];
};

/** The export takes the list's filters and order; 「自分の担当のみ」 is the caller as the specialist. */
export const exportQueryOf = (query: CaseloadQuery, userId?: string): CaseloadExportQuery => ({
  sort: query.sort,
  specialistUserId: query.assigned === 'me' ? userId : query.specialistUserId,
  phase: query.phase,
  serviceKind: query.serviceKind,
  due: query.due,
});
