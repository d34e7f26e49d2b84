import type { LedgerEvent } from '@kikan/shared/ledger-api';
import { describe, expect, it } from 'vitest';
import {
  checkIssueForm,
  checkMoveForm,
  checkOutcomeForm,
  emptyIssueForm,
  fedBySummary,
  issueFiltersOf,
  issueLabelOf,
  linkableSessions,
  nextStatusOptions,
  outcomeFormOf,
  sourceCountsSummary,
  sourceFromQuery,
  toIssueBody,
} from './council.ts';

const event = (eventId: string, kind: LedgerEvent['kind'], heldOn: string) => ({ eventId, kind, heldOn });

describe('the council list', () => {
  it('reads known filters from the address and ignores unknown ones', () => {
    expect(issueFiltersOf(new URLSearchParams('status=proposal&category=short_stay'))).toEqual({
      status: 'proposal',
      category: 'short_stay',
    });
    expect(issueFiltersOf(new URLSearchParams('status=nonsense'))).toEqual({});
  });

  it('says what fed an issue in counts only', () => {
    expect(fedBySummary({ caseCount: 3, meetingCount: 2 })).toBe('事例3件・会議2回');
    expect(sourceCountsSummary({ service_meeting: 2, difficult_case: 0, supervision: 1 })).toBe(
      'サービス担当者会議の未解決事項 2件、スーパービジョン 1件',
    );
    expect(sourceCountsSummary({ service_meeting: 0, difficult_case: 0, supervision: 0 })).toBe('なし');
  });
});

describe('the steps of an issue', () => {
  it('offers only the moves the council year allows', () => {
    expect(nextStatusOptions('raised').map((option) => option.label)).toEqual(['協議中', '終結']);
    expect(nextStatusOptions('closed')).toEqual([]);
  });

  it('offers council and sub-committee sessions held since raising and not yet linked, newest first', () => {
    const events = [
      event('event-01', 'council_session', '2026-06-27'),
      event('event-02', 'subcommittee_session', '2026-08-15'),
      event('event-03', 'training', '2026-09-01'),
      event('event-04', 'council_session', '2026-04-01'),
      event('event-05', 'subcommittee_session', '2026-11-15'),
    ];
    const issue = {
      raisedOn: '2026-05-01',
      sessions: [
        { eventId: 'event-02', kind: 'subcommittee_session' as const, heldOn: '2026-08-15', title: '' },
      ],
    };
    expect(linkableSessions(events, issue).map((linkable) => linkable.eventId)).toEqual([
      'event-05',
      'event-01',
    ]);
  });

  it('asks for the next status and keeps the server field names', () => {
    const check = checkMoveForm({ to: '', on: '2026-06-01', note: '' });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors.to).toBe('状況を選んでください');
    expect(checkMoveForm({ to: 'under_discussion', on: '2026-06-01', note: '' }).ok).toBe(true);
  });

  it('starts the outcome form from the recorded outcome, and asks for its kind', () => {
    const values = outcomeFormOf(
      {
        outcome: { actionKind: 'budget', note: '補助を新設', recordedOn: '2026-03-19' },
        planRevisionNote: '第8期計画で短期入所の見込量を上方修正',
      },
      '2026-06-01',
    );
    expect(values).toEqual({
      actionKind: 'budget',
      note: '補助を新設',
      planRevisionNote: '第8期計画で短期入所の見込量を上方修正',
      recordedOn: '2026-03-19',
    });
    const empty = checkOutcomeForm(outcomeFormOf({ outcome: null, planRevisionNote: null }, '2026-06-01'));
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.errors.actionKind).toBe('取組の種類を選んでください');
  });
});

describe('the new issue form', () => {
  it('takes a meeting source from the address by ids only', () => {
    const source = sourceFromQuery(
      new URLSearchParams('kind=service_meeting&caseId=case-000001&recordId=mtg-000001'),
    );
    expect(source).toEqual({
      kind: 'service_meeting',
      caseId: 'case-000001',
      recordId: 'mtg-000001',
      note: '',
    });
    expect(sourceFromQuery(new URLSearchParams('kind=service_meeting&caseId=case-000001'))).toBeNull();
  });

  it('sends the fixed sources and the difficult cases picked, once each', () => {
    const values = {
      ...emptyIssueForm('2026-06-01', [{ kind: 'difficult_case' as const, caseId: 'case-000001', note: '' }]),
      title: '短期入所が足りない',
      category: 'short_stay' as const,
      difficultCaseIds: ['case-000001', 'case-000002'],
    };
    expect(toIssueBody(values).sources.map((source) => source.caseId)).toEqual([
      'case-000001',
      'case-000002',
    ]);
    expect(checkIssueForm(values).ok).toBe(true);
  });

  it('asks for a title, a category and at least one source, in Japanese', () => {
    const check = checkIssueForm(emptyIssueForm('2026-06-01'));
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.errors.title).toBe('入力してください');
      expect(check.errors.category).toBe('分野を選んでください');
      expect(check.errors.sources).toBe('提起のもとになった記録を1件以上指定してください');
    }
    expect(issueLabelOf('sources.0.recordId')).toBe('提起のもとになった記録');
  });
});
