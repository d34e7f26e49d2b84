import {
  fiscalYearOf,
  formatFiscalYear,
  type FigureSeries,
  type IndicatorFigures,
  type IndicatorGroup,
  type PlanPeriod,
  type Role,
  type SignOffView,
  type StatisticsSettings,
  SUPPRESSED_MARK,
} from '@kikan/shared';
import {
  approveFiguresRoute,
  confirmCoreFiguresRoute,
  confirmOfficeFiguresRoute,
  councilPackRoute,
  exportFiguresCsvRoute,
  exportFiguresXlsxRoute,
  openCorrectionRoute,
} from '@kikan/shared/contracts/statistics';
import type { RouteDefinition } from '@kikan/shared/contracts/route';
import { mayCall } from '#lib/api.ts';
import { fiscalYearLabel, type FiscalYearOption } from '#lib/fiscal-year.ts';

/** 令和6〜8年度: a plan period's three years as the plan's cover prints them. */
export const periodYearsLabel = (period: PlanPeriod): string => {
  const [first, , last] = period.fiscalYears;
  return `${formatFiscalYear(first).replace(/年度$/, '')}〜${formatFiscalYear(last).replace(/^\D+/, '')}`;
};

/** 第7期（令和6〜8年度） */
export const periodLabel = (period: PlanPeriod): string => `${period.label}（${periodYearsLabel(period)}）`;

export interface PeriodYearOptions {
  periodLabel: string;
  years: FiscalYearOption[];
}

/**
 * The years a statistics page offers: those of the tenant's plan periods that have begun, newest
 * period first. A year before the first or after the last defined period has no indicator
 * definitions, so the API could not compute it.
 */
export const statisticsYearOptions = (today: string, periods: readonly PlanPeriod[]): PeriodYearOptions[] => {
  const current = fiscalYearOf(today);
  return periods
    .map((period) => ({
      periodLabel: periodLabel(period),
      years: period.fiscalYears
        .filter((year) => year <= current)
        .toReversed()
        .map((value) => ({ value, label: fiscalYearLabel(value) })),
    }))
    .filter((group) => group.years.length > 0)
    .toReversed();
};

/** `?fy=` when it is offered; otherwise this fiscal year, or the latest offered one. */
export const statisticsYearFromQuery = (
  value: string | null,
  groups: readonly PeriodYearOptions[],
  today: string,
): number => {
  const years = groups.flatMap((group) => group.years.map((option) => option.value));
  const wanted = Number(value);
  if (value !== null && years.includes(wanted)) return wanted;
  const current = fiscalYearOf(today);
  return years.includes(current) ? current : (years[0] ?? current);
};

/** `?v=` when that version was approved; null means the figures as they stand now. */
export const versionFromQuery = (
  value: string | null,
  approved: readonly { version: number }[],
): number | null => {
  const wanted = Number(value);
  return approved.some((entry) => entry.version === wanted) ? wanted : null;
};

/** `2025-04` → 4月 */
export const monthLabel = (month: string): string => `${Number(month.slice(5, 7))}月`;

export { achievementOfIndicator, formatAttainment, formatFigure, formatRate } from '#lib/achievement.ts';

/** 全体 is the tenant's total; a member municipality's series otherwise (共同設置). */
export const seriesFor = (indicator: IndicatorFigures, municipalityCode: string | null): FigureSeries => {
  if (municipalityCode === null) return indicator.total;
  const found = indicator.byMunicipality.find((series) => series.municipalityCode === municipalityCode);
  return found ?? { value: null, months: indicator.total.months.map(() => null) };
};

/**
 * An indicator as the page shows it for 全体 or one member municipality: that scope's series, and
 * its own 見込量 and 達成率 (a joint tenant's member sets its own; none where it has not). The whole's
 * breakdown is not the municipality's.
 */
export const indicatorForScope = (
  indicator: IndicatorFigures,
  municipalityCode: string | null,
): IndicatorFigures => {
  if (municipalityCode === null) return indicator;
  const own = indicator.byMunicipality.find((series) => series.municipalityCode === municipalityCode);
  return {
    ...indicator,
    total: seriesFor(indicator, municipalityCode),
    breakdown: [],
    target: own?.target ?? null,
    achievementRate: own?.achievementRate ?? null,
  };
};

