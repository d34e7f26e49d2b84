import type { AuditEntryView, AuditStaffMember } from '@kikan/shared/audit-api';
import type { Office } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '#lib/api.ts';
import {
  actionLabel,
  auditFilename,
  checkFilters,
  filterErrorsOf,
  filtersFromQuery,
  japanDayOf,
  japanTimeOf,
  membershipLabel,
  normalizeCaseCode,
  queryOf,
  recordSubject,
  recordTypeLabel,
  staffGroups,
} from './audit-view.ts';

const view = (overrides: Partial<AuditEntryView> = {}): AuditEntryView => ({
  at: '2026-11-22T03:00:00.000Z',
  requestId: 'req-1',
  actorUserId: 'user-sato',
  actorName: '佐藤 美咲',
  actorRole: 'specialist',
  actorOfficeId: 'himawari',
  actorOfficeName: 'ひまわり',
  action: 'read',
  recordType: 'case',
  recordId: 'case_0001',
  ...overrides,
});

describe('audit log view', () => {
  it('shows the day and time in Japan, whatever the browser zone', () => {
    expect(japanTimeOf('2026-11-22T15:05:09.000Z')).toBe('00:05:09');
    expect(japanTimeOf('2026-11-23T05:30:00.000Z')).toBe('14:30:00');
    expect(japanDayOf('2026-11-22T15:05:09.000Z')).toBe('11/23(月)');
  });

  it('labels known actions and record types in Japanese and shows unknown ones as they are', () => {
    expect(actionLabel('read')).toBe('閲覧');
    expect(actionLabel('emergency_share')).toBe('緊急時の共有（同意なし・虐待）');
    expect(actionLabel('archive')).toBe('archive');
    expect(recordTypeLabel('person')).toBe('利用者');
    expect(recordTypeLabel('user')).toBe('職員の所属・役割');
    expect(recordTypeLabel('regional_issue')).toBe('地域課題');
    expect(recordTypeLabel('future_record')).toBe('future_record');
  });

  it('names a record by its case code or the staff member changed, a gone case as deleted, and never by id', () => {
    expect(recordSubject(view({ caseCode: 'K-ABC234' }))).toBe('ケース番号 K-ABC234');
    expect(
      recordSubject(view({ recordType: 'user', recordId: 'user-kobayashi', targetUserName: '小林 大輔' })),
    ).toBe('小林 大輔');
    expect(recordSubject(view({ action: 'expired' }))).toBe('削除されたケース');
    expect(recordSubject(view({ recordType: 'plan', recordId: 'plan_0001' }))).toBeNull();
  });

  it('writes a membership as office, role and status in Japanese', () => {
    expect(
      membershipLabel({
        officeId: 'midori',
        officeName: 'みどり',
        role: 'office_manager',
        status: 'removed',
      }),
    ).toBe('みどり・事業所管理者・利用停止');
  });

  it('takes the filters from the address, a week up to today when none are given', () => {
    expect(filtersFromQuery(new URLSearchParams(), '2026-11-23')).toEqual({
      from: '2026-11-17',
      to: '2026-11-23',
      actorUserId: '',
      caseCode: '',
    });
    expect(
      filtersFromQuery(new URLSearchParams('from=2026-11-01&to=2026-11-02&caseCode=K-ABC234'), '2026-11-23'),
    ).toMatchObject({ from: '2026-11-01', to: '2026-11-02', caseCode: 'K-ABC234' });
  });

  it('forgives a case code typed in full width, lower case or with spaces', () => {
    expect(normalizeCaseCode(' ｋ－ａｂｃ２３４ ')).toBe('K-ABC234');
    expect(normalizeCaseCode('kーabc234')).toBe('K-ABC234');
  });

  it('checks the filters with the API’s schema: a period over 31 days is an error on 終了日', () => {
    const tooLong = checkFilters({ from: '2026-01-01', to: '2026-02-01', actorUserId: '', caseCode: '' });
    const fine = checkFilters({
      from: '2026-01-01',
      to: '2026-01-31',
      actorUserId: 'user-sato',
      caseCode: 'k-abc234',
    });

    expect(tooLong.ok ? null : tooLong.errors).toEqual({ to: '期間は31日以内にしてください' });
    expect(fine.ok && queryOf(fine.input)).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      actorUserId: 'user-sato',
      caseCode: 'K-ABC234',
    });
  });

  it('puts the API’s query errors on their inputs', () => {
    const error = new ApiError(400, 'validation_failed', '入力内容に誤りがあります', [
      { field: 'query.caseCode', message: 'このケース番号のケースは見つかりません' },
      { field: 'query.cursor', message: 'ページ位置が正しくありません' },
    ]);

    expect(filterErrorsOf(error)).toEqual({
      byInput: { caseCode: 'このケース番号のケースは見つかりません' },
      general: ['ページ位置が正しくありません'],
    });
    expect(filterErrorsOf(new Error('network'))).toBeNull();
  });

  it('groups staff by office for the select, removed staff marked', () => {
    const staff: AuditStaffMember[] = [
      {
        userId: 'user-sato',
        displayName: '佐藤 美咲',
        officeId: 'himawari',
        role: 'specialist',
        status: 'active',
      },
      {
        userId: 'user-kobayashi',
        displayName: '小林 大輔',
        officeId: 'midori',
        role: 'specialist',
        status: 'removed',
      },
    ];
    const offices = [
      { officeId: 'himawari', name: 'ひまわり' },
      { officeId: 'aozora', name: 'あおぞら' },
      { officeId: 'midori', name: 'みどり' },
    ] as Office[];

    expect(staffGroups(staff, offices)).toEqual([
      { label: 'ひまわり', members: [{ userId: 'user-sato', label: '佐藤 美咲（相談支援専門員）' }] },
      {
        label: 'みどり',
        members: [{ userId: 'user-kobayashi', label: '小林 大輔（相談支援専門員・利用停止）' }],
      },
    ]);
  });

  it('names the CSV after its period, one day by its date alone', () => {
    expect(auditFilename('2026-11-01', '2026-11-23')).toBe('監査ログ_2026-11-01_2026-11-23.csv');
    expect(auditFilename('2026-11-23', '2026-11-23')).toBe('監査ログ_2026-11-23.csv');
  });
});
