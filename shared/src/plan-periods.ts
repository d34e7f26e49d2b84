import * as z from 'zod';
import { SelfPlanReason } from './case.ts';
import { IsoDateTime } from './ids.ts';
import { LedgerEventKind } from './ledger-api.ts';

/**
 * The municipal plan's indicators (障害福祉計画, DOMAIN.md "Statistics") are data, not code: each plan
 * period (第7期 FY2024–26, 第8期 FY2027–29, …) is a versioned definition stored per tenant, seeded
 * at provisioning from the product's defaults below and replaced by an operator when a new 告示
 * changes it (`npm run plan-periods:publish`, ADR 0030). What stays code is how a figure is counted:
 * a definition names one of a closed set of measures (one function each in
 * services/src/statistics/figures.ts), with its label, unit, direction, aggregation and 見込量 rule.
 */

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
export const Measure = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('service_users'),
    serviceKind: z.enum([...PLAN_SERVICE_KINDS, ...COMMUNITY_SERVICE_KINDS]),
  }),
  z.strictObject({ kind: z.literal('self_plan_rate') }),
  z.strictObject({ kind: z.literal('self_plans'), reason: SelfPlanReason }),
  z.strictObject({ kind: z.literal('monitoring_on_time_rate') }),
  z.strictObject({ kind: z.literal('core_centers') }),
  z.strictObject({ kind: z.literal('ledger_events'), eventKind: LedgerEventKind }),
  z.strictObject({ kind: z.literal('ledger_organisations'), eventKind: LedgerEventKind }),
  z.strictObject({ kind: z.literal('senior_specialists') }),
  z.strictObject({ kind: z.literal('subcommittees') }),
  z.strictObject({ kind: z.literal('difficult_cases') }),
  z.strictObject({ kind: z.literal('reaching_age'), age: z.union([z.literal(18), z.literal(65)]) }),
  z.strictObject({ kind: z.literal('load_per_specialist') }),
]);
export type Measure = z.infer<typeof Measure>;

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

export const IndicatorDefinition = z
  .strictObject({
    indicatorId: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,59}$/, { error: '指標IDは英小文字・数字・_ で指定してください' }),
    group: IndicatorGroup,
    label: z.string().trim().min(1).max(100),
    /** As printed in the plan's progress table (人/月, 回, %…). */
    unit: z.string().trim().min(1).max(20),
    measure: Measure,
    figureKind: FigureKind,
    direction: IndicatorDirection,
    aggregation: IndicatorAggregation,
    pastYears: PastYearRule,
    /** The municipality sets a 見込量 for it. */
    hasTarget: z.boolean(),
    /**
     * The 見込量 the guideline itself sets (のぞまないセルフプラン: zero in 第8期), used for a year the
     * municipality has not set one of its own.
     */
    defaultTarget: z.number().min(0).optional(),
  })
  .check((ctx) => {
    const { hasTarget, direction, defaultTarget } = ctx.value;
    if (hasTarget && direction === 'neutral') {
      ctx.issues.push({
        code: 'custom',
        input: direction,
        path: ['direction'],
        message: '見込量のある指標には評価の向きが必要です',
      });
    }
    if (defaultTarget !== undefined && !hasTarget) {
      ctx.issues.push({
        code: 'custom',
        input: defaultTarget,
        path: ['defaultTarget'],
        message: '見込量のない指標に既定の見込量は設定できません',
      });
    }
  });
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

export const PlanPeriodId = z
  .string()
  .regex(/^p[1-9][0-9]?$/, { error: '計画期間は p7 のように指定してください' });
export type PlanPeriodId = z.infer<typeof PlanPeriodId>;

const FiscalYearOfPlan = z.number().int().min(2000).max(2100);

/** What an operator publishes for a plan period: the period, its years and its indicators. */
export const PlanPeriodDefinition = z
  .strictObject({
    periodId: PlanPeriodId,
    label: z.string().trim().min(1).max(20),
    fiscalYears: z.tuple([FiscalYearOfPlan, FiscalYearOfPlan, FiscalYearOfPlan]),
    /** The 告示 (basic guideline) the definition follows, as the municipality cites it. */
    basis: z.string().trim().min(1).max(300),
    indicators: z.array(IndicatorDefinition).min(1).max(60),
  })
  .check((ctx) => {
    const [first, second, third] = ctx.value.fiscalYears;
    if (second !== first + 1 || third !== first + 2) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value.fiscalYears,
        path: ['fiscalYears'],
        message: '計画期間は連続する3か年度です',
      });
    }
    const seen = new Set<string>();
    ctx.value.indicators.forEach((indicator, index) => {
      if (seen.has(indicator.indicatorId)) {
        ctx.issues.push({
          code: 'custom',
          input: indicator.indicatorId,
          path: ['indicators', index, 'indicatorId'],
          message: '指標IDが重複しています',
        });
      }
      seen.add(indicator.indicatorId);
    });
  });
