import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../data/case-store.ts';
import { matchesSearch, normaliseQuery, searchKindOf } from './search-cases.ts';

const withPerson = (personName: string, personKana: string): CaseRecord => ({
  caseId: 'case_0001',
  caseCode: 'K-ABCDEF',
  tenantId: 'kibougaoka',
  officeId: 'himawari',
  personId: 'person_7f3a9c',
  personName,
  personKana,
  birthDate: '2008-11-23',
  specialistUserId: 'user_sato01',
  serviceKind: 'child_plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2025-04-01',
  sharedWithCore: false,
  nextMonitoringDueOn: null,
  version: 1,
  createdAt: '2025-04-01T01:00:00.000Z',
  createdBy: 'user_sato01',
  updatedAt: '2025-04-01T01:00:00.000Z',
  updatedBy: 'user_sato01',
});

describe('normalising a search query', () => {
  it('reads hiragana as katakana and drops every kind of space', () => {
    expect(normaliseQuery('さとう\u3000はなこ')).toBe('サトウハナコ');
    expect(normaliseQuery(' さとう はな ')).toBe('サトウハナ');
  });

  it('reads half-width katakana and full-width digits as their usual forms', () => {
    expect(normaliseQuery('ｻﾄｳ')).toBe('サトウ');
    expect(normaliseQuery('１２３４５６７８９０')).toBe('1234567890');
  });

  it('keeps the long vowel mark and small kana', () => {
    expect(normaliseQuery('ゆーこ')).toBe('ユーコ');
    expect(normaliseQuery('きょう')).toBe('キョウ');
  });
});

describe('what a query searches', () => {
  it('looks up a full 10-digit number as a recipient number', () => {
    expect(searchKindOf('9000001017')).toEqual({ kind: 'recipient', recipientNumber: '9000001017' });
  });

  it('treats kana (either script) as a kana prefix and anything else as part of the name', () => {
    expect(searchKindOf('さとう は')).toEqual({ kind: 'kana', kana: 'サトウハ' });
    expect(searchKindOf('佐藤')).toEqual({ kind: 'name', text: '佐藤' });
    expect(searchKindOf('123')).toEqual({ kind: 'name', text: '123' });
  });
});

describe('matching a case', () => {
  const record = withPerson('佐藤 花子', 'サトウ ハナコ');

  it('matches kana as a prefix across the space between family and given name', () => {
    expect(matchesSearch(searchKindOf('さとうは'), record)).toBe(true);
    expect(matchesSearch(searchKindOf('サトウ'), record)).toBe(true);
    expect(matchesSearch(searchKindOf('ハナコ'), record)).toBe(false);
  });

  it('matches a name anywhere, spaces ignored', () => {
    expect(matchesSearch(searchKindOf('花子'), record)).toBe(true);
    expect(matchesSearch(searchKindOf('佐藤花'), record)).toBe(true);
    expect(matchesSearch(searchKindOf('鈴木'), record)).toBe(false);
  });
});
