import {
  LEDGER_EVENT_KINDS,
  LedgerEventInput,
  SeniorSpecialist,
  fiscalYearOf,
  isSeniorOn,
  todayInJapan,
} from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { DEMO_OFFICES, DEMO_TENANTS, DEMO_USERS, demoCases } from './demo-data.ts';
import { demoLedgerEvents, demoLedgerItems, demoSeniorSpecialists } from './demo-ledger.ts';
import { defaultMunicipality, ledgerEventProblems, overlapsRoster } from '../src/supervision/ledger-rules.ts';

const NOW = new Date('2026-11-22T03:00:00.000Z');
const TODAY = todayInJapan(NOW);
const CURRENT = fiscalYearOf(TODAY);

describe.each(['kibougaoka', 'hokushin'])('the demo ledger of %s', (tenantId) => {
  const events = demoLedgerEvents(tenantId, NOW);
  const offices = DEMO_OFFICES[tenantId] ?? [];
  const members = DEMO_TENANTS.find((tenant) => tenant.tenantId === tenantId)?.members ?? [];
  const caseIds = new Set(demoCases(tenantId, NOW).map(({ record }) => record.caseId));
  const keeperOfficeId = offices.find((office) => office.type === 'core_center')?.officeId ?? '';
  const directory = { today: TODAY, offices, members, keeperOfficeId };

  it('holds only events the API would accept: its offices, cases and municipalities, nothing after today', () => {
    for (const event of events) {
      const {
        eventId: _id,
        version: _v,
        createdAt: _c,
        createdBy: _cb,
        updatedAt: _u,
        updatedBy: _ub,
        ...input
      } = event;
      LedgerEventInput.parse(input);
      expect(ledgerEventProblems(event, directory, caseIds)).toEqual([]);
    }
  });

  it('covers the previous fiscal year and the current one up to today', () => {
    const years = new Set(events.map((event) => fiscalYearOf(event.heldOn)));
    expect([...years].sort()).toEqual([CURRENT - 1, CURRENT]);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
  });

  it('writes for each event its item, its year copy and one copy per office taking part', () => {
    const items = demoLedgerItems(tenantId, NOW);
    const copies = events.reduce((sum, event) => sum + 2 + event.officeIds.length, 0);
    expect(items).toHaveLength(copies + demoSeniorSpecialists(tenantId, NOW).length);
  });

  it('has roster entries that do not overlap, for users of the office they name', () => {
    const roster = demoSeniorSpecialists(tenantId, NOW);
    roster.forEach((entry, index) => {
      SeniorSpecialist.parse(entry);
      expect(overlapsRoster(entry, roster.slice(0, index))).toBe(false);
      if (entry.userId) {
        const user = DEMO_USERS.find((candidate) => candidate.userId === entry.userId);
        expect(user).toMatchObject({ officeId: entry.officeId, senior: true, displayName: entry.name });
      }
    });
  });
});

describe('the demo ledger of 希望が丘市', () => {
  const events = demoLedgerEvents('kibougaoka', NOW);
  const previousYear = events.filter((event) => fiscalYearOf(event.heldOn) === CURRENT - 1);

  it('has every kind of activity and two advice visits each month of the previous year', () => {
    expect(new Set(previousYear.map((event) => event.kind))).toEqual(new Set(LEDGER_EVENT_KINDS));
    const visitsByMonth = Map.groupBy(
      previousYear.filter((event) => event.kind === 'advice_visit'),
      (event) => event.heldOn.slice(0, 7),
    );
    expect(visitsByMonth.size).toBe(12);
    expect([...visitsByMonth.values()].every((visits) => visits.length === 2)).toBe(true);
  });

  it('has a senior specialist who left at the end of the previous fiscal year', () => {
    const roster = demoSeniorSpecialists('kibougaoka', NOW);
    const yearEnd = `${CURRENT}-03-31`;
    expect(roster.filter((entry) => isSeniorOn(entry, yearEnd))).toHaveLength(4);
    expect(roster.filter((entry) => isSeniorOn(entry, `${CURRENT}-04-01`))).toHaveLength(3);
  });
});

describe('the demo ledger of 北信圏域', () => {
  it('splits its events across both member municipalities, by default where the office is', () => {
    const events = demoLedgerEvents('hokushin', NOW);
    expect(new Set(events.map((event) => event.municipalityCode))).toEqual(new Set(['990011', '990012']));
    const directory = {
      today: TODAY,
      offices: DEMO_OFFICES.hokushin ?? [],
      members: [],
      keeperOfficeId: 'hokushin-core',
    };
    expect(defaultMunicipality(['hokushin-sakura'], directory)).toBe('990011');
  });
});
