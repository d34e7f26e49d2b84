import {
  CASELOAD_READ_LIMIT,
  todayInJapan,
  type CaseListEntry,
  type CaseListPage,
  type CaseListQuery,
  type CaseListSort,
} from '@kikan/shared';
import {
  countCaseload,
  getCase,
  getCasesByIds,
  listCasesOfTenant,
  readCaseload,
  readCaseloadPageByKana,
  type CaseRecord,
  type CaseloadRow,
} from '../data/case-store.ts';
import { getUser } from '../data/directory-store.ts';
import { recipientNumbersOf } from '../data/person-store.ts';
import { ValidationError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { caseListScope, caseVisibility } from '../policy/access-policy.ts';
import { toCaseView } from '../policy/case-view.ts';
import type { TenantContext } from '@kikan/shared';
import type { listCasesRoute } from '@kikan/shared/contracts/caseload';
import {
  caseloadComparator,
  decodePosition,
  encodePosition,
  matchesFilters,
  pageOfSorted,
} from './caseload-order.ts';

const LIST_OPTIONS = ['sort', 'specialistUserId', 'phase', 'serviceKind', 'due'] as const;

/**
 * Which office's cases a list reads, and how they may be ordered. An office's own list (and the core
 * center's own office) shows every case in full: any order, kana by default. The core center's view
 * of another office holds pseudonymised cases, so nothing there is ordered or filtered by what the
 * view hides (SECURITY.md row 23): kana order and the specialist filter are refused, case code is the
 * default. Every office at once is the core center's tenant-wide list, paged through its index in
 * case-code order and not counted (tens of thousands of cases at scale): an office is chosen first.
 */
export type CaseloadSource =
  | { kind: 'office'; officeId: string; index: 'own_office' | 'other_office'; sort: CaseListSort }
  | { kind: 'every_office' };
type OfficeSource = Extract<CaseloadSource, { kind: 'office' }>;

export const caseloadSourceOf = (ctx: TenantContext, query: Omit<CaseListQuery, 'limit'>): CaseloadSource => {
  const scope = caseListScope(ctx, query.officeId);
  if (scope.kind === 'tenant' && scope.officeId === undefined) {
    const given = LIST_OPTIONS.filter(
      (option) => query[option] !== undefined && query[option] !== 'case_code',
    );
    if (given.length) {
      throw new ValidationError(
        given.map((option) => ({
          field: `query.${option}`,
          message: '並べ替えと絞り込みは事業所を選んでから指定してください',
        })),
      );
    }
    return { kind: 'every_office' };
  }
  if (scope.kind === 'office') {
    return { kind: 'office', officeId: scope.officeId, index: 'own_office', sort: query.sort ?? 'kana' };
  }
  const refusals = [
    ...(query.sort === 'kana'
      ? [{ field: 'query.sort', message: '仮名化されたケースを含む一覧はフリガナ順に並べ替えできません' }]
      : []),
    ...(query.specialistUserId !== undefined
      ? [{ field: 'query.specialistUserId', message: '仮名化されたケースを含む一覧は担当者で絞り込めません' }]
      : []),
  ];
  if (refusals.length) throw new ValidationError(refusals);
  return {
    kind: 'office',
    officeId: scope.officeId ?? '',
    index: 'other_office',
    sort: query.sort ?? 'case_code',
  };
};

/** One office's cases the caller sees, filtered and in the list's order, as rows (caseload-order.ts). */
export const readSortedCaseload = async (
  ctx: TenantContext,
  source: OfficeSource,
  query: Omit<CaseListQuery, 'limit' | 'cursor'>,
  now: Date,
): Promise<{ records: CaseloadRow[]; truncated: boolean }> => {
  const today = todayInJapan(now);
  const { items, truncated } = await readCaseload(ctx.tenantId, source.officeId, source.index);
  const filters = { ...query, assignedTo: query.assigned === 'me' ? ctx.userId : undefined };
  const records = items
    .filter((record) => caseVisibility(ctx, record) !== 'none' && matchesFilters(record, filters, today))
    .sort(caseloadComparator(source.sort, source.index === 'own_office' ? 'kana' : 'case_code'));
  return { records, truncated };
};

/** The rows as the caller may see them: a case in full names its specialist and its 受給者証番号. */
export const caseListEntries = async (
  ctx: TenantContext,
  records: readonly CaseRecord[],
  now: Date,
): Promise<CaseListEntry[]> => {
  const full = records.filter((record) => caseVisibility(ctx, record) === 'full');
  // The specialists of the page (a handful), each a GetItem; a removed one names nobody (「—」).
  const specialistIds = [...new Set(full.map((record) => record.specialistUserId))];
  const [users, numbers] = await Promise.all([
    Promise.all(specialistIds.map((userId) => getUser(ctx.tenantId, userId))),
    full.length
      ? recipientNumbersOf(
          ctx.tenantId,
          full.map((record) => record.personId),
        )
      : new Map<string, string>(),
  ]);
  const names = new Map(users.flatMap((user) => (user ? [[user.userId, user.displayName] as const] : [])));
  return records.flatMap((record): CaseListEntry[] => {
    const visibility = caseVisibility(ctx, record);
    if (visibility === 'none') return [];
    const view = toCaseView(record, visibility, now);
    if (view.visibility === 'pseudonymised') return [view];
    const recipientNumber = numbers.get(record.personId);
    return [
      {
        ...view,
        specialistName: names.get(record.specialistUserId) ?? '',
        ...(recipientNumber ? { recipientNumber } : {}),
      },
    ];
  });
};

/**
 * The list every open of the caseload page shows first: the office's own cases in kana order,
 * unfiltered. That order is the office's kana index, so the page is one Query of it and the total a
 * `Select: COUNT` beside it, instead of the office read whole (ADR 0036).
 */
const isKanaIndexPage = (source: OfficeSource, query: Omit<CaseListQuery, 'limit'>): boolean =>
  source.index === 'own_office' &&
  source.sort === 'kana' &&
  query.assigned === undefined &&
  query.specialistUserId === undefined &&
  query.phase === undefined &&
  query.serviceKind === undefined &&
  query.due === undefined;

/**
 * A page of the kana index. The cursor is the office-read-whole list's `{after, offset}`: the next
 * page starts after the case that ended this one, found by its id where it now is (its kana may have
 * changed), so the kana never enters a cursor. A case that has left the office meanwhile has no place
 * in the index to start after: that page is served as the whole-office list serves it, at its offset.
 * `offset` also ends the list where reading the office whole ends it (CASELOAD_READ_LIMIT).
 */
const kanaIndexPage = async (
  ctx: TenantContext,
  officeId: string,
  limit: number,
  cursor: string | undefined,
  now: Date,
): Promise<Pick<CaseListPage, 'items' | 'nextCursor'> | null> => {
  const position = cursor === undefined ? undefined : decodePosition(cursor);
  const anchor = position ? await getCase(ctx.tenantId, position.after) : undefined;
  if (position && anchor?.officeId !== officeId) return null;
  const offset = position?.offset ?? 0;
  const readable = Math.max(0, Math.min(limit, CASELOAD_READ_LIMIT - offset));
  const { items, more } = readable
    ? await readCaseloadPageByKana(ctx.tenantId, officeId, readable, anchor ?? undefined)
    : { items: [], more: false };
  const last = items.at(-1);
  return {
    items: await caseListEntries(ctx, items, now),
    nextCursor:
      more && last && offset + items.length < CASELOAD_READ_LIMIT
        ? encodePosition({ after: last.caseId, offset: offset + items.length })
        : null,
  };
};

export const listCases: Operation<typeof listCasesRoute> = async ({ ctx, query, now }) => {
  const source = caseloadSourceOf(ctx, query);
  if (source.kind === 'every_office') {
    const assignedTo = query.assigned === 'me' ? ctx.userId : undefined;
    const page = await listCasesOfTenant(ctx.tenantId, query.limit, query.cursor, undefined, assignedTo);
    return {
      items: await caseListEntries(ctx, page.items, now),
      nextCursor: page.nextCursor,
      total: null,
      truncated: false,
    };
  }
  if (isKanaIndexPage(source, query)) {
    const [count, page] = await Promise.all([
      countCaseload(ctx.tenantId, source.officeId),
      kanaIndexPage(ctx, source.officeId, query.limit, query.cursor, now),
    ]);
    if (page) {
      return { ...page, total: Math.min(count, CASELOAD_READ_LIMIT), truncated: count > CASELOAD_READ_LIMIT };
    }
  }
  const { records, truncated } = await readSortedCaseload(ctx, source, query, now);
  const page = pageOfSorted(records, query.limit, query.cursor);
  const pageCases = await getCasesByIds(
    ctx.tenantId,
    page.items.map((row) => row.caseId),
  );
  return {
    items: await caseListEntries(ctx, pageCases, now),
    nextCursor: page.nextCursor,
    total: records.length,
    truncated,
  };
};
