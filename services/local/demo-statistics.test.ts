import { PLAN_SERVICE_KINDS, COMMUNITY_SERVICE_KINDS, keys, defaultPlanPeriod } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { StoredTargets } from '../src/data/statistics-config-store.ts';
import { METRICS, parseCounterName, statisticsCellsOf } from '../src/data/statistics-counters.ts';
import { demoCases } from './demo-data.ts';
import { demoStatisticsItems } from './demo-statistics.ts';

const NOW = new Date('2026-11-22T03:00:00.000Z');
/** The last full fiscal year on that day (令和7年度). */
const LAST_YEAR = 2025;

describe.each(['kibougaoka', 'hokushin'])('the demo targets of %s', (tenantId) => {
  const [item] = demoStatisticsItems(tenantId, NOW);
  const stored = StoredTargets.parse(item);

  it('are one 第7期 item under the key the targets route reads', () => {
    expect(demoStatisticsItems(tenantId, NOW)).toHaveLength(1);
    expect(item).toMatchObject(keys.statisticsTargets(tenantId, 'p7'));
    expect(stored.periodId).toBe('p7');
  });

  it('set every indicator that has a target, for each year of the period, and no other', () => {
    const period = defaultPlanPeriod('p7');
    const withTarget = period.indicators.filter((indicator) => indicator.hasTarget);
    expect(Object.keys(stored.targets).sort()).toEqual(
      withTarget.map((indicator) => indicator.indicatorId).sort(),
    );
    for (const values of Object.values(stored.targets)) {
      expect(Object.keys(values).sort()).toEqual(period.fiscalYears.map(String));
    }
  });
});

describe('the demo targets of 希望が丘市 next to its demo actuals', () => {
  const cells = statisticsCellsOf(demoCases('kibougaoka', NOW).map(({ record }) => record));
  const monthlyAverage = (metric: string) => {
    let sum = 0;
    for (const cell of cells.filter((candidate) => candidate.fiscalYear === LAST_YEAR)) {
      for (const [name, value] of Object.entries(cell.counters)) {
        if (parseCounterName(name)?.metric === metric) sum += value;
      }
    }
    return sum / 12;
  };
  const stored = StoredTargets.parse(demoStatisticsItems('kibougaoka', NOW)[0]);
  const users = [...PLAN_SERVICE_KINDS, ...COMMUNITY_SERVICE_KINDS].map((kind) => ({
    actual: monthlyAverage(METRICS.users(kind)),
    target: stored.targets[`${kind}_users`]?.[String(LAST_YEAR)] ?? 0,
  }));

  it('are near the users per month the demo cases give, some above and some below', () => {
    for (const { actual, target } of users) {
      expect(actual).toBeGreaterThan(0);
      expect(target / actual).toBeGreaterThan(0.5);
      expect(target / actual).toBeLessThan(2);
    }
    expect(users.some(({ actual, target }) => target > actual)).toBe(true);
    expect(users.some(({ actual, target }) => target < actual)).toBe(true);
  });
});
