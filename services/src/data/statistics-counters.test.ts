import { dateOfReachingAge } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  UNKNOWN_MUNICIPALITY,
  decidedMonths,
  monitoringDueMonths,
  monitoringDueOutcomes,
  statisticsCellsOf,
  statisticsCountersOf,
  statisticsDelta,
  withDecisionHistory,
  withMonitoringActivity,
  withPlanActivity,
  type MonthActivity,
  type StatisticsCase,
  type StatisticsCounters,
} from './statistics-counters.ts';

/**
 * Every expectation below is written from the definitions of ADR 0012 (docs/adr/0012-plan-indicators.md)
 * with the arithmetic beside it, never by running the module: what a case must contribute.
 * Counter names are `<metric>|<municipality>|<YYYY-MM or FY>`; fiscal year = April–March.
 */

const NORTH = '990011';
const SOUTH = '990012';

/** A plan case whose person turned 18 long before it opened and reaches 65 in 2040 (FY2040). */
const base: StatisticsCase = {
  tenantId: 'joint',
  officeId: 'east',
  municipalityCode: NORTH,
  birthDate: '1975-05-05',
  openedOn: '2025-04-10',
  phase: 'monitoring',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
};

/** 1975-05-05 reaches 65 on 2040-05-04 (the day before the birthday): May 2040 belongs to FY2040. */
const REACHES_65_OF_BASE = { fy: 2040, name: `reaches:65|${NORTH}|2040-05` };

const act = (monitorings: number, monitoringsOnTime: number, plansFinalised: number): MonthActivity => ({
  monitorings,
  monitoringsOnTime,
  plansFinalised,
});

const asObject = (byYear: Map<number, StatisticsCounters>) => Object.fromEntries(byYear);

