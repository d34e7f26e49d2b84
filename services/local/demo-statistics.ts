import { keys, defaultPlanPeriod } from '@kikan/shared';
import type { StoredTargets } from '../src/data/statistics-config-store.ts';

/**
 * The 見込量 each demo tenant set for 第7期 (令和6〜8年度), as its plan printed them: near what the
 * demo cases and the demo ledger produce, some above the actual and some below, so the figures
 * page and the export show achievement rates on both sides of 100%.
 */

type Targets = Record<string, readonly [fy2024: number, fy2025: number, fy2026: number]>;

const KIBOUGAOKA_TARGETS: Targets = {
  plan_consultation_users: [3, 4, 5],
  child_plan_consultation_users: [4, 4, 5],
  community_transition_users: [2, 3, 3],
  community_settlement_users: [3, 3, 4],
  self_plan_rate: [15, 12, 10],
  monitoring_on_time_rate: [95, 95, 95],
  core_centers: [1, 1, 1],
  advice_visits: [18, 20, 24],
  capacity_building: [6, 6, 6],
  collaboration: [4, 4, 4],
  case_review_sessions: [6, 6, 6],
  senior_specialists: [3, 3, 4],
  council_case_reviews: [4, 4, 4],
  council_organisations: [15, 15, 18],
  subcommittees: [3, 3, 3],
  subcommittee_sessions: [10, 10, 12],
};

/** The joint region plans small: two municipalities share one plan office and one core center. */
const HOKUSHIN_TARGETS: Targets = {
  plan_consultation_users: [2, 2, 3],
  child_plan_consultation_users: [1, 1, 1],
  community_transition_users: [1, 1, 1],
  community_settlement_users: [1, 1, 1],
  self_plan_rate: [10, 10, 8],
  monitoring_on_time_rate: [90, 90, 95],
  core_centers: [1, 1, 1],
  advice_visits: [4, 4, 6],
  capacity_building: [2, 2, 2],
  collaboration: [1, 1, 2],
  case_review_sessions: [2, 2, 2],
  senior_specialists: [1, 1, 2],
  council_case_reviews: [2, 2, 2],
  council_organisations: [10, 10, 12],
  subcommittees: [1, 1, 2],
  subcommittee_sessions: [2, 2, 4],
};

const TARGETS_BY_TENANT: Record<string, { targets: Targets; setBy: string }> = {
  kibougaoka: { targets: KIBOUGAOKA_TARGETS, setBy: 'user-ito' },
  hokushin: { targets: HOKUSHIN_TARGETS, setBy: 'user-nakamura' },
};

/** The stored targets of 第7期 for a demo tenant, one value per indicator with a target and year. */
export const demoTargets = (tenantId: string, now: Date): StoredTargets | null => {
  const demo = TARGETS_BY_TENANT[tenantId];
  if (!demo) return null;
  const period = defaultPlanPeriod('p7');
  const targets: StoredTargets['targets'] = {};
  for (const indicator of period.indicators) {
    const values = demo.targets[indicator.indicatorId];
    if (!indicator.hasTarget || !values) continue;
    targets[indicator.indicatorId] = Object.fromEntries(
      period.fiscalYears.map((fiscalYear, index) => [String(fiscalYear), values[index] ?? 0]),
    );
  }
  return {
    periodId: period.periodId,
    targets,
    byMunicipality: {},
    version: 1,
    updatedAt: now.toISOString(),
    updatedBy: demo.setBy,
  };
};

export const demoStatisticsItems = (tenantId: string, now: Date): Record<string, unknown>[] => {
  const stored = demoTargets(tenantId, now);
  return stored
    ? [{ ...keys.statisticsTargets(tenantId, stored.periodId), entity: 'statistics_targets', ...stored }]
    : [];
};
