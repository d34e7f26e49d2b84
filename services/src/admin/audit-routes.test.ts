import type { AuditEntryView, User } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../data/audit-store.ts';
import { ROUTES, routeKey } from '../routes.ts';
import { AUDIT_CSV_HEADER, auditCsvRows, japanTime } from './audit-export.ts';
import { UNKNOWN_ACTOR, withActorNames } from './audit-list.ts';

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

const SATO: User = {
  userId: 'user-sato',
  tenantId: 'kibougaoka',
  email: 'sato@kibou.example',
  displayName: '佐藤 美咲',
  role: 'specialist',
  officeId: 'himawari',
  senior: true,
};

describe('the audit log routes', () => {
  it('are reads only: no route changes or deletes an audit entry', () => {
    const audit = ROUTES.filter(
      (route) => route.path === '/api/audit' || route.path.startsWith('/api/audit'),
    );
    expect(audit.map(routeKey).sort()).toEqual(['GET /api/audit', 'GET /api/audit.csv']);
    expect(ROUTES.filter((route) => route.path.startsWith('/api/audit') && route.method !== 'GET')).toEqual(
      [],
    );
  });

  it('are for the tenant admin only', () => {
    for (const route of ROUTES.filter((candidate) => candidate.path.startsWith('/api/audit'))) {
      expect(route.access).toEqual(['tenant_admin']);
    }
  });
});

describe('audit entries for the admin', () => {
  it('carry the actor’s display name, or a marker for a user no longer in the directory', () => {
    const [known, gone] = withActorNames([entry(), entry({ actorUserId: 'user-gone' })], [SATO]);

    expect(known?.actorName).toBe('佐藤 美咲');
    expect(gone?.actorName).toBe(UNKNOWN_ACTOR);
  });

  it('shows Japan time in the CSV: 16:30Z is 01:30 the next day', () => {
    expect(japanTime('2026-11-21T16:30:00.000Z')).toBe('2026-11-22 01:30:00');
  });

  it('writes Japanese headers and labels, and keeps a code it has no label for', () => {
    const views: AuditEntryView[] = withActorNames(
      [
        entry({ action: 'emergency_share', recordType: 'case' }),
        entry({ action: 'archive', recordType: 'x' }),
      ],
      [SATO],
    );
    const [header, emergency, unknown] = auditCsvRows(views);

    expect(header).toEqual([...AUDIT_CSV_HEADER]);
    expect(emergency).toEqual([
      '2026-11-22 01:30:00',
      '佐藤 美咲',
      'user-sato',
      '相談支援専門員',
      'himawari',
      '緊急時の共有（同意なし・虐待）',
      'ケース',
      'person_0001',
      'himawari',
      'req-1',
    ]);
    expect(unknown?.slice(5, 7)).toEqual(['archive', 'x']);
  });
});