/** `?m=` when it names one of the figures' municipalities; null is 全体. */
export const municipalityFromQuery = (
  value: string | null,
  municipalities: readonly { code: string }[],
): string | null => (municipalities.some((entry) => entry.code === value) ? value : null);

export interface IndicatorSection {
  group: IndicatorGroup;
  indicators: IndicatorFigures[];
}

/** The indicators in the order of the plan's groups, empty groups left out. */
export const sectionsOf = (
  indicators: readonly IndicatorFigures[],
  groups: readonly IndicatorGroup[],
): IndicatorSection[] =>
  groups
    .map((group) => ({ group, indicators: indicators.filter((indicator) => indicator.group === group) }))
    .filter((section) => section.indicators.length > 0);

// ── Sign-off ────────────────────────────────────────────────────────────────
export type SignOffAction = 'office_confirm' | 'core_confirm' | 'approve' | 'correct';

export const SIGN_OFF_ACTIONS = {
  office_confirm: {
    label: 'この数値を確認する',
    route: confirmOfficeFiguresRoute,
    done: '事業所として数値を確認しました。',
  },
  core_confirm: {
    label: 'センターとして確認',
    route: confirmCoreFiguresRoute,
    done: '基幹相談支援センターとして確認しました。',
  },
  approve: { label: '承認して確定', route: approveFiguresRoute, done: '数値を承認し、確定しました。' },
  correct: {
    label: '訂正版を作成',
    route: openCorrectionRoute,
    done: '訂正版を作成しました。事業所の確認からやり直します。',
  },
} as const satisfies Record<SignOffAction, { label: string; route: RouteDefinition; done: string }>;

/**
 * The sign-off buttons a role gets, in the three steps of DOMAIN.md (office → core center →
 * municipality). Confirming is offered only on the figures as they stand: an approved version is
 * frozen and has nothing left to confirm. The API has the last word (409 when a step is early).
 */
export const signOffActionsFor = (
  role: Role,
  signOff: SignOffView,
  ownOfficeId: string,
  viewingApproved: boolean,
  /** `me.confirmsFigures`: the office's manager, or a specialist the tenant admin named for it. */
  confirmsFigures: boolean = role === 'office_manager',
): SignOffAction[] => {
  switch (role) {
    case 'office_manager':
    case 'specialist': {
      if (!confirmsFigures || viewingApproved || signOff.status !== 'open') return [];
      const own = signOff.offices.find((office) => office.officeId === ownOfficeId);
      return !own?.confirmation || own.changedSinceConfirmation ? ['office_confirm'] : [];
    }
    case 'core_supervisor':
      if (viewingApproved) return [];
      return signOff.status === 'open' ||
        (signOff.status === 'core_confirmed' && signOff.coreChangedSinceConfirmation)
        ? ['core_confirm']
        : [];
    case 'municipal_officer': {
      if (signOff.status === 'approved') return ['correct'];
      if (signOff.status !== 'core_confirmed' || viewingApproved) return [];
      // A joint tenant's member approves once, for its own municipality only.
      if (!signOff.memberApprovals) return ['approve'];
      const own = signOff.memberApprovals.find((member) => member.callersOwn);
      return own && !own.approval ? ['approve'] : [];
    }
    default:
      return [];
  }
};

/**
 * Offices whose confirmation the core center may record for them (paper, or no activity): those
 * still to confirm, while the year is open.
 */
export const recordableOffices = (role: Role, signOff: SignOffView, viewingApproved: boolean) =>
  role === 'core_supervisor' && !viewingApproved && signOff.status === 'open'
    ? signOff.offices.filter((office) => !office.confirmation || office.changedSinceConfirmation)
    : [];

/** Offices still to confirm: the core center waits for all of them. */
export const pendingOffices = (signOff: SignOffView): string[] =>
  signOff.offices
    .filter((office) => !office.confirmation || office.changedSinceConfirmation)
    .map((office) => office.officeName);

/** A joint tenant's members still to approve the version the core center confirmed. */
export const pendingMembers = (signOff: SignOffView): string[] =>
  signOff.status === 'core_confirmed'
    ? (signOff.memberApprovals ?? []).filter((member) => !member.approval).map((member) => member.name)
    : [];

// ── Exports ─────────────────────────────────────────────────────────────────
export type ExportKind = 'csv' | 'xlsx' | 'csv_outside' | 'xlsx_outside' | 'council_pack';