describe('statisticsCountersOf', () => {
  it('counts a plan user in each month with a monitoring or a final plan, and no monitoring without a due', () => {
    const record: StatisticsCase = {
      ...base,
      activity: {
        '2025-05': act(0, 0, 1), // a plan made final: a billable act
        '2025-07': act(2, 1, 0), // two monitorings, one late: still one user
        '2025-08': act(0, 0, 0), // nothing happened: no counter at all
      },
    };

    expect(asObject(statisticsCountersOf(record))).toEqual({
      2025: {
        [`users:plan_consultation|${NORTH}|2025-05`]: 1,
        [`users:plan_consultation|${NORTH}|2025-07`]: 1,
        // No decision, so no schedule: nothing falls due and the monitorings count in no rate.
      },
      [REACHES_65_OF_BASE.fy]: { [REACHES_65_OF_BASE.name]: 1 },
    });
  });

  it('counts a monitored case whose service use is paused as a user, like one in use', () => {
    // A stored case carries its service-use status; the contribution reads only the billable acts.
    const paused = { ...base, serviceUseStatus: 'paused' as const, activity: { '2025-06': act(1, 1, 0) } };
    const using = { ...paused, serviceUseStatus: 'using' as const };

    // June: one monitoring → one user.
    expect(statisticsCountersOf(paused).get(2025)).toEqual({
      [`users:plan_consultation|${NORTH}|2025-06`]: 1,
    });
    expect(statisticsCountersOf(paused)).toEqual(statisticsCountersOf(using));
  });

  it('splits a self-plan decision across 31 March / 1 April between two fiscal years', () => {
    // Born 2015-07-07: 18 on 2033-07-06 (FY2033), 65 on 2080-07-06 (FY2080), both after opening.
    const record: StatisticsCase = {
      ...base,
      birthDate: '2015-07-07',
      openedOn: '2026-03-01',
      serviceKind: 'child_plan_consultation',
      planAuthor: 'self_plan',
      selfPlanReason: 'person_wish',
      decision: { validFrom: '2026-03-31', validTo: '2026-04-01' },
    };

    expect(asObject(statisticsCountersOf(record))).toEqual({
      // 2026-03-31 → month 2026-03 → FY2025 (31 March belongs to the earlier year)
      2025: {
        [`decided|${NORTH}|2026-03`]: 1,
        [`selfPlan|${NORTH}|2026-03`]: 1,
        [`selfPlan:person_wish|${NORTH}|2026-03`]: 1,
      },
      // 2026-04-01 → month 2026-04 → FY2026
      2026: {
        [`decided|${NORTH}|2026-04`]: 1,
        [`selfPlan|${NORTH}|2026-04`]: 1,
        [`selfPlan:person_wish|${NORTH}|2026-04`]: 1,
      },
      2033: { [`reaches:18|${NORTH}|2033-07`]: 1 },
      2080: { [`reaches:65|${NORTH}|2080-07`]: 1 },
    });
  });

  it('counts a community-service user in every decided month while open, and once per fiscal year', () => {
    // Born 1980-01-01: 18 in 1997 (before opening), 65 on 2044-12-31, the day before the birthday (FY2044).
    const record: StatisticsCase = {
      ...base,
      birthDate: '1980-01-01',
      openedOn: '2026-02-10',
      serviceKind: 'community_transition',
      decision: { validFrom: '2026-02-01', validTo: '2026-05-31', periodMonths: 1, intensiveStart: false },
      // 地域相談 has no モニタリング by the office: nothing falls due, the monitoring adds no user.
      activity: { '2026-03': act(1, 1, 0) },
    };

    expect(asObject(statisticsCountersOf(record))).toEqual({
      // Feb, Mar 2026 → FY2025: one user per month, and the case once in the year.
      2025: {
        [`users:community_transition|${NORTH}|2026-02`]: 1,
        [`users:community_transition|${NORTH}|2026-03`]: 1,
        [`usersYear:community_transition|${NORTH}|FY`]: 1,
      },
      // Apr, May 2026 → FY2026.
      2026: {
        [`users:community_transition|${NORTH}|2026-04`]: 1,
        [`users:community_transition|${NORTH}|2026-05`]: 1,
        [`usersYear:community_transition|${NORTH}|FY`]: 1,
      },
      2044: { [`reaches:65|${NORTH}|2044-12`]: 1 },
    });
  });

  it('counts no plan or community figure for a basic consultation, even with a decision', () => {
    const record: StatisticsCase = {
      ...base,
      serviceKind: 'basic_consultation',
      decision: { validFrom: '2025-04-01', validTo: '2025-04-30' },
      activity: { '2025-04': act(1, 0, 0) },
    };

    expect(statisticsCountersOf(record).get(2025)).toBeUndefined();
  });

  it('counts a difficult case once in its flag month, each category once', () => {
    const record: StatisticsCase = {
      ...base,
      difficulty: { categories: ['abuse', 'abuse', 'poverty'], flaggedOn: '2026-03-31' },
    };

    // Flagged 2026-03-31 → March 2026 → FY2025; 'abuse' listed twice is still one case.
    expect(statisticsCountersOf(record).get(2025)).toEqual({
      [`difficult|${NORTH}|2026-03`]: 1,
      [`difficult:abuse|${NORTH}|2026-03`]: 1,
      [`difficult:poverty|${NORTH}|2026-03`]: 1,
    });
  });

  it('counts a case without a municipality under the unknown code', () => {
    const { municipalityCode: _none, ...withoutMunicipality } = base;

    expect(statisticsCountersOf(withoutMunicipality).get(2040)).toEqual({
      [`reaches:65|${UNKNOWN_MUNICIPALITY}|2040-05`]: 1,
    });
  });

  describe('people reaching 18 and 65', () => {
    it('puts a 29 February birth reaching 18 and 65 in February: 28 February by 年齢計算ニ関スル法律', () => {
      // 2008 + 18 = 2026, a common year: no 29 February, the period ends on 28 February (民法143条).
      expect(dateOfReachingAge('2008-02-29', 18)).toBe('2026-02-28');
      const record: StatisticsCase = { ...base, birthDate: '2008-02-29', openedOn: '2020-04-01' };

      // Month 2026-02 (not 2026-03) → FY2025; 65 on 2073-02-28 → FY2072.
      expect(asObject(statisticsCountersOf(record))).toEqual({
        2025: { [`reaches:18|${NORTH}|2026-02`]: 1 },
        2072: { [`reaches:65|${NORTH}|2073-02`]: 1 },
      });
    });

    it('puts a 1 April birth in the earlier fiscal year of the 18 forecast (reached on 31 March by 年齢計算ニ関スル法律)', () => {
      const april1 = { ...base, birthDate: '2008-04-01', openedOn: '2020-04-01' };
      const april2 = { ...base, birthDate: '2008-04-02', openedOn: '2020-04-01' };

      // Born 1 April 2008: 18 on 2026-03-31 → FY2025. Born 2 April 2008: 18 on 2026-04-01 → FY2026.
      expect(statisticsCountersOf(april1).get(2025)).toEqual({ [`reaches:18|${NORTH}|2026-03`]: 1 });
      expect(statisticsCountersOf(april1).get(2026)).toBeUndefined();
      expect(statisticsCountersOf(april2).get(2026)).toEqual({ [`reaches:18|${NORTH}|2026-04`]: 1 });
      expect(statisticsCountersOf(april2).get(2025)).toBeUndefined();
    });

    it('puts a 1 April birth in the earlier fiscal year of the 65 forecast (介護保険 第1号被保険者 from 31 March)', () => {
      const april1 = { ...base, birthDate: '1961-04-01', openedOn: '2020-04-01' };

      // Born 1 April 1961: 65 on 2026-03-31 → FY2025, not FY2026.
      expect(asObject(statisticsCountersOf(april1))).toEqual({
        2025: { [`reaches:65|${NORTH}|2026-03`]: 1 },
      });
    });

    it('counts the day the age is reached when the case opens that day, but not the birthday after it', () => {
      // Born 2008-06-10: 18 on 2026-06-09 (FY2026), the day before the birthday.
      const sameDay = { ...base, birthDate: '2008-06-10', openedOn: '2026-06-09' };
      const birthday = { ...base, birthDate: '2008-06-10', openedOn: '2026-06-10' };

      expect(statisticsCountersOf(sameDay).get(2026)).toEqual({ [`reaches:18|${NORTH}|2026-06`]: 1 });
      expect(statisticsCountersOf(birthday).get(2026)).toBeUndefined();
    });

    it('counts nobody of a closed case', () => {
      const closed: StatisticsCase = {
        ...base,
        birthDate: '2008-06-10',
        openedOn: '2020-04-01',
        phase: 'closed',
        closedOn: '2025-10-15',
      };

      expect(statisticsCountersOf(closed).size).toBe(0);
    });
  });
});

