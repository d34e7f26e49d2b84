import { describe, expect, it } from 'vitest';
import {
  defaultMunicipality,
  ledgerEventProblems,
  overlapsRoster,
  seniorPeriodProblems,
  type LedgerDirectory,
} from './ledger-rules.ts';

const HOKUSHIN: LedgerDirectory = {
  today: '2026-11-22',
  offices: [
    { officeId: 'hokushin-sakura', municipalityCode: '990011' },
    { officeId: 'kawabe-office', municipalityCode: '990012' },
    { officeId: 'hokushin-core', municipalityCode: '990011' },
  ],
  members: [{ code: '990011' }, { code: '990012' }],
  keeperOfficeId: 'hokushin-core',
};

const visit = {
  kind: 'advice_visit' as const,
  heldOn: '2026-11-01',
  officeIds: ['kawabe-office'],
  municipalityCode: '990012',
  caseIds: [],
};

describe('the municipality an event counts for', () => {
  it("is the first office's by default, so a joint tenant's visit counts where the office is", () => {
    expect(defaultMunicipality(['kawabe-office', 'hokushin-sakura'], HOKUSHIN)).toBe('990012');
  });

  it("is the core center's when no office took part", () => {
    expect(defaultMunicipality([], HOKUSHIN)).toBe('990011');
  });
});

describe('ledger event checks', () => {
  it('accept a visit to an office of the tenant counted for a member municipality', () => {
    expect(ledgerEventProblems(visit, HOKUSHIN, new Set())).toEqual([]);
  });

  it('refuse an event held after today', () => {
    expect(ledgerEventProblems({ ...visit, heldOn: '2026-11-23' }, HOKUSHIN, new Set())).toEqual([
      { field: 'body.heldOn', message: '開催日に未来の日付は指定できません' },
    ]);
  });

  it('refuse an advice visit to no office, an office of another tenant and a municipality outside it', () => {
    const fields = (officeIds: string[], municipalityCode: string) =>
      ledgerEventProblems({ ...visit, officeIds, municipalityCode }, HOKUSHIN, new Set()).map((e) => e.field);

    expect(fields([], '990011')).toEqual(['body.officeIds']);
    expect(fields(['hokushin-sakura', 'himawari'], '990001')).toEqual([
      'body.officeIds.1',
      'body.municipalityCode',
    ]);
  });

  it('refuse a linked case that is not one of the tenant', () => {
    const problems = ledgerEventProblems(
      { ...visit, kind: 'case_review', caseIds: ['case_0001', 'case_other'] },
      HOKUSHIN,
      new Set(['case_0001']),
    );

    expect(problems).toEqual([{ field: 'body.caseIds.1', message: '指定された事例が見つかりません' }]);
  });

  it('refuse a council session linking more cases than its transaction can re-check consents for', () => {
    const caseIds = Array.from({ length: 11 }, (_, index) => `case_${index}`);
    const session = { ...visit, kind: 'council_session' as const, caseIds };
    const known = new Set(caseIds);

    expect(ledgerEventProblems(session, HOKUSHIN, known).map((problem) => problem.field)).toEqual([
      'body.caseIds',
    ]);
    expect(ledgerEventProblems({ ...session, caseIds: caseIds.slice(0, 10) }, HOKUSHIN, known)).toEqual([]);
    expect(ledgerEventProblems({ ...session, kind: 'case_review' }, HOKUSHIN, known)).toEqual([]);
  });
});

describe('senior specialist periods', () => {
  const period = { officeId: 'aozora', userId: 'user-tanaka', name: '田中 陽子', certifiedOn: '2025-04-01' };

  it('refuse an end before the certification', () => {
    expect(seniorPeriodProblems({ ...period, endedOn: '2025-03-31' })).toHaveLength(1);
    expect(seniorPeriodProblems({ ...period, endedOn: '2025-04-01' })).toEqual([]);
  });

  it('find an overlap with an open period of the same person at the same office', () => {
    expect(overlapsRoster({ ...period, certifiedOn: '2026-01-01' }, [period])).toBe(true);
  });

  it('allow a new period that starts the day after the last one ended, or at another office', () => {
    const ended = { ...period, endedOn: '2025-12-31' };

    expect(overlapsRoster({ ...period, certifiedOn: '2026-01-01' }, [ended])).toBe(false);
    expect(overlapsRoster({ ...period, officeId: 'himawari' }, [period])).toBe(false);
    expect(overlapsRoster({ ...period, certifiedOn: '2025-12-31' }, [ended])).toBe(true);
  });

  it('tell apart two people without accounts by name', () => {
    const named = { officeId: 'midori', name: '外部 花子', certifiedOn: '2024-04-01' };

    expect(overlapsRoster({ ...named, name: '外部 次郎' }, [named])).toBe(false);
    expect(overlapsRoster(named, [named])).toBe(true);
  });
});
