import * as z from 'zod';
import { IsoDateTime, MunicipalityCode, OfficeId, UserId } from './ids.ts';
import { FiscalYear } from './ledger-api.ts';
import {
  DEFAULT_PLAN_PERIODS,
  FigureKind,
  IndicatorAggregation,
  IndicatorDirection,
  IndicatorGroup,
  Measure,
  PastYearRule,
  PlanPeriodId,
} from './plan-periods.ts';
import { requiredText } from './text.ts';

/**
 * The municipal plan's figures, settings, 見込量, evaluation and sign-off. Which indicators a plan
 * period has is data (plan-periods.ts); the figures come from counters kept in the case writes and
 * from the ledger, never from numbers typed a second time.
 */

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
  /**
   * How it was counted and whether it has a 見込量, as its definition said when computed. Absent
   * only in a snapshot frozen before they were carried, for an indicator no definition has any more.
   */
  measure: Measure.optional(),
  hasTarget: z.boolean().optional(),
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
  /** The plan period's three years (the progress table's columns). */
  periodFiscalYears: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
  /** The version of the tenant's definition of the period the figures follow (0: the product default). */
  definitionVersion: z.number().int().min(0),
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
 * A snapshot frozen before indicators carried their traits (direction, aggregation, past-year rule,
 * measure, 見込量 rule) or its period's years gets them from the product's definitions of its plan
 * period, which were the only ones then; an indicator to lower loses the 達成率 it was frozen with,
 * which it no longer has (achievementOf). Anything else is left for the schema to judge.
 */
export const withIndicatorTraits = (frozen: unknown): unknown => {
  if (typeof frozen !== 'object' || frozen === null) return frozen;
  const { periodId, indicators } = frozen as { periodId?: unknown; indicators?: unknown };
  const period = DEFAULT_PLAN_PERIODS.find((candidate) => candidate.periodId === periodId);
  if (!period || !Array.isArray(indicators)) return frozen;
  return {
    ...('periodFiscalYears' in frozen ? {} : { periodFiscalYears: period.fiscalYears }),
    ...('definitionVersion' in frozen ? {} : { definitionVersion: 0 }),
    ...frozen,
    indicators: indicators.map((indicator: unknown) => {
      if (typeof indicator !== 'object' || indicator === null) return indicator;
      const definition = period.indicators.find(
        (candidate) => candidate.indicatorId === (indicator as { indicatorId?: unknown }).indicatorId,
      );
      if (!definition) return indicator;
      const { direction, aggregation, pastYears, measure, hasTarget } = definition;
      const upgraded = 'direction' in indicator ? {} : { direction, aggregation, pastYears };
      return {
        ...upgraded,
        ...('measure' in indicator ? {} : { measure, hasTarget }),
        ...indicator,
        ...('direction' in indicator || direction === 'higher_is_better' ? {} : { achievementRate: null }),
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
