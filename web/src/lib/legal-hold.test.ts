import type { LegalHold, StaffMember } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { holdSetterLabel } from './legal-hold.ts';

const hold = (overrides: Partial<LegalHold> = {}): LegalHold => ({
  caseId: 'demo-kibougaoka-case-030',
  reason: 'disclosure_request',
  since: '2026-11-23',
  setBy: 'user-tanaka',
  ...overrides,
});
const TANAKA: StaffMember = {
  userId: 'user-tanaka',
  displayName: '田中 陽子',
  role: 'office_manager',
  officeId: 'aozora',
  senior: true,
  confirmsFigures: false,
};

describe('who placed a hold', () => {
  it('is named with the role they placed it as, when the staff list has them', () => {
    expect(holdSetterLabel(hold({ setByRole: 'office_manager' }), [TANAKA])).toBe(
      '田中 陽子（事業所管理者）',
    );
  });

  it('is their role alone when the list does not have them (the admin, seen from an office)', () => {
    expect(holdSetterLabel(hold({ setBy: 'user-admin', setByRole: 'tenant_admin' }), [TANAKA])).toBe(
      'システム管理者',
    );
  });

  it('is the tenant admin for a hold placed before managers could place one', () => {
    expect(holdSetterLabel(hold({ setBy: 'user-admin' }), [])).toBe('システム管理者');
  });
});
