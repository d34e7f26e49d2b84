import * as z from 'zod';
import type { SelfPlanReason } from './case.ts';
import { IsoDateTime, MunicipalityCode, OfficeId, UserId } from './ids.ts';
import { FiscalYear, type LedgerEventKind } from './ledger-api.ts';
import { requiredText } from './text.ts';

/**
 * The municipal plan's indicators (障害福祉計画, DOMAIN.md "Statistics"). Which indicators a plan
 * period has is data (PLAN_PERIODS below); how each is computed is one of a few measures, named by
 * the definition. The figures come from counters kept in the case writes and from the ledger, never
 * from numbers typed a second time.
 */

export const PLAN_PERIOD_IDS = ['p7', 'p8'] as const;
export const PlanPeriodId = z.enum(PLAN_PERIOD_IDS);
export type PlanPeriodId = z.infer<typeof PlanPeriodId>;

export const INDICATOR_GROUPS = ['consultation', 'core_center', 'council', 'reference'] as const;
export const IndicatorGroup = z.enum(INDICATOR_GROUPS);
export type IndicatorGroup = z.infer<typeof IndicatorGroup>;

export const INDICATOR_GROUP_LABELS: Record<IndicatorGroup, string> = {
  consultation: '相談支援の利用',
  core_center: '基幹相談支援センター',
  council: '協議会',
  reference: '参考指標',
};

/** The kinds that are monthly-billed services: some tenants count their users per year. */
export const COMMUNITY_SERVICE_KINDS = ['community_transition', 'community_settlement'] as const;
export type CommunityServiceKind = (typeof COMMUNITY_SERVICE_KINDS)[number];
export const PLAN_SERVICE_KINDS = ['plan_consultation', 'child_plan_consultation'] as const;
export type PlanServiceKind = (typeof PLAN_SERVICE_KINDS)[number];

/** How an indicator is computed. Each kind is one function in services/src/statistics/figures.ts. */
export type Measure =
  | { kind: 'service_users'; serviceKind: PlanServiceKind | CommunityServiceKind }
  | { kind: 'self_plan_rate' }
  | { kind: 'self_plans'; reason: SelfPlanReason }
  | { kind: 'monitoring_on_time_rate' }
  | { kind: 'core_centers' }
  | { kind: 'ledger_events'; eventKind: LedgerEventKind }
  | { kind: 'ledger_organisations'; eventKind: LedgerEventKind }
  | { kind: 'senior_specialists' }
  | { kind: 'subcommittees' }
  | { kind: 'difficult_cases' }
  | { kind: 'reaching_age'; age: 18 | 65 }
  | { kind: 'load_per_specialist' };

/** count: a number of things; rate: a percentage; ratio: a quotient such as cases per specialist. */
export const FIGURE_KINDS = ['count', 'rate', 'ratio'] as const;
export const FigureKind = z.enum(FIGURE_KINDS);
export type FigureKind = z.infer<typeof FigureKind>;

/**
 * Which way the plan wants an indicator to move. For one that should go down (セルフプラン率), reaching
 * twice the 見込量 is not 「達成率 200 %」: it has no achievement rate, only its distance to the 見込量.
 * A reference figure without a 見込量 (困難事例の件数, next year's 18-year-olds) has no direction.
 */
export const INDICATOR_DIRECTIONS = ['higher_is_better', 'lower_is_better', 'neutral'] as const;
export const IndicatorDirection = z.enum(INDICATOR_DIRECTIONS);
export type IndicatorDirection = z.infer<typeof IndicatorDirection>;
export const INDICATOR_DIRECTION_LABELS: Record<IndicatorDirection, string> = {
  higher_is_better: '高いほど良い',
  lower_is_better: '低いほど良い',
  neutral: '参考値（向きなし）',
};

/**
 * What the year's figure is made of, which decides how its months add up and where a 見込量 sits
 * among them: a flow per month (users per month: the year is the months' average), a flow per year
 * (sessions, cases: the year is the months' total), or a stock (committees, senior specialists, a
 * rate of the caseload: the year is its state at the year's end — the last month that is over).
 */
