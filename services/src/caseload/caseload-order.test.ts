import { keys, type TenantContext } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../data/case-store.ts';
import { AppError, ValidationError } from '../kernel/errors.ts';
import { caseloadComparator, dueStatusOf, matchesFilters, pageOfSorted } from './caseload-order.ts';
import { caseloadSourceOf } from './list-cases.ts';

const TODAY = '2026-11-22';

const caseOf = (caseId: string, overrides: Partial<CaseRecord> = {}): CaseRecord => ({
  caseId,
  caseCode: `K-${caseId.toUpperCase()}`,
  tenantId: 'kibougaoka',
  officeId: 'himawari',
  personId: `person_${caseId}`,
  personName: '佐藤 花子',
  personKana: 'サトウ ハナコ',
  birthDate: '1990-05-10',
  specialistUserId: 'user-sato',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2026-03-01',
  sharedWithCore: false,
  nextMonitoringDueOn: null,
  version: 1,
  createdAt: '2026-03-01T01:00:00.000Z',
  createdBy: 'user-sato',
  updatedAt: '2026-03-01T01:00:00.000Z',
  updatedBy: 'user-sato',
  ...overrides,
});

const ctxOf = (role: TenantContext['role'], officeId: string): TenantContext => ({
  tenantId: 'kibougaoka',
  officeId,
  role,
  userId: 'user-x',
  issuedAt: 1_700_000_000,
});

