import {
  DEFAULT_PLAN_PERIODS,
  INDICATOR_GROUPS,
  defaultPlanPeriod,
  type IndicatorFigures,
  type SignOffView,
} from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  achievementOfIndicator,
  exportQuery,
  exportsFor,
  fallbackFilename,
  EXPORT_CHOICES,
  type ExportChoice,
  formatAttainment,
  formatFigure,
  formatRate,
  monthLabel,
  municipalityFromQuery,
  pendingMembers,
  pendingOffices,
  periodLabel,
  sectionsOf,
  seriesFor,
  settingsLines,
  targetLineOf,
  indicatorForScope,
  recordableOffices,
  signOffActionsFor,
  statisticsYearFromQuery,
  statisticsYearOptions,
  versionFromQuery,
} from './statistics-view.ts';

const confirmation = { by: 'user-x', byName: '田中 一郎', at: '2026-05-10T01:00:00.000Z', fingerprint: 'f' };
const signOff = (overrides: Partial<SignOffView> = {}): SignOffView => ({
  fiscalYear: 2025,
  currentVersion: 1,
  status: 'open',
  offices: [
    { officeId: 'aozora', officeName: 'あおぞら', confirmation: null, changedSinceConfirmation: false },
    { officeId: 'himawari', officeName: 'ひまわり', confirmation, changedSinceConfirmation: false },
  ],
  core: null,
  coreChangedSinceConfirmation: false,
  approvedVersions: [],
  correctionReason: null,
  version: 3,
  ...overrides,
});

const indicator = (overrides: Partial<IndicatorFigures> = {}): IndicatorFigures => ({
  indicatorId: 'plan_consultation_users',
  group: 'consultation',
  label: '計画相談支援の利用者数',
  unit: '人/月',
  figureKind: 'count',
  direction: 'higher_is_better',
  aggregation: 'monthly_flow',
  pastYears: 'recounted',
  hasMonths: true,
  total: { value: 10, months: Array.from({ length: 12 }, () => 10) },
  byMunicipality: [{ municipalityCode: '990001', value: 6, months: Array.from({ length: 12 }, () => 6) }],
  byOffice: [],
  breakdown: [],
  target: 12,
  achievementRate: 83.3,
  ...overrides,
});

describe('fiscal years offered', () => {
  it('offers the plan period’s years that have begun, in 令和, newest first', () => {
    const groups = statisticsYearOptions('2026-11-23', DEFAULT_PLAN_PERIODS);
    expect(groups).toEqual([
      {
        periodLabel: '第7期（令和6〜8年度）',
        years: [
          { value: 2026, label: '令和8年度（2026年度）' },
          { value: 2025, label: '令和7年度（2025年度）' },
          { value: 2024, label: '令和6年度（2024年度）' },
        ],
      },
    ]);
  });

  it('adds 第8期 from 令和9年度 on, newest period first', () => {
    const groups = statisticsYearOptions('2027-04-01', DEFAULT_PLAN_PERIODS);
    expect(groups.map((group) => group.periodLabel)).toEqual([
      '第8期（令和9〜11年度）',
      '第7期（令和6〜8年度）',
    ]);
    expect(groups[0]?.years.map((option) => option.value)).toEqual([2027]);
  });

  it('defaults to the current fiscal year and takes ?fy= only when offered', () => {
    const groups = statisticsYearOptions('2026-11-23', DEFAULT_PLAN_PERIODS);
    expect(statisticsYearFromQuery(null, groups, '2026-11-23')).toBe(2026);
    expect(statisticsYearFromQuery('2024', groups, '2026-11-23')).toBe(2024);
    expect(statisticsYearFromQuery('2019', groups, '2026-11-23')).toBe(2026);
    expect(statisticsYearFromQuery('2028', groups, '2026-11-23')).toBe(2026);
  });

  it("offers the years of the tenant's own periods: a period published later is offered once it has begun", () => {
    const ninth = {
      ...defaultPlanPeriod('p8'),
      periodId: 'p9',
      label: '第9期',
      fiscalYears: [2030, 2031, 2032] as [number, number, number],
    };
    const groups = statisticsYearOptions('2030-06-01', [...DEFAULT_PLAN_PERIODS, ninth]);
    expect(groups[0]).toEqual({
      periodLabel: '第9期（令和12〜14年度）',
      years: [{ value: 2030, label: '令和12年度（2030年度）' }],
    });
    expect(statisticsYearOptions('2026-11-23', [])).toEqual([]);
  });

  it('names a period with its three years', () => {
    expect(periodLabel(defaultPlanPeriod('p8'))).toBe('第8期（令和9〜11年度）');
  });

  it('takes ?v= only for an approved version', () => {
    const approved = [{ version: 1 }, { version: 2 }];
    expect(versionFromQuery('2', approved)).toBe(2);
    expect(versionFromQuery('3', approved)).toBeNull();
    expect(versionFromQuery(null, approved)).toBeNull();
  });
});