export const INDICATOR_AGGREGATIONS = ['monthly_flow', 'yearly_flow', 'year_end_stock'] as const;
export const IndicatorAggregation = z.enum(INDICATOR_AGGREGATIONS);
export type IndicatorAggregation = z.infer<typeof IndicatorAggregation>;
export const INDICATOR_AGGREGATION_LABELS: Record<IndicatorAggregation, string> = {
  monthly_flow: '月平均',
  yearly_flow: '年度累計',
  year_end_stock: '年度末時点',
};

/**
 * How a fiscal year that is over is computed: from that year's own records (counters, the ledger,
 * the roster's dates), from the directory as it stands (offices carry no opening dates), or not at
 * all because only today's state exists (an office's load): such a year shows no figure rather than
 * today's, and an approved version keeps the figure it was approved with.
 */
export const PAST_YEAR_RULES = ['recounted', 'current_directory', 'not_kept'] as const;
export const PastYearRule = z.enum(PAST_YEAR_RULES);
export type PastYearRule = z.infer<typeof PastYearRule>;
export const PAST_YEAR_RULE_LABELS: Record<PastYearRule, string> = {
  recounted: 'その年度の記録から集計',
  current_directory: '現在の事業所台帳から集計',
  not_kept: '現在の値のみ（過去年度は記録なし）',
};

export interface IndicatorDefinition {
  indicatorId: string;
  group: IndicatorGroup;
  label: string;
  /** As printed in the plan's progress table (人/月, 回, %…). */
  unit: string;
  measure: Measure;
  figureKind: FigureKind;
  direction: IndicatorDirection;
  aggregation: IndicatorAggregation;
  pastYears: PastYearRule;
  /** The municipality sets a 見込量 for it. */
  hasTarget: boolean;
}

export interface PlanPeriod {
  periodId: PlanPeriodId;
  label: string;
  fiscalYears: readonly [number, number, number];
  indicators: readonly IndicatorDefinition[];
}

const users = (
  indicatorId: string,
  serviceKind: PlanServiceKind | CommunityServiceKind,
  label: string,
): IndicatorDefinition => ({
  indicatorId,
  group: 'consultation',
  label,
  unit: '人/月',
  measure: { kind: 'service_users', serviceKind },
  figureKind: 'count',
  direction: 'higher_is_better',
  aggregation: 'monthly_flow',
  pastYears: 'recounted',
  hasTarget: true,
});

const ledger = (
  indicatorId: string,
  group: IndicatorGroup,
  eventKind: LedgerEventKind,
  label: string,
  unit: string,
): IndicatorDefinition => ({
  indicatorId,
  group,
  label,
  unit,
  measure: { kind: 'ledger_events', eventKind },
  figureKind: 'count',
  direction: 'higher_is_better',
  aggregation: 'yearly_flow',
  pastYears: 'recounted',
  hasTarget: true,
});

