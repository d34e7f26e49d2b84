import {
  AnonymousConsultation,
  ConsentView,
  Consultation,
  Meeting,
  Monitoring,
  Plan,
  ServiceDecision,
  addMonths,
  ageOn,
  fiscalYearOf,
  kanaForComparison,
  monitoringStatus,
  todayInJapan,
} from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import type { MonthActivity } from '../src/data/statistics-counters.ts';
import { demoCases } from './demo-data.ts';
import { demoRecordItems, demoRecords } from './demo-records.ts';

const NOW = new Date('2026-11-22T03:00:00.000Z');
const TODAY = todayInJapan(NOW);

const strip = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, entity: _entity, tenantId: _tenantId, officeId: _officeId, ...rest } = item;
  return rest;
};

describe.each(['kibougaoka', 'hokushin'])('the demo records of %s', (tenantId) => {
  const cases = demoCases(tenantId, NOW);
  const records = demoRecords(tenantId, NOW, cases);
  const openedOn = new Map(cases.map(({ record }) => [record.caseId, record.openedOn]));

  it('are valid records as the API returns them', () => {
    for (const plan of records.plans) Plan.parse(plan);
    for (const { meeting } of records.meetings) Meeting.parse(meeting);
    for (const consultation of records.consultations) Consultation.parse(consultation);
    for (const { consent } of records.consents) ConsentView.parse(consent);
    for (const consultation of records.anonymous) AnonymousConsultation.parse(consultation);
  });

  it('never date anything in the future or before its case was opened', () => {
    for (const { meeting } of records.meetings) {
      expect(meeting.heldOn <= TODAY).toBe(true);
      expect(meeting.heldOn >= (openedOn.get(meeting.caseId) ?? '')).toBe(true);
      for (const assignment of meeting.assignments) expect(assignment.dueOn >= meeting.heldOn).toBe(true);
    }
    for (const consultation of records.consultations) {
      expect(consultation.consultedOn <= TODAY).toBe(true);
      expect(consultation.consultedOn >= (openedOn.get(consultation.caseId) ?? '')).toBe(true);
    }
    for (const plan of records.plans) expect((plan.consentOn ?? TODAY) <= TODAY).toBe(true);
  });

  it('date every plan (計画作成日) within its case and not after its 同意日 (ADR 0036)', () => {
    for (const plan of records.plans) {
      expect(plan.createdOn, plan.recordId).toBeDefined();
      const createdOn = plan.createdOn ?? '';
      expect(createdOn >= (openedOn.get(plan.caseId) ?? ''), plan.recordId).toBe(true);
      expect(createdOn <= TODAY, plan.recordId).toBe(true);
      if (plan.consentOn) expect(createdOn <= plan.consentOn, plan.recordId).toBe(true);
    }
  });

  it('have plan versions numbered 1, 2… per case with only the newest a draft', () => {
    const byCase = Map.groupBy(records.plans, (plan) => plan.caseId);
    for (const plans of byCase.values()) {
      expect(plans.map((plan) => plan.planVersion)).toEqual(plans.map((_, index) => index + 1));
      expect(plans.slice(0, -1).every((plan) => plan.status === 'final')).toBe(true);
    }
  });

  it('give the specialist home open and overdue role assignments', () => {
    const open = records.meetings.flatMap(({ meeting }) => meeting.assignments.filter((a) => !a.doneOn));
    expect(open.some((assignment) => assignment.dueOn < TODAY)).toBe(true);
    expect(open.some((assignment) => assignment.dueOn >= TODAY)).toBe(true);
  });

  it('hold at most one consent per person and purpose, one of them revoked in the larger tenant', () => {
    const keys = records.consents.map(({ personId, consent }) => `${personId}/${consent.purpose}`);
    expect(new Set(keys).size).toBe(keys.length);
    if (tenantId === 'kibougaoka') {
      expect(records.consents.some(({ consent }) => consent.status === 'revoked')).toBe(true);
    }
  });

  it('write every item once, with a link from each person to their case', () => {
    const items = demoRecordItems(tenantId, NOW);
    const itemKeys = items.map((item) => `${String(item.pk)}|${String(item.sk)}`);
    expect(new Set(itemKeys).size).toBe(itemKeys.length);
    expect(items.filter((item) => item.entity === 'person_case')).toHaveLength(cases.length);
  });

  it('hold one record per person (ADR 0025): one holder per recipient number, no two alike by kana and birth date at an office', () => {
    const numbered = cases.filter(({ person }) => person.recipientNumber);
    const holders = demoRecordItems(tenantId, NOW).filter((item) => item.entity === 'recipient_holder');
    expect(holders).toHaveLength(numbered.length);
    expect(new Set(holders.map((item) => item.pk)).size).toBe(numbered.length);
    const alike = cases.map(
      ({ person, record }) => `${record.officeId}|${kanaForComparison(person.kana)}|${person.birthDate}`,
    );
    expect(new Set(alike).size).toBe(alike.length);
  });
});

