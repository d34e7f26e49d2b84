import { todayInJapan, type FiscalYearFigures } from '@kikan/shared';
import { getTenant, listOffices } from '../data/directory-store.ts';
import { listSeniorSpecialists, readLedgerYear } from '../data/ledger-store.ts';
import { readOfficeCounters } from '../data/office-stats-store.ts';
import { SPECIALIST_PREFIX } from '../data/office-counters.ts';
import { readStatisticsSettings, readTargets } from '../data/statistics-config-store.ts';
import { readCaseStatistics } from '../data/statistics-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import { computeFigures } from './figures.ts';
import { readPeriodOfYear } from './plan-periods.ts';

/**
 * A fiscal year's figures as they stand: a fixed number of reads of aggregate items (two counter
 * partitions, the year's ledger, the roster, the directory, settings, targets and the tenant's plan
 * periods), never a case.
 */
export const readLiveFigures = async (
  tenantId: string,
  fiscalYear: number,
  now: Date,
  yearField = 'query.fiscalYear',
): Promise<FiscalYearFigures> => {
  const period = await readPeriodOfYear(tenantId, fiscalYear, yearField);
  const [
    tenant,
    offices,
    counters,
    nextYearCounters,
    ledgerEvents,
    seniors,
    officeCounters,
    settings,
    targets,
  ] = await Promise.all([
    getTenant(tenantId),
    listOffices(tenantId),
    readCaseStatistics(tenantId, fiscalYear),
    readCaseStatistics(tenantId, fiscalYear + 1),
    readLedgerYear(tenantId, fiscalYear),
    listSeniorSpecialists(tenantId),
    readOfficeCounters(tenantId),
    readStatisticsSettings(tenantId),
    readTargets(tenantId, period.periodId),
  ]);
  if (!tenant) throw new NotFoundError();
  const officeLoad = new Map(
    [...officeCounters].map(([officeId, officeFigures]) => [
      officeId,
      {
        activeCases: officeFigures.activeCases ?? 0,
        specialists: Object.entries(officeFigures).filter(
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
    counters,
    nextYearCounters,
    ledgerEvents,
    seniors,
    officeLoad,
    targets: targets?.targets ?? {},
    municipalityTargets: targets?.byMunicipality ?? {},
  });
};