export interface ExportChoice {
  kind: ExportKind;
  label: string;
  route: typeof exportFiguresXlsxRoute | typeof exportFiguresCsvRoute | typeof councilPackRoute;
  use?: 'internal' | 'outside';
}

export const EXPORT_CHOICES: readonly ExportChoice[] = [
  { kind: 'xlsx', label: 'XLSX（庁内用）', route: exportFiguresXlsxRoute, use: 'internal' },
  { kind: 'csv', label: 'CSV（Excel用・庁内用）', route: exportFiguresCsvRoute, use: 'internal' },
  {
    kind: 'xlsx_outside',
    label: 'XLSX（外部公表用・少数秘匿）',
    route: exportFiguresXlsxRoute,
    use: 'outside',
  },
  {
    kind: 'csv_outside',
    label: 'CSV（外部公表用・少数秘匿）',
    route: exportFiguresCsvRoute,
    use: 'outside',
  },
  { kind: 'council_pack', label: '協議会資料（XLSX）', route: councilPackRoute },
];

/**
 * The name used when the server proposes none, built as the server builds it (令和7年度_障害福祉計画_
 * 実績_第2版_外部公表用.xlsx): a forwarded file says what year, version and use it is.
 */
export const fallbackFilename = (
  choice: ExportChoice,
  fiscalYear: number,
  version: number | null,
): string => {
  const extension = choice.route.path.endsWith('.csv') ? 'csv' : 'xlsx';
  if (choice.use === undefined) return `${formatFiscalYear(fiscalYear)}_協議会資料.${extension}`;
  return (
    [
      formatFiscalYear(fiscalYear),
      '障害福祉計画',
      '実績',
      ...(version === null ? [] : [`第${version}版`]),
      ...(choice.use === 'outside' ? ['外部公表用'] : []),
    ].join('_') + `.${extension}`
  );
};

/**
 * Files leave the tenant's hands, so only the municipality and the core center take them (the
 * export routes' access); an office manager's view is their own office's figures, there to be confirmed.
 */
export const exportsFor = (role: Role): readonly ExportChoice[] =>
  EXPORT_CHOICES.filter((choice) => mayCall(role, choice.route));

/** The query of an export: the year, the version shown, and the use (the council pack takes only the year). */
export const exportQuery = (
  choice: ExportChoice,
  fiscalYear: number,
  version: number | null,
): { fiscalYear: string; version?: string; use?: 'internal' | 'outside' } =>
  choice.use === undefined
    ? { fiscalYear: String(fiscalYear) }
    : {
        fiscalYear: String(fiscalYear),
        version: version === null ? undefined : String(version),
        use: choice.use,
      };

// ── Settings ────────────────────────────────────────────────────────────────
/** How the year was counted, in words: the reader of a table needs it to compare with last year's. */
export const settingsLines = (settings: StatisticsSettings): { term: string; description: string }[] => [
  {
    term: '地域移行支援・地域定着支援の数え方',
    description:
      settings.communityUserUnit === 'per_year'
        ? '年度内に利用した実人数（人/年）'
        : '各月の利用者数とその平均（人/月）',
  },
  {
    term: '外部公表用の少数秘匿',
    description:
      settings.suppressionThreshold === 2
        ? `1件の欄を「${SUPPRESSED_MARK}」で表示`
        : `1〜${settings.suppressionThreshold - 1}件の欄を「${SUPPRESSED_MARK}」で表示`,
  },
];

/** The 見込量 drawn across a chart of months, with what the line means. */
export interface TargetLine {
  value: number;
  label: string;
}

/**
 * Where the year's 見込量 sits among its months, by what the year's figure is made of
 * (IndicatorAggregation). A flow per month (users per month) and a stock (a rate of the caseload,
 * committees set up, unwanted self-plans at the year's end) meet the target month by month: the line
 * is the target. A flow per year (sessions, cases in the year) is made of twelve months: the line is
 * the target's monthly share (÷ 12), named so. None without a target. For a member municipality,
 * its own 見込量 (indicatorForScope).
 */
export const targetLineOf = (
  indicator: Pick<IndicatorFigures, 'aggregation' | 'target'>,
): TargetLine | null => {
  if (indicator.target === null) return null;
  return indicator.aggregation === 'yearly_flow'
    ? { value: Math.round((indicator.target / 12) * 10) / 10, label: '見込量の月割り（÷12）' }
    : { value: indicator.target, label: '見込量' };
};
