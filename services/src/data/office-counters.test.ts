import { DIFFICULT_CATEGORIES, type CasePhase, type DifficultCategory } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  caseCounterDelta,
  mergeCounterDeltas,
  milestoneChanges,
  milestonesOf,
  officeCountersOf,
  type CountedCase,
  type Counters,
  type OfficeCounterDelta,
} from './office-counters.ts';

const base: CountedCase = {
  tenantId: 'kibougaoka',
  officeId: 'himawari',
  caseId: 'case_0001',
  birthDate: '2008-11-23',
  openedOn: '2025-04-01',
  specialistUserId: 'user_sato01',
  serviceKind: 'child_plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
};

/**
 * The figures stated again from their definitions (shared/src/dashboard-api.ts), without the
 * module's predicates: what the counters of a set of cases must be.
 */
const tally = (records: readonly CountedCase[]): Map<string, Counters> => {
  const byOffice = new Map<string, Record<string, number>>();
  const add = (officeId: string, name: string) => {
    const counters = byOffice.get(officeId) ?? {};
    counters[name] = (counters[name] ?? 0) + 1;
    byOffice.set(officeId, counters);
  };
  for (const record of records) {
    const open = record.phase !== 'closed';
    const withPlan = open && record.serviceKind !== 'basic_consultation';
    if (open) add(record.officeId, 'activeCases');
    if (open) add(record.officeId, `specialist#${record.specialistUserId}`);
    if (open && record.nextMonitoringDueOn)
      add(record.officeId, `monitoringDue#${record.nextMonitoringDueOn}`);
    if (withPlan) add(record.officeId, 'planCases');
    if (withPlan && record.planAuthor === 'specialist' && record.currentPlanVersion === undefined) {
      add(record.officeId, 'withoutFinalPlan');
    }
    if (withPlan && record.planAuthor === 'self_plan') {
      add(record.officeId, 'selfPlan');
      if (record.selfPlanReason) add(record.officeId, `selfPlanReason#${record.selfPlanReason}`);
    }
    if (record.difficulty && record.difficulty.status !== 'closed') {
      add(record.officeId, 'openDifficult');
      for (const category of new Set(record.difficulty.categories)) {
        add(record.officeId, `difficultCategory#${category}`);
      }
    }
  }
  return byOffice as Map<string, Counters>;
};

const asMap = (deltas: OfficeCounterDelta[]) =>
  new Map(deltas.map(({ officeId, counters }) => [officeId, counters]));

/** Adds deltas onto stored counters the way DynamoDB's ADD does, then drops zeros for comparison. */
const applyDeltas = (stored: Map<string, Counters>, deltas: OfficeCounterDelta[]) => {
  for (const { officeId, counters } of deltas) {
    const current: Record<string, number> = {};
    for (const [name, value] of Object.entries(stored.get(officeId) ?? {})) current[name] = value ?? 0;
    for (const [name, value] of Object.entries(counters)) current[name] = (current[name] ?? 0) + (value ?? 0);
    stored.set(officeId, current);
  }
  return new Map(
    [...stored.entries()]
      .map(
        ([officeId, counters]) =>
          [
            officeId,
            Object.fromEntries(Object.entries(counters).filter(([, value]) => value !== 0)),
          ] as const,
      )
      .filter(([, counters]) => Object.keys(counters).length > 0),
  );
};

const PHASES: CasePhase[] = ['intake', 'planning', 'monitoring', 'closed'];
const AUTHORS: Pick<CountedCase, 'planAuthor' | 'selfPlanReason'>[] = [
  { planAuthor: 'specialist' },
  { planAuthor: 'self_plan', selfPlanReason: 'no_office_available' },
  { planAuthor: 'self_plan', selfPlanReason: 'family_wish' },
  { planAuthor: 'self_plan' },
];
const DIFFICULTIES: CountedCase['difficulty'][] = [
  undefined,
  { status: 'escalated', categories: ['abuse', 'poverty'] },
  { status: 'accepted', categories: ['abuse'] },
  { status: 'closed', categories: ['abuse', 'hikikomori'] },
];