describe('figures as printed', () => {
  it('prints counts with separators, rates and ratios with one decimal, nothing as —', () => {
    expect(formatFigure(1234, 'count')).toBe('1,234');
    expect(formatFigure(12.25, 'count')).toBe('12.3');
    expect(formatFigure(40, 'rate')).toBe('40.0');
    expect(formatFigure(3.14, 'ratio')).toBe('3.1');
    expect(formatFigure(null, 'count')).toBe('—');
    expect(formatFigure(0, 'count')).toBe('0');
  });

  it('prints the achievement rate in % and the month of a YYYY-MM', () => {
    expect(formatRate(83.33)).toBe('83.3%');
    expect(formatRate(null)).toBe('—');
    expect(monthLabel('2026-04')).toBe('4月');
    expect(monthLabel('2027-03')).toBe('3月');
  });

  it('prints the 達成率 of an indicator to raise, with its band in words', () => {
    const users = indicator({ total: { value: 10, months: [] }, target: 12 });
    const achievement = achievementOfIndicator(users);

    expect(formatAttainment(users, achievement)).toBe('83.3%');
    expect(achievement.text).toBe('見込量の8割以上');
  });

  it('prints the signed distance of an indicator to lower, in points for a rate: never 「達成率 200 %」', () => {
    const selfPlanRate = indicator({
      indicatorId: 'self_plan_rate',
      unit: '%',
      figureKind: 'rate',
      direction: 'lower_is_better',
      aggregation: 'year_end_stock',
      total: { value: 20, months: [] },
      target: 10,
      achievementRate: null,
    });
    const over = achievementOfIndicator(selfPlanRate);
    expect(formatAttainment(selfPlanRate, over)).toBe('+10.0ポイント');
    expect(over.text).toBe('見込量を超過');

    const unwanted = indicator({
      indicatorId: 'unwanted_self_plans',
      unit: '人',
      direction: 'lower_is_better',
      total: { value: 2, months: [] },
      target: 3,
      achievementRate: null,
    });
    const within = achievementOfIndicator(unwanted);
    expect(formatAttainment(unwanted, within)).toBe('−1');
    expect(within.text).toBe('見込量以下');
  });
});

describe('municipalities and groups', () => {
  it('shows the total for 全体 and a member municipality’s own series otherwise', () => {
    expect(seriesFor(indicator(), null).value).toBe(10);
    expect(seriesFor(indicator(), '990001').value).toBe(6);
    expect(seriesFor(indicator(), '990002')).toMatchObject({ value: null });
  });

  it('takes ?m= only for a municipality of the figures', () => {
    const municipalities = [{ code: '990001' }];
    expect(municipalityFromQuery('990001', municipalities)).toBe('990001');
    expect(municipalityFromQuery('123456', municipalities)).toBeNull();
  });

  it('groups indicators in the plan’s order and leaves out empty groups', () => {
    const sections = sectionsOf(
      [indicator({ indicatorId: 'a', group: 'council' }), indicator({ indicatorId: 'b' })],
      INDICATOR_GROUPS,
    );
    expect(sections.map((section) => [section.group, section.indicators.map((i) => i.indicatorId)])).toEqual([
      ['consultation', ['b']],
      ['council', ['a']],
    ]);
  });
});