describe('decidedMonths', () => {
  it('counts the month a case closed mid-month and the month it opened mid-month', () => {
    const record: StatisticsCase = {
      ...base,
      openedOn: '2025-06-20',
      closedOn: '2025-09-15',
      phase: 'closed',
      decision: { validFrom: '2025-04-01', validTo: '2026-03-31' },
    };

    // Decided Apr 2025–Mar 2026 ∩ open Jun–Sep 2025 = Jun, Jul, Aug, Sep.
    expect(decidedMonths(record)).toEqual(['2025-06', '2025-07', '2025-08', '2025-09']);
  });

  it('keeps the months of a replaced decision once each, but none before the case opened', () => {
    const record: StatisticsCase = {
      ...base,
      openedOn: '2024-12-05',
      decisionHistory: [{ validFrom: '2024-10-01', validTo: '2025-03-31' }],
      // The renewal overlaps the old decision in March: the month counts once.
      decision: { validFrom: '2025-03-01', validTo: '2025-05-31' },
    };

    // Oct, Nov 2024 are before the opening month; Dec 2024 … May 2025 = 6 months.
    expect(decidedMonths(record)).toEqual(['2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05']);
  });

  it('is empty without a decision', () => {
    expect(decidedMonths(base)).toEqual([]);
  });

  it('gives the self-plan rate a denominator only for plan-consultation kinds', () => {
    const community: StatisticsCase = {
      ...base,
      serviceKind: 'community_settlement',
      decision: { validFrom: '2025-04-01', validTo: '2025-04-30' },
    };

    expect(decidedMonths(community)).toEqual(['2025-04']);
    expect(Object.keys(statisticsCountersOf(community).get(2025) ?? {})).not.toContain(
      `decided|${NORTH}|2025-04`,
    );
  });
});

