import {
  DIFFICULT_STATUSES,
  type DifficultStatus,
  type DifficultyFile,
  type DifficultyFlagInput,
} from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../data/case-store.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import type { Stamp } from '../kernel/stamp.ts';
import {
  DIFFICULTY_TRANSITIONS,
  EMERGENCY_ONLY_FOR_ABUSE_MESSAGE,
  NO_CONSENT_MESSAGE,
  acceptDifficulty,
  approveClosure,
  canMoveDifficulty,
  escalateDifficulty,
  escalationBasis,
  flagDifficulty,
  proposeClosure,
  recordSupportMeeting,
  requestSupervision,
  requireMove,
} from './difficult-rules.ts';
import { hiddenByRevocation, unsharedCase } from '../consent/core-sharing.ts';

const STAMP: Stamp = { at: '2026-11-22T03:00:00.000Z', userId: 'user_suzuki02', today: '2026-11-22' };
const CORE_STAMP: Stamp = { ...STAMP, userId: 'user_takahashi' };

const caseRecord = (overrides: Partial<CaseRecord> = {}): CaseRecord => ({
  caseId: 'case_0001',
  caseCode: 'K-ABCDEF',
  tenantId: 'kibougaoka',
  officeId: 'office_north1',
  personId: 'person_7f3a9c',
  personName: '佐藤 花子',
  personKana: 'サトウ ハナコ',
  birthDate: '1990-05-10',
  specialistUserId: 'user_tanaka01',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2026-03-01',
  sharedWithCore: false,
  nextMonitoringDueOn: '2026-12-31',
  version: 4,
  createdAt: '2026-03-01T01:00:00.000Z',
  createdBy: 'user_tanaka01',
  updatedAt: '2026-10-01T02:30:00.000Z',
  updatedBy: 'user_tanaka01',
  ...overrides,
});

const fileAt = (status: DifficultStatus, overrides: Partial<DifficultyFile> = {}): DifficultyFile => ({
  caseId: 'case_0001',
  officeId: 'office_north1',
  episodeId: 'episode_0001',
  status,
  categories: ['eighty_fifty'],
  note: '',
  flaggedOn: '2026-10-01',
  history: [{ status: 'flagged', on: '2026-10-01', at: '2026-10-01T01:00:00.000Z', by: 'user_tanaka01' }],
  revision: 3,
  createdAt: '2026-10-01T01:00:00.000Z',
  updatedAt: '2026-10-01T01:00:00.000Z',
  ...overrides,
});

const flagInput: DifficultyFlagInput = { categories: ['abuse', 'poverty'], note: '母からの相談' };

describe('the status machine of a difficult case', () => {
  it('moves only flagged → escalated → accepted → closing_proposed → closed', () => {
    const allowed = DIFFICULT_STATUSES.flatMap((from) =>
      DIFFICULT_STATUSES.filter((to) => canMoveDifficulty(from, to)).map((to) => `${from}→${to}`),
    );

    expect(allowed).toEqual([
      'flagged→escalated',
      'escalated→accepted',
      'accepted→closing_proposed',
      'closing_proposed→closed',
    ]);
    expect(DIFFICULTY_TRANSITIONS.closed).toEqual([]);
  });

  it.each([
    ['escalated', 'flagged'],
    ['accepted', 'escalated'],
    ['closing_proposed', 'accepted'],
    ['closed', 'closing_proposed'],
  ] as const)('refuses a move to %s from any status but %s (409)', (to, from) => {
    for (const status of DIFFICULT_STATUSES.filter((candidate) => candidate !== from)) {
      expect(() => requireMove(fileAt(status), to)).toThrow(ConflictError);
    }
    expect(requireMove(fileAt(from), to).status).toBe(from);
  });

  it('refuses any move on a case that is not a difficult case', () => {
    expect(() => requireMove(null, 'escalated')).toThrow('困難事例として登録されていません');
  });
});

describe('flagging', () => {
  it('flags an open case: the case carries status, categories and the day, one version on', () => {
    const { record, file, archived } = flagDifficulty(caseRecord(), null, flagInput, STAMP, 'episode_0002');

    expect(record.difficulty).toEqual({
      status: 'flagged',
      categories: ['abuse', 'poverty'],
      flaggedOn: '2026-11-22',
    });
    expect(record.version).toBe(5);
    expect(record.sharedWithCore).toBe(false);
    expect(file).toMatchObject({
      status: 'flagged',
      episodeId: 'episode_0002',
      revision: 1,
      note: '母からの相談',
    });
    expect(archived).toBeUndefined();
  });

  it('refuses a closed case and a case whose difficulty is still open', () => {
    expect(() => flagDifficulty(caseRecord({ phase: 'closed' }), null, flagInput, STAMP, 'e1')).toThrow(
      ConflictError,
    );
    expect(() => flagDifficulty(caseRecord(), fileAt('accepted'), flagInput, STAMP, 'e1')).toThrow(
      '既に困難事例として登録されています',
    );
  });

  it('starts a new episode after a closed one, keeping the closed file aside', () => {
    const closed = fileAt('closed', { revision: 7 });
    const { file, archived } = flagDifficulty(caseRecord(), closed, flagInput, STAMP, 'episode_0002');

    expect(archived).toBe(closed);
    expect(file.revision).toBe(8);
    expect(file.history.map((entry) => entry.status)).toEqual(['flagged']);
  });
});