describe('sign-off buttons by role', () => {
  it('asks an office manager to confirm until their office has, and again after a change', () => {
    expect(signOffActionsFor('office_manager', signOff(), 'aozora', false)).toEqual(['office_confirm']);
    expect(signOffActionsFor('office_manager', signOff(), 'himawari', false)).toEqual([]);
    const changed = signOff({
      offices: [
        { officeId: 'himawari', officeName: 'ひまわり', confirmation, changedSinceConfirmation: true },
      ],
    });
    expect(signOffActionsFor('office_manager', changed, 'himawari', false)).toEqual(['office_confirm']);
  });

  it('lets the core center confirm while open, or again when figures changed since', () => {
    expect(signOffActionsFor('core_supervisor', signOff(), 'core', false)).toEqual(['core_confirm']);
    expect(
      signOffActionsFor('core_supervisor', signOff({ status: 'core_confirmed' }), 'core', false),
    ).toEqual([]);
    expect(
      signOffActionsFor(
        'core_supervisor',
        signOff({ status: 'core_confirmed', coreChangedSinceConfirmation: true }),
        'core',
        false,
      ),
    ).toEqual(['core_confirm']);
  });

  it('lets the municipality approve after the core center, and correct once approved', () => {
    expect(signOffActionsFor('municipal_officer', signOff(), 'city', false)).toEqual([]);
    expect(
      signOffActionsFor('municipal_officer', signOff({ status: 'core_confirmed' }), 'city', false),
    ).toEqual(['approve']);
    expect(signOffActionsFor('municipal_officer', signOff({ status: 'approved' }), 'city', true)).toEqual([
      'correct',
    ]);
  });

  it('asks a specialist the tenant admin named (数値確認者) to confirm, and no other specialist', () => {
    expect(signOffActionsFor('specialist', signOff(), 'aozora', false, true)).toEqual(['office_confirm']);
    expect(signOffActionsFor('specialist', signOff(), 'aozora', false, false)).toEqual([]);
  });

  it('offers the core center to record, for the offices still to confirm, while the year is open', () => {
    const open = signOff({
      offices: [
        { officeId: 'aozora', officeName: 'あおぞら', confirmation: null, changedSinceConfirmation: false },
        { officeId: 'himawari', officeName: 'ひまわり', confirmation, changedSinceConfirmation: false },
      ],
    });
    expect(recordableOffices('core_supervisor', open, false).map((office) => office.officeId)).toEqual([
      'aozora',
    ]);
    expect(recordableOffices('core_supervisor', open, true)).toEqual([]);
    expect(recordableOffices('municipal_officer', open, false)).toEqual([]);
    expect(recordableOffices('core_supervisor', { ...open, status: 'core_confirmed' }, false)).toEqual([]);
  });

  it('offers no confirming on a frozen approved version, and nothing to a specialist not named', () => {
    expect(signOffActionsFor('office_manager', signOff(), 'aozora', true)).toEqual([]);
    expect(signOffActionsFor('core_supervisor', signOff(), 'core', true)).toEqual([]);
    expect(signOffActionsFor('specialist', signOff(), 'aozora', false)).toEqual([]);
  });

  it('lists the offices the core center still waits for', () => {
    expect(pendingOffices(signOff())).toEqual(['あおぞら']);
  });

  describe("a joint tenant's member approvals", () => {
    const approval = { by: 'user-x', byName: '北信 担当', at: '2026-05-01T01:00:00.000Z' };
    const joint = (hokushinApproved: boolean, callersOwn: 'hokushin' | 'kawabe' | null) =>
      signOff({
        status: 'core_confirmed',
        memberApprovals: [
          {
            municipalityCode: '990011',
            name: '北信市',
            approval: hokushinApproved ? approval : null,
            callersOwn: callersOwn === 'hokushin',
          },
          { municipalityCode: '990012', name: '川辺町', approval: null, callersOwn: callersOwn === 'kawabe' },
        ],
      });

    it('offers the approval only to an officer of a member that has not approved', () => {
      expect(signOffActionsFor('municipal_officer', joint(false, 'hokushin'), 'city', false)).toEqual([
        'approve',
      ]);
      expect(signOffActionsFor('municipal_officer', joint(true, 'hokushin'), 'city', false)).toEqual([]);
      expect(signOffActionsFor('municipal_officer', joint(true, 'kawabe'), 'town', false)).toEqual([
        'approve',
      ]);
      expect(signOffActionsFor('municipal_officer', joint(false, null), 'core', false)).toEqual([]);
    });

    it('lists the members still to approve once the core center confirmed', () => {
      expect(pendingMembers(joint(true, null))).toEqual(['川辺町']);
      expect(pendingMembers({ ...joint(false, null), status: 'open' })).toEqual([]);
      expect(pendingMembers(signOff({ status: 'core_confirmed' }))).toEqual([]);
    });
  });
});

describe('exports', () => {
  it('gives the files to the municipality and the core center only', () => {
    expect(exportsFor('municipal_officer')).toHaveLength(EXPORT_CHOICES.length);
    expect(exportsFor('core_supervisor').map((choice) => choice.kind)).toContain('council_pack');
    expect(exportsFor('office_manager')).toEqual([]);
  });

  it('asks for the year, the version shown and the use; the council pack for the year only', () => {
    const [outside, pack] = (['xlsx_outside', 'council_pack'] as const).map((kind) => {
      const choice = EXPORT_CHOICES.find((candidate) => candidate.kind === kind);
      if (!choice) throw new Error(`no export ${kind}`);
      return choice;
    }) as [ExportChoice, ExportChoice];
    expect(exportQuery(outside, 2025, 2)).toEqual({ fiscalYear: '2025', version: '2', use: 'outside' });
    expect(exportQuery(outside, 2025, null)).toEqual({
      fiscalYear: '2025',
      version: undefined,
      use: 'outside',
    });
    expect(exportQuery(pack, 2025, 2)).toEqual({ fiscalYear: '2025' });
  });
});