describe('statisticsDelta', () => {
  const planned: StatisticsCase = {
    ...base,
    decision: { validFrom: '2025-04-01', validTo: '2025-06-30' },
    activity: { '2025-05': act(0, 0, 1) },
  };

  it('is empty for a write that changes nothing the statistics count', () => {
    expect(statisticsDelta(planned, { ...planned })).toEqual([]);
  });

  it('adds the whole contribution of a new case', () => {
    expect(statisticsDelta(null, planned)).toEqual(statisticsCellsOf([planned]));
    // Apr–Jun decided (3 months), one user in May, and the 65th birthday of FY2040.
    expect(statisticsDelta(null, planned)).toEqual([
      {
        tenantId: 'joint',
        fiscalYear: 2025,
        officeId: 'east',
        counters: {
          [`users:plan_consultation|${NORTH}|2025-05`]: 1,
          [`decided|${NORTH}|2025-04`]: 1,
          [`decided|${NORTH}|2025-05`]: 1,
          [`decided|${NORTH}|2025-06`]: 1,
        },
      },
      { tenantId: 'joint', fiscalYear: 2040, officeId: 'east', counters: { [REACHES_65_OF_BASE.name]: 1 } },
    ]);
  });

  it('adds a monitoring in a month with a final plan without a second user', () => {
    const monitored = { ...planned, activity: withMonitoringActivity(planned.activity, '2025-05-20', null) };

    // May already had the plan (a user), and the decision has no schedule: nothing changes.
    expect(statisticsDelta(planned, monitored)).toEqual([]);
  });

  it('moves every counter of a case moving office from the old office to the new one', () => {
    const moved = { ...planned, officeId: 'west' };

    expect(statisticsDelta(planned, moved)).toEqual([
      {
        tenantId: 'joint',
        fiscalYear: 2025,
        officeId: 'east',
        counters: {
          [`users:plan_consultation|${NORTH}|2025-05`]: -1,
          [`decided|${NORTH}|2025-04`]: -1,
          [`decided|${NORTH}|2025-05`]: -1,
          [`decided|${NORTH}|2025-06`]: -1,
        },
      },
      { tenantId: 'joint', fiscalYear: 2040, officeId: 'east', counters: { [REACHES_65_OF_BASE.name]: -1 } },
      {
        tenantId: 'joint',
        fiscalYear: 2025,
        officeId: 'west',
        counters: {
          [`users:plan_consultation|${NORTH}|2025-05`]: 1,
          [`decided|${NORTH}|2025-04`]: 1,
          [`decided|${NORTH}|2025-05`]: 1,
          [`decided|${NORTH}|2025-06`]: 1,
        },
      },
      { tenantId: 'joint', fiscalYear: 2040, officeId: 'west', counters: { [REACHES_65_OF_BASE.name]: 1 } },
    ]);
  });

  it('moves the counters to the new municipality when the person moves', () => {
    const moved = { ...planned, municipalityCode: SOUTH };
    const [fy2025] = statisticsDelta(planned, moved);

    // Each of the four FY2025 counters: −1 under the old code, +1 under the new one.
    expect(fy2025?.counters).toEqual({
      [`users:plan_consultation|${NORTH}|2025-05`]: -1,
      [`decided|${NORTH}|2025-04`]: -1,
      [`decided|${NORTH}|2025-05`]: -1,
      [`decided|${NORTH}|2025-06`]: -1,
      [`users:plan_consultation|${SOUTH}|2025-05`]: 1,
      [`decided|${SOUTH}|2025-04`]: 1,
      [`decided|${SOUTH}|2025-05`]: 1,
      [`decided|${SOUTH}|2025-06`]: 1,
    });
  });

  it('rewrites every decided month when a self-plan becomes a specialist plan', () => {
    const selfPlan: StatisticsCase = { ...planned, planAuthor: 'self_plan', selfPlanReason: 'family_wish' };

    // Current-state attribution: Apr, May, Jun each lose the self-plan and its reason.
    expect(statisticsDelta(selfPlan, planned)).toEqual([
      {
        tenantId: 'joint',
        fiscalYear: 2025,
        officeId: 'east',
        counters: {
          [`selfPlan|${NORTH}|2025-04`]: -1,
          [`selfPlan:family_wish|${NORTH}|2025-04`]: -1,
          [`selfPlan|${NORTH}|2025-05`]: -1,
          [`selfPlan:family_wish|${NORTH}|2025-05`]: -1,
          [`selfPlan|${NORTH}|2025-06`]: -1,
          [`selfPlan:family_wish|${NORTH}|2025-06`]: -1,
        },
      },
    ]);
  });

  it('takes away what a closing removes: months after the closing month and the 65th birthday', () => {
    const closed: StatisticsCase = { ...planned, phase: 'closed', closedOn: '2025-05-31' };

    // Open until May: June leaves the decided months; a closed case forecasts no birthday.
    expect(statisticsDelta(planned, closed)).toEqual([
      {
        tenantId: 'joint',
        fiscalYear: 2025,
        officeId: 'east',
        counters: { [`decided|${NORTH}|2025-06`]: -1 },
      },
      { tenantId: 'joint', fiscalYear: 2040, officeId: 'east', counters: { [REACHES_65_OF_BASE.name]: -1 } },
    ]);
  });
});

