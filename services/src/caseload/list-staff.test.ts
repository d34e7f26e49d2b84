import type { Role, TenantContext } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../kernel/errors.ts';
import { staffOfficeFor } from '../policy/access-policy.ts';

const as = (role: Role): TenantContext => ({
  tenantId: 'kibougaoka',
  role,
  officeId: 'office_own01',
  userId: `user_${role}`,
});

describe('whose staff a caller may list', () => {
  it("gives office staff their own office, and refuses another office's", () => {
    for (const role of ['specialist', 'office_manager'] as const) {
      expect(staffOfficeFor(as(role), undefined)).toBe('office_own01');
      expect(staffOfficeFor(as(role), 'office_own01')).toBe('office_own01');
      expect(() => staffOfficeFor(as(role), 'office_other')).toThrow(ForbiddenError);
    }
  });

  it('lets the core center and the tenant admin name any office', () => {
    for (const role of ['core_supervisor', 'tenant_admin'] as const) {
      expect(staffOfficeFor(as(role), 'office_other')).toBe('office_other');
      expect(staffOfficeFor(as(role), undefined)).toBe('office_own01');
    }
  });

  it('refuses municipal officers', () => {
    expect(() => staffOfficeFor(as('municipal_officer'), undefined)).toThrow(ForbiddenError);
  });
});
