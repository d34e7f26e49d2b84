import type { Office, User } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../data/audit-store.ts';
import type { AuditSubject } from '../data/audit-subject-store.ts';
import { ROUTES, routeKey } from '../routes.ts';
import { AUDIT_CSV_HEADER, auditCsvRows, japanTime } from './audit-export.ts';
import { SWEEPER_NAME, UNKNOWN_ACTOR, entryMatcher, toAuditViews, type AuditNames } from './audit-list.ts';
import { toAuditStaff } from './audit-staff.ts';

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  at: '2026-11-21T16:30:00.000Z',
  requestId: 'req-1',
  actorUserId: 'user-sato',
  actorRole: 'specialist',
  actorOfficeId: 'himawari',
  action: 'read',
  recordType: 'person',
  recordId: 'person_0001',
  recordOfficeId: 'himawari',
  ...overrides,
});

const user = (userId: string, displayName: string, officeId: string, extra: Partial<User> = {}): User => ({
  userId,
  tenantId: 'kibougaoka',
  email: `${userId}@kibou.example`,
  displayName,
  role: 'specialist',
  officeId,
  senior: false,
  ...extra,
});
const SATO = user('user-sato', '佐藤 美咲', 'himawari');
const KOBAYASHI = user('user-kobayashi', '小林 大輔', 'midori', { status: 'removed' });
const OFFICES: Office[] = [
  { officeId: 'himawari', name: 'ひまわり相談支援事業所' } as Office,
  { officeId: 'aozora', name: 'あおぞら相談室' } as Office,
  { officeId: 'midori', name: 'みどり相談支援センター' } as Office,
];
const names = (overrides: Partial<AuditNames> = {}): AuditNames => ({
  users: [SATO, KOBAYASHI],
  offices: OFFICES,
  caseCodes: new Map([['case_0001', 'K-ABC234']]),
  ...overrides,
});

describe('the audit log routes', () => {
  it('are reads only: no route changes or deletes an audit entry', () => {
    const audit = ROUTES.filter((route) => route.path.startsWith('/api/audit'));
    expect(audit.map(routeKey).sort()).toEqual([
      'GET /api/audit',
      'GET /api/audit.csv',
      'GET /api/audit/staff',
    ]);
    expect(audit.filter((route) => route.method !== 'GET')).toEqual([]);
  });

  it('are for the tenant admin only', () => {
    for (const route of ROUTES.filter((candidate) => candidate.path.startsWith('/api/audit'))) {
      expect(route.access).toEqual(['tenant_admin']);
    }
  });
});

describe('audit entries for the admin', () => {
  it('carry the actor’s and the offices’ names, or a marker for a user no longer in the directory', () => {
    const [known, gone, sweeper] = toAuditViews(
      [
        entry(),
        entry({ actorUserId: 'user-gone', actorOfficeId: 'closed-office' }),
        entry({ actorUserId: 'system-retention', actorOfficeId: 'system' }),
      ],
      names(),
    );

    expect(known).toMatchObject({
      actorName: '佐藤 美咲',
      actorOfficeName: 'ひまわり相談支援事業所',
      recordOfficeName: 'ひまわり相談支援事業所',
    });
    expect(gone?.actorName).toBe(UNKNOWN_ACTOR);
    expect(gone?.actorOfficeName).toBe('closed-office');
    expect(sweeper?.actorName).toBe(SWEEPER_NAME);
  });

  it('show a case record by its case code, and a deleted case without one', () => {
    const [open, hold, deleted, plan] = toAuditViews(
      [
        entry({ recordType: 'case', recordId: 'case_0001' }),
        entry({ recordType: 'legal_hold', recordId: 'case_0001' }),
        entry({ recordType: 'case', recordId: 'case_gone', action: 'expired' }),
        entry({ recordType: 'plan', recordId: 'plan_0001' }),
      ],
      names(),
    );

    expect([open?.caseCode, hold?.caseCode, deleted?.caseCode, plan?.caseCode]).toEqual([
      'K-ABC234',
      'K-ABC234',
      undefined,
      undefined,
    ]);
  });

  it('show the case code of a record in a filtered person’s case', () => {
    const [plan] = toAuditViews(
      [entry({ recordType: 'plan', recordId: 'plan_0001' })],
      names({ recordCases: new Map([['plan_0001', 'case_0001']]) }),
    );

    expect(plan?.caseCode).toBe('K-ABC234');
  });

  it('name the staff member an admin changed, with office names before and after', () => {
    const [change] = toAuditViews(
      [
        entry({
          actorUserId: 'user-admin',
          recordType: 'user',
          recordId: 'user-kobayashi',
          action: 'update',
          before: { officeId: 'midori', role: 'specialist', status: 'active' },
          after: { officeId: 'aozora', role: 'office_manager', status: 'active' },
        }),
      ],
      names(),
    );

    expect(change).toMatchObject({
      targetUserName: '小林 大輔',
      before: { officeId: 'midori', officeName: 'みどり相談支援センター', role: 'specialist' },
      after: { officeId: 'aozora', officeName: 'あおぞら相談室', role: 'office_manager' },
    });
  });

  it('shows Japan time in the CSV: 16:30Z is 01:30 the next day', () => {
    expect(japanTime('2026-11-21T16:30:00.000Z')).toBe('2026-11-22 01:30:00');
  });

  it('writes Japanese headers, names and labels, and keeps a code it has no label for', () => {
    const views = toAuditViews(
      [
        entry({ action: 'emergency_share', recordType: 'case', recordId: 'case_0001' }),
        entry({ action: 'archive', recordType: 'x' }),
        entry({
          action: 'delete',
          recordType: 'user',
          recordId: 'user-kobayashi',
          recordOfficeId: undefined,
          before: { officeId: 'midori', role: 'specialist', status: 'active' },
          after: { officeId: 'midori', role: 'specialist', status: 'removed' },
        }),
      ],
      names(),
    );
    const [header, emergency, unknown, removal] = auditCsvRows(views);

    expect(header).toEqual([...AUDIT_CSV_HEADER]);
    expect(emergency).toEqual([
      '2026-11-22 01:30:00',
      '佐藤 美咲',
      'user-sato',
      '相談支援専門員',
      'ひまわり相談支援事業所',
      '緊急時の共有（同意なし・虐待）',
      'ケース',
      'K-ABC234',
      'case_0001',
      'ひまわり相談支援事業所',
      '',
      '',
      '',
      'req-1',
    ]);
    expect(unknown?.slice(5, 7)).toEqual(['archive', 'x']);
    expect(removal?.slice(10, 13)).toEqual([
      '小林 大輔',
      'みどり相談支援センター・相談支援専門員・利用中',
      'みどり相談支援センター・相談支援専門員・利用停止',
    ]);
  });
});