/** 第7期 (令和6〜8年度): the activity, core-center and council indicators of the basic guideline. */
const PERIOD_7_INDICATORS: readonly IndicatorDefinition[] = [
  users('plan_consultation_users', 'plan_consultation', '計画相談支援の利用者数'),
  users('child_plan_consultation_users', 'child_plan_consultation', '障害児相談支援の利用者数'),
  users('community_transition_users', 'community_transition', '地域移行支援の利用者数'),
  users('community_settlement_users', 'community_settlement', '地域定着支援の利用者数'),
  {
    indicatorId: 'self_plan_rate',
    group: 'consultation',
    label: 'セルフプラン率',
    unit: '%',
    measure: { kind: 'self_plan_rate' },
    figureKind: 'rate',
    direction: 'lower_is_better',
    aggregation: 'year_end_stock',
    pastYears: 'recounted',
    hasTarget: true,
  },
  {
    indicatorId: 'monitoring_on_time_rate',
    group: 'consultation',
    label: 'モニタリングの期限内実施率',
    unit: '%',
    measure: { kind: 'monitoring_on_time_rate' },
    figureKind: 'rate',
    direction: 'higher_is_better',
    aggregation: 'yearly_flow',
    pastYears: 'recounted',
    hasTarget: true,
  },
  {
    indicatorId: 'core_centers',
    group: 'core_center',
    label: '基幹相談支援センターの設置',
    unit: 'か所',
    measure: { kind: 'core_centers' },
    figureKind: 'count',
    direction: 'higher_is_better',
    aggregation: 'year_end_stock',
    pastYears: 'current_directory',
    hasTarget: true,
  },
  ledger('advice_visits', 'core_center', 'advice_visit', '訪問等による専門的な指導・助言', '件'),
  ledger('capacity_building', 'core_center', 'training', '相談支援事業所の人材育成の支援', '件'),
  ledger('collaboration', 'core_center', 'collaboration', '相談機関との連携強化の取組', '回'),
  ledger('case_review_sessions', 'core_center', 'case_review', '個別事例の支援内容の検証', '回'),
  {
    indicatorId: 'senior_specialists',
    group: 'core_center',
    label: '主任相談支援専門員の配置数（年度末）',
    unit: '人',
    measure: { kind: 'senior_specialists' },
    figureKind: 'count',
    direction: 'higher_is_better',
    aggregation: 'year_end_stock',
    pastYears: 'recounted',
    hasTarget: true,
  },
  ledger('council_case_reviews', 'council', 'council_session', '協議会における事例検討の実施回数', '回'),
  {
    indicatorId: 'council_organisations',
    group: 'council',
    // Offices of the tenant and outside organisations together, each once (figures.ts participantsOf).
    label: '協議会の事例検討に参加した事業者・機関数',
    unit: '機関',
    measure: { kind: 'ledger_organisations', eventKind: 'council_session' },
    figureKind: 'count',
    direction: 'higher_is_better',
    aggregation: 'yearly_flow',
    pastYears: 'recounted',
    hasTarget: true,
  },
  {
    indicatorId: 'subcommittees',
    group: 'council',
    label: '専門部会の設置数',
    unit: '部会',
    measure: { kind: 'subcommittees' },
    figureKind: 'count',
    direction: 'higher_is_better',
    aggregation: 'year_end_stock',
    pastYears: 'recounted',
    hasTarget: true,
  },
  ledger('subcommittee_sessions', 'council', 'subcommittee_session', '専門部会の開催回数', '回'),
  {
    indicatorId: 'unwanted_self_plans',
    group: 'reference',
    label: 'のぞまないセルフプランの人数',
    unit: '人',
    measure: { kind: 'self_plans', reason: 'no_office_available' },
    figureKind: 'count',
    direction: 'lower_is_better',
    aggregation: 'year_end_stock',
    pastYears: 'recounted',
    hasTarget: false,
  },
  {
    indicatorId: 'difficult_cases',
    group: 'reference',
    label: '困難事例の受付件数（類型別）',
    unit: '件',
    measure: { kind: 'difficult_cases' },
    figureKind: 'count',
    direction: 'neutral',
    aggregation: 'yearly_flow',
    pastYears: 'recounted',
    hasTarget: false,
  },
  {
    indicatorId: 'reaching_18_next_year',
    group: 'reference',
    label: '翌年度に18歳になる利用者数',
    unit: '人',
    measure: { kind: 'reaching_age', age: 18 },
    figureKind: 'count',
    direction: 'neutral',
    aggregation: 'year_end_stock',
    pastYears: 'recounted',
    hasTarget: false,
  },
  {
    indicatorId: 'reaching_65_next_year',
    group: 'reference',
    label: '翌年度に65歳になる利用者数',
    unit: '人',
    measure: { kind: 'reaching_age', age: 65 },
    figureKind: 'count',
    direction: 'neutral',
    aggregation: 'year_end_stock',
    pastYears: 'recounted',
    hasTarget: false,
  },
  {
    indicatorId: 'load_per_specialist',
    group: 'reference',
    label: '相談支援専門員1人あたりの担当件数',
    unit: '件/人',
    measure: { kind: 'load_per_specialist' },
    figureKind: 'ratio',
    direction: 'neutral',
    aggregation: 'year_end_stock',
    pastYears: 'not_kept',
    hasTarget: false,
  },
];

/**
 * 第8期 (令和9〜11年度): the guideline aims at unwanted self-plans, so that figure gets a target of
 * its own; the rest carries over. A new period is a new entry here, never a new code path.
 */
const PERIOD_8_INDICATORS: readonly IndicatorDefinition[] = PERIOD_7_INDICATORS.map((indicator) =>
  indicator.indicatorId === 'unwanted_self_plans'
    ? { ...indicator, group: 'consultation' as const, hasTarget: true }
    : indicator,
);