describe('statisticsCellsOf', () => {
  it('adds up the cases of one office and year into one cell', () => {
    // Monthly monitoring from April: May falls due for both; only the first is monitored in May.
    const decision = {
      validFrom: '2025-04-01',
      validTo: '2025-05-31',
      periodMonths: 1,
      intensiveStart: false,
    };
    const first = { ...base, decision, activity: { '2025-05': act(1, 1, 0) } };
    const second = { ...base, municipalityCode: SOUTH, decision };

    const fy2025 = statisticsCellsOf([first, second]).find((cell) => cell.fiscalYear === 2025);
    expect(fy2025?.counters).toEqual({
      [`users:plan_consultation|${NORTH}|2025-05`]: 1,
      [`monitoringsDue|${NORTH}|2025-05`]: 1,
      [`monitoringsDueOnTime|${NORTH}|2025-05`]: 1,
      [`decided|${NORTH}|2025-04`]: 1,
      [`decided|${NORTH}|2025-05`]: 1,
      [`monitoringsDue|${SOUTH}|2025-05`]: 1,
      [`decided|${SOUTH}|2025-04`]: 1,
      [`decided|${SOUTH}|2025-05`]: 1,
    });
  });
});

describe('withMonitoringActivity', () => {
  it('counts a monitoring on its due day as on time', () => {
    expect(withMonitoringActivity(undefined, '2025-06-30', '2025-06-30')).toEqual({
      '2025-06': act(1, 1, 0),
    });
  });

  it('counts a monitoring the day after its due day as late', () => {
    expect(withMonitoringActivity(undefined, '2025-07-01', '2025-06-30')).toEqual({
      '2025-07': act(1, 0, 0),
    });
  });

  it('counts a monitoring without a due date yet as on time', () => {
    expect(withMonitoringActivity(undefined, '2025-07-01', null)).toEqual({ '2025-07': act(1, 1, 0) });
  });

  it('adds to the month of the monitoring and keeps the other months and final plans', () => {
    const activity = { '2025-05': act(0, 0, 1), '2025-07': act(1, 1, 0) };

    // May: 0 + 1 monitoring, late (due 30 April); July untouched.
    expect(withMonitoringActivity(activity, '2025-05-02', '2025-04-30')).toEqual({
      '2025-05': act(1, 0, 1),
      '2025-07': act(1, 1, 0),
    });
    expect(activity['2025-05']).toEqual(act(0, 0, 1));
  });
});

describe('withPlanActivity', () => {
  it('counts a plan made final in the month of its consent, beside the monitorings', () => {
    const activity = { '2026-03': act(1, 1, 0) };

    expect(withPlanActivity(activity, '2026-03-31')).toEqual({ '2026-03': act(1, 1, 1) });
    expect(withPlanActivity(activity, '2026-04-01')).toEqual({
      '2026-03': act(1, 1, 0),
      '2026-04': act(0, 0, 1),
    });
  });
});

describe('withDecisionHistory', () => {
  it('keeps the replaced decision period with its monitoring schedule, without its other fields', () => {
    const replaced = {
      validFrom: '2024-04-01',
      validTo: '2025-03-31',
      periodMonths: 6,
      intensiveStart: false,
    };
    const earlier = [{ validFrom: '2023-04-01', validTo: '2024-03-31' }];
    const kept = { validFrom: '2024-04-01', validTo: '2025-03-31', periodMonths: 6, intensiveStart: false };

    expect(withDecisionHistory(earlier, { ...replaced, services: ['生活介護'] } as typeof replaced)).toEqual([
      { validFrom: '2023-04-01', validTo: '2024-03-31' },
      kept,
    ]);
    expect(withDecisionHistory(undefined, replaced)).toEqual([kept]);
  });

  it('leaves the history as it is when no decision is replaced (the first one)', () => {
    expect(withDecisionHistory(undefined, undefined)).toBeUndefined();
    const earlier = [{ validFrom: '2023-04-01', validTo: '2024-03-31' }];
    expect(withDecisionHistory(earlier, undefined)).toBe(earlier);
  });
});

