import { CaseFull, CasePseudonymised } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../data/case-store.ts';
import { initialsOf, toCaseView } from './case-view.ts';

const caseRecord = (overrides: Partial<CaseRecord> = {}): CaseRecord => ({
  caseId: 'case_0001',
  caseCode: 'C-2026-0001',
  tenantId: 'kibougaoka',
  officeId: 'office_north1',
  personId: 'person_7f3a9c',
  personName: '佐藤 花子',
  nextMonitoringDueOn: null,
  personKana: 'サトウ ハナコ',
  birthDate: '2008-11-23',
  specialistUserId: 'user_tanaka01',
  serviceKind: 'child_plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2025-04-01',
  sharedWithCore: false,
  version: 4,
  createdAt: '2025-04-01T01:00:00.000Z',
  createdBy: 'user_tanaka01',
  updatedAt: '2026-10-01T02:30:00.000Z',
  updatedBy: 'user_suzuki02',
  ...overrides,
});

const NOW = new Date('2026-11-22T03:00:00Z');

describe('toCaseView: pseudonymised', () => {
  it.each(['personName', 'personKana', 'birthDate', 'personId', 'specialistUserId'])(
    'has no %s key',
    (key) => {
      const view = toCaseView(caseRecord(), 'pseudonymised', NOW);

      expect(view).not.toHaveProperty(key);
    },
  );

  it('contains neither the name, the kana, the birth date nor the person and specialist ids anywhere', () => {
    const record = caseRecord();

    const serialised = JSON.stringify(toCaseView(record, 'pseudonymised', NOW));

    for (const secret of [
      record.personName,
      record.personKana,
      record.birthDate,
      record.personId,
      record.specialistUserId,
      'サトウ',
      'ハナコ',
    ]) {
      expect(serialised).not.toContain(secret);
    }
  });

  it('leaves out the stored tenant and author fields', () => {
    const view = toCaseView(caseRecord(), 'pseudonymised', NOW);

    expect(view).not.toHaveProperty('tenantId');
    expect(view).not.toHaveProperty('createdBy');
    expect(view).not.toHaveProperty('updatedBy');
  });

  it('shows the initials of the kana and the age band instead', () => {
    const view = toCaseView(caseRecord(), 'pseudonymised', NOW);

    // Born 2008-11-23: 18 on 2026-11-22, the day before the birthday (年齢計算ニ関スル法律).
    expect(view).toMatchObject({ visibility: 'pseudonymised', initials: 'サ・ハ', ageBand: '18-29' });
  });

  it('computes the age band on the date in Japan at `now`', () => {
    // Born 2008-11-24: 18 on 2026-11-23 in Japan, which starts at 2026-11-22T15:00Z.
    const record = caseRecord({ birthDate: '2008-11-24' });

    const lateOnTheEve = toCaseView(record, 'pseudonymised', new Date('2026-11-22T14:59:59Z'));
    const justAfterMidnightInJapan = toCaseView(record, 'pseudonymised', new Date('2026-11-22T15:00:00Z'));

    expect(lateOnTheEve).toMatchObject({ ageBand: '12-17' });
    expect(justAfterMidnightInJapan).toMatchObject({ ageBand: '18-29' });
  });

  it('matches the CasePseudonymised schema', () => {
    const view = toCaseView(
      caseRecord({ planAuthor: 'self_plan', selfPlanReason: 'person_wish' }),
      'pseudonymised',
      NOW,
    );

    expect(CasePseudonymised.safeParse(view).success).toBe(true);
  });
});

describe('toCaseView: full', () => {
  it('matches the CaseFull schema from shared', () => {
    const view = toCaseView(caseRecord(), 'full', NOW);

    expect(CaseFull.parse(view)).toEqual(view);
  });

  it('shows the person as stored', () => {
    const view = toCaseView(caseRecord(), 'full', NOW);

    expect(view).toMatchObject({
      visibility: 'full',
      personName: '佐藤 花子',
      nextMonitoringDueOn: null,
      personKana: 'サトウ ハナコ',
      birthDate: '2008-11-23',
      personId: 'person_7f3a9c',
    });
  });

  it('carries the self-plan reason only when there is one', () => {
    const selfPlan = toCaseView(
      caseRecord({ planAuthor: 'self_plan', selfPlanReason: 'no_office_available' }),
      'full',
      NOW,
    );
    const specialistPlan = toCaseView(caseRecord(), 'full', NOW);

    expect(selfPlan).toMatchObject({ selfPlanReason: 'no_office_available' });
    expect(specialistPlan).not.toHaveProperty('selfPlanReason');
  });
});

describe('initialsOf', () => {
  it('takes the first kana of family and given name, joined by a middle dot', () => {
    expect(initialsOf('サトウ ハナコ')).toBe('サ・ハ');
  });

  it('splits on the ideographic space too', () => {
    expect(initialsOf('サトウ\u3000ハナコ')).toBe('サ・ハ');
  });

  it('ignores repeated and surrounding spaces', () => {
    expect(initialsOf(' サトウ \u3000 ハナコ ')).toBe('サ・ハ');
  });

  it('gives one initial for a name without a space', () => {
    expect(initialsOf('サトウハナコ')).toBe('サ');
  });
});
