import type { FiscalYearFigures, IndicatorFigures, SignOffView } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { figuresSummaryOf } from './figures-summary.ts';

const confirmation = {
  by: 'user-sato',
  byName: '佐藤 美咲',
  at: '2026-04-10T01:00:00.000Z',
  fingerprint: 'f',
};

const signOff = (overrides: Partial<SignOffView> = {}): SignOffView => ({
  fiscalYear: 2025,
  currentVersion: 1,
  status: 'open',
  offices: [
    { officeId: 'aozora', officeName: 'あおぞら', confirmation: null, changedSinceConfirmation: false },
    { officeId: 'himawari', officeName: 'ひまわり', confirmation, changedSinceConfirmation: false },
    { officeId: 'midori', officeName: 'みどり', confirmation, changedSinceConfirmation: true },
  ],
  core: null,
  coreChangedSinceConfirmation: false,
  approvedVersions: [],
  correctionReason: null,
  version: 3,
  ...overrides,
});

const indicator = (
  indicatorId: string,
  value: number,
  target: number | null,
  rate: number | null,
  direction: IndicatorFigures['direction'] = 'higher_is_better',
) =>
  ({
    indicatorId,
    group: 'consultation',
    label: indicatorId,
    unit: '人',
    figureKind: 'count',
    direction,
    aggregation: 'monthly_flow',
    pastYears: 'recounted',
    hasMonths: true,
    total: { value, months: Array.from({ length: 12 }, () => null) },
    byMunicipality: [],
    byOffice: [],
    breakdown: [],
    target,
    achievementRate: rate,
  }) satisfies IndicatorFigures;

const figures = (indicators: IndicatorFigures[]) => ({ indicators }) as unknown as FiscalYearFigures;

describe("the municipality's home summary of a year's figures", () => {
  it('lists who still has to confirm: offices not confirmed or changed since, then the core center', () => {
    expect(figuresSummaryOf(figures([]), signOff()).pending).toEqual([
      'あおぞら',
      'みどり',
      '基幹相談支援センター',
    ]);
  });

  it("names a joint tenant's members still to approve once the core center confirmed", () => {
    const members = (approved: boolean) => [
      {
        municipalityCode: '990011',
        name: '北信市',
        approval: approved ? { by: 'user-x', byName: '北信 担当', at: '2026-05-01T01:00:00.000Z' } : null,
        callersOwn: false,
      },
      { municipalityCode: '990012', name: '川辺町', approval: null, callersOwn: false },
    ];
    const confirmed = signOff({
      status: 'core_confirmed',
      offices: [],
      core: confirmation,
      memberApprovals: members(true),
    });
    expect(figuresSummaryOf(figures([]), confirmed).pendingApprovals).toEqual(['川辺町']);
    expect(
      figuresSummaryOf(figures([]), { ...confirmed, coreChangedSinceConfirmation: true }).pendingApprovals,
    ).toEqual([]);
    expect(
      figuresSummaryOf(figures([]), signOff({ memberApprovals: members(false) })).pendingApprovals,
    ).toEqual([]);
  });

  it('has nobody pending once approved, and names the last approved version', () => {
    const summary = figuresSummaryOf(
      figures([]),
      signOff({
        status: 'approved',
        approvedVersions: [
          {
            version: 1,
            approvedAt: '2026-05-01T01:00:00.000Z',
            approvedByName: '伊藤 直子',
            correctionReason: null,
          },
          {
            version: 2,
            approvedAt: '2026-06-01T01:00:00.000Z',
            approvedByName: '伊藤 直子',
            correctionReason: '訂正',
          },
        ],
      }),
    );
    expect(summary.pending).toEqual([]);
    expect(summary.lastApproved).toMatchObject({ version: 2, approvedByName: '伊藤 直子' });
  });

  it('lists indicators under 80 % of the 見込量, and over it for one that should go down', () => {
    const summary = figuresSummaryOf(
      figures([
        indicator('plan_consultation_users', 70, 100, 70),
        indicator('community_transition', 85, 100, 85),
        indicator('self_plan_rate', 12, 10, null, 'lower_is_better'),
        indicator('unwanted_self_plans', 0, 0, null, 'lower_is_better'),
        indicator('no_target', 1, null, null),
      ]),
      signOff(),
    );
    expect(summary.short.map((entry) => [entry.indicatorId, entry.text])).toEqual([
      ['plan_consultation_users', '見込量の8割未満'],
      ['self_plan_rate', '見込量を超過'],
    ]);
    expect(summary.short[0]).toMatchObject({ actual: '70', target: '100', rate: '70.0%' });
    expect(summary.short[1]).toMatchObject({ actual: '12', target: '10', rate: '+2' });
  });
});