describe('the monitorings that fall due (期限内実施率, ADR 0024)', () => {
  /** Quarterly from April 2025: due July, October, January (April 2026 is past the decision). */
  const quarterly = {
    validFrom: '2025-04-01',
    validTo: '2026-03-31',
    periodMonths: 3,
    intensiveStart: false,
  };
  const scheduled: StatisticsCase = { ...base, openedOn: '2025-04-01', decision: quarterly };
  const monitoredIn = (...months: string[]): StatisticsCase => ({
    ...scheduled,
    activity: Object.fromEntries(months.map((month) => [month, act(1, 1, 0)])),
  });
  const onTimeMonths = (record: StatisticsCase) =>
    monitoringDueOutcomes(record)
      .filter((due) => due.onTime)
      .map((due) => due.month);

  it("takes the due months from the decision's computed schedule", () => {
    expect(monitoringDueMonths(scheduled)).toEqual(['2025-07', '2025-10', '2026-01']);
    // New use: M+1, M+2, M+3, then every period after M+3 (monitoring-schedule.ts).
    expect(monitoringDueMonths({ ...scheduled, decision: { ...quarterly, intensiveStart: true } })).toEqual([
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-10',
      '2026-01',
    ]);
  });

  it('lets nothing fall due for a self-plan, a community service, a basic consultation or a decision without a schedule', () => {
    expect(
      monitoringDueMonths({ ...scheduled, planAuthor: 'self_plan', selfPlanReason: 'person_wish' }),
    ).toEqual([]);
    expect(monitoringDueMonths({ ...scheduled, serviceKind: 'community_settlement' })).toEqual([]);
    expect(monitoringDueMonths({ ...scheduled, serviceKind: 'basic_consultation' })).toEqual([]);
    expect(
      monitoringDueMonths({ ...scheduled, decision: { validFrom: '2025-04-01', validTo: '2026-03-31' } }),
    ).toEqual([]);
  });

  it("ends a decision's due months where the next decision starts, and keeps those of a replaced one", () => {
    // Replaced from November by a monthly decision: July and October stay, January goes.
    const renewed: StatisticsCase = {
      ...scheduled,
      decisionHistory: [quarterly],
      decision: { validFrom: '2025-11-01', validTo: '2026-02-28', periodMonths: 1, intensiveStart: false },
    };
    expect(monitoringDueMonths(renewed)).toEqual(['2025-07', '2025-10', '2025-12', '2026-01', '2026-02']);
  });

  it('lets nothing fall due before the month the case opened, nor after the closing day', () => {
    expect(monitoringDueMonths({ ...scheduled, openedOn: '2025-08-10' })).toEqual(['2025-10', '2026-01']);
    // Closed (or transferred at 18) on 31 October: October's deadline is that day, January never comes.
    expect(monitoringDueMonths({ ...scheduled, phase: 'closed', closedOn: '2025-10-31' })).toEqual([
      '2025-07',
      '2025-10',
    ]);
    // Closed on 30 October: October's monitoring was no longer owed.
    expect(monitoringDueMonths({ ...scheduled, phase: 'closed', closedOn: '2025-10-30' })).toEqual([
      '2025-07',
    ]);
  });

  it('meets a due month on time with a monitoring in it, on or before its last day', () => {
    expect(onTimeMonths(monitoredIn('2025-07', '2025-10', '2026-01'))).toEqual([
      '2025-07',
      '2025-10',
      '2026-01',
    ]);
  });

  it('counts a monitoring after the last day of the due month as late: there is no grace', () => {
    // July's monitoring on 1 August: July is not met, and August is no due month.
    expect(monitoringDueOutcomes(monitoredIn('2025-08', '2025-10', '2026-01'))).toEqual([
      { month: '2025-07', onTime: false },
      { month: '2025-10', onTime: true },
      { month: '2026-01', onTime: true },
    ]);
  });

  it('counts a skipped monitoring against the rate: its due month stays due and unmet', () => {
    const skipped = monitoredIn('2025-07', '2026-01'); // October skipped
    const counters = statisticsCountersOf(skipped).get(2025) ?? {};

    // Three due, two on time: the skipped one lowers the rate (2 ÷ 3), where monitorings done gave 2 ÷ 2.
    expect(counters).toMatchObject({
      [`monitoringsDue|${NORTH}|2025-07`]: 1,
      [`monitoringsDue|${NORTH}|2025-10`]: 1,
      [`monitoringsDue|${NORTH}|2026-01`]: 1,
      [`monitoringsDueOnTime|${NORTH}|2025-07`]: 1,
      [`monitoringsDueOnTime|${NORTH}|2026-01`]: 1,
    });
    expect(counters[`monitoringsDueOnTime|${NORTH}|2025-10`]).toBeUndefined();
  });

  it('lets one late monitoring cover only its own due month, never several missed ones', () => {
    // New use from April: due May, June, July; nothing until one monitoring on 5 August.
    const intensive: StatisticsCase = {
      ...scheduled,
      decision: { ...quarterly, intensiveStart: true },
      activity: { '2025-08': act(1, 0, 0) },
    };
    const outcomes = monitoringDueOutcomes(intensive);
    expect(outcomes.slice(0, 4)).toEqual([
      { month: '2025-05', onTime: false },
      { month: '2025-06', onTime: false },
      { month: '2025-07', onTime: false },
      // Nor is it an early monitoring for October: the schedule still expects one in October.
      { month: '2025-10', onTime: false },
    ]);
    // Five due, none on time: the three missed months stay in the denominator.
    expect(outcomes).toHaveLength(5);
  });

  it('leaves a due month unmet by a monitoring done before it: the schedule still expects one in it', () => {
    // monitoringStatus: a monitoring covers its month and earlier due months, never a later one.
    expect(onTimeMonths(monitoredIn('2025-06', '2025-09', '2025-12'))).toEqual([]);
  });

  it('meets a due month once however many monitorings were done in it', () => {
    const twice = { ...scheduled, activity: { '2025-07': act(2, 2, 0) } };
    expect(statisticsCountersOf(twice).get(2025)).toMatchObject({
      [`monitoringsDue|${NORTH}|2025-07`]: 1,
      [`monitoringsDueOnTime|${NORTH}|2025-07`]: 1,
    });
  });

  it('keeps the due counters equal to a recount along the writes that change the schedule', () => {
    const decided = monitoredIn('2025-07');
    const renewed: StatisticsCase = {
      ...decided,
      decisionHistory: withDecisionHistory(undefined, quarterly),
      decision: { validFrom: '2025-09-01', validTo: '2026-08-31', periodMonths: 6, intensiveStart: false },
    };
    const monitored = { ...renewed, activity: withMonitoringActivity(renewed.activity, '2026-03-15', null) };
    const closed: StatisticsCase = { ...monitored, phase: 'closed', closedOn: '2026-04-20' };
    const steps: (StatisticsCase | null)[] = [null, scheduled, decided, renewed, monitored, closed];

    const running = new Map<string, number>();
    for (const [index, after] of steps.entries()) {
      if (index === 0) continue;
      for (const cell of statisticsDelta(steps[index - 1] ?? null, after)) {
        for (const [name, value] of Object.entries(cell.counters)) {
          const key = `${cell.fiscalYear}/${name}`;
          running.set(key, (running.get(key) ?? 0) + value);
        }
      }
    }
    const recount = new Map(
      statisticsCellsOf([closed]).flatMap((cell) =>
        Object.entries(cell.counters).map(([name, value]) => [`${cell.fiscalYear}/${name}`, value] as const),
      ),
    );
    expect(Object.fromEntries([...running].filter(([, value]) => value !== 0))).toEqual(
      Object.fromEntries(recount),
    );
    // July (met), then the renewal's March (met on 15 March); September 2026 is after the closing.
    expect(monitoringDueOutcomes(closed)).toEqual([
      { month: '2025-07', onTime: true },
      { month: '2026-03', onTime: true },
    ]);
  });
});