export type PlanPeriodDefinition = z.infer<typeof PlanPeriodDefinition>;

/**
 * A plan period as a tenant has it: the definition and its version (1, 2, … as published for the
 * tenant; 0 when the tenant has none stored and reads the product's default).
 */
export const PlanPeriod = z.strictObject({
  ...PlanPeriodDefinition.shape,
  version: z.number().int().min(0),
  publishedAt: IsoDateTime.nullable(),
});
export type PlanPeriod = z.infer<typeof PlanPeriod>;

export const PlanPeriodsView = z.strictObject({ periods: z.array(PlanPeriod) });
export type PlanPeriodsView = z.infer<typeof PlanPeriodsView>;

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
const PERIOD_7_INDICATORS: IndicatorDefinition[] = [
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
 * its own, zero unless the municipality sets another; the rest carries over.
 */
const PERIOD_8_INDICATORS: IndicatorDefinition[] = PERIOD_7_INDICATORS.map((indicator) =>
  indicator.indicatorId === 'unwanted_self_plans'
    ? { ...indicator, group: 'consultation' as const, hasTarget: true, defaultTarget: 0 }
    : indicator,
);

const PERIOD_7_BASIS =
  '障害福祉サービス等及び障害児通所支援等の円滑な実施を確保するための基本的な指針（令和5年こども家庭庁・厚生労働省告示第1号）';

/** The product's defaults: what provisioning seeds, and what a tenant without stored definitions reads. */
export const DEFAULT_PLAN_PERIODS: readonly PlanPeriod[] = [
  {
    periodId: 'p7',
    label: '第7期',
    fiscalYears: [2024, 2025, 2026],
    basis: PERIOD_7_BASIS,
    indicators: PERIOD_7_INDICATORS,
    version: 0,
    publishedAt: null,
  },
  {
    periodId: 'p8',
    label: '第8期',
    fiscalYears: [2027, 2028, 2029],
    basis: '第8期の基本指針（告示前の想定：第7期の指標に、のぞまないセルフプランの見込量ゼロを加えたもの）',
    indicators: PERIOD_8_INDICATORS,
    version: 0,
    publishedAt: null,
  },
];

/**
 * The periods a tenant reads: its stored definitions, and the product's default for a period it has
 * none of (a tenant provisioned before definitions were data, or a period added to the product since).
 */
export const withDefaultPeriods = (stored: readonly PlanPeriod[]): PlanPeriod[] =>
  [
    ...stored,
    ...DEFAULT_PLAN_PERIODS.filter((fallback) => !stored.some((own) => own.periodId === fallback.periodId)),
  ].toSorted((left, right) => left.fiscalYears[0] - right.fiscalYears[0]);

/** The plan period a fiscal year belongs to (null before the first or after the last defined one). */
export const planPeriodOf = (periods: readonly PlanPeriod[], fiscalYear: number): PlanPeriod | null =>
  periods.find((period) => period.fiscalYears.includes(fiscalYear)) ?? null;

export const planPeriodById = (periods: readonly PlanPeriod[], periodId: string): PlanPeriod | null =>
  periods.find((candidate) => candidate.periodId === periodId) ?? null;

/** A product default by id, for seeding and tests. */
export const defaultPlanPeriod = (periodId: string): PlanPeriod => {
  const period = planPeriodById(DEFAULT_PLAN_PERIODS, periodId);
  if (!period) throw new Error(`no default plan period ${periodId}`);
  return period;
};

/** Why a period cannot join the others: its fiscal years overlap another period's. */
export const overlappingPeriod = (
  periods: readonly Pick<PlanPeriod, 'periodId' | 'fiscalYears' | 'label'>[],
  candidate: Pick<PlanPeriod, 'periodId' | 'fiscalYears'>,
): string | null =>
  periods.find(
    (other) =>
      other.periodId !== candidate.periodId &&
      other.fiscalYears.some((year) => candidate.fiscalYears.includes(year)),
  )?.label ?? null;
