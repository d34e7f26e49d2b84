import { describe, expect, it } from 'vitest';
import {
  casesNeedingCouncilConsent,
  casesWithoutCouncilConsent,
  eventWithoutCases,
  isCouncilSession,
  issueWithoutConsentMessage,
  sessionWithoutConsentMessage,
} from './council-consent.ts';

const PERSON_OF = new Map([
  ['case-1', 'person-1'],
  ['case-2', 'person-2'],
  ['case-3', 'person-3'],
]);

describe('the council consent of the cases counted in council material (council_anonymised)', () => {
  it('names, by position, each case whose person had not consented, and none when all had', () => {
    const caseIds = ['case-1', 'case-2', 'case-3'];
    expect(casesWithoutCouncilConsent(caseIds, PERSON_OF, new Set(['person-2']))).toEqual([1, 3]);
    expect(
      casesWithoutCouncilConsent(caseIds, PERSON_OF, new Set(['person-1', 'person-2', 'person-3'])),
    ).toEqual([]);
  });

  it('fails closed on a case whose person is unknown', () => {
    expect(casesWithoutCouncilConsent(['case-9'], PERSON_OF, new Set(['person-9']))).toEqual([1]);
  });

  it('checks only the cases it is asked to, keeping the positions of the whole list', () => {
    expect(casesWithoutCouncilConsent(['case-1', 'case-2'], PERSON_OF, new Set(), ['case-2'])).toEqual([2]);
  });

  it('names the consent and the positions in the refusals, never a case id', () => {
    const issue = issueWithoutConsentMessage([1, 3]);
    expect(issue).toContain('協議会での匿名化した事例利用');
    expect(issue).toContain('1件目・3件目');
    expect(issue).toContain('提起日');
    const session = sessionWithoutConsentMessage([2]);
    expect(session).toContain('協議会での匿名化した事例利用');
    expect(session).toContain('2件目');
    expect(session).toContain('開催日');
  });
});

describe('which ledger events are council material', () => {
  it('are the council and sub-committee sessions, not the core center’s own case reviews or visits', () => {
    expect(isCouncilSession('council_session')).toBe(true);
    expect(isCouncilSession('subcommittee_session')).toBe(true);
    expect(isCouncilSession('case_review')).toBe(false);
    expect(isCouncilSession('advice_visit')).toBe(false);
  });

  const session = { kind: 'council_session' as const, heldOn: '2026-06-27', caseIds: ['case-1'] };

  it('check every linked case of a new session, and none of a case review', () => {
    expect(casesNeedingCouncilConsent(null, { ...session, caseIds: ['case-1', 'case-2'] })).toEqual([
      'case-1',
      'case-2',
    ]);
    expect(casesNeedingCouncilConsent(null, { ...session, kind: 'case_review' })).toEqual([]);
  });

  it('check on a correction the cases it adds, or all of them when it moves the date or makes it a session', () => {
    expect(casesNeedingCouncilConsent(session, { ...session, caseIds: ['case-1', 'case-2'] })).toEqual([
      'case-2',
    ]);
    expect(casesNeedingCouncilConsent(session, { ...session, title: 'x' } as typeof session)).toEqual([]);
    expect(casesNeedingCouncilConsent(session, { ...session, heldOn: '2026-06-20' })).toEqual(['case-1']);
    expect(casesNeedingCouncilConsent({ ...session, kind: 'case_review' }, session)).toEqual(['case-1']);
  });

  it('unlink the cases of a revoked consent from a session, keeping the session as a new version', () => {
    const event = {
      eventId: 'event-1',
      caseIds: ['case-1', 'case-2'],
      version: 2,
      updatedAt: '',
      updatedBy: '',
    };
    const after = eventWithoutCases(event, new Set(['case-1', 'case-3']), {
      at: '2026-07-01T00:00:00.000Z',
      userId: 'user-sato',
    });
    expect(after).toEqual({
      eventId: 'event-1',
      caseIds: ['case-2'],
      version: 3,
      updatedAt: '2026-07-01T00:00:00.000Z',
      updatedBy: 'user-sato',
    });
  });
});