export const PLAN_PERIODS: readonly PlanPeriod[] = [
  { periodId: 'p7', label: '第7期', fiscalYears: [2024, 2025, 2026], indicators: PERIOD_7_INDICATORS },
  { periodId: 'p8', label: '第8期', fiscalYears: [2027, 2028, 2029], indicators: PERIOD_8_INDICATORS },
];

/** The plan period a fiscal year belongs to (null before 第7期 or after the last defined one). */
export const planPeriodOf = (fiscalYear: number): PlanPeriod | null =>
  PLAN_PERIODS.find((period) => period.fiscalYears.includes(fiscalYear)) ?? null;

export const planPeriodById = (periodId: PlanPeriodId): PlanPeriod => {
  const period = PLAN_PERIODS.find((candidate) => candidate.periodId === periodId);
  if (!period) throw new Error(`unknown plan period ${periodId}`);
  return period;
};

// ── Tenant settings ───────────────────────────────────────────────────────────
export const COMMUNITY_USER_UNITS = ['per_month', 'per_year'] as const;
export const CommunityUserUnit = z.enum(COMMUNITY_USER_UNITS);
export type CommunityUserUnit = z.infer<typeof CommunityUserUnit>;

/** Counts from 1 to threshold − 1 are suppressed in figures for outside use ("1–2 shown as *"). */
export const DEFAULT_SUPPRESSION_THRESHOLD = 3;

export const StatisticsSettings = z.strictObject({
  /** 地域移行支援・地域定着支援: users per month, or per year as some tenants count them. */
  communityUserUnit: CommunityUserUnit.default('per_month'),
  suppressionThreshold: z
    .number({ error: '秘匿の基準は数値で入力してください' })
    .int({ error: '秘匿の基準は整数で入力してください' })
    .min(2, { error: '秘匿の基準は2以上で入力してください' })
    .max(20, { error: '秘匿の基準は20以下で入力してください' })
    .default(DEFAULT_SUPPRESSION_THRESHOLD),
});
export type StatisticsSettings = z.infer<typeof StatisticsSettings>;

/** The settings as read and saved, with the version an update names in If-Match (0 before the first save). */
export const StatisticsSettingsView = StatisticsSettings.extend({ version: z.number().int().min(0) });
export type StatisticsSettingsView = z.infer<typeof StatisticsSettingsView>;

// ── Figures ───────────────────────────────────────────────────────────────────
/** Twelve values, April first; null for a month that has not begun or an indicator without months. */
const MonthValues = z.array(z.number().nullable()).length(12);

export const FigureSeries = z.strictObject({
  /** The fiscal-year figure (a sum, the year-end state, or the average of the months so far). */
  value: z.number().nullable(),
  months: MonthValues,
  /** For rates and ratios: what the value divides, so a reader (and suppression) sees the counts. */
  numerator: z.number().optional(),
  denominator: z.number().optional(),
});
export type FigureSeries = z.infer<typeof FigureSeries>;

export const IndicatorFigures = z.strictObject({
  indicatorId: z.string(),
  group: IndicatorGroup,
  label: z.string(),
  unit: z.string(),
  figureKind: FigureKind,
  direction: IndicatorDirection,
  /** As computed this year: a per-year count of community users (a tenant setting) is a yearly flow. */
  aggregation: IndicatorAggregation,
  pastYears: PastYearRule,
  hasMonths: z.boolean(),
  total: FigureSeries,
  byMunicipality: z.array(
    FigureSeries.extend({
      municipalityCode: MunicipalityCode,
      /**
       * The municipality's own 見込量 and 達成率 (a joint tenant's member sets its own), by the same
       * rule as the whole's. Absent in a snapshot frozen before municipalities had targets.
       */
      target: z.number().nullable().optional(),
      achievementRate: z.number().nullable().optional(),
    }),
  ),
  byOffice: z.array(FigureSeries.extend({ officeId: OfficeId })),
  /** A count split by a reason or category (self-plan reasons, difficult-case categories). */
  breakdown: z.array(z.strictObject({ key: z.string(), label: z.string(), value: z.number() })),
  target: z.number().nullable(),
  /**
   * Actual ÷ target in %, one decimal (null without a target or an actual, and for an indicator that
   * should go down: see achievementOf).
   */
  achievementRate: z.number().nullable(),
});
export type IndicatorFigures = z.infer<typeof IndicatorFigures>;

