import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  NEARING_AGE_MONTHS,
  addMonths,
  DEFAULT_PLAN_PERIODS,
  planPeriodOf,
  tenantKeyPrefix,
  todayInJapan,
  type FiscalYearFigures,
} from '@kikan/shared';
import { localClient } from '../services/local/table.ts';
import { CaseRecord } from '../services/src/data/case-store.ts';
import { getTenant, listOffices, listUsers } from '../services/src/data/directory-store.ts';
import { listSeniorSpecialists, readLedgerYear } from '../services/src/data/ledger-store.ts';
import {
  SPECIALIST_PREFIX,
  milestonesOf,
  officeCountersOf,
  type Counters,
} from '../services/src/data/office-counters.ts';
import { readStatisticsSettings, readTargets } from '../services/src/data/statistics-config-store.ts';
import { statisticsCellsOf, type StatisticsCounters } from '../services/src/data/statistics-counters.ts';
import { computeFigures } from '../services/src/statistics/figures.ts';
import { readLiveFigures } from '../services/src/statistics/live-figures.ts';
import { dashboardOf } from '../services/src/supervision/dashboard-figures.ts';
import { measurement, type Measurement } from './results.ts';
import { median, round2 } from './timing.ts';

/**
 * The way a hurried implementation would answer the statistics page and the dashboard: Scan the
 * table for the tenant's items (a filter on the key prefix, page after page) and count the cases
 * in code, with the same counting functions the counters are maintained by. The small aggregate
 * reads (tenant, offices, staff, ledger year, roster, settings, targets) are the data layer's own:
 * only what grows with the cases is done the naive way. Both results are checked against the
 * real ones, so the ratio compares two ways of getting the same answer.
 */

export interface NaiveTarget {
  endpoint: string;
  tableName: string;
  tenantId: string;
  fiscalYear: number;
  scale: string;
  /** The API's p50 of the same run (autocannon), which the naive times are compared with. */
  apiFiguresP50: number;
  apiExportP50: number;
  apiDashboardP50: number;
  /** The dashboard as the API answers it now, to check the naive one against. */
  apiDashboard(): Promise<unknown>;
}

const RUNS = 3;
/**
 * Items per Scan page. Pages still end at 1 MB, but DynamoDB Local answers a Scan of this table
 * without a Limit with InternalFailure (and a Query without one reads the whole partition per
 * page), so the scan sets one, as floors.ts does for the full Query.
 */
const SCAN_PAGE_LIMIT = 2_000;

const scanTenant = async (
  documents: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
): Promise<{ items: Record<string, unknown>[]; pages: number }> => {
  const items: Record<string, unknown>[] = [];
  let pages = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(pk, :prefix)',
        ExpressionAttributeValues: { ':prefix': tenantKeyPrefix(tenantId) },
        ExclusiveStartKey: startKey,
        Limit: SCAN_PAGE_LIMIT,
      }),
    );
    items.push(...(page.Items ?? []));
    pages += 1;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { items, pages };
};

const casesOf = (items: readonly Record<string, unknown>[]): CaseRecord[] =>
  items.filter((item) => item.entity === 'case').map((item) => CaseRecord.parse(item));

const naiveFigures = async (
  tenantId: string,
  fiscalYear: number,
  cases: readonly CaseRecord[],
  now: Date,
): Promise<FiscalYearFigures> => {
  const period = planPeriodOf(DEFAULT_PLAN_PERIODS, fiscalYear);
  if (!period) throw new Error(`fiscal year ${fiscalYear} is outside the plan periods`);
  const [tenant, offices, ledgerEvents, seniors, settings, targets] = await Promise.all([
    getTenant(tenantId),
    listOffices(tenantId),
    readLedgerYear(tenantId, fiscalYear),
    listSeniorSpecialists(tenantId),
    readStatisticsSettings(tenantId),
    readTargets(tenantId, period.periodId),
  ]);
  if (!tenant) throw new Error(`no tenant ${tenantId}`);
  const cells = statisticsCellsOf(cases);
  const countersOfYear = (year: number) =>
    new Map<string, StatisticsCounters>(
      cells.filter((cell) => cell.fiscalYear === year).map((cell) => [cell.officeId, cell.counters]),
    );
  const officeLoad = new Map(
    officeCountersOf(cases).map(({ officeId, counters }) => [
      officeId,
      {
        activeCases: counters.activeCases ?? 0,
        specialists: Object.entries(counters).filter(
          ([name, value]) => name.startsWith(SPECIALIST_PREFIX) && (value ?? 0) > 0,
        ).length,
      },
    ]),
  );
  return computeFigures({
    fiscalYear,
    today: todayInJapan(now),
    computedAt: now.toISOString(),
    period,
    settings,
    municipalities: tenant.members,
    offices: offices
      .filter((office) => office.type !== 'municipal_division')
      .map(({ officeId, name, type, municipalityCode }) => ({ officeId, name, type, municipalityCode })),
    participantOffices: offices.map(({ officeId, name }) => ({ officeId, name })),
    counters: countersOfYear(fiscalYear),
    nextYearCounters: countersOfYear(fiscalYear + 1),
    ledgerEvents,
    seniors,
    officeLoad,
    targets: targets?.targets ?? {},
  });
};

