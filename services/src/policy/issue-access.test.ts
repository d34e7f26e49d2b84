import type { RegionalIssue, Role, TenantContext } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { issueViewFor, mayRaiseFromCase } from './issue-access.ts';

const AT = '2026-06-01T00:00:00.000Z';
const ISSUE: RegionalIssue = {
  issueId: 'issue-0001',
  title: '医療的ケア児の放課後の居場所がない',
  category: 'medical_care_day_service',
  description: '',
  status: 'under_discussion',
  raisedOn: '2026-05-10',
  sources: [{ kind: 'difficult_case', caseId: 'case-000001', note: '夜間の吸引', officeId: 'himawari' }],
  history: [{ status: 'raised', on: '2026-05-10', note: '', at: AT, by: 'user-sato' }],
  sessions: [],
  raisedByOfficeId: 'himawari',
  version: 1,
  createdAt: AT,
  createdBy: 'user-sato',
  updatedAt: AT,
  updatedBy: 'user-sato',
};

const as = (role: Role, officeId = 'himawari'): TenantContext => ({
  tenantId: 'kibougaoka',
  userId: 'user-x00001',
  role,
  officeId,
});

describe('who reads a regional issue, and how', () => {
  it('gives the core center the full view with the source cases', () => {
    const view = issueViewFor(as('core_supervisor', 'kibou-core'), ISSUE);
    expect(view?.view).toBe('full');
    expect(view && 'sources' in view ? view.sources[0]?.caseId : undefined).toBe('case-000001');
  });

  it('gives the municipality and the raising office the council view, without case ids or notes', () => {
    for (const ctx of [as('municipal_officer', 'city-hall'), as('specialist'), as('office_manager')]) {
      const view = issueViewFor(ctx, ISSUE);
      expect(view?.view).toBe('council');
      expect(JSON.stringify(view)).not.toContain('case-000001');
      expect(JSON.stringify(view)).not.toContain('夜間の吸引');
      expect(view?.caseCount).toBe(1);
    }
  });

  it('gives another office and the tenant admin nothing', () => {
    expect(issueViewFor(as('specialist', 'aozora'), ISSUE)).toBeNull();
    expect(issueViewFor(as('tenant_admin'), ISSUE)).toBeNull();
  });
});

describe('which cases an issue may be raised from', () => {
  it("lets office staff raise from their own office's cases only", () => {
    expect(mayRaiseFromCase(as('specialist'), { officeId: 'himawari' })).toBe(true);
    expect(mayRaiseFromCase(as('specialist'), { officeId: 'aozora' })).toBe(false);
    expect(mayRaiseFromCase(as('office_manager', 'aozora'), { officeId: 'aozora' })).toBe(true);
  });

  it('lets the core center raise from any case of its tenant, and nobody else', () => {
    expect(mayRaiseFromCase(as('core_supervisor', 'kibou-core'), { officeId: 'aozora' })).toBe(true);
    expect(mayRaiseFromCase(as('municipal_officer'), { officeId: 'himawari' })).toBe(false);
  });
});
