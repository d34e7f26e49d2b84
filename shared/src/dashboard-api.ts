import * as z from 'zod';
import { CaseView, SelfPlanReason } from './case.ts';
import { DifficultCategory } from './difficult-case.ts';
import { IsoDate, OfficeId, UserId } from './ids.ts';
import { OfficeType } from './office.ts';
import { PageQuery } from './pagination.ts';

/**
 * The core center's cross-office dashboard: the figures of every office of the tenant, and the
 * list of cases behind each figure. Figures carry counts only, never a person.
 */

/** People reaching 18 or 65 within this many months are "nearing" (seed 001: months ahead). */
export const NEARING_AGE_MONTHS = 6;

/** The figures a dashboard cell can be opened into (drill-down). */
export const DASHBOARD_FIGURES = [
  'active',
  'overdue',
  'due',
  'renewal',
  'expired',
  'withoutPlan',
  'selfPlan',
  'difficult',
  'nearing18',
  'nearing65',
] as const;
export const DashboardFigure = z.enum(DASHBOARD_FIGURES);
export type DashboardFigure = z.infer<typeof DashboardFigure>;

export const DASHBOARD_FIGURE_LABELS: Record<DashboardFigure, string> = {
  active: '支援中のケース',
  overdue: 'モニタリング期限超過',
  due: '今月のモニタリング予定',
  renewal: '3か月以内に支給決定期間が終了',
  expired: '支給決定期間の終了後、更新未登録',
  withoutPlan: '本計画が未作成のケース',
  selfPlan: 'セルフプラン',
  difficult: '対応中の困難事例',
  nearing18: '6か月以内に18歳',
  nearing65: '6か月以内に65歳',
};

const Count = z.number().int().nonnegative();

export const SpecialistLoad = z.strictObject({
  userId: UserId,
  displayName: z.string(),
  /** Open (not closed) cases assigned to this specialist. */
  activeCases: Count,
});
export type SpecialistLoad = z.infer<typeof SpecialistLoad>;

/**
 * Definitions (the recomputation test states them again from the raw case items):
 * - activeCases: cases not closed;
 * - planCases: active cases of a service kind with a plan (all but 基本相談のみ);
 * - withoutFinalPlan: plan cases written by a specialist with no final plan (本計画) yet;
 * - selfPlan: plan cases with a self-plan (セルフプラン), by reason; selfPlanRate = selfPlan / planCases;
 * - openDifficult: cases flagged difficult whose difficulty is not closed, by category;
 * - monitoringOverdue / monitoringDueThisMonth: open cases due before today / from today to the
 *   end of this month (the caseload's due lists);
 * - decisionEnding / decisionExpired: open cases whose decision in force ends from today to 3 months
 *   ahead / ended before today with no new decision recorded (renewals, decisionStandingOf);
 * - nearing18 / nearing65: open cases whose person reaches that age from today to 6 months ahead.
 */
export const DashboardFigures = z.strictObject({
  activeCases: Count,
  monitoringOverdue: Count,
  monitoringDueThisMonth: Count,
  decisionEnding: Count,
  decisionExpired: Count,
  planCases: Count,
  withoutFinalPlan: Count,
  selfPlan: Count,
  /** null when the office has no plan cases. */
  selfPlanRate: z.number().min(0).max(1).nullable(),
  selfPlanByReason: z.record(SelfPlanReason, Count),
  openDifficult: Count,
  openDifficultByCategory: z.record(DifficultCategory, Count),
  nearing18: Count,
  nearing65: Count,
});
export type DashboardFigures = z.infer<typeof DashboardFigures>;

export const OfficeDashboard = DashboardFigures.extend({
  officeId: OfficeId,
  name: z.string(),
  operator: z.string(),
  type: OfficeType,
  /** Staff of the office and anyone holding its cases, heaviest load first. */
  specialists: z.array(SpecialistLoad),
});
export type OfficeDashboard = z.infer<typeof OfficeDashboard>;

export const Dashboard = z.strictObject({
  /** The day the time-dependent figures are counted for (Japan). */
  today: IsoDate,
  /** Last day counted as "nearing" 18 / 65. */
  nearingUntil: IsoDate,
  offices: z.array(OfficeDashboard),
  totals: DashboardFigures,
});
export type Dashboard = z.infer<typeof Dashboard>;

export const DashboardCasesQuery = PageQuery.extend({ figure: DashboardFigure });
export type DashboardCasesQuery = z.infer<typeof DashboardCasesQuery>;

/** Cases behind one figure: pseudonymised unless the case is shared with the core center. */
export const DashboardCasePage = z.strictObject({
  officeId: OfficeId,
  figure: DashboardFigure,
  items: z.array(CaseView),
  nextCursor: z.string().nullable(),
});
export type DashboardCasePage = z.infer<typeof DashboardCasePage>;