describe('the consent gate of an escalation', () => {
  it('shares on the consent when the person has consented', () => {
    expect(escalationBasis(true, ['poverty'], undefined)).toBe('escalation');
    expect(escalationBasis(true, ['abuse'], { reason: '緊急' })).toBe('escalation');
  });

  it('refuses without consent and without an emergency (409)', () => {
    expect(() => escalationBasis(false, ['abuse'], undefined)).toThrow(NO_CONSENT_MESSAGE);
  });

  it('refuses an emergency without consent unless the categories include abuse', () => {
    expect(() => escalationBasis(false, ['eighty_fifty', 'poverty'], { reason: '緊急' })).toThrow(
      EMERGENCY_ONLY_FOR_ABUSE_MESSAGE,
    );
  });

  it('allows an emergency in a case of abuse without consent, as an emergency share', () => {
    expect(escalationBasis(false, ['poverty', 'abuse'], { reason: '身体的虐待の疑い' })).toBe('emergency');
  });
});

describe('escalation, acceptance and support meetings', () => {
  it('escalates a flagged case and shares it with the core center on the given basis', () => {
    const { record, file } = escalateDifficulty(
      caseRecord(),
      fileAt('flagged'),
      { reason: '家族全体の支援が必要', emergency: { reason: '虐待の疑い' } },
      'emergency',
      STAMP,
    );

    expect(record).toMatchObject({
      sharedWithCore: true,
      sharing: { basis: 'emergency', since: '2026-11-22' },
      difficulty: { status: 'escalated' },
      version: 5,
    });
    expect(file.escalation).toEqual({
      on: '2026-11-22',
      reason: '家族全体の支援が必要',
      basis: 'emergency',
      emergencyReason: '虐待の疑い',
    });
    expect(file.revision).toBe(4);
  });

  it('accepts an escalated case and records the day', () => {
    const { record, file } = acceptDifficulty(caseRecord(), fileAt('escalated'), CORE_STAMP);

    expect(file.acceptedOn).toBe('2026-11-22');
    expect(record.difficulty?.status).toBe('accepted');
    expect(file.history.at(-1)).toMatchObject({ status: 'accepted', by: 'user_takahashi' });
  });

  it('records a support meeting of an accepted case and moves the review date to the one it set', () => {
    const { file, meeting } = recordSupportMeeting(
      fileAt('accepted', { nextReviewOn: '2026-11-01' }),
      {
        heldOn: '2026-11-20',
        agencies: [{ name: '地域包括支援センター', contribution: '母の介護サービスを見直す' }],
        summary: '',
        assignments: [{ who: '相談支援専門員', what: '日中活動の見学に同行する', dueOn: '2026-12-10' }],
        nextReviewOn: '2027-01-15',
      },
      CORE_STAMP,
      { meetingId: 'meeting_0001', assignmentIds: ['assign_0001'] },
    );

    expect(file.nextReviewOn).toBe('2027-01-15');
    expect(file.status).toBe('accepted');
    expect(meeting.assignments).toEqual([
      {
        assignmentId: 'assign_0001',
        who: '相談支援専門員',
        what: '日中活動の見学に同行する',
        dueOn: '2026-12-10',
      },
    ]);
  });

  it('refuses a support meeting before acceptance (409) and one held in the future (400)', () => {
    const input = {
      heldOn: '2026-11-20',
      agencies: [{ name: '市', contribution: '見守り' }],
      summary: '',
      assignments: [],
      nextReviewOn: '2027-01-15',
    };
    const ids = { meetingId: 'meeting_0001', assignmentIds: [] };

    expect(() => recordSupportMeeting(fileAt('escalated'), input, STAMP, ids)).toThrow(ConflictError);
    expect(() =>
      recordSupportMeeting(fileAt('accepted'), { ...input, heldOn: '2026-11-23' }, STAMP, ids),
    ).toThrow(ValidationError);
  });
});