/**
 * The statistics count each case's `activity`; the case pages show its MONITORING records. Replayed
 * from the records alone (the decision in force on the day, the monitorings before it), the
 * activity must say the same: the same months, the same counts, on time by the due date then.
 */
describe.each(['kibougaoka', 'hokushin'])('the demo activity of %s', (tenantId) => {
  const cases = demoCases(tenantId, NOW);
  const items = demoRecordItems(tenantId, NOW);
  const ofCase = (caseId: string, entity: string) =>
    items.filter((item) => item.entity === entity && item.caseId === caseId);
  const thisYear = fiscalYearOf(TODAY);
  const monthsOf = (fiscalYear: number) =>
    Array.from({ length: 12 }, (_, k) => addMonths(`${fiscalYear}-04-01`, k).slice(0, 7));

  const replayed = (caseId: string): Record<string, MonthActivity> => {
    const decisions = ofCase(caseId, 'service_decision').map((item) => ServiceDecision.parse(strip(item)));
    const monitorings = ofCase(caseId, 'monitoring')
      .map((item) => Monitoring.parse(strip(item)))
      .sort((a, b) => a.conductedOn.localeCompare(b.conductedOn));
    const activity: Record<string, MonthActivity> = {};
    const monthOf = (month: string) =>
      (activity[month] ??= { monitorings: 0, monitoringsOnTime: 0, plansFinalised: 0 });
    monitorings.forEach((monitoring, index) => {
      const inForce = decisions
        .filter((decision) => decision.decidedOn <= monitoring.conductedOn)
        .sort((a, b) => a.decidedOn.localeCompare(b.decidedOn))
        .at(-1);
      const earlier = monitorings.slice(0, index).map((earlierOne) => earlierOne.conductedOn);
      const dueOn = inForce
        ? monitoringStatus(
            { ...inForce, periodMonths: inForce.monitoringPeriodMonths },
            earlier,
            monitoring.conductedOn,
          ).nextDueDate
        : null;
      const month = monthOf(monitoring.conductedOn.slice(0, 7));
      month.monitorings += 1;
      if (dueOn === null || monitoring.conductedOn <= dueOn) month.monitoringsOnTime += 1;
    });
    for (const item of ofCase(caseId, 'plan')) {
      const { kind: _kind, ...stored } = strip(item);
      const plan = Plan.parse(stored);
      if (plan.status === 'final' && plan.consentOn) monthOf(plan.consentOn.slice(0, 7)).plansFinalised += 1;
    }
    return activity;
  };

  it('equals what the monitoring and plan records of each case add up to', () => {
    for (const { record } of cases) {
      expect(record.activity ?? {}, record.caseId).toEqual(replayed(record.caseId));
    }
  });

  it('keeps the decision records on the case: the last in force, the earlier ones in its history', () => {
    for (const { record } of cases) {
      const periods = ofCase(record.caseId, 'service_decision')
        .map((item) => ServiceDecision.parse(strip(item)))
        .map(({ validFrom, validTo }) => ({ validFrom, validTo }));
      const onCase = [...(record.decisionHistory ?? []), ...(record.decision ? [record.decision] : [])].map(
        ({ validFrom, validTo }) => ({ validFrom, validTo }),
      );
      expect(onCase, record.caseId).toEqual(periods);
      const dates = ofCase(record.caseId, 'monitoring').map((item) => String(item.conductedOn));
      expect(record.lastMonitoringOn, record.caseId).toBe(dates.sort().at(-1));
    }
  });

  it('date every monitoring within its case: not before opening, not after closing or today', () => {
    for (const { record } of cases) {
      for (const item of ofCase(record.caseId, 'monitoring')) {
        const conductedOn = String(item.conductedOn);
        expect(conductedOn >= record.openedOn).toBe(true);
        expect(conductedOn <= (record.closedOn ?? TODAY)).toBe(true);
      }
    }
  });

  it('monitor in every month of the last full fiscal year, mostly on time and some late', () => {
    const months = monthsOf(thisYear - 1);
    const total = (month: string, field: keyof MonthActivity) =>
      cases.reduce((sum, { record }) => sum + (record.activity?.[month]?.[field] ?? 0), 0);
    const done = months.reduce((sum, month) => sum + total(month, 'monitorings'), 0);
    const onTime = months.reduce((sum, month) => sum + total(month, 'monitoringsOnTime'), 0);
    if (tenantId === 'kibougaoka') {
      for (const month of months) expect(total(month, 'monitorings'), month).toBeGreaterThan(0);
    }
    expect(onTime / done).toBeGreaterThan(0.7);
    expect(onTime).toBeLessThan(done);
  });

  it('cover both fiscal years with decisions, renewals, self-plans and closures', () => {
    const covers = (fiscalYear: number) => (record: (typeof cases)[number]['record']) =>
      [...(record.decisionHistory ?? []), ...(record.decision ? [record.decision] : [])].some(
        (period) => period.validFrom <= `${fiscalYear + 1}-03-31` && period.validTo >= `${fiscalYear}-04-01`,
      );
    const records = cases.map(({ record }) => record);
    expect(records.filter(covers(thisYear - 1)).length).toBeGreaterThan(3);
    expect(records.filter(covers(thisYear)).length).toBeGreaterThan(3);
    expect(records.some((record) => record.decisionHistory?.length)).toBe(true);
    expect(records.some((record) => record.closedOn && fiscalYearOf(record.closedOn) === thisYear - 1)).toBe(
      true,
    );
    expect(records.every((record) => record.municipalityCode)).toBe(true);
    if (tenantId === 'kibougaoka') {
      const selfPlans = records.filter((record) => record.planAuthor === 'self_plan' && record.decision);
      expect(selfPlans.map((record) => record.selfPlanReason)).toContain('no_office_available');
      const community = records.filter(
        (record) => record.serviceKind === 'community_transition' && covers(thisYear - 1)(record),
      );
      expect(community.length).toBeGreaterThan(0);
    } else {
      expect(new Set(records.map((record) => record.municipalityCode)).size).toBe(2);
    }
  });
});

