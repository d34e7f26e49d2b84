import { REGISTRY_TENANT, TENANT_ID_PATTERN, deletableFrom, keys } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { isExpired, planCaseDeletion } from './sweep.ts';

const T = 'kibougaoka';
const CASE = 'case-000001';
const PERSON = 'person-000001';

const caseItems = [
  {
    ...keys.caseItem(T, CASE),
    caseCode: 'K-ABC234',
    officeId: 'himawari',
    personId: PERSON,
    birthDate: '2001-04-02',
    phase: 'closed',
  },
  { ...keys.caseRecord(T, CASE, 'CONSULTATION', 'c1') },
  {
    ...keys.caseRecord(T, CASE, 'MEETING', 'm1'),
    assignments: [
      { assignmentId: 'as-open', dueOn: '2020-01-10' },
      { assignmentId: 'as-done', dueOn: '2020-01-05', doneOn: '2020-01-04' },
    ],
  },
  { ...keys.caseRecord(T, CASE, 'DIFFICULTY', 'FILE'), status: 'closed' },
];

const personItems = (otherCases: { caseId: string; officeId: string }[] = []) => [
  { ...keys.person(T, PERSON), recipientNumber: '1234567890' },
  { ...keys.consent(T, PERSON, 'core_supervision') },
  { ...keys.personCase(T, PERSON, CASE), officeId: 'himawari' },
  ...otherCases.map(({ caseId, officeId }) => ({ ...keys.personCase(T, PERSON, caseId), officeId })),
];

const sks = (items: { pk: string; sk: string }[]) => items.map((key) => `${key.pk}|${key.sk}`);

