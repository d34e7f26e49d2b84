import { defaultPlanPeriod } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { mergeMunicipalityTargets, mergeTargets, targetProblems } from './targets-rules.ts';

const P7 = defaultPlanPeriod('p7');
const P8 = defaultPlanPeriod('p8');

describe('targetProblems', () => {
  it("accepts the period's indicators with a target in the period's years", () => {
    expect(
      targetProblems(P7, { targets: { plan_consultation_users: { '2024': 100, '2026': null } } }),
    ).toEqual([]);
  });

  it('names an unknown indicator by its field', () => {
    const [problem] = targetProblems(P7, { targets: { no_such_indicator: { '2025': 1 } } });
    expect(problem?.field).toBe('body.targets.no_such_indicator.2025');
    expect(problem?.message).toContain('指標');
  });

  it('refuses a target for an indicator without one, which the next period may have', () => {
    const input = { targets: { unwanted_self_plans: { '2025': 3 } } };
    expect(targetProblems(P7, input).map((problem) => problem.field)).toEqual([
      'body.targets.unwanted_self_plans.2025',
    ]);
    expect(targetProblems(P8, { targets: { unwanted_self_plans: { '2028': 3 } } })).toEqual([]);
  });

  it("refuses a fiscal year outside the period's", () => {
    expect(targetProblems(P7, { targets: { self_plan_rate: { '2027': 10, '2025': 12 } } })).toEqual([
      { field: 'body.targets.self_plan_rate.2027', message: '第7期の年度（2024〜2026年度）ではありません' },
    ]);
  });
});

describe('targetProblems for a member municipality', () => {
  const MEMBERS = ['209999', '208888'];

  it("checks a member municipality's table by the whole's rules, naming the field under its code", () => {
    expect(
      targetProblems(
        P7,
        { targets: {}, byMunicipality: { '209999': { plan_consultation_users: { '2024': 40 } } } },
        MEMBERS,
      ),
    ).toEqual([]);
    expect(
      targetProblems(
        P7,
        { targets: {}, byMunicipality: { '208888': { plan_consultation_users: { '2029': 40 } } } },
        MEMBERS,
      ),
    ).toEqual([
      {
        field: 'body.byMunicipality.208888.plan_consultation_users.2029',
        message: '第7期の年度（2024〜2026年度）ではありません',
      },
    ]);
  });

  it('refuses a municipality that is not a member of the tenant', () => {
    const [problem, ...rest] = targetProblems(
      P7,
      { targets: {}, byMunicipality: { '131016': { plan_consultation_users: { '2024': 40 } } } },
      MEMBERS,
    );
    expect(rest).toEqual([]);
    expect(problem?.field).toBe('body.byMunicipality.131016');
    expect(problem?.message).toContain('構成市町村');
  });
});

describe('mergeMunicipalityTargets', () => {
  it("merges each named municipality's table, drops one left empty and keeps the others", () => {
    const current = {
      '209999': { plan_consultation_users: { '2024': 40 } },
      '208888': { plan_consultation_users: { '2024': 20 } },
    };
    const merged = mergeMunicipalityTargets(current, {
      targets: {},
      byMunicipality: {
        '209999': { plan_consultation_users: { '2024': null } },
        '208888': { plan_consultation_users: { '2025': 25 } },
      },
    });
    expect(merged).toEqual({ '208888': { plan_consultation_users: { '2024': 20, '2025': 25 } } });
  });
});

describe('mergeTargets', () => {
  it('sets numbers, removes nulls and leaves what the input does not name', () => {
    const current = { plan_consultation_users: { '2024': 90, '2025': 95 }, self_plan_rate: { '2025': 20 } };
    const merged = mergeTargets(current, {
      plan_consultation_users: { '2025': null, '2026': 100 },
      self_plan_rate: { '2025': null },
    });
    expect(merged).toEqual({ plan_consultation_users: { '2024': 90, '2026': 100 } });
    expect(current.plan_consultation_users['2025']).toBe(95);
  });
});