/**
 * Every combination of what a figure depends on (4 096 cases per due day; the due days only where
 * asked, the pair test would grow fourfold).
 */
const variants = (dueDays: readonly (string | null)[] = [null]): CountedCase[] => {
  const all: CountedCase[] = [];
  for (const nextMonitoringDueOn of dueDays)
    for (const officeId of ['himawari', 'aozora'])
      for (const specialistUserId of ['user_sato01', 'user_suzuki1'])
        for (const serviceKind of ['child_plan_consultation', 'basic_consultation'] as const)
          for (const phase of PHASES)
            for (const author of AUTHORS)
              for (const currentPlanVersion of [undefined, 2])
                for (const difficulty of DIFFICULTIES)
                  for (const birthDate of ['2008-11-23', '1961-05-02'])
                    all.push({
                      ...base,
                      officeId,
                      specialistUserId,
                      serviceKind,
                      phase,
                      ...author,
                      currentPlanVersion,
                      difficulty,
                      birthDate,
                      nextMonitoringDueOn,
                    });
  return all;
};

describe('what one case counts for', () => {
  it('counts an open specialist-plan case without a final plan as active, planned and missing its plan', () => {
    expect(caseCounterDelta(null, base)).toEqual([
      {
        tenantId: 'kibougaoka',
        officeId: 'himawari',
        counters: { activeCases: 1, 'specialist#user_sato01': 1, planCases: 1, withoutFinalPlan: 1 },
      },
    ]);
  });

  it('counts a self-plan by its reason and never as missing a plan', () => {
    const selfPlan = {
      ...base,
      planAuthor: 'self_plan' as const,
      selfPlanReason: 'no_office_available' as const,
    };
    expect(asMap(caseCounterDelta(null, selfPlan)).get('himawari')).toEqual({
      activeCases: 1,
      'specialist#user_sato01': 1,
      planCases: 1,
      selfPlan: 1,
      'selfPlanReason#no_office_available': 1,
    });
  });

  it('counts basic consultation as active but never as a plan case', () => {
    const basic = { ...base, serviceKind: 'basic_consultation' as const };
    expect(asMap(caseCounterDelta(null, basic)).get('himawari')).toEqual({
      activeCases: 1,
      'specialist#user_sato01': 1,
    });
  });

  it('counts an open difficulty once per category, even on a closed case', () => {
    const flagged = {
      ...base,
      phase: 'closed' as const,
      difficulty: {
        status: 'accepted' as const,
        categories: ['abuse', 'abuse', 'poverty'] as DifficultCategory[],
      },
    };
    expect(asMap(caseCounterDelta(null, flagged)).get('himawari')).toEqual({
      openDifficult: 1,
      'difficultCategory#abuse': 1,
      'difficultCategory#poverty': 1,
    });
  });

  it('counts nothing for a closed case without an open difficulty', () => {
    expect(caseCounterDelta(null, { ...base, phase: 'closed' })).toEqual([]);
  });

  it('agrees with the stated definitions for every combination of the fields they read', () => {
    for (const record of variants([null, '2026-06-30'])) {
      expect(asMap(caseCounterDelta(null, record))).toEqual(tally([record]));
    }
  });
});