describe.each(['kibougaoka', 'hokushin'])(
  'the demo data of %s is plausible to a specialist (issue 15 point 5)',
  (tenantId) => {
    const cases = demoCases(tenantId, NOW);
    const records = demoRecords(tenantId, NOW, cases);
    const ageOf = (personId: string) => {
      const person = cases.find((entry) => entry.person.personId === personId)?.person;
      return person ? ageOn(person.birthDate, TODAY) : Number.NaN;
    };

    it('gives an 8050 household only to someone in their forties to early sixties', () => {
      const households = cases.filter((entry) => entry.person.familySituation.includes('8050'));
      expect(households.length).toBeGreaterThan(0);
      for (const { person } of households)
        expect(ageOf(person.personId), person.personId).toBeGreaterThanOrEqual(40);
      for (const { person } of households) expect(ageOf(person.personId), person.personId).toBeLessThan(65);
    });

    it('gives a child a parent as representative and a parent as emergency contact, and no phone of their own', () => {
      const children = cases.filter((entry) => ageOf(entry.person.personId) < 18);
      expect(children.length).toBeGreaterThan(0);
      for (const { person } of children) {
        expect(person.representative?.relation, person.personId).toBe('parent');
        expect(person.emergencyContact?.relation, person.personId).toBe('母');
        expect(person.phone, person.personId).toBeUndefined();
      }
    });

    it('plans no school-age service for a preschooler and no workshop for someone 65 or over', () => {
      for (const plan of records.plans) {
        const record = cases.find((entry) => entry.record.caseId === plan.caseId)?.record;
        const age = record ? ageOn(record.birthDate, TODAY) : Number.NaN;
        const services = plan.content.needs.flatMap((need) =>
          need.services.map((service) => service.serviceType),
        );
        if (age < 6) expect(services, plan.caseId).not.toContain('after_school_day');
        if (age >= 65) expect(services, plan.caseId).not.toContain('employment_b');
      }
    });
  },
);
