import { describe, expect, it } from 'vitest';
import { checkEventForm, emptyEventForm, linksCases, toEventBody } from './event-form.ts';

const filled = () => ({
  ...emptyEventForm('2026-10-15'),
  kind: 'case_review' as const,
  title: '事例検討会（8050世帯の支援）',
  officeIds: ['himawari', 'aozora'],
  organisations: '地域包括支援センター\n\n社会福祉協議会\n',
  participantCount: '14',
  caseIds: ['demo-case-001'],
});

describe('ledger event form', () => {
  it('sends organisations one per line and an empty unnamed count as zero', () => {
    const body = toEventBody(filled());

    expect(body.organisations).toEqual(['地域包括支援センター', '社会福祉協議会']);
    expect(body.unnamedOrganisationCount).toBe(0);
    expect(body.participantCount).toBe(14);
  });

  it('links cases only for kinds about individual cases', () => {
    expect(linksCases('case_review')).toBe(true);
    expect(linksCases('training')).toBe(false);
    expect(toEventBody({ ...filled(), kind: 'training' }).caseIds).toEqual([]);
    expect(toEventBody(filled()).caseIds).toEqual(['demo-case-001']);
  });

  it('asks for the kind, the title and the number of participants', () => {
    const check = checkEventForm(emptyEventForm('2026-10-15'));

    expect(check.ok === false && Object.keys(check.errors).sort()).toEqual([
      'kind',
      'participantCount',
      'title',
    ]);
  });

  it('refuses a participant count that is not a whole number', () => {
    const check = checkEventForm({ ...filled(), participantCount: '十人' });

    expect(check.ok === false && check.errors.participantCount).toBeDefined();
  });

  it('accepts a complete event', () => {
    const check = checkEventForm(filled());

    expect(check.ok && check.input).toMatchObject({
      kind: 'case_review',
      officeIds: ['himawari', 'aozora'],
      participantCount: 14,
      notes: '',
    });
  });
});
