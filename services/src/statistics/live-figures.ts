import { planPeriodOf, todayInJapan, type FiscalYearFigures } from '@kikan/shared';
import { getTenant, listOffices } from '../data/directory-store.ts';
import { listSeniorSpecialists, readLedgerYear } from '../data/ledger-store.ts';
import { readOfficeCounters } from '../data/office-stats-store.ts';
import { SPECIALIST_PREFIX } from '../data/office-counters.ts';
import { readStatisticsSettings, readTargets } from '../data/statistics-config-store.ts';
import { readCaseStatistics } from '../data/statistics-store.ts';
import { NotFoundError, ValidationError } from '../kernel/errors.ts';
import { computeFigures } from './figures.ts';

/**
 * A fiscal year's figures as they stand: a fixed number of reads of aggregate items (two counter
 * partitions, the year's ledger, the roster, the directory, settings and targets), never a case.
 */
export const readLiveFigures = async (
  tenantId: string,
  fiscalYear: number,
  now: Date,
): Promise<FiscalYearFigures> => {
  const period = planPeriodOf(fiscalYear);
  if (!period) {
    throw new ValidationError([
      { field: 'query.fiscalYear', message: 'この年度は計画期間（第7期・第8期）に含まれていません' },
    ]);
  }
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