const naiveDashboard = async (tenantId: string, cases: readonly CaseRecord[], now: Date) => {
  const today = todayInJapan(now);
  const nearingUntil = addMonths(today, NEARING_AGE_MONTHS);
  const [offices, users] = await Promise.all([listOffices(tenantId), listUsers(tenantId)]);
  const counters = new Map<string, Counters>(
    officeCountersOf(cases).map(({ officeId, counters: officeCounters }) => [officeId, officeCounters]),
  );
  const milestones = cases
    .flatMap(milestonesOf)
    .filter((milestone) => milestone.reachesOn >= today && milestone.reachesOn <= nearingUntil);
  return dashboardOf({ today, nearingUntil, offices, users, counters, milestones });
};

/** JSON of a value with the keys of every object sorted, so two equal answers compare equal. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

export const measureNaive = async (
  target: NaiveTarget,
  log: (message: string) => void,
): Promise<Measurement[]> => {
  const documents = DynamoDBDocumentClient.from(localClient(target.endpoint));
  const scanMs: number[] = [];
  const figuresMs: number[] = [];
  const dashboardMs: number[] = [];
  let scanned = { items: 0, pages: 0, cases: 0 };
  let figuresAgree = false;
  let dashboardAgree = false;
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const now = new Date();
      const scanStarted = performance.now();
      const { items, pages } = await scanTenant(documents, target.tableName, target.tenantId);
      const cases = casesOf(items);
      const scanEnded = performance.now();
      const figures = await naiveFigures(target.tenantId, target.fiscalYear, cases, now);
      const figuresEnded = performance.now();
      const dashboard = await naiveDashboard(target.tenantId, cases, now);
      const dashboardEnded = performance.now();
      scanMs.push(scanEnded - scanStarted);
      figuresMs.push(figuresEnded - scanStarted);
      dashboardMs.push(scanEnded - scanStarted + (dashboardEnded - figuresEnded));
      scanned = { items: items.length, pages, cases: cases.length };
      log(
        `naive run ${run + 1}: scan ${pages} pages, ${items.length} items, ${cases.length} cases in ` +
          `${(scanEnded - scanStarted).toFixed(0)} ms; figures +${(figuresEnded - scanEnded).toFixed(0)} ms, ` +
          `dashboard +${(dashboardEnded - figuresEnded).toFixed(0)} ms`,
      );
      if (run === 0) {
        const live = await readLiveFigures(target.tenantId, target.fiscalYear, now);
        figuresAgree = canonical(live) === canonical(figures);
        dashboardAgree = canonical(await target.apiDashboard()) === canonical(dashboard);
        log(
          `naive answers ${figuresAgree ? 'agree' : 'DIFFER'} with the live figures, ` +
            `${dashboardAgree ? 'agree' : 'DIFFER'} with the API dashboard`,
        );
      }
    }
  } finally {
    documents.destroy();
  }
  const scale = `${target.scale}; scanned ${scanned.items} items in ${scanned.pages} pages`;
  const figuresNaive = median(figuresMs);
  const dashboardNaive = median(dashboardMs);
  return [
    measurement({ name: 'naive.scan_tenant.median', unit: 'ms', value: round2(median(scanMs)), scale }),
    measurement({
      name: 'naive.statistics_figures.median',
      unit: 'ms',
      value: round2(figuresNaive),
      floor: round2(target.apiFiguresP50),
      scale: `${scale}; floor: api.statistics_figures.p50; answers ${figuresAgree ? 'agree' : 'differ'}`,
    }),
    measurement({
      name: 'naive.statistics_export.vs_api',
      unit: 'ms',
      value: round2(figuresNaive),
      floor: round2(target.apiExportP50),
      scale: `${scale}; naive figures alone (no workbook) against api.statistics_export.p50`,
      budget: {
        rule: 'fiscal-year export ≥ 5× faster than the scanning way',
        met: figuresNaive >= 5 * target.apiExportP50,
      },
    }),
    measurement({
      name: 'naive.dashboard.median',
      unit: 'ms',
      value: round2(dashboardNaive),
      floor: round2(target.apiDashboardP50),
      scale: `${scale}; floor: api.dashboard.p50; answers ${dashboardAgree ? 'agree' : 'differ'}`,
    }),
  ];
};