export const FiscalYearFigures = z.strictObject({
  fiscalYear: z.number().int(),
  periodId: PlanPeriodId,
  periodLabel: z.string(),
  months: z.array(z.string()).length(12),
  /** Months of the fiscal year that have begun (12 for a past year). */
  elapsedMonths: z.number().int().min(0).max(12),
  /**
   * Months that are over. The month under way (when elapsedMonths is one more) is provisional: its
   * column shows the month so far, marked 暫定, and no average, year-end state or rate counts it.
   * Absent in snapshots frozen before it existed, which count every elapsed month as over.
   */
  completeMonths: z.number().int().min(0).max(12).optional(),
  computedAt: IsoDateTime,
  settings: StatisticsSettings,
  municipalities: z.array(z.strictObject({ code: MunicipalityCode, name: z.string() })),
  offices: z.array(z.strictObject({ officeId: OfficeId, name: z.string(), municipalityCode: z.string() })),
  indicators: z.array(IndicatorFigures),
});
export type FiscalYearFigures = z.infer<typeof FiscalYearFigures>;

/**
 * A snapshot frozen before indicators carried their direction, aggregation and past-year rule gets
 * them from its plan period's definitions when read; an indicator to lower loses the 達成率 it was
 * frozen with, which it no longer has (achievementOf). Anything else is left for the schema to judge.
 */
export const withIndicatorTraits = (frozen: unknown): unknown => {
  if (typeof frozen !== 'object' || frozen === null) return frozen;
  const { periodId, indicators } = frozen as { periodId?: unknown; indicators?: unknown };
  const period = PLAN_PERIODS.find((candidate) => candidate.periodId === periodId);
  if (!period || !Array.isArray(indicators)) return frozen;
  return {
    ...frozen,
    indicators: indicators.map((indicator: unknown) => {
      if (typeof indicator !== 'object' || indicator === null || 'direction' in indicator) return indicator;
      const definition = period.indicators.find(
        (candidate) => candidate.indicatorId === (indicator as { indicatorId?: unknown }).indicatorId,
      );
      if (!definition) return indicator;
      const { direction, aggregation, pastYears } = definition;
      return {
        ...indicator,
        direction,
        aggregation,
        pastYears,
        ...(direction === 'higher_is_better' ? {} : { achievementRate: null }),
      };
    }),
  };
};

type MonthsOf = Pick<FiscalYearFigures, 'months' | 'elapsedMonths' | 'completeMonths'>;

/** Months that are over (every elapsed month, in a snapshot frozen before the rule existed). */
export const completeMonthsOf = (figures: MonthsOf): number =>
  figures.completeMonths ?? figures.elapsedMonths;

/** The index of the month under way, whose figures are provisional; null when every month is over. */
export const provisionalMonthIndex = (figures: MonthsOf): number | null => {
  const complete = completeMonthsOf(figures);
  return complete < figures.elapsedMonths ? complete : null;
};

/** Month headings of a figures table: 4月 … 3月, the month under way marked 「（暫定）」. */
export const monthHeadings = (figures: MonthsOf): string[] => {
  const provisional = provisionalMonthIndex(figures);
  return figures.months.map(
    (month, index) => `${Number(month.slice(5, 7))}月${index === provisional ? '（暫定）' : ''}`,
  );
};

export const FiguresQuery = z.strictObject({
  fiscalYear: FiscalYear,
  /** An approved version (1, 2, …); without it, the figures as they stand now. */
  version: z.coerce
    .number({ error: '版は数値で指定してください' })
    .int({ error: '版は整数で指定してください' })
    .min(1, { error: '版は1以上で指定してください' })
    .optional(),
});
export type FiguresQuery = z.infer<typeof FiguresQuery>;

export const FiguresView = z.strictObject({
  /** 'live': computed now; 'approved': the frozen snapshot of that version. */
  source: z.enum(['live', 'approved']),
  version: z.number().int().nullable(),
  figures: FiscalYearFigures,
});
export type FiguresView = z.infer<typeof FiguresView>;

