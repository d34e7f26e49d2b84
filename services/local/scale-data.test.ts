import { Office, Person, Tenant, User, fiscalYearOf } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { CaseRecord } from '../src/data/case-store.ts';
import { LedgerEventRecord } from '../src/data/ledger-store.ts';
import {
  SCALE_OFFICES,
  SCALE_TENANT,
  SCALE_USERS,
  scaleCases,
  scaleLedgerEvents,
  scaleSeniorSpecialists,
} from './scale-data.ts';

const TODAY = '2026-11-23';
/** A sample of the 20,000: the same generator, so what holds here holds for the whole tenant. */
const SAMPLE = 600;

describe('the scale tenant', () => {
  const cases = scaleCases(TODAY, SAMPLE);

  it('is the same on every run of the same day', () => {
    expect(scaleCases(TODAY, 50)).toEqual(scaleCases(TODAY, 50));
    expect(scaleLedgerEvents(TODAY, 100)).toEqual(scaleLedgerEvents(TODAY, 100));
  });

  it('has three member municipalities, fifty offices with one core center, and a municipal officer', () => {
    Tenant.parse(SCALE_TENANT);
    expect(SCALE_TENANT.members).toHaveLength(3);
    for (const office of SCALE_OFFICES) Office.parse(office);
    expect(SCALE_OFFICES).toHaveLength(50);
    expect(SCALE_OFFICES.filter((office) => office.type === 'core_center')).toHaveLength(1);
    for (const user of SCALE_USERS) User.parse(user);
    expect(new Set(SCALE_USERS.map((user) => user.email)).size).toBe(SCALE_USERS.length);
    expect(SCALE_USERS.find((user) => user.email === 'ito@scale.example')?.role).toBe('municipal_officer');
  });

  it('stores valid cases and persons, each in an office of its service kind', () => {
    for (const { person, record } of cases) {
      Person.parse(person);
      CaseRecord.parse(record);
      const office = SCALE_OFFICES.find((candidate) => candidate.officeId === record.officeId);
      expect(record.serviceKind === 'basic_consultation' ? 'core_center' : record.serviceKind).toBe(
        office?.type,
      );
      expect(SCALE_USERS.find((user) => user.userId === record.specialistUserId)?.officeId).toBe(
        record.officeId,
      );
    }
  });

  it('counts in each case exactly the monitorings written for it', () => {
    for (const { record, monitorings } of cases) {
      const counted = Object.values(record.activity ?? {}).reduce((sum, month) => sum + month.monitorings, 0);
      expect(counted).toBe(monitorings.length);
      for (const { conductedOn } of monitorings) {
        expect(conductedOn >= record.openedOn && conductedOn <= (record.closedOn ?? TODAY)).toBe(true);
      }
    }
  });

  it('keeps in each case the day of its last record (its last monitoring), never after its closing', () => {
    for (const { record, monitorings } of cases) {
      expect(record.lastRecordOn).toBe(monitorings.at(-1)?.conductedOn ?? record.openedOn);
      if (record.closedOn) expect(record.closedOn >= (record.lastRecordOn ?? '')).toBe(true);
    }
  });

  it('averages about ten monitorings a case, so 20,000 cases make about 200,000 records', () => {
    const perCase = cases.reduce((sum, { monitorings }) => sum + monitorings.length, 0) / cases.length;
    expect(perCase).toBeGreaterThan(8);
    expect(perCase).toBeLessThan(12);
  });

  it('mixes service kinds, self-plans, renewals and closures', () => {
    const records = cases.map(({ record }) => record);
    expect(new Set(records.map((record) => record.serviceKind)).size).toBe(5);
    expect(records.some((record) => record.selfPlanReason === 'no_office_available')).toBe(true);
    expect(records.some((record) => record.decisionHistory?.length)).toBe(true);
    expect(records.some((record) => record.phase === 'closed')).toBe(true);
  });

  it('keeps about 2,000 ledger events in the last full fiscal year', () => {
    const events = scaleLedgerEvents(TODAY);
    for (const event of events.slice(0, 200)) LedgerEventRecord.parse(event);
    expect(events.filter((event) => fiscalYearOf(event.heldOn) === 2025)).toHaveLength(2_000);
    expect(events.every((event) => event.heldOn <= TODAY)).toBe(true);
    expect(scaleSeniorSpecialists(TODAY).length).toBeGreaterThan(20);
  });
});