describe('settings in words', () => {
  it('says how community services were counted and which counts the outside files hide', () => {
    expect(settingsLines({ communityUserUnit: 'per_month', suppressionThreshold: 3 })).toEqual([
      { term: '地域移行支援・地域定着支援の数え方', description: '各月の利用者数とその平均（人/月）' },
      { term: '外部公表用の少数秘匿', description: '1〜2件の欄を「*」で表示' },
    ]);
    const perYear = settingsLines({ communityUserUnit: 'per_year', suppressionThreshold: 2 });
    expect(perYear.map((line) => line.description)).toEqual([
      '年度内に利用した実人数（人/年）',
      '1件の欄を「*」で表示',
    ]);
  });
});

describe('file names when the server proposes none', () => {
  it('names year, version and use as the server does', () => {
    const [xlsx, csvOutside, pack] = (['xlsx', 'csv_outside', 'council_pack'] as const).map((kind) => {
      const choice = EXPORT_CHOICES.find((candidate) => candidate.kind === kind);
      if (!choice) throw new Error(`no export ${kind}`);
      return choice;
    }) as [ExportChoice, ExportChoice, ExportChoice];
    expect(fallbackFilename(xlsx, 2025, null)).toBe('令和7年度_障害福祉計画_実績.xlsx');
    expect(fallbackFilename(csvOutside, 2025, 2)).toBe('令和7年度_障害福祉計画_実績_第2版_外部公表用.csv');
    expect(fallbackFilename(pack, 2025, 2)).toBe('令和7年度_協議会資料.xlsx');
  });
});

describe('the 見込量 line on a chart of months (issue 14 points 5 and 13)', () => {
  const line = (aggregation: IndicatorFigures['aggregation'], target: number | null) =>
    targetLineOf({ aggregation, target });

  it('draws a flow per month and a stock (a rate, committees, year-end self-plans) against the target itself', () => {
    expect(line('monthly_flow', 120)).toEqual({ value: 120, label: '見込量' });
    expect(line('year_end_stock', 95)?.value).toBe(95);
  });

  it("draws a flow per year against the target's monthly share, named so", () => {
    expect(line('yearly_flow', 50)).toEqual({ value: 4.2, label: '見込量の月割り（÷12）' });
  });

  it("follows each 第7期 indicator's definition: 専門部会の設置数 is a stock, its sessions a yearly flow", () => {
    const aggregationOf = (indicatorId: string) =>
      defaultPlanPeriod('p7').indicators.find((definition) => definition.indicatorId === indicatorId)
        ?.aggregation ?? 'monthly_flow';
    expect(line(aggregationOf('subcommittees'), 4)?.value).toBe(4);
    expect(line(aggregationOf('subcommittee_sessions'), 24)?.value).toBe(2);
  });

  it('draws none without a target; for a member municipality its own, none where it has none', () => {
    expect(line('monthly_flow', null)).toBeNull();
    const joint = indicator({
      target: 120,
      byMunicipality: [
        { municipalityCode: '990011', value: 50, months: [], target: 40, achievementRate: 125 },
        { municipalityCode: '990012', value: 10, months: [] },
      ],
    });
    expect(targetLineOf(indicatorForScope(joint, null))).toEqual({ value: 120, label: '見込量' });
    expect(targetLineOf(indicatorForScope(joint, '990011'))).toEqual({ value: 40, label: '見込量' });
    expect(targetLineOf(indicatorForScope(joint, '990012'))).toBeNull();
  });
});

describe('an indicator for one member municipality (issue 14 point 9)', () => {
  it("shows the municipality's own series, 見込量 and 達成率, without the whole's breakdown", () => {
    const joint = indicator({
      target: 120,
      achievementRate: 50,
      breakdown: [{ key: 'a', label: 'A', value: 1 }],
      byMunicipality: [
        { municipalityCode: '990011', value: 50, months: [], target: 40, achievementRate: 125 },
      ],
    });
    const north = indicatorForScope(joint, '990011');
    expect([north.total.value, north.target, north.achievementRate, north.breakdown]).toEqual([
      50,
      40,
      125,
      [],
    ]);
    expect(achievementOfIndicator(north).level).toBe('met');
    expect(indicatorForScope(joint, '990012').target).toBeNull();
    expect(indicatorForScope(joint, null)).toBe(joint);
  });
});