// ── Targets (見込量) ───────────────────────────────────────────────────────────
const TargetValue = z
  .number({ error: '見込量は数値で入力してください' })
  .min(0, { error: '見込量は0以上で入力してください' })
  .max(1_000_000, { error: '見込量は1,000,000以下で入力してください' })
  .nullable();

/** indicatorId → fiscal year (as a string key, "2025") → target. null clears one. */
const TargetTableInput = z.record(z.string().max(60), z.record(z.string().regex(/^\d{4}$/), TargetValue));
export type TargetTableInput = z.infer<typeof TargetTableInput>;

/**
 * The whole tenant's 見込量 and, for a joint tenant (共同設置), each member municipality's own,
 * which its 障害福祉計画 sets: municipality code → a table like the whole's. Only what is named changes.
 */
export const TargetsInput = z.strictObject({
  targets: TargetTableInput.default({}),
  byMunicipality: z.record(z.string().max(10), TargetTableInput).optional(),
});
export type TargetsInput = z.infer<typeof TargetsInput>;

/** indicatorId → fiscal year → 見込量. */
export const TargetTable = z.record(z.string(), z.record(z.string(), z.number()));
export type TargetTable = z.infer<typeof TargetTable>;

export const TargetsParams = z.strictObject({ periodId: PlanPeriodId });

export const TargetsView = z.strictObject({
  periodId: PlanPeriodId,
  targets: TargetTable,
  /** Member municipality code → its own table (empty for a single-municipality tenant). */
  byMunicipality: z.record(z.string(), TargetTable),
  version: z.number().int().min(0),
  updatedAt: IsoDateTime.nullable(),
  updatedBy: UserId.nullable(),
});
export type TargetsView = z.infer<typeof TargetsView>;

// ── Evaluation (評価・課題) ────────────────────────────────────────────────────
/** The municipality's yearly evaluation of an indicator, as the plan's PDCA sheet prints it. */
export const EVALUATION_TEXT_MAX = 1000;

const EvaluationText = z
  .string({ error: '評価・課題は文字で入力してください' })
  .max(EVALUATION_TEXT_MAX, { error: `評価・課題は${EVALUATION_TEXT_MAX}文字以内で入力してください` })
  .nullable();

/** indicatorId → text; null or an empty text clears one. Only the indicators named change. */
export const EvaluationsInput = z.strictObject({
  texts: z.record(z.string().max(60), EvaluationText),
});
export type EvaluationsInput = z.infer<typeof EvaluationsInput>;

export const EvaluationParams = z.strictObject({ fiscalYear: FiscalYear });
export const EvaluationQuery = z.strictObject({
  /** A version of the year's sign-off (1, 2, …); without it, the version being signed off now. */
  version: z.coerce
    .number({ error: '版は数値で指定してください' })
    .int({ error: '版は整数で指定してください' })
    .min(1, { error: '版は1以上で指定してください' })
    .optional(),
});

/**
 * The evaluation kept with one version of a year's figures: written while that version is being
 * signed off, frozen with its approval. A correction starts from the version before it.
 */
export const EvaluationsView = z.strictObject({
  fiscalYear: z.number().int(),
  /** The version of the year's figures the texts belong to. */
  signOffVersion: z.number().int().min(1),
  texts: z.record(z.string(), z.string()),
  /** False once that version is approved: its evaluation is part of what was approved. */
  editable: z.boolean(),
  /** What an update names in If-Match (0 before the version's first save). */
  version: z.number().int().min(0),
  updatedAt: IsoDateTime.nullable(),
  updatedByName: z.string().nullable(),
});
export type EvaluationsView = z.infer<typeof EvaluationsView>;

// ── Sign-off (office → core center → municipality) ────────────────────────────
export const SIGN_OFF_STATUSES = ['open', 'core_confirmed', 'approved'] as const;
export const SignOffStatus = z.enum(SIGN_OFF_STATUSES);
export type SignOffStatus = z.infer<typeof SignOffStatus>;

export const SIGN_OFF_STATUS_LABELS: Record<SignOffStatus, string> = {
  open: '事業所の確認中',
  core_confirmed: '基幹相談支援センター確認済み',
  approved: '市町村承認済み',
};

