import type { TenantContext } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import type { LedgerEventRecord } from '../data/ledger-store.ts';
import { ForbiddenError } from '../kernel/errors.ts';
import { ledgerOfficeFor, mayReadLedgerEvent, seniorRosterOfficeFor } from './ledger-access.ts';

const ctx = (role: TenantContext['role'], officeId: string): TenantContext => ({
  tenantId: 'kibougaoka',
  role,
  officeId,
  userId: 'user_0001',
});

const EVENT: LedgerEventRecord = {
  eventId: 'event_0001',
  kind: 'case_review',
  heldOn: '2026-04-01',
  title: '事例検討会',
  officeIds: ['himawari'],
  organisations: ['こども発達ルームそら'],
  unnamedOrganisationCount: 1,
  participantCount: 9,
  municipalityCode: '990001',
  caseIds: ['demo-kibougaoka-case-001', 'demo-kibougaoka-case-002'],
  notes: '',
  version: 3,
  createdAt: '2026-04-01T01:00:00.000Z',
  createdBy: 'user-takahashi',
  updatedAt: '2026-04-02T01:00:00.000Z',
  updatedBy: 'user-takahashi',
};

describe('who reads a ledger event', () => {
  it('lets the core center read any event and an office one it took part in', () => {
    expect(mayReadLedgerEvent(ctx('core_supervisor', 'kibou-core'), EVENT)).toBe(true);
    expect(mayReadLedgerEvent(ctx('specialist', 'himawari'), EVENT)).toBe(true);
    expect(mayReadLedgerEvent(ctx('office_manager', 'aozora'), EVENT)).toBe(false);
  });

  it('never lets the municipality or the tenant admin read one, even of their own office', () => {
    expect(mayReadLedgerEvent(ctx('municipal_officer', 'himawari'), EVENT)).toBe(false);
    expect(mayReadLedgerEvent(ctx('tenant_admin', 'himawari'), EVENT)).toBe(false);
  });
});

describe('whose ledger is read', () => {
  it("gives office staff their own office and refuses another's", () => {
    expect(ledgerOfficeFor(ctx('specialist', 'aozora'), undefined)).toBe('aozora');
    expect(() => ledgerOfficeFor(ctx('specialist', 'aozora'), 'himawari')).toThrow(ForbiddenError);
  });

  it('lets the core center name any office, and read the whole roster', () => {
    expect(ledgerOfficeFor(ctx('core_supervisor', 'kibou-core'), 'aozora')).toBe('aozora');
    expect(seniorRosterOfficeFor(ctx('core_supervisor', 'kibou-core'), undefined)).toBeUndefined();
    expect(seniorRosterOfficeFor(ctx('office_manager', 'aozora'), undefined)).toBe('aozora');
  });
});
