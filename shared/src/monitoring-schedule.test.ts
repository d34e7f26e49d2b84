import { describe, expect, it } from 'vitest';
import {
  decisionStandingOf,
  lastDayOfMonth,
  monitoringStatus,
  nextDueWithinDecision,
  scheduledMonths,
} from './monitoring-schedule.ts';

const decision = (overrides = {}) => ({
  validFrom: '2026-04-01',
  validTo: '2027-03-31',
  periodMonths: 3,
  intensiveStart: false,
  ...overrides,
});

describe('monitoring schedule (モニタリング実施月)', () => {
  it('plans every period month after the decision month, within its validity', () => {
    expect(scheduledMonths(decision())).toEqual(['2026-07', '2026-10', '2027-01']);
    expect(scheduledMonths(decision({ periodMonths: 6 }))).toEqual(['2026-10']);
  });

  it('is monthly for the first three months of new use or a big change, then by the period', () => {
    expect(scheduledMonths(decision({ intensiveStart: true, periodMonths: 6 }))).toEqual([
      '2026-05',
      '2026-06',
      '2026-07',
      '2027-01',
    ]);
  });

  it('crosses the fiscal-year and calendar-year boundaries', () => {
    expect(scheduledMonths(decision({ validFrom: '2026-11-15', validTo: '2027-10-31' }))).toEqual([
      '2027-02',
      '2027-05',
      '2027-08',
    ]);
  });

  it('refuses a period longer than a year (the legal minimum is yearly)', () => {
    expect(() => scheduledMonths(decision({ periodMonths: 13 }))).toThrow(RangeError);
  });

  it('ends a due month on its last day, 29 February in a leap year', () => {
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(lastDayOfMonth('2027-02')).toBe('2027-02-28');
    expect(lastDayOfMonth('2026-04')).toBe('2026-04-30');
  });
});

describe('monitoring status', () => {
  it('is due in the first scheduled month when nothing was done yet', () => {
    expect(monitoringStatus(decision(), [], '2026-05-10')).toEqual({
      nextDueMonth: '2026-07',
      nextDueDate: '2026-07-31',
      overdue: false,
    });
  });

  it('becomes overdue the day after the due month ends', () => {
    expect(monitoringStatus(decision(), [], '2026-07-31').overdue).toBe(false);
    expect(monitoringStatus(decision(), [], '2026-08-01').overdue).toBe(true);
  });

  it('moves to the next scheduled month once a monitoring covers the due month', () => {
    expect(monitoringStatus(decision(), ['2026-07-20'], '2026-08-01')).toMatchObject({
      nextDueMonth: '2026-10',
      overdue: false,
    });
  });

  it('counts a late monitoring as covering every earlier due month', () => {
    expect(monitoringStatus(decision(), ['2026-11-02'], '2026-11-03').nextDueMonth).toBe('2027-01');
  });

  it('ends when the schedule of the decision is complete', () => {
    expect(monitoringStatus(decision(), ['2027-01-10'], '2027-02-01')).toEqual({
      nextDueMonth: null,
      nextDueDate: null,
      overdue: false,
    });
  });

  it('handles a decision starting on 31 January with monthly monitoring across February', () => {
    const monthly = decision({ validFrom: '2028-01-31', validTo: '2028-06-30', periodMonths: 1 });
    expect(monitoringStatus(monthly, [], '2028-02-10').nextDueDate).toBe('2028-02-29');
    expect(monitoringStatus(monthly, ['2028-02-29'], '2028-03-01').nextDueDate).toBe('2028-03-31');
  });
});

describe('the next due day while a decision is in force (issue 15 point 5: never 「未定」)', () => {
  const sixInTwelve = decision({ periodMonths: 6 });

  it('follows the schedule while it has a month left', () => {
    expect(nextDueWithinDecision(sixInTwelve, [], '2026-05-10')).toBe('2026-10-31');
  });

  it('is the decision’s last month (monitoring before renewal) once the scheduled months are covered', () => {
    expect(nextDueWithinDecision(sixInTwelve, ['2026-10-15'], '2026-11-01')).toBe('2027-03-31');
  });

  it('is none once a monitoring covers the last month, or after the decision ended', () => {
    expect(nextDueWithinDecision(sixInTwelve, ['2026-10-15', '2027-03-05'], '2027-03-06')).toBeNull();
    expect(nextDueWithinDecision(sixInTwelve, ['2026-10-15'], '2027-04-01')).toBeNull();
  });

  it('gives a decision too short for its period (12 months in 12) its last month', () => {
    expect(nextDueWithinDecision(decision({ periodMonths: 12 }), [], '2026-04-02')).toBe('2027-03-31');
  });
});

describe('renewal of a service decision (支給決定の更新: shown 3 months ahead, flagged after its end)', () => {
  it('is in force more than 3 months before its last day', () => {
    expect(decisionStandingOf('2027-03-31', '2026-12-30')).toBe('in_force');
  });

  it('is ending from 3 months before its last day through that day', () => {
    expect(decisionStandingOf('2027-03-31', '2026-12-31')).toBe('ending');
    expect(decisionStandingOf('2027-03-31', '2027-03-31')).toBe('ending');
  });

  it('is expired from the day after its last day', () => {
    expect(decisionStandingOf('2027-03-31', '2027-04-01')).toBe('expired');
  });
});