describe('caseCounterDelta: what a write changes', () => {
  const grid = variants().filter((record) => record.birthDate === base.birthDate);
  const dueGrid = variants([null, '2026-05-31', '2026-06-30']).filter(
    (record) => record.birthDate === base.birthDate,
  );
  /** Open phases count alike, so one open and the closed phase cover every pair (1 024² pairs). */
  const pairGrid = grid.filter((record) => record.phase === 'intake' || record.phase === 'closed');
  const canonical = (counters: Map<string, Counters>) =>
    JSON.stringify(
      [...counters.entries()]
        .map(([officeId, values]) => [officeId, Object.entries(values).sort()] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );

  // A million pairs: about 3 s alone, longer beside the other suites.
  it('is the new contribution minus the old one for every pair of combinations, zeros left out', () => {
    const failures: string[] = [];
    for (const before of pairGrid) {
      for (const after of pairGrid) {
        const delta = caseCounterDelta(before, after);
        const applied = applyDeltas(tally([before]), delta);
        if (canonical(applied) !== canonical(tally([after])))
          failures.push(JSON.stringify({ before, after }));
        if (delta.some(({ counters }) => Object.values(counters).includes(0))) failures.push('zero kept');
      }
    }
    expect(failures.slice(0, 3)).toEqual([]);
  }, 60_000);

  it('touches no office when nothing counted changes (a birth date within the figures, a bare rewrite)', () => {
    expect(caseCounterDelta(base, { ...base, birthDate: '2008-12-01' })).toEqual([]);
    expect(caseCounterDelta(base, base)).toEqual([]);
  });

  it('moves the load from one specialist to the other within one office update', () => {
    expect(caseCounterDelta(base, { ...base, specialistUserId: 'user_suzuki1' })).toEqual([
      {
        tenantId: 'kibougaoka',
        officeId: 'himawari',
        counters: { 'specialist#user_sato01': -1, 'specialist#user_suzuki1': 1 },
      },
    ]);
  });

  it('takes a closed case out of every figure it counted in', () => {
    const selfPlan = { ...base, planAuthor: 'self_plan' as const, selfPlanReason: 'family_wish' as const };
    expect(caseCounterDelta(selfPlan, { ...selfPlan, phase: 'closed' })).toEqual([
      {
        tenantId: 'kibougaoka',
        officeId: 'himawari',
        counters: {
          activeCases: -1,
          'specialist#user_sato01': -1,
          planCases: -1,
          selfPlan: -1,
          'selfPlanReason#family_wish': -1,
        },
      },
    ]);
  });

  it('counts a finalised plan as the end of "without a final plan" only', () => {
    expect(caseCounterDelta(base, { ...base, currentPlanVersion: 1 })).toEqual([
      { tenantId: 'kibougaoka', officeId: 'himawari', counters: { withoutFinalPlan: -1 } },
    ]);
  });

  it('moves an open case from one due day to the next when a monitoring is recorded', () => {
    const due = { ...base, nextMonitoringDueOn: '2026-05-31' };
    expect(caseCounterDelta(due, { ...due, nextMonitoringDueOn: '2026-08-31' })).toEqual([
      {
        tenantId: 'kibougaoka',
        officeId: 'himawari',
        counters: { 'monitoringDue#2026-05-31': -1, 'monitoringDue#2026-08-31': 1 },
      },
    ]);
  });

  it('takes a case closed while due off its due day, whatever due date it keeps', () => {
    const due = { ...base, nextMonitoringDueOn: '2026-05-31' };
    expect(asMap(caseCounterDelta(due, { ...due, phase: 'closed' })).get('himawari')).toMatchObject({
      'monitoringDue#2026-05-31': -1,
    });
    expect(asMap(caseCounterDelta(null, { ...due, phase: 'closed' }))).toEqual(new Map());
  });

  it('takes a deleted case out of its office (after = null)', () => {
    expect(asMap(caseCounterDelta(base, null)).get('himawari')).toEqual({
      activeCases: -1,
      'specialist#user_sato01': -1,
      planCases: -1,
      withoutFinalPlan: -1,
    });
  });

  it('keeps the counters equal to a recount along any sequence of writes', () => {
    let seed = 20260401;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const cases = new Map<string, CountedCase>();
    let stored = new Map<string, Counters>();
    for (let step = 0; step < 3000; step += 1) {
      const caseId = `case_${String(random(40)).padStart(4, '0')}`;
      const before = cases.get(caseId) ?? null;
      const pick = dueGrid[random(dueGrid.length)] ?? base;
      const after = { ...pick, caseId };
      cases.set(caseId, after);
      stored = applyDeltas(stored, caseCounterDelta(before, after));
    }
    expect(stored).toEqual(tally([...cases.values()]));
    expect(asMap(officeCountersOf([...cases.values()]))).toEqual(tally([...cases.values()]));
  });
});

describe('merging the deltas of one transaction', () => {
  it('sums per office and drops what nets to zero, so a transaction touches a stats item once', () => {
    const closedHere = caseCounterDelta(base, { ...base, phase: 'closed' });
    const openedHere = caseCounterDelta(null, { ...base, caseId: 'case_0002' });
    expect(mergeCounterDeltas([...closedHere, ...openedHere])).toEqual([]);
  });

  it('keeps two offices apart (a transfer to another office)', () => {
    const merged = mergeCounterDeltas([
      ...caseCounterDelta(base, { ...base, phase: 'closed' }),
      ...caseCounterDelta(null, { ...base, caseId: 'case_0002', officeId: 'aozora' }),
    ]);
    expect(merged.map(({ officeId }) => officeId)).toEqual(['himawari', 'aozora']);
  });

  it('counts every category the dashboard can show', () => {
    const flagged = {
      ...base,
      difficulty: { status: 'flagged' as const, categories: [...DIFFICULT_CATEGORIES] },
    };
    const counters = asMap(caseCounterDelta(null, flagged)).get('himawari') ?? {};
    for (const category of DIFFICULT_CATEGORIES) expect(counters[`difficultCategory#${category}`]).toBe(1);
  });
});

describe('life-stage milestones', () => {
  it('gives an open case the days its person reaches 18 and 65, the days before the birthdays (年齢計算ニ関スル法律)', () => {
    expect(milestonesOf(base)).toEqual([
      { tenantId: 'kibougaoka', officeId: 'himawari', caseId: 'case_0001', age: 18, reachesOn: '2026-11-22' },
      { tenantId: 'kibougaoka', officeId: 'himawari', caseId: 'case_0001', age: 65, reachesOn: '2073-11-22' },
    ]);
  });

  it('leaves out an age reached before the case opened, and gives a closed case none', () => {
    expect(milestonesOf({ ...base, birthDate: '1990-01-01' }).map(({ age }) => age)).toEqual([65]);
    expect(milestonesOf({ ...base, phase: 'closed' })).toEqual([]);
  });

  it('dates reaching 18 of a 29 February birth on 28 February in a common year (民法143条)', () => {
    const leapling = { ...base, birthDate: '2008-02-29', openedOn: '2010-04-01' };
    expect(milestonesOf(leapling)[0]?.reachesOn).toBe('2026-02-28');
  });

  it('dates reaching 18 and 65 of a 1 April birth on 31 March, in the earlier fiscal year', () => {
    expect(milestonesOf({ ...base, birthDate: '2008-04-01' })[0]?.reachesOn).toBe('2026-03-31');
    expect(milestonesOf({ ...base, birthDate: '1961-04-01', openedOn: '2020-04-01' })).toEqual([
      { tenantId: 'kibougaoka', officeId: 'himawari', caseId: 'case_0001', age: 65, reachesOn: '2026-03-31' },
    ]);
  });

  it('changes nothing for a write that keeps the person, office and openness', () => {
    expect(milestoneChanges(base, { ...base, specialistUserId: 'user_suzuki1' })).toEqual({
      removed: [],
      added: [],
    });
  });

  it('deletes the milestones of a case that closes and writes those of a new one', () => {
    expect(milestoneChanges(base, { ...base, phase: 'closed' }).removed).toHaveLength(2);
    expect(milestoneChanges(null, base).added).toHaveLength(2);
  });

  it('moves the milestones when the birth date is corrected', () => {
    const { removed, added } = milestoneChanges(base, { ...base, birthDate: '2008-12-01' });
    expect(removed.map(({ reachesOn }) => reachesOn)).toEqual(['2026-11-22', '2073-11-22']);
    expect(added.map(({ reachesOn }) => reachesOn)).toEqual(['2026-11-30', '2073-11-30']);
  });
});
