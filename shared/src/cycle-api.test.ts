import { describe, expect, it } from 'vitest';
import { CaseSettingsInput, MonitoringDueQuery, TimelineEntry } from './cycle-api.ts';

const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('case settings input', () => {
  it('accepts a single field', () => {
    expect(CaseSettingsInput.safeParse({ serviceUseStatus: 'paused' }).success).toBe(true);
  });

  it('refuses an empty change', () => {
    const result = CaseSettingsInput.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('変更する項目を1つ以上指定してください');
  });

  it('refuses a self-plan without its reason, on the reason field', () => {
    expect(fieldsOf(CaseSettingsInput.safeParse({ planAuthor: 'self_plan' }))).toEqual(['selfPlanReason']);
  });

  it("refuses a reason for a specialist's plan", () => {
    expect(
      fieldsOf(CaseSettingsInput.safeParse({ planAuthor: 'specialist', selfPlanReason: 'other' })),
    ).toEqual(['selfPlanReason']);
  });

  it.each([['phase'], ['version'], ['officeId'], ['tenantId']])('refuses the field %s', (key) => {
    const result = CaseSettingsInput.safeParse({ serviceUseStatus: 'using', [key]: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('refuses a monitoring period the law does not know', () => {
    expect(fieldsOf(CaseSettingsInput.safeParse({ monitoringPeriodMonths: 4 }))).toEqual([
      'monitoringPeriodMonths',
    ]);
  });
});

describe('monitoring due query', () => {
  it("defaults to the caller's own cases", () => {
    expect(MonitoringDueQuery.parse({})).toEqual({ scope: 'mine' });
  });

  it.each(['2026-13', '2026-1', '202611', '2026-11-01'])('refuses the month %s', (month) => {
    expect(fieldsOf(MonitoringDueQuery.safeParse({ month }))).toEqual(['month']);
  });

  it('accepts a YYYY-MM month and the office scope', () => {
    expect(MonitoringDueQuery.parse({ scope: 'office', month: '2027-02' })).toEqual({
      scope: 'office',
      month: '2027-02',
    });
  });
});

describe('timeline entry', () => {
  it('carries no content of a referenced record', () => {
    const result = TimelineEntry.safeParse({
      kind: 'meeting',
      recordId: 'rec_meeting1',
      date: '2026-09-01',
      createdAt: '2026-09-02T00:00:00.000Z',
      opinions: '本人の希望',
    });
    expect(result.success).toBe(false);
  });
});
