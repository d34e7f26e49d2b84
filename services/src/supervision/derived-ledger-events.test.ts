import { describe, expect, it } from 'vitest';
import type { LedgerEventRecord } from '../data/ledger-store.ts';
import {
  supervisionLedgerEvent,
  supportMeetingLedgerEvent,
  type DerivationDirectory,
} from './derived-ledger-events.ts';

const DIRECTORY: DerivationDirectory = {
  offices: [
    { officeId: 'himawari', type: 'plan_consultation', municipalityCode: '990011' },
    { officeId: 'aozora', type: 'plan_consultation', municipalityCode: '990012' },
    { officeId: 'core', type: 'core_center', municipalityCode: '990011' },
  ],
  users: [
    { userId: 'user-sato', officeId: 'himawari' },
    { userId: 'user-kato', officeId: 'himawari' },
    { userId: 'user-suzuki', officeId: 'aozora' },
    { userId: 'user-takahashi', officeId: 'core' },
  ],
};
const NEW = { at: '2026-11-20T01:00:00.000Z', userId: 'user-takahashi', previous: null };
const supervision = (specialistUserIds: string[], kind: 'individual' | 'group' = 'group') => ({
  supervisionId: 'sv-1',
  kind,
  heldOn: '2026-11-19',
  specialistUserIds,
});

describe('the advice event a supervision produces', () => {
  it('is one advice_visit for the offices of the specialists supervised, linked to the supervision', () => {
    const event = supervisionLedgerEvent(
      supervision(['user-suzuki', 'user-sato', 'user-kato']),
      DIRECTORY,
      NEW,
    );

    expect(event).toMatchObject({
      eventId: 'sv-1',
      kind: 'advice_visit',
      heldOn: '2026-11-19',
      officeIds: ['aozora', 'himawari'],
      participantCount: 3,
      municipalityCode: '990012',
      source: { kind: 'supervision', id: 'sv-1' },
      version: 1,
    });
  });

  it('copies nothing typed by hand: the title is the kind of supervision, no case, no notes', () => {
    const event = supervisionLedgerEvent(supervision(['user-sato'], 'individual'), DIRECTORY, NEW);

    expect(event).toMatchObject({ title: '個別スーパービジョン', caseIds: [], notes: '', organisations: [] });
  });

  it("is none for a supervision of the core center's own staff: no office was advised", () => {
    expect(supervisionLedgerEvent(supervision(['user-takahashi']), DIRECTORY, NEW)).toBeNull();
  });

  it("leaves the core center's own staff out of a group with office staff", () => {
    const event = supervisionLedgerEvent(supervision(['user-takahashi', 'user-sato']), DIRECTORY, NEW);

    expect(event).toMatchObject({ officeIds: ['himawari'], participantCount: 1, municipalityCode: '990011' });
  });

  it('keeps its creation and counts its version on from the event it corrects', () => {
    const first = supervisionLedgerEvent(supervision(['user-sato']), DIRECTORY, NEW) as LedgerEventRecord;
    const corrected = supervisionLedgerEvent(
      { ...supervision(['user-suzuki']), heldOn: '2026-10-02' },
      DIRECTORY,
      { at: '2026-11-21T00:00:00.000Z', userId: 'user-other', previous: first },
    );

    expect(corrected).toMatchObject({
      heldOn: '2026-10-02',
      officeIds: ['aozora'],
      version: 2,
      createdAt: NEW.at,
      createdBy: 'user-takahashi',
      updatedBy: 'user-other',
    });
  });
});

describe('the case review a support meeting produces', () => {
  const meeting = {
    meetingId: 'mt-1',
    caseId: 'case-1',
    heldOn: '2026-11-18',
    agencies: [
      { name: '〇〇病院', contribution: '短期入所の枠を確認する' },
      { name: '社協', contribution: '見守りを週1回にする' },
    ],
  };

  it("is a case_review the case's office took part in, the case counted and the agencies counted, not named", () => {
    const event = supportMeetingLedgerEvent(meeting, 'aozora', DIRECTORY, NEW);

    expect(event).toMatchObject({
      eventId: 'mt-1',
      kind: 'case_review',
      title: '困難事例の支援会議',
      officeIds: ['aozora'],
      organisations: [],
      unnamedOrganisationCount: 2,
      caseIds: ['case-1'],
      municipalityCode: '990012',
      source: { kind: 'support_meeting', id: 'mt-1' },
    });
    expect(JSON.stringify(event)).not.toContain('病院');
  });

  it("names no office for a case the core center holds itself: its own work is no office's participation", () => {
    expect(supportMeetingLedgerEvent(meeting, 'core', DIRECTORY, NEW).officeIds).toEqual([]);
  });
});
