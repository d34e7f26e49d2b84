import { describe, expect, it } from 'vitest';
import { AUDIT_MAX_DAYS, AuditExportQuery, AuditQuery, daysInPeriod } from './audit-api.ts';

const issuesOf = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]);

describe('the audit log query', () => {
  it('counts both ends of a period', () => {
    expect(daysInPeriod('2026-11-01', '2026-11-01')).toBe(1);
    expect(daysInPeriod('2026-02-01', '2026-03-01')).toBe(29);
  });

  it(`takes a period of up to ${AUDIT_MAX_DAYS} days and refuses a longer one on "to"`, () => {
    expect(AuditQuery.safeParse({ from: '2026-01-01', to: '2026-01-31' }).success).toBe(true);
    expect(issuesOf(AuditQuery.safeParse({ from: '2026-01-01', to: '2026-02-01' }))).toEqual([
      ['to', `期間は${AUDIT_MAX_DAYS}日以内にしてください`],
    ]);
    expect(issuesOf(AuditExportQuery.safeParse({ from: '2026-01-01', to: '2026-12-31' }))).toEqual([
      ['to', `期間は${AUDIT_MAX_DAYS}日以内にしてください`],
    ]);
  });

  it('refuses a period ending before it starts, once', () => {
    expect(issuesOf(AuditQuery.safeParse({ from: '2026-01-02', to: '2026-01-01' }))).toEqual([
      ['to', '終了日は開始日以降にしてください'],
    ]);
  });

  it('takes case codes as offices see them, and nothing that could be a name or a key', () => {
    for (const caseCode of ['K-7F3Q2X', 'K-D001K', 'S-00042']) {
      expect(AuditQuery.safeParse({ from: '2026-01-01', to: '2026-01-01', caseCode }).success).toBe(true);
    }
    for (const caseCode of ['k-7f3q2x', '山田 太郎', 'K-7F3Q2X#PERSON', '', 'K-']) {
      expect(issuesOf(AuditQuery.safeParse({ from: '2026-01-01', to: '2026-01-01', caseCode }))[0]?.[0]).toBe(
        'caseCode',
      );
    }
  });

  it('refuses keys it does not know, like every query', () => {
    expect(AuditQuery.safeParse({ from: '2026-01-01', to: '2026-01-01', day: '2026-01-01' }).success).toBe(
      false,
    );
  });
});