describe('closure', () => {
  it('records the proposed outcome and who proposed it', () => {
    const { file } = proposeClosure(
      caseRecord(),
      fileAt('accepted'),
      { outcome: '役割分担が定着した' },
      STAMP,
    );

    expect(file.status).toBe('closing_proposed');
    expect(file.closure).toEqual({
      outcome: '役割分担が定着した',
      proposedOn: '2026-11-22',
      proposedBy: STAMP.userId,
    });
  });

  it('needs a proposal before approval', () => {
    expect(() => approveClosure(caseRecord(), fileAt('accepted'), false, CORE_STAMP)).toThrow(ConflictError);
  });

  it("closes on a core supervisor's approval, with the approver and without a review date", () => {
    const proposed = fileAt('closing_proposed', {
      nextReviewOn: '2026-12-01',
      closure: { outcome: '終結', proposedOn: '2026-11-20', proposedBy: 'user_tanaka01' },
    });
    const shared = caseRecord({
      sharedWithCore: true,
      sharing: { basis: 'escalation', since: '2026-10-02' },
    });

    const { record, file, unshared } = approveClosure(shared, proposed, false, CORE_STAMP);

    expect(file.status).toBe('closed');
    expect(file.nextReviewOn).toBeUndefined();
    expect(file.closure).toMatchObject({ approvedOn: '2026-11-22', approvedBy: 'user_takahashi' });
    // Sharing on the consent outlives the difficulty: the consent still allows it.
    expect(record).toMatchObject({ sharedWithCore: true, difficulty: { status: 'closed' } });
    expect(unshared).toBe(false);
  });

  it('ends sharing that rested on an emergency, unless the person has consented since', () => {
    const proposed = fileAt('closing_proposed');
    const emergency = caseRecord({
      sharedWithCore: true,
      sharing: { basis: 'emergency', since: '2026-10-02' },
    });

    const ended = approveClosure(emergency, proposed, false, CORE_STAMP);
    const consented = approveClosure(emergency, proposed, true, CORE_STAMP);

    expect(ended.unshared).toBe(true);
    expect(ended.record.sharedWithCore).toBe(false);
    expect(ended.record.sharing).toBeUndefined();
    // The code the core center knew from the shared case names nothing once sharing ended.
    expect(ended.record.caseCode).toMatch(/^K-[A-Z2-9]{6}$/);
    expect(ended.record.caseCode).not.toBe(emergency.caseCode);
    expect(consented.record.caseCode).toBe(emergency.caseCode);
    expect(consented.record).toMatchObject({
      sharedWithCore: true,
      sharing: { basis: 'escalation', since: '2026-11-22' },
    });
  });
});

describe('sharing by supervision request and its end', () => {
  it('shares a case with consent, and refuses without it, twice, or for a closed case (409)', () => {
    expect(requestSupervision(caseRecord(), true, STAMP)).toMatchObject({
      sharedWithCore: true,
      sharing: { basis: 'supervision_request', since: '2026-11-22' },
      version: 5,
    });
    expect(() => requestSupervision(caseRecord(), false, STAMP)).toThrow(NO_CONSENT_MESSAGE);
    expect(() => requestSupervision(caseRecord({ sharedWithCore: true }), true, STAMP)).toThrow(
      ConflictError,
    );
    expect(() => requestSupervision(caseRecord({ phase: 'closed' }), true, STAMP)).toThrow(ConflictError);
  });

  it.each([
    ['a supervision request', { basis: 'supervision_request' as const }, undefined, true],
    ['an escalation with consent', { basis: 'escalation' as const }, 'accepted' as const, true],
    [
      'an emergency while the difficulty is open',
      { basis: 'emergency' as const },
      'accepted' as const,
      false,
    ],
    ['an emergency whose difficulty is closed', { basis: 'emergency' as const }, 'closed' as const, true],
  ])('a revoked consent hides a case shared by %s: %s', (_label, sharing, status, hidden) => {
    const record = caseRecord({
      sharedWithCore: true,
      sharing: { ...sharing, since: '2026-10-02' },
      ...(status ? { difficulty: { status, categories: ['abuse'], flaggedOn: '2026-10-01' } } : {}),
    });

    expect(hiddenByRevocation(record)).toBe(hidden);
  });

  it('leaves an unshared case alone, and unshares without the sharing, one version on', () => {
    expect(hiddenByRevocation(caseRecord())).toBe(false);
    const shared = caseRecord({
      sharedWithCore: true,
      sharing: { basis: 'escalation', since: '2026-10-02' },
    });
    const hidden = unsharedCase(shared, STAMP);

    expect(hidden.sharedWithCore).toBe(false);
    expect(hidden).not.toHaveProperty('sharing');
    expect(hidden.version).toBe(5);
  });

  it('gives a case whose sharing ends a new case code (SECURITY.md row 23)', () => {
    const shared = caseRecord({
      sharedWithCore: true,
      sharing: { basis: 'escalation', since: '2026-10-02' },
    });

    expect(unsharedCase(shared, STAMP, 'K-NEWCDE').caseCode).toBe('K-NEWCDE');
    expect(unsharedCase(shared, STAMP).caseCode).not.toBe(shared.caseCode);
  });
});