describe('planning the deletion of an expired case', () => {
  it('takes the whole person when no other case of theirs is left, the person item last', () => {
    const plan = planCaseDeletion(T, CASE, caseItems, personItems());

    expect(plan.personDeleted).toBe(true);
    expect(sks(plan.person)).toEqual(
      sks([
        keys.recipientNumber(T, '1234567890', 'himawari', PERSON),
        keys.consent(T, PERSON, 'core_supervision'),
        keys.personCase(T, PERSON, CASE),
        keys.person(T, PERSON),
      ]),
    );
  });

  it("frees the recipient number with the person (ADR 0025): its holder item goes when it is this person's", () => {
    const holder = { ...keys.recipientNumberHolder(T, '123456', '1234567890'), personId: PERSON };
    const plan = planCaseDeletion(T, CASE, caseItems, personItems(), [holder]);

    expect(sks(plan.person)).toContain(sks([holder])[0]);
    expect(sks(plan.person).at(-1)).toBe(sks([keys.person(T, PERSON)])[0]);
  });

  it("never deletes another person's holder of the same number, nor the holder while the person stays", () => {
    const othersHolder = { ...keys.recipientNumberHolder(T, '123456', '1234567890'), personId: 'person-2' };
    expect(sks(planCaseDeletion(T, CASE, caseItems, personItems(), [othersHolder]).person)).not.toContain(
      sks([othersHolder])[0],
    );
    const ownHolder = { ...othersHolder, personId: PERSON };
    const kept = planCaseDeletion(
      T,
      CASE,
      caseItems,
      personItems([{ caseId: 'case-000002', officeId: 'aozora' }]),
      [ownHolder],
    );
    expect(sks(kept.person)).not.toContain(sks([ownHolder])[0]);
  });

  it('keeps the person (and their number) while another case of theirs stands at the office: only this link goes', () => {
    const plan = planCaseDeletion(
      T,
      CASE,
      caseItems,
      personItems([{ caseId: 'case-000002', officeId: 'himawari' }]),
    );

    expect(plan.personDeleted).toBe(false);
    expect(sks(plan.person)).toEqual(sks([keys.personCase(T, PERSON, CASE)]));
  });

  it("keeps the person while a case stands at another office, and drops this office's number lookup", () => {
    const plan = planCaseDeletion(
      T,
      CASE,
      caseItems,
      personItems([{ caseId: 'case-000002', officeId: 'aozora' }]),
    );

    expect(plan.personDeleted).toBe(false);
    expect(sks(plan.person)).toEqual(
      sks([keys.recipientNumber(T, '1234567890', 'himawari', PERSON), keys.personCase(T, PERSON, CASE)]),
    );
  });

  it('deletes the case item last, apart from its records, and the open assignments only', () => {
    const plan = planCaseDeletion(T, CASE, caseItems, personItems());

    expect(plan.caseItem).toEqual(keys.caseItem(T, CASE));
    expect(sks(plan.records)).not.toContain(sks([keys.caseItem(T, CASE)])[0]);
    expect(plan.records).toHaveLength(3);
    expect(sks(plan.outside)).toContain(
      sks([keys.openAssignment(T, 'himawari', '2020-01-10', 'as-open')])[0],
    );
    expect(sks(plan.outside).some((key) => key.includes('as-done'))).toBe(false);
    expect(sks(plan.outside)).toContain(sks([keys.difficultBoard(T, 'closed', 'himawari', CASE)])[0]);
    // The case-code lookup goes with the case: a deleted case's code leads to nothing.
    expect(sks(plan.outside)).toContain(sks([keys.caseCode(T, 'K-ABC234')])[0]);
  });

  it('deletes the life-stage milestones under the day the age is reached, as the case write keyed them (年齢計算ニ関スル法律)', () => {
    const plan = planCaseDeletion(T, CASE, caseItems, personItems());

    // Born 2001-04-02: 18 on 2019-04-01 and 65 on 2066-04-01, the days before the birthdays.
    const milestones = plan.outside.filter((key) => key.pk === keys.lifeStageMilestone(T).pk);
    expect(sks(milestones)).toEqual(
      sks([
        keys.lifeStageMilestone(T, '2019-04-01', 'himawari', 18, CASE),
        keys.lifeStageMilestone(T, '2066-04-01', 'himawari', 65, CASE),
      ]),
    );
  });

  it('never names an audit entry, a counter or another tenant', () => {
    const plan = planCaseDeletion(T, CASE, caseItems, personItems());
    const all = [...plan.outside, ...plan.person, ...plan.records, plan.caseItem];

    for (const key of all) {
      expect(key.pk.startsWith(`T#${T}#`)).toBe(true);
      expect(key.pk).not.toMatch(/#AUDIT#|#OFFICE_STATS|#STATISTICS/);
    }
  });

  it('resumes: with the records and person already gone, only the case item is left to delete', () => {
    const plan = planCaseDeletion(T, CASE, caseItems.slice(0, 1), []);

    expect(plan.records).toEqual([]);
    expect(plan.person).toEqual([]);
    expect(plan.caseItem).toEqual(keys.caseItem(T, CASE));
  });
});

describe('when a closed case expires', () => {
  it('is kept through the last day of its period and deletable the day after', () => {
    expect(deletableFrom('2020-05-01', 5)).toBe('2025-05-02');
    expect(isExpired('2020-05-01', 5, '2025-05-01')).toBe(false);
    expect(isExpired('2020-05-01', 5, '2025-05-02')).toBe(true);
    expect(isExpired('2020-05-01', 10, '2025-05-02')).toBe(false);
  });

  it('never a day early for a closing on 29 February', () => {
    expect(deletableFrom('2020-02-29', 5) > '2025-02-28').toBe(true);
  });
});

describe('the tenant registry', () => {
  it('lives under a prefix no tenant id can produce, so no tenant session reaches it', () => {
    expect(TENANT_ID_PATTERN.test(REGISTRY_TENANT)).toBe(false);
    expect(keys.tenantRegistry('kibougaoka').pk).toBe(`T#${REGISTRY_TENANT}#TENANTS`);
  });
});