describe('filtering the log', () => {
  const subject: AuditSubject = {
    personId: 'person_0001',
    caseIds: new Set(['case_0001', 'case_gone']),
    cases: new Map([['case_0001', 'K-ABC234']]),
    records: new Map([['plan_0001', 'case_0001']]),
  };

  it('reads everything when nothing is filtered', () => {
    expect(entryMatcher(undefined, null)).toBeUndefined();
  });

  it('by staff member keeps that member’s entries only', () => {
    const matches = entryMatcher('user-sato', null);

    expect(matches?.(entry())).toBe(true);
    expect(matches?.(entry({ actorUserId: 'user-suzuki' }))).toBe(false);
  });

  it('by person keeps the person, their consents, each of their cases and the records kept in them', () => {
    const matches = entryMatcher(undefined, subject);

    expect(matches?.(entry({ recordType: 'person', recordId: 'person_0001' }))).toBe(true);
    expect(matches?.(entry({ recordType: 'consent', recordId: 'person_0001/core_supervision' }))).toBe(true);
    expect(matches?.(entry({ recordType: 'case', recordId: 'case_0001' }))).toBe(true);
    expect(matches?.(entry({ recordType: 'case', recordId: 'case_gone', action: 'expired' }))).toBe(true);
    expect(matches?.(entry({ recordType: 'plan', recordId: 'plan_0001' }))).toBe(true);
    expect(matches?.(entry({ recordType: 'case', recordId: 'case_0002' }))).toBe(false);
    expect(matches?.(entry({ recordType: 'person', recordId: 'person_00012' }))).toBe(false);
    expect(matches?.(entry({ recordType: 'user', recordId: 'person_0001' }))).toBe(false);
  });

  it('by both keeps what that member did on that person’s file', () => {
    const matches = entryMatcher('user-sato', subject);

    expect(matches?.(entry({ recordType: 'case', recordId: 'case_0001' }))).toBe(true);
    expect(matches?.(entry({ recordType: 'case', recordId: 'case_0001', actorUserId: 'user-suzuki' }))).toBe(
      false,
    );
  });
});

describe('the staff the filter offers', () => {
  it('includes removed staff, by office then name', () => {
    const staff = toAuditStaff([
      user('user-b', 'い', 'himawari'),
      KOBAYASHI,
      user('user-a', 'あ', 'himawari'),
    ]);

    expect(staff.map((member) => [member.userId, member.status])).toEqual([
      ['user-a', 'active'],
      ['user-b', 'active'],
      ['user-kobayashi', 'removed'],
    ]);
  });
});
