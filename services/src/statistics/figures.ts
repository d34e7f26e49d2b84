import {
  achievementOf,
  DIFFICULT_CATEGORIES,
  DIFFICULT_CATEGORY_LABELS,
  SELF_PLAN_REASONS,
  SELF_PLAN_REASON_LABELS,
  fiscalYearMonths,
  fiscalYearRange,
  isSeniorOn,
  lastDayOfMonth,
  type FigureSeries,
  type FiscalYearFigures,
  type IndicatorDefinition,
  type IndicatorFigures,
  type LedgerEventKind,
  type Measure,
  type OfficeType,
  type PlanPeriod,
  type StatisticsSettings,
} from '@kikan/shared';
import {
  METRICS,
  WHOLE_YEAR,
  parseCounterName,
  type StatisticsCounters,
} from '../data/statistics-counters.ts';

/**
 * The plan indicators of one fiscal year from the facts read for it (statistics counters, the
 * ledger's events, the senior roster, the offices' current load), as one pure function: the same
 * code computes the live figures, the approved snapshot and the exports, and the hand-computed
 * fixtures test it without a database.
 */

export interface FigureOffice {
  officeId: string;
  name: string;
  type: OfficeType;
  municipalityCode: string;
}

export interface FigureLedgerEvent {
  kind: LedgerEventKind;
  heldOn: string;
  title: string;
  officeIds: readonly string[];
  organisations: readonly string[];
  unnamedOrganisationCount: number;
  municipalityCode: string;
}

export interface FigureSenior {
  officeId: string;
  certifiedOn: string;
  endedOn?: string | undefined;
}

export interface FigureFacts {
  fiscalYear: number;
  today: string;
  computedAt: string;
  period: PlanPeriod;
  settings: StatisticsSettings;
  municipalities: readonly { code: string; name: string }[];
  offices: readonly FigureOffice[];
  /**
   * Every office of the tenant that can take part in an event, municipal divisions included (they
   * have no figures of their own, so `offices` leaves them out): a name typed for a session is that
   * office when it is one of these. Defaults to `offices`.
   */
  participantOffices?: readonly { officeId: string; name: string }[];
  /** The fiscal year's counters by office. */
  counters: ReadonlyMap<string, StatisticsCounters>;
  /** The next fiscal year's counters by office: who reaches 18 / 65 then. */
  nextYearCounters: ReadonlyMap<string, StatisticsCounters>;
  ledgerEvents: readonly FigureLedgerEvent[];
  seniors: readonly FigureSenior[];
  /** Open cases and specialists holding them, per office, now (the dashboard counters). */
  officeLoad: ReadonlyMap<string, { activeCases: number; specialists: number }>;
  /** indicatorId → fiscal year → 見込量. */
  targets: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** A joint tenant's member municipality code → its own indicatorId → fiscal year → 見込量. */
  municipalityTargets?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>>;
}

