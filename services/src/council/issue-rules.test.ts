import type { IssueSourceInput, RegionalIssue } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { issueWithoutCases } from '../consent/council-consent.ts';
import {
  moveProblems,
  outcomeProblems,
  raisedOnProblems,
  sessionProblems,
  sourceProblems,
} from './issue-rules.ts';

const AT = '2026-06-01T00:00:00.000Z';
const issue = (overrides: Partial<RegionalIssue> = {}): RegionalIssue => ({
  issueId: 'issue-0001',
  title: '短期入所の受け入れ先が足りない',
  category: 'short_stay',
  description: '',
  status: 'raised',
  raisedOn: '2026-05-10',
  sources: [],
  history: [{ status: 'raised', on: '2026-05-10', note: '', at: AT, by: 'user-takahashi' }],
  sessions: [],
  raisedByOfficeId: 'kibou-core',
  version: 1,
  createdAt: AT,
  createdBy: 'user-takahashi',
  updatedAt: AT,
  updatedBy: 'user-takahashi',
  ...overrides,
});

const RECORDS = {
  cases: new Map([
    ['case-000001', { officeId: 'himawari', personId: 'person-000001' }],
    ['case-000002', { officeId: 'aozora', personId: 'person-000002' }],
  ]),
  meetings: new Set(['case-000001#meeting-01']),
  difficultCases: new Set(['case-000002']),
  supervisions: new Map([['supervision-1', ['case-000002']]]),
};
const source = (overrides: Partial<IssueSourceInput>): IssueSourceInput => ({
  kind: 'service_meeting',
  caseId: 'case-000001',
  recordId: 'meeting-01',
  note: '',
  ...overrides,
});

describe('the sources of an issue', () => {
  it('accept a meeting of the case, a flagged difficult case and a supervision that dealt with the case', () => {
    const sources = [
      source({}),
      source({ kind: 'difficult_case', caseId: 'case-000002', recordId: undefined }),
      source({ kind: 'supervision', caseId: 'case-000002', recordId: 'supervision-1' }),
    ];
    expect(sourceProblems(sources, RECORDS)).toEqual([]);
  });

  it('name the field of each source that was not found', () => {
    const sources = [
      source({ caseId: 'case-000099' }),
      source({ recordId: 'meeting-99' }),
      source({ kind: 'difficult_case', recordId: undefined }),
      source({ kind: 'supervision', recordId: 'supervision-1' }),
    ];
    expect(sourceProblems(sources, RECORDS).map((error) => error.field)).toEqual([
      'body.sources.0.caseId',
      'body.sources.1.recordId',
      'body.sources.2.caseId',
      'body.sources.3.recordId',
    ]);
  });

  it('drop every source on a case whose council consent was revoked, keeping the issue as a new version', () => {
    const raised = issue({
      sources: [
        {
          kind: 'service_meeting',
          caseId: 'case-000001',
          recordId: 'meeting-01',
          note: '空きがない',
          officeId: 'himawari',
        },
        { kind: 'difficult_case', caseId: 'case-000002', note: '', officeId: 'aozora' },
        {
          kind: 'supervision',
          caseId: 'case-000001',
          recordId: 'supervision-1',
          note: '',
          officeId: 'himawari',
        },
      ],
      version: 3,
    });
    const later = { at: '2026-07-01T00:00:00.000Z', userId: 'user-sato' };

    const after = issueWithoutCases(raised, new Set(['case-000001']), later);

    expect(after.sources.map((kept) => kept.caseId)).toEqual(['case-000002']);
    expect(after).toMatchObject({
      version: 4,
      updatedAt: later.at,
      updatedBy: 'user-sato',
      status: 'raised',
    });
    expect(after.history).toEqual(raised.history);
  });

  it('refuse a raising date in the future', () => {
    expect(raisedOnProblems('2026-06-02', '2026-06-01')).toEqual([
      { field: 'body.raisedOn', message: '提起日に未来の日付は指定できません' },
    ]);
    expect(raisedOnProblems('2026-06-01', '2026-06-01')).toEqual([]);
  });
});

