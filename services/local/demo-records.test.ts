import { AnonymousConsultation, ConsentView, Consultation, Meeting, Plan, todayInJapan } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { demoCases } from './demo-data.ts';
import { demoRecordItems, demoRecords } from './demo-records.ts';

const NOW = new Date('2026-11-22T03:00:00.000Z');
const TODAY = todayInJapan(NOW);

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
});
