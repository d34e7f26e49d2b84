import { DIFFICULT_CATEGORIES, SELF_PLAN_REASONS } from '@kikan/shared';
import type { DashboardFigures } from '@kikan/shared/dashboard-api';
import { describe, expect, it } from 'vitest';
import { FIGURE_COLUMNS, figureCell, figureOfParam, loadSummary, rateLabel } from './dashboard.ts';

const none = <T extends string>(keys: readonly T[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<T, number>;
const zero: DashboardFigures = {
  activeCases: 0,
  monitoringOverdue: 0,
  monitoringDueThisMonth: 0,
  decisionEnding: 0,
  decisionExpired: 0,
  planCases: 0,
  withoutFinalPlan: 0,
  selfPlan: 0,
  selfPlanRate: null,
  selfPlanByReason: none(SELF_PLAN_REASONS),
  openDifficult: 0,
  openDifficultByCategory: none(DIFFICULT_CATEGORIES),
  nearing18: 0,
  nearing65: 0,
};
const office = { ...zero, officeId: 'himawari', name: 'ひまわり', activeCases: 12, monitoringOverdue: 3 };
const column = (figure: string) => {
  const found = FIGURE_COLUMNS.find((candidate) => candidate.figure === figure);
  if (!found) throw new Error(`no column for ${figure}`);
  return found;
};

describe('dashboard figures and their drill-down lists', () => {
  it('links each count to the list of the same figure at the same office', () => {
    expect(figureCell(office, column('overdue'))).toEqual({
      count: 3,
      link: { officeId: 'himawari', figure: 'overdue' },
      linkLabel: 'ひまわりのモニタリング期限超過 3件の一覧',
    });
    expect(figureCell(office, column('active')).link).toEqual({ officeId: 'himawari', figure: 'active' });
  });

  it('pairs every count with its own figure, each figure once', () => {
    const pairs = Object.fromEntries(FIGURE_COLUMNS.map(({ count, figure }) => [figure, count]));

    expect(pairs).toEqual({
      active: 'activeCases',
      overdue: 'monitoringOverdue',
      due: 'monitoringDueThisMonth',
      renewal: 'decisionEnding',
      expired: 'decisionExpired',
      withoutPlan: 'withoutFinalPlan',
      selfPlan: 'selfPlan',
      difficult: 'openDifficult',
      nearing18: 'nearing18',
      nearing65: 'nearing65',
    });
  });

  it('gives a zero no link: its list would be empty', () => {
    expect(figureCell(office, column('nearing65'))).toMatchObject({ count: 0, link: null });
  });

  it('accepts only known figures in the address', () => {
    expect(figureOfParam('withoutPlan')).toBe('withoutPlan');
    expect(figureOfParam('names')).toBeNull();
    expect(figureOfParam(undefined)).toBeNull();
  });
});

describe('dashboard labels', () => {
  it('prints the self-plan rate with one decimal, and a dash without plan cases', () => {
    expect(rateLabel(1 / 3)).toBe('33.3%');
    expect(rateLabel(0)).toBe('0.0%');
    expect(rateLabel(null)).toBe('—');
  });

  it('averages the load over staff who hold cases and names the heaviest', () => {
    const summary = loadSummary([
      { userId: 'user-a', displayName: 'A', activeCases: 30 },
      { userId: 'user-b', displayName: 'B', activeCases: 15 },
      { userId: 'user-m', displayName: '管理者', activeCases: 0 },
    ]);

    expect(summary).toEqual({ holders: 2, average: 22.5, max: 30 });
    expect(loadSummary([])).toEqual({ holders: 0, average: null, max: 0 });
  });
});
