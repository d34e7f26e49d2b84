import { DifficultyFile, Supervision, SupportMeeting, isOpenDifficulty, todayInJapan } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { consentInForce } from '../src/data/person-store.ts';
import { demoCases } from './demo-data.ts';
import { demoDifficultItems, demoSupervisions, withDemoDifficulty } from './demo-difficult.ts';
import { demoRecords } from './demo-records.ts';

const NOW = new Date('2026-11-22T03:00:00.000Z');
const TODAY = todayInJapan(NOW);

/** Cases the integration tests and the authorisation matrix rely on being unshared. */
const KEPT_UNSHARED = [
  'demo-kibougaoka-case-001',
  'demo-kibougaoka-case-002',
  'demo-kibougaoka-case-029',
  'demo-kibougaoka-case-030',
  'demo-kibougaoka-case-055',
  'demo-kibougaoka-case-060',
  'demo-hokushin-case-001',
];

const strip = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, entity: _entity, kind: _kind, tenantId: _tenantId, ...rest } = item;
  return rest;
};

describe.each(['kibougaoka', 'hokushin'])('the demo difficult cases of %s', (tenantId) => {
  const plain = demoCases(tenantId, NOW);
  const cases = withDemoDifficulty(plain);
  const items = demoDifficultItems(tenantId, NOW);
  const files = items
    .filter((item) => item.entity === 'difficulty')
    .map((item) => DifficultyFile.parse(strip(item)));
  const consents = demoRecords(tenantId, NOW, plain).consents;
  const sharingConsent = (personId: string) =>
    consents.find((entry) => entry.personId === personId && entry.consent.purpose === 'core_supervision')
      ?.consent;

  it('change only the cases they are about, and leave the input as it was', () => {
    const changed = cases.filter((demoCase, index) => demoCase !== plain[index]);
    expect(changed.length).toBeGreaterThan(0);
    expect(plain.every(({ record }) => record.difficulty === undefined && !record.sharedWithCore)).toBe(true);
  });

  it('give each flagged case one file and one board item that agree with the case', () => {
    const flagged = cases.filter(({ record }) => record.difficulty);
    expect(files.map((file) => file.caseId).sort()).toEqual(
      flagged.map(({ record }) => record.caseId).sort(),
    );
    for (const { record } of flagged) {
      const file = files.find((candidate) => candidate.caseId === record.caseId);
      expect(record.difficulty).toEqual({
        status: file?.status,
        categories: file?.categories,
        flaggedOn: file?.flaggedOn,
      });
      const board = items.filter(
        (item) => item.entity === 'difficult_board' && item.caseId === record.caseId,
      );
      expect(board).toHaveLength(1);
      expect(board[0]?.sk).toBe(`${file?.status}#${record.officeId}#${record.caseId}`);
    }
  });

  it('share a case exactly when it was escalated or asked for supervision, on a consent in force unless an emergency of abuse', () => {
    for (const { record } of cases) {
      const file = files.find((candidate) => candidate.caseId === record.caseId);
      expect(record.sharedWithCore).toBe(record.sharing !== undefined);
      if (file) expect(record.sharedWithCore).toBe(file.escalation !== undefined);
      if (!record.sharing) continue;
      const consent = sharingConsent(record.personId);
      if (record.sharing.basis === 'emergency') {
        expect(file?.categories).toContain('abuse');
        expect(file?.escalation?.emergencyReason).toBeTruthy();
        expect(consentInForce(consent, TODAY)).toBe(false);
      } else {
        expect(consentInForce(consent, record.sharing.since)).toBe(true);
      }
    }
  });

  it('keep the cases the tests hold fixed unshared and without difficulty', () => {
    for (const { record } of cases.filter(({ record }) => KEPT_UNSHARED.includes(record.caseId))) {
      expect(record.sharedWithCore).toBe(false);
      expect(record.difficulty).toBeUndefined();
    }
  });

  it('are valid records: files, support meetings after the flag, supervisions about shared cases', () => {
    const meetings = items
      .filter((item) => item.entity === 'support_meeting')
      .map((item) => SupportMeeting.parse(strip(item)));
    for (const meeting of meetings) {
      const file = files.find((candidate) => candidate.caseId === meeting.caseId);
      expect(meeting.heldOn >= (file?.flaggedOn ?? '')).toBe(true);
      expect(meeting.heldOn <= TODAY).toBe(true);
    }
    for (const supervision of demoSupervisions(tenantId, NOW, cases)) {
      Supervision.parse(supervision);
      for (const linked of supervision.cases) {
        expect(cases.find(({ record }) => record.caseId === linked.caseId)?.record.sharedWithCore).toBe(true);
      }
    }
    const keys = items.map((item) => `${String(item.pk)}|${String(item.sk)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the demo board of the larger tenant', () => {
  const cases = withDemoDifficulty(demoCases('kibougaoka', NOW));
  const files = demoDifficultItems('kibougaoka', NOW)
    .filter((item) => item.entity === 'difficulty')
    .map((item) => DifficultyFile.parse(strip(item)));

  it('has a case at every stage, one emergency escalation and an overdue review', () => {
    expect(new Set(files.map((file) => file.status))).toEqual(
      new Set(['flagged', 'escalated', 'accepted', 'closing_proposed', 'closed']),
    );
    expect(files.filter((file) => file.escalation?.basis === 'emergency')).toHaveLength(1);
    expect(
      files.some(
        (file) =>
          isOpenDifficulty(file.status) && file.nextReviewOn !== undefined && file.nextReviewOn < TODAY,
      ),
    ).toBe(true);
    expect(cases.some(({ record }) => record.sharing?.basis === 'supervision_request')).toBe(true);
  });
});
