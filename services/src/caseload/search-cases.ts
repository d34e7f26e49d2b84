import { hiraganaToKatakana } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { findPersonIdsByRecipientNumber, readPersonFile } from '../data/person-store.ts';
import { findCasesOfOffice, getCasesByIds } from '../data/record-store.ts';
import type { Operation } from '../http/route.ts';
import { caseVisibility } from '../policy/access-policy.ts';
import { toCaseView } from '../policy/case-view.ts';
import type { searchCasesRoute } from '@kikan/shared/contracts/caseload';

/** Cases read per request at most: a name search walks the office's caseload in steps this size. */
export const SEARCH_READ_BOUND = 500;

const KATAKANA_QUERY = /^[\u30A1-\u30FA\u30FC\u30FB]+$/;

/**
 * Full-width and half-width forms alike (NFKC: ｱ → ア, １ → 1, full-width space → space),
 * hiragana as katakana, and no spaces: 「さとう はなこ」（全角の空白も） and 「サトウハナコ」 are the same query.
 */
export const normaliseQuery = (query: string): string =>
  hiraganaToKatakana(query.normalize('NFKC')).replace(/\s+/g, '');

export type SearchKind =
  | { kind: 'recipient'; recipientNumber: string }
  | { kind: 'kana'; kana: string }
  | { kind: 'name'; text: string };

export const searchKindOf = (query: string): SearchKind => {
  const normalised = normaliseQuery(query);
  if (/^\d{10}$/.test(normalised)) return { kind: 'recipient', recipientNumber: normalised };
  if (KATAKANA_QUERY.test(normalised)) return { kind: 'kana', kana: normalised };
  return { kind: 'name', text: normalised };
};

const compact = (value: string) => value.normalize('NFKC').replace(/\s+/g, '');

export const matchesSearch = (search: SearchKind, record: CaseRecord): boolean => {
  switch (search.kind) {
    case 'recipient':
      return true;
    case 'kana':
      return compact(record.personKana).startsWith(search.kana);
    case 'name':
      return compact(record.personName).includes(search.text);
  }
};

/**
 * The cases of the person(s) holding the number, at the caller's office only. The lookup is
 * scoped to the office in its key, so another office's client is the same one empty Query as a
 * number nobody holds: no person is read, and the answer takes no longer (SECURITY.md row 23).
 */
const casesByRecipientNumber = async (tenantId: string, officeId: string, recipientNumber: string) => {
  const personIds = await findPersonIdsByRecipientNumber(tenantId, officeId, recipientNumber);
  const files = await Promise.all(personIds.map((personId) => readPersonFile(tenantId, personId)));
  const caseIds = files.flatMap(
    (file) => file?.cases.filter((link) => link.officeId === officeId).map((link) => link.caseId) ?? [],
  );
  return [...(await getCasesByIds(tenantId, caseIds)).values()];
};

/**
 * Within the caller's own office for every role: the core center searches its own cases only and
 * never looks a name up across offices. A kana query narrows the index read to its first letter.
 */
export const searchCases: Operation<typeof searchCasesRoute> = async ({ ctx, query, now }) => {
  const search = searchKindOf(query.q);
  const page =
    search.kind === 'recipient'
      ? {
          items: await casesByRecipientNumber(ctx.tenantId, ctx.officeId, search.recipientNumber),
          nextCursor: null,
        }
      : await findCasesOfOffice(ctx.tenantId, ctx.officeId, {
          order: { by: 'kana', prefix: search.kind === 'kana' ? search.kana.slice(0, 1) : '' },
          matches: (record) => matchesSearch(search, record),
          limit: query.limit,
          cursor: query.cursor,
          maxRead: SEARCH_READ_BOUND,
        });
  return {
    items: page.items
      .filter((record) => record.officeId === ctx.officeId && caseVisibility(ctx, record) === 'full')
      .map((record) => toCaseView(record, 'full', now)),
    nextCursor: page.nextCursor,
  };
};
