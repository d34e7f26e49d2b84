import { keys } from '@kikan/shared';
import * as z from 'zod';
import { counterAddUpdate } from './office-stats-store.ts';
import { queryAll } from './paging.ts';
import {
  mergeStatisticsCells,
  parseCounterName,
  statisticsCellsOf,
  statisticsDelta,
  type StatisticsCase,
  type StatisticsCell,
  type StatisticsCounters,
} from './statistics-counters.ts';
import type { TransactItem } from './transaction.ts';

/**
 * The plan-indicator counters: one item per office and fiscal year, changed only beside a case
 * write, in its transaction (case-store.ts caseWriteItems), so they never disagree with the cases.
 */

const fixedAttributes = (cell: StatisticsCell) => ({
  entity: 'case_statistics',
  tenantId: cell.tenantId,
  fiscalYear: cell.fiscalYear,
  officeId: cell.officeId,
});

/** The updates a transaction writing these cases must also make (one per office and year touched). */
export const statisticsWrites = (
  transitions: readonly { before: StatisticsCase | null; after: StatisticsCase }[],
): TransactItem[] =>
  mergeStatisticsCells(transitions.flatMap(({ before, after }) => statisticsDelta(before, after))).map(
    (cell) =>
      counterAddUpdate(
        keys.caseStatistics(cell.tenantId, cell.fiscalYear, cell.officeId),
        fixedAttributes(cell),
        cell.counters,
      ),
  );

/** The statistics items of cases written without transactions (demo data, bulk loads). */
export const statisticsItems = (records: readonly StatisticsCase[]): Record<string, unknown>[] =>
  statisticsCellsOf(records).map((cell) => ({
    ...keys.caseStatistics(cell.tenantId, cell.fiscalYear, cell.officeId),
    ...fixedAttributes(cell),
    ...cell.counters,
  }));

const StoredItem = z.looseObject({ officeId: z.string() });

/** Every office's counters of one fiscal year: one Query, paged past 1 MB. */
export const readCaseStatistics = async (
  tenantId: string,
  fiscalYear: number,
): Promise<Map<string, StatisticsCounters>> => {
  const { pk } = keys.caseStatistics(tenantId, fiscalYear);
  const byOffice = new Map<string, StatisticsCounters>();
  for (const item of await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
  })) {
    const { officeId, ...attributes } = StoredItem.parse(item);
    const counters: StatisticsCounters = {};
    for (const [name, value] of Object.entries(attributes)) {
      if (typeof value === 'number' && value !== 0 && parseCounterName(name)) counters[name] = value;
    }
    byOffice.set(officeId, counters);
  }
  return byOffice;
};
