import { describe, expect, it } from 'vitest';
import {
  RegionalIssueInput,
  RegionalIssueCouncilView,
  councilViewOf,
  isActiveInFiscalYear,
  mayMoveRegionalIssue,
  regionalIssueViewOf,
  type RegionalIssue,
} from './regional-issue-api.ts';

const AT = '2026-06-01T00:00:00.000Z';
const ISSUE: RegionalIssue = {
  issueId: 'issue-0001',
  title: '短期入所の受け入れ先が足りない',
  category: 'short_stay',
  description: '緊急時に使える短期入所が圏域に2床しかない',
  status: 'action',
  raisedOn: '2025-11-10',
  sources: [
    {
      kind: 'service_meeting',
      caseId: 'case-000001',
      recordId: 'meeting-01',
      note: '母の入院時',
      officeId: 'himawari',
    },
    { kind: 'difficult_case', caseId: 'case-000001', note: '', officeId: 'himawari' },
    { kind: 'supervision', caseId: 'case-000002', recordId: 'supervision-1', note: '', officeId: 'aozora' },
    { kind: 'service_meeting', caseId: 'case-000003', recordId: 'meeting-03', note: '', officeId: 'aozora' },
  ],
  history: [
    { status: 'raised', on: '2025-11-10', note: '', at: AT, by: 'user-takahashi' },
    { status: 'under_discussion', on: '2025-12-01', note: '部会で協議', at: AT, by: 'user-takahashi' },
    { status: 'proposal', on: '2026-02-10', note: '', at: AT, by: 'user-takahashi' },
    { status: 'action', on: '2026-05-20', note: '', at: AT, by: 'user-takahashi' },
  ],
  sessions: [
    {
      eventId: 'event-0002',
      kind: 'council_session',
      heldOn: '2026-02-10',
      title: '協議会',
      at: AT,
      by: 'u-000001',
    },
    {
      eventId: 'event-0001',
      kind: 'subcommittee_session',
      heldOn: '2025-12-01',
      title: '部会',
      at: AT,
      by: 'u-000001',
    },
  ],
  outcome: {
    actionKind: 'extended_hours',
    note: '空床型の受け入れを延長',
    planRevisionNote: '第8期計画で短期入所の見込量を上方修正',
    recordedOn: '2026-05-20',
    at: AT,
    by: 'user-takahashi',
  },
  raisedByOfficeId: 'kibou-core',
  version: 5,
  createdAt: AT,
  createdBy: 'user-takahashi',
  updatedAt: AT,
  updatedBy: 'user-takahashi',
};

describe('the council view of an issue', () => {
  it('counts distinct cases and meetings, and sources by kind', () => {
    const view = councilViewOf(ISSUE);
    expect(view).toMatchObject({
      caseCount: 3,
      meetingCount: 3,
      sourceCounts: { service_meeting: 2, difficult_case: 1, supervision: 1 },
      fiscalYear: 2025,
      lastStepOn: '2026-05-20',
      planRevisionNote: '第8期計画で短期入所の見込量を上方修正',
    });
  });

  it('lists the sessions by date and every dated step', () => {
    const view = councilViewOf(ISSUE);
    expect(view.sessions.map((session) => session.heldOn)).toEqual(['2025-12-01', '2026-02-10']);
    expect(view.history.map((step) => `${step.status}@${step.on}`)).toEqual([
      'raised@2025-11-10',
      'under_discussion@2025-12-01',
      'proposal@2026-02-10',
      'action@2026-05-20',
    ]);
  });

  it('names no case, meeting, supervision, office or source note', () => {
    const json = JSON.stringify(councilViewOf(ISSUE));
    for (const secret of [
      'case-00000',
      'meeting-0',
      'supervision-1',
      'himawari',
      'aozora',
      '母の入院時',
      'user-',
    ]) {
      expect(json).not.toContain(secret);
    }
    expect(() => RegionalIssueCouncilView.parse(councilViewOf(ISSUE))).not.toThrow();
  });

  it('is the core view without its sources', () => {
    const full = regionalIssueViewOf(ISSUE);
    expect(full.view).toBe('full');
    expect(full.sources).toHaveLength(4);
    expect(full.caseCount).toBe(3);
  });
});

describe('regional issue input', () => {
  const input = {
    title: '送迎のある日中活動が足りない',
    category: 'transport',
    raisedOn: '2026-05-10',
    sources: [{ kind: 'service_meeting', caseId: 'case-000001', recordId: 'meeting-01' }],
  };

  it('accepts a meeting source and defaults the description and note', () => {
    const parsed = RegionalIssueInput.parse(input);
    expect(parsed.description).toBe('');
    expect(parsed.sources[0]?.note).toBe('');
  });

  it('needs the record of a meeting or a supervision, in Japanese', () => {
    const result = RegionalIssueInput.safeParse({
      ...input,
      sources: [{ kind: 'supervision', caseId: 'case-000001' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['sources', 0, 'recordId']);
    expect(result.error?.issues[0]?.message).toBe('スーパービジョンの記録を指定してください');
  });

  it('refuses the same source twice and an issue without sources', () => {
    const twice = RegionalIssueInput.safeParse({ ...input, sources: [...input.sources, ...input.sources] });
    expect(twice.error?.issues[0]?.message).toBe('同じ記録が重複しています');
    const none = RegionalIssueInput.safeParse({ ...input, sources: [] });
    expect(none.error?.issues[0]?.message).toBe('提起のもとになった記録を1件以上指定してください');
  });
});

describe('the council year', () => {
  it('allows a proposal back to discussion but nothing out of closed', () => {
    expect(mayMoveRegionalIssue('proposal', 'under_discussion')).toBe(true);
    expect(mayMoveRegionalIssue('raised', 'action')).toBe(false);
    expect(mayMoveRegionalIssue('closed', 'under_discussion')).toBe(false);
  });

  it('counts an issue in every year from raising until the year it was closed', () => {
    const closed = {
      ...ISSUE,
      status: 'closed' as const,
      history: [
        ...ISSUE.history,
        { status: 'closed' as const, on: '2026-05-30', note: '', at: AT, by: 'user-takahashi' },
      ],
    };
    expect(isActiveInFiscalYear(closed, 2024)).toBe(false);
    expect(isActiveInFiscalYear(closed, 2025)).toBe(true);
    expect(isActiveInFiscalYear(closed, 2026)).toBe(true);
    expect(isActiveInFiscalYear(closed, 2027)).toBe(false);
    expect(isActiveInFiscalYear({ ...ISSUE, status: 'carried_over' }, 2027)).toBe(true);
  });
});