/** Which part of the tenant a series covers. */
interface Scope {
  officeId?: string;
  municipalityCode?: string;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
const percent = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? round1((numerator / denominator) * 100) : null;
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

interface CounterRow {
  officeId: string;
  metric: string;
  municipalityCode: string;
  month: string;
  value: number;
}

const rowsOf = (counters: ReadonlyMap<string, StatisticsCounters>): CounterRow[] =>
  [...counters].flatMap(([officeId, byName]) =>
    Object.entries(byName).flatMap(([name, value]) => {
      const parsed = parseCounterName(name);
      return parsed ? [{ officeId, ...parsed, value }] : [];
    }),
  );

const inScope = (row: { officeId?: string; municipalityCode: string }, scope: Scope): boolean =>
  (scope.officeId === undefined || row.officeId === scope.officeId) &&
  (scope.municipalityCode === undefined || row.municipalityCode === scope.municipalityCode);

const scopeKey = (scope: Scope): string => `${scope.officeId ?? '*'}|${scope.municipalityCode ?? '*'}`;

/**
 * Sums per (scope, metric, month) for the whole tenant, each office and each municipality, built in
 * one pass: a tenant of 20,000 cases has tens of thousands of counters, read many times below.
 */
const indexRows = (rows: readonly CounterRow[]): Map<string, number> => {
  const index = new Map<string, number>();
  const add = (scope: Scope, row: CounterRow) => {
    const key = `${scopeKey(scope)}|${row.metric}|${row.month}`;
    index.set(key, (index.get(key) ?? 0) + row.value);
  };
  for (const row of rows) {
    add({}, row);
    add({ officeId: row.officeId }, row);
    add({ municipalityCode: row.municipalityCode }, row);
  }
  return index;
};

/** A name as typed, compared without width or spacing differences (ＡＢＣ相談室 = ABC 相談室). */
export const participantName = (name: string): string => name.normalize('NFKC').replace(/\s+/gu, '');

/** Title of a sub-committee session without its session number: 「就労部会（第2回）」 → 「就労部会」. */
export const subcommitteeName = (title: string): string =>
  title
    .replace(/[（(]\s*第?\s*[0-9０-９]+\s*回\s*[）)]\s*$/u, '')
    .replace(/\s*第\s*[0-9０-９]+\s*回\s*$/u, '')
    .trim();

export const computeFigures = (facts: FigureFacts): FiscalYearFigures => {
  const months = fiscalYearMonths(facts.fiscalYear);
  const currentMonth = facts.today.slice(0, 7);
  const elapsedMonths = months.filter((month) => month <= currentMonth).length;
  // The month under way is provisional: shown, but no average, year-end state or rate counts it.
  const completeMonths = months.filter((month) => month < currentMonth).length;
  const elapsed = (index: number) => index < elapsedMonths;
  const lastCompleteMonth = completeMonths > 0 ? months[completeMonths - 1] : undefined;
  const yearIsOver = completeMonths === months.length;
  const rows = rowsOf(facts.counters);
  const nextYearRows = rowsOf(facts.nextYearCounters);
  const officeById = new Map(facts.offices.map((office) => [office.officeId, office]));
  const officeByName = new Map(
    (facts.participantOffices ?? facts.offices).map((office) => [
      participantName(office.name),
      office.officeId,
    ]),
  );

  const index = indexRows(rows);
  const counted = (metric: string, scope: Scope, month: string): number =>
    index.get(`${scopeKey(scope)}|${metric}|${month}`) ?? 0;
  const monthly = (metric: string, scope: Scope): number[] =>
    months.map((month) => counted(metric, scope, month));
  const masked = (values: readonly (number | null)[]): (number | null)[] =>
    values.map((value, index) => (elapsed(index) ? value : null));

  const eventsIn = (kind: LedgerEventKind, scope: Scope) =>
    facts.ledgerEvents.filter(
      (event) =>
        event.kind === kind &&
        (scope.municipalityCode === undefined || event.municipalityCode === scope.municipalityCode) &&
        (scope.officeId === undefined || event.officeIds.includes(scope.officeId)),
    );
  /**
   * 参加事業者・機関数: the tenant's offices taking part and the outside organisations named, each
   * once however many sessions it attended (an office also typed by name is that office), plus
   * those taking part unnamed, which cannot be told apart and so add up per event.
   */
  const participantsOf = (events: readonly FigureLedgerEvent[]): number => {
    const distinct = new Set<string>();
    for (const event of events) {
      for (const officeId of event.officeIds) distinct.add(`office:${officeId}`);
      for (const name of event.organisations) {
        const key = participantName(name);
        const officeId = officeByName.get(key);
        distinct.add(officeId === undefined ? `name:${key}` : `office:${officeId}`);
      }
    }
    return distinct.size + sum(events.map((event) => event.unnamedOrganisationCount));
  };

  const officeMunicipality = (officeId: string) => officeById.get(officeId)?.municipalityCode;
  const seniorsOn = (day: string, scope: Scope) =>
    facts.seniors.filter(
      (entry) =>
        isSeniorOn(entry, day) &&
        (scope.officeId === undefined || entry.officeId === scope.officeId) &&
        (scope.municipalityCode === undefined ||
          officeMunicipality(entry.officeId) === scope.municipalityCode),
    ).length;

  const series = (measure: Measure, scope: Scope): FigureSeries => {
    switch (measure.kind) {
      case 'service_users': {
        const values = monthly(METRICS.users(measure.serviceKind), scope);
        const perYear =
          facts.settings.communityUserUnit === 'per_year' && measure.serviceKind.startsWith('community_');
        const value = perYear
          ? counted(METRICS.usersPerYear(measure.serviceKind), scope, WHOLE_YEAR)
          : completeMonths > 0
            ? round1(sum(values.slice(0, completeMonths)) / completeMonths)
            : null;
        return { value, months: masked(values) };
      }
      case 'self_plan_rate': {
        const selfPlans = monthly(METRICS.selfPlan, scope);
        const decided = monthly(METRICS.decided, scope);
        const last = completeMonths - 1;
        const numerator = selfPlans[last] ?? 0;
        const denominator = decided[last] ?? 0;
        return {
          value: last >= 0 ? percent(numerator, denominator) : null,
          months: masked(months.map((_, index) => percent(selfPlans[index] ?? 0, decided[index] ?? 0))),
          numerator,
          denominator,
        };
      }
      case 'self_plans': {
        const values = monthly(METRICS.selfPlanReason(measure.reason), scope);
        return {
          value: completeMonths > 0 ? (values[completeMonths - 1] ?? 0) : null,
          months: masked(values),
        };
      }
      case 'monitoring_on_time_rate': {
        // ADR 0024: the monitorings that fell due, each in its due month, once its deadline (the
        // month's last day) has passed; a due month not yet over is neither met nor missed yet.
        const due = monthly(METRICS.monitoringsDue, scope);
        const onTime = monthly(METRICS.monitoringsDueOnTime, scope);
        const over = (index: number) => (months[index] ?? '') < currentMonth;
        const numerator = sum(onTime.filter((_, index) => over(index)));
        const denominator = sum(due.filter((_, index) => over(index)));
        return {
          value: percent(numerator, denominator),
          months: months.map((_, index) =>
            over(index) ? percent(onTime[index] ?? 0, due[index] ?? 0) : null,
          ),
          numerator,
          denominator,
        };
      }
      case 'core_centers': {
        const centres = facts.offices.filter(
          (office) =>
            office.type === 'core_center' &&
            (scope.officeId === undefined || office.officeId === scope.officeId) &&
            (scope.municipalityCode === undefined || office.municipalityCode === scope.municipalityCode),
        );
        return { value: centres.length, months: months.map(() => null) };
      }
      case 'ledger_events': {
        const events = eventsIn(measure.eventKind, scope);
        const values = months.map((month) => events.filter((event) => event.heldOn.startsWith(month)).length);
        return { value: events.length, months: masked(values) };
      }
      case 'ledger_organisations': {
        const events = eventsIn(measure.eventKind, scope);
        const values = months.map((month) =>
          participantsOf(events.filter((event) => event.heldOn.startsWith(month))),
        );
        return { value: participantsOf(events), months: masked(values) };
      }
      case 'senior_specialists': {
        // A stock: each month's end (the month under way as of today); the year's figure is the
        // state at the end of the last month that is over, the year's end once the year is.
        const { end } = fiscalYearRange(facts.fiscalYear);
        const asOf = facts.today < end ? facts.today : end;
        const values = months.map((month) => {
          const day = lastDayOfMonth(month);
          return seniorsOn(day < asOf ? day : asOf, scope);
        });
        return {
          value: lastCompleteMonth ? seniorsOn(lastDayOfMonth(lastCompleteMonth), scope) : null,
          months: masked(values),
        };
      }
      case 'subcommittees': {
        const events = eventsIn('subcommittee_session', scope);
        const distinct = (list: readonly FigureLedgerEvent[]) =>
          new Set(list.map((event) => subcommitteeName(event.title))).size;
        // 設置数 is a stock: the committees that have met by each month's end (one that met in the
        // year counts as set up from then on), not how many met in the month.
        const values = months.map((month) =>
          distinct(events.filter((event) => event.heldOn.slice(0, 7) <= month)),
        );
        return {
          value: completeMonths > 0 ? (values[completeMonths - 1] ?? 0) : null,
          months: masked(values),
        };
      }
      case 'difficult_cases': {
        const values = monthly(METRICS.difficult, scope);
        return { value: sum(values), months: masked(values) };
      }
      case 'reaching_age': {
        const metric = METRICS.reaches(measure.age);
        const value = sum(
          nextYearRows.filter((row) => row.metric === metric && inScope(row, scope)).map((row) => row.value),
        );
        return { value, months: months.map(() => null) };
      }
      case 'load_per_specialist': {
        // Only today's load exists (PastYearRule 'not_kept'): a year that is over shows none, not today's.
        if (yearIsOver) return { value: null, months: months.map(() => null) };
        const loads = [...facts.officeLoad].filter(
          ([officeId]) =>
            (scope.officeId === undefined || officeId === scope.officeId) &&
            (scope.municipalityCode === undefined || officeMunicipality(officeId) === scope.municipalityCode),
        );
        const numerator = sum(loads.map(([, load]) => load.activeCases));
        const denominator = sum(loads.map(([, load]) => load.specialists));
        return {
          value: denominator > 0 ? round1(numerator / denominator) : null,
          months: months.map(() => null),
          numerator,
          denominator,
        };
      }
    }
  };

  const breakdownOf = (measure: Measure): IndicatorFigures['breakdown'] => {
    if (measure.kind === 'self_plan_rate' && lastCompleteMonth) {
      return SELF_PLAN_REASONS.map((reason) => ({
        key: reason,
        label: SELF_PLAN_REASON_LABELS[reason],
        value: counted(METRICS.selfPlanReason(reason), {}, lastCompleteMonth),
      }));
    }
    if (measure.kind === 'difficult_cases') {
      return DIFFICULT_CATEGORIES.map((category) => ({
        key: category,
        label: DIFFICULT_CATEGORY_LABELS[category],
        value: sum(monthly(METRICS.difficultCategory(category), {})),
      }));
    }
    return [];
  };

  const hasMonths = (measure: Measure) =>
    !['core_centers', 'reaching_age', 'load_per_specialist'].includes(measure.kind);

  /** Office figures exist where an office's own work makes them (its cases, its part in events). */
  const byOfficeApplies = (measure: Measure) => measure.kind !== 'core_centers';

  const unitOf = (definition: IndicatorDefinition) =>
    definition.measure.kind === 'service_users' &&
    definition.measure.serviceKind.startsWith('community_') &&
    facts.settings.communityUserUnit === 'per_year'
      ? '人/年'
      : definition.unit;

  const municipalityCodes = [
    ...facts.municipalities.map((municipality) => municipality.code),
    // Next year's counters too: a case known only by its forecast (reaching 18 / 65) still counts
    // under its municipality, so the municipalities add up to the total.
    ...new Set([...rows, ...nextYearRows].map((row) => row.municipalityCode)),
  ].filter((code, index, all) => all.indexOf(code) === index);

  const indicators = facts.period.indicators.map((definition): IndicatorFigures => {
    const total = series(definition.measure, {});
    // The municipality's own 見込量, else the one the definition sets (のぞまないセルフプラン: zero).
    const targetIn = (table: FigureFacts['targets'] | undefined) =>
      definition.hasTarget
        ? (table?.[definition.indicatorId]?.[String(facts.fiscalYear)] ?? definition.defaultTarget ?? null)
        : null;
    const target = targetIn(facts.targets);
    const aggregation =
      definition.measure.kind === 'service_users' && unitOf(definition) === '人/年'
        ? 'yearly_flow'
        : definition.aggregation;
    return {
      indicatorId: definition.indicatorId,
      group: definition.group,
      label: definition.label,
      unit: unitOf(definition),
      figureKind: definition.figureKind,
      direction: definition.direction,
      aggregation,
      pastYears: definition.pastYears,
      measure: definition.measure,
      hasTarget: definition.hasTarget,
      hasMonths: hasMonths(definition.measure),
      total,
      byMunicipality: municipalityCodes.map((municipalityCode) => {
        const own = series(definition.measure, { municipalityCode });
        const ownTarget = targetIn(facts.municipalityTargets?.[municipalityCode]);
        return {
          municipalityCode,
          ...own,
          target: ownTarget,
          achievementRate: achievementOf(definition.direction, own.value, ownTarget).rate,
        };
      }),
      byOffice: byOfficeApplies(definition.measure)
        ? facts.offices.map((office) => ({
            officeId: office.officeId,
            ...series(definition.measure, { officeId: office.officeId }),
          }))
        : [],
      breakdown: breakdownOf(definition.measure),
      target,
      achievementRate: achievementOf(definition.direction, total.value, target).rate,
    };
  });

  return {
    fiscalYear: facts.fiscalYear,
    periodId: facts.period.periodId,
    periodLabel: facts.period.label,
    periodFiscalYears: facts.period.fiscalYears,
    definitionVersion: facts.period.version,
    months,
    elapsedMonths,
    completeMonths,
    computedAt: facts.computedAt,
    settings: facts.settings,
    municipalities: municipalityCodes.map((code) => ({
      code,
      name: facts.municipalities.find((municipality) => municipality.code === code)?.name ?? '市町村未設定',
    })),
    offices: facts.offices.map(({ officeId, name, municipalityCode }) => ({
      officeId,
      name,
      municipalityCode,
    })),
    indicators,
  };
};