describe('moving an issue', () => {
  it('goes from raised to under discussion on or after the day it was raised', () => {
    expect(moveProblems(issue(), { to: 'under_discussion', on: '2026-05-10' }, '2026-06-01')).toEqual([]);
  });

  it('refuses a jump the council year does not allow, on the field `to`', () => {
    const errors = moveProblems(issue(), { to: 'action', on: '2026-05-20' }, '2026-06-01');
    expect(errors).toEqual([{ field: 'body.to', message: '「提起」から「施策化」には進められません' }]);
  });

  it('refuses a date before the previous step and a date in the future, on the field `on`', () => {
    const discussed = issue({
      status: 'under_discussion',
      history: [
        { status: 'raised', on: '2026-05-10', note: '', at: AT, by: 'u-000001' },
        { status: 'under_discussion', on: '2026-05-20', note: '', at: AT, by: 'u-000001' },
      ],
    });
    expect(moveProblems(discussed, { to: 'proposal', on: '2026-05-19' }, '2026-06-01')).toEqual([
      { field: 'body.on', message: '日付は前の段階の日付以降にしてください' },
    ]);
    expect(moveProblems(discussed, { to: 'proposal', on: '2026-06-02' }, '2026-06-01')).toEqual([
      { field: 'body.on', message: '未来の日付は指定できません' },
    ]);
  });

  it('needs the action recorded before an issue is taken to 施策化', () => {
    const proposal = issue({ status: 'proposal' });
    expect(moveProblems(proposal, { to: 'action', on: '2026-05-30' }, '2026-06-01')[0]?.field).toBe(
      'body.to',
    );
    const withAction = issue({
      status: 'proposal',
      outcome: {
        actionKind: 'extended_hours',
        note: '',
        planRevisionNote: '',
        recordedOn: '2026-05-30',
        at: AT,
        by: 'u-000001',
      },
    });
    expect(moveProblems(withAction, { to: 'action', on: '2026-05-30' }, '2026-06-01')).toEqual([]);
  });

  it('never moves a closed issue', () => {
    expect(
      moveProblems(issue({ status: 'closed' }), { to: 'under_discussion', on: '2026-05-30' }, '2026-06-01'),
    ).toHaveLength(1);
  });
});

describe('linking a session', () => {
  const council = { eventId: 'event-0001', kind: 'council_session' as const, heldOn: '2026-05-25' };

  it('accepts a council session held after the issue was raised', () => {
    expect(sessionProblems(issue(), council)).toEqual([]);
  });

  it('refuses a missing event, another kind of event, a session linked twice and one held before raising', () => {
    expect(sessionProblems(issue(), null)[0]?.message).toBe('協議会・部会の記録が見つかりません');
    expect(sessionProblems(issue(), { ...council, kind: 'training' })[0]?.message).toBe(
      '協議会または部会の記録を選んでください',
    );
    const linked = issue({ sessions: [{ ...council, title: '協議会', at: AT, by: 'u-000001' }] });
    expect(sessionProblems(linked, council)[0]?.message).toBe('この会議はすでに紐づいています');
    expect(sessionProblems(issue(), { ...council, heldOn: '2026-05-01' })[0]?.field).toBe('body.eventId');
  });
});

describe('recording the outcome', () => {
  it('may be recorded at any status, so an issue closed without action says so', () => {
    expect(outcomeProblems(issue(), { recordedOn: '2026-05-30' }, '2026-06-01')).toEqual([]);
  });

  it('is dated between raising and today', () => {
    const proposal = issue({ status: 'proposal' });
    expect(outcomeProblems(proposal, { recordedOn: '2026-05-01' }, '2026-06-01')[0]?.field).toBe(
      'body.recordedOn',
    );
    expect(outcomeProblems(proposal, { recordedOn: '2026-06-02' }, '2026-06-01')[0]?.field).toBe(
      'body.recordedOn',
    );
  });
});