const thrownBy = (action: () => unknown): AppError => {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('due status, as the dashboard counts it', () => {
  it('is overdue before today, due this month to its last day, none without a due date', () => {
    expect(dueStatusOf('2026-10-31', TODAY)).toBe('overdue');
    expect(dueStatusOf('2026-11-30', TODAY)).toBe('due_this_month');
    expect(dueStatusOf('2026-12-31', TODAY)).toBe('later');
    expect(dueStatusOf(null, TODAY)).toBe('none');
  });

  it('filters by specialist, phase, service kind and due status together', () => {
    const due = caseOf('a', { nextMonitoringDueOn: '2026-10-31' });
    expect(matchesFilters(due, { due: 'overdue', phase: 'monitoring' }, TODAY)).toBe(true);
    expect(matchesFilters(due, { due: 'due_this_month' }, TODAY)).toBe(false);
    expect(matchesFilters(due, { specialistUserId: 'user-other' }, TODAY)).toBe(false);
    expect(matchesFilters(due, { serviceKind: 'community_transition' }, TODAY)).toBe(false);
  });
});

describe('orders of the caseload list', () => {
  const a = caseOf('a', { personKana: 'アオキ', nextMonitoringDueOn: '2026-12-31', openedOn: '2025-04-01' });
  const b = caseOf('b', { personKana: 'イトウ', nextMonitoringDueOn: null, openedOn: '2026-06-01' });
  const c = caseOf('c', { personKana: 'ウエダ', nextMonitoringDueOn: '2026-10-31', openedOn: '2024-01-10' });
  const ids = (records: CaseRecord[]) => records.map((record) => record.caseId);

  it('sorts by kana, by next due date (none last) and by opened date (newest first)', () => {
    expect(ids([c, b, a].sort(caseloadComparator('kana', 'kana')))).toEqual(['a', 'b', 'c']);
    expect(ids([a, b, c].sort(caseloadComparator('next_due', 'kana')))).toEqual(['c', 'a', 'b']);
    expect(ids([a, b, c].sort(caseloadComparator('opened_on', 'kana')))).toEqual(['b', 'a', 'c']);
  });

  it("sorts kana in the kana index's order, so a page of the index and the office read whole agree", () => {
    const surnameOnly = caseOf('k1', { personKana: 'サトウ' });
    const fullName = caseOf('k2', { personKana: 'サトウ ハナコ' });
    const sameReading = caseOf('k0', { personKana: 'サトウ ハナコ' });
    const sorted = [surnameOnly, fullName, sameReading].sort(caseloadComparator('kana', 'kana'));
    const indexOrder = [surnameOnly, fullName, sameReading]
      .map((record) => keys.caseByOffice('kibougaoka', 'himawari', record.personKana, record.caseId).gsi1sk)
      .sort();
    expect(sorted.map((record) => `${record.personKana}#${record.caseId}`)).toEqual(indexOrder);
    expect(ids(sorted)).toEqual(['k0', 'k2', 'k1']);
  });

  it('breaks ties by case code where cases are pseudonymised, never by kana', () => {
    const first = caseOf('z1', { caseCode: 'K-AAAA', personKana: 'ワタナベ' });
    const second = caseOf('z2', { caseCode: 'K-BBBB', personKana: 'アベ' });
    expect(ids([second, first].sort(caseloadComparator('next_due', 'case_code')))).toEqual(['z1', 'z2']);
    expect(ids([first, second].sort(caseloadComparator('next_due', 'kana')))).toEqual(['z2', 'z1']);
  });
});

describe('pages of a sorted list', () => {
  const sorted = ['a', 'b', 'c', 'd', 'e'].map((id) => caseOf(id));

  it('continues after the last case of the previous page, and ends with no cursor', () => {
    const first = pageOfSorted(sorted, 2, undefined);
    const second = pageOfSorted(sorted, 2, first.nextCursor ?? undefined);
    const third = pageOfSorted(sorted, 2, second.nextCursor ?? undefined);
    expect([first, second, third].map((page) => page.items.map((item) => item.caseId))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e'],
    ]);
    expect(third.nextCursor).toBeNull();
  });

  it('continues at the same position when the last case has left the list meanwhile', () => {
    const first = pageOfSorted(sorted, 2, undefined);
    const withoutB = sorted.filter((item) => item.caseId !== 'b');
    expect(pageOfSorted(withoutB, 2, first.nextCursor ?? undefined).items.map((item) => item.caseId)).toEqual(
      ['d', 'e'],
    );
  });

  it('holds no name, kana or date in its cursor', () => {
    const cursor = pageOfSorted(sorted, 2, undefined).nextCursor ?? '';
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    expect(decoded).toBe('{"after":"b","offset":2}');
  });

  it('refuses a malformed cursor with 400 on query.cursor', () => {
    const error = thrownBy(() => pageOfSorted(sorted, 2, 'bm90LWpzb24'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields?.map((field) => field.field)).toEqual(['query.cursor']);
  });
});

describe('what a list may be ordered and filtered by (SECURITY.md row 23)', () => {
  it("orders an office's own list by kana by default", () => {
    expect(caseloadSourceOf(ctxOf('specialist', 'himawari'), {})).toEqual({
      kind: 'office',
      officeId: 'himawari',
      index: 'own_office',
      sort: 'kana',
    });
  });

  it("refuses kana order and the specialist filter on the core center's pseudonymised view of another office", () => {
    const core = ctxOf('core_supervisor', 'kikan');
    const error = thrownBy(() =>
      caseloadSourceOf(core, { officeId: 'himawari', sort: 'kana', specialistUserId: 'user-sato' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual([
      { field: 'query.sort', message: '仮名化されたケースを含む一覧はフリガナ順に並べ替えできません' },
      { field: 'query.specialistUserId', message: '仮名化されたケースを含む一覧は担当者で絞り込めません' },
    ]);
    expect(caseloadSourceOf(core, { officeId: 'himawari' })).toMatchObject({ sort: 'case_code' });
  });

  it('lets the core center order its own office by kana: every case there is in full', () => {
    expect(
      caseloadSourceOf(ctxOf('core_supervisor', 'kikan'), { officeId: 'kikan', sort: 'kana' }),
    ).toMatchObject({
      index: 'own_office',
      sort: 'kana',
    });
  });

  it('refuses orders and filters on the list of every office until an office is chosen', () => {
    const error = thrownBy(() =>
      caseloadSourceOf(ctxOf('core_supervisor', 'kikan'), { sort: 'next_due', phase: 'intake' }),
    );
    expect(error.fields?.map((field) => field.field)).toEqual(['query.sort', 'query.phase']);
  });
});