export const SignOffParams = z.strictObject({ fiscalYear: FiscalYear });
export const OfficeSignOffParams = z.strictObject({ fiscalYear: FiscalYear, officeId: OfficeId });

/**
 * Why the core center recorded an office's confirmation for it: the office had nothing to confirm
 * in the year, or confirmed on paper (no one at the office uses the portal).
 */
export const RECORDED_CONFIRMATION_BASES = ['no_activity', 'paper'] as const;
export const RecordedConfirmationBasis = z.enum(RECORDED_CONFIRMATION_BASES);
export type RecordedConfirmationBasis = z.infer<typeof RecordedConfirmationBasis>;
export const RECORDED_CONFIRMATION_BASIS_LABELS: Record<RecordedConfirmationBasis, string> = {
  no_activity: '活動なし',
  paper: '書面で確認済み',
};

export const RecordedConfirmationInput = z.strictObject({
  basis: RecordedConfirmationBasis,
  reason: requiredText(500),
});
export type RecordedConfirmationInput = z.infer<typeof RecordedConfirmationInput>;

export const Confirmation = z.strictObject({
  by: UserId,
  byName: z.string(),
  at: IsoDateTime,
  /** The figures confirmed, as a hash: a later change to them is visible and blocks the next step. */
  fingerprint: z.string(),
  /** Set when the core center recorded the office's confirmation for it (with an audit entry). */
  recorded: RecordedConfirmationInput.optional(),
});
export type Confirmation = z.infer<typeof Confirmation>;

/** A member municipality's approval of a joint tenant's figures (each signs its own plan's figures). */
export const MemberApproval = z.strictObject({ by: UserId, byName: z.string(), at: IsoDateTime });
export type MemberApproval = z.infer<typeof MemberApproval>;

export const SignOffView = z.strictObject({
  fiscalYear: z.number().int(),
  /** The version being signed off now (1 until the first approval, then one more per correction). */
  currentVersion: z.number().int().min(1),
  status: SignOffStatus,
  offices: z.array(
    z.strictObject({
      officeId: OfficeId,
      officeName: z.string(),
      confirmation: Confirmation.nullable(),
      /** The office's figures changed after it confirmed them. */
      changedSinceConfirmation: z.boolean(),
    }),
  ),
  core: Confirmation.nullable(),
  coreChangedSinceConfirmation: z.boolean(),
  approvedVersions: z.array(
    z.strictObject({
      version: z.number().int().min(1),
      approvedAt: IsoDateTime,
      approvedByName: z.string(),
      correctionReason: z.string().nullable(),
    }),
  ),
  /**
   * A joint tenant's members and their approval of the version being signed off (null: not yet, or
   * given for figures that changed since). The version is approved when the last member approves.
   * Absent for a tenant of one municipality.
   */
  memberApprovals: z
    .array(
      z.strictObject({
        municipalityCode: MunicipalityCode,
        name: z.string(),
        approval: MemberApproval.nullable(),
        /** The caller is a municipal officer of this member's division: the one who approves for it. */
        callersOwn: z.boolean(),
      }),
    )
    .optional(),
  /** Why the version being signed off was opened after an approval. */
  correctionReason: z.string().nullable(),
  version: z.number().int().min(0),
});
export type SignOffView = z.infer<typeof SignOffView>;

export const CorrectionInput = z.strictObject({ reason: requiredText(500) });
export type CorrectionInput = z.infer<typeof CorrectionInput>;

// ── Exports ───────────────────────────────────────────────────────────────────
export const EXPORT_USES = ['internal', 'outside'] as const;
export const ExportUse = z.enum(EXPORT_USES);
export type ExportUse = z.infer<typeof ExportUse>;

export const EXPORT_USE_LABELS: Record<ExportUse, string> = {
  internal: '庁内用（秘匿なし）',
  outside: '外部公表用（少数秘匿あり）',
};

export const ExportQuery = FiguresQuery.extend({ use: ExportUse.default('internal') });
export type ExportQuery = z.infer<typeof ExportQuery>;

/** What a suppressed cell shows (DOMAIN.md: counts 1–2 shown as "*"). */
export const SUPPRESSED_MARK = '*';
