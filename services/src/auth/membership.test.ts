import type { TenantContext, User } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { sessionStands } from './membership.ts';

const ISSUED_AT = Date.UTC(2026, 10, 22, 3) / 1000;
const ctx: TenantContext = {
  tenantId: 'kibougaoka',
  officeId: 'himawari',
  role: 'specialist',
  userId: 'user-sato',
  issuedAt: ISSUED_AT,
};
const sato: User = {
  userId: 'user-sato',
  tenantId: 'kibougaoka',
  email: 'sato@kibou.example',
  displayName: '佐藤 美咲',
  role: 'specialist',
  officeId: 'himawari',
  senior: true,
};
const at = (secondsAfterIssue: number) => new Date((ISSUED_AT + secondsAfterIssue) * 1000).toISOString();

describe('whether a verified token still speaks for its user', () => {
  it('stands while the directory says what the token says', () => {
    expect(sessionStands(sato, ctx)).toBe(true);
    expect(sessionStands({ ...sato, status: 'active', notBefore: at(-60) }, ctx)).toBe(true);
  });

  it('falls for a user who is gone or removed', () => {
    expect(sessionStands(null, ctx)).toBe(false);
    expect(sessionStands({ ...sato, status: 'removed' }, ctx)).toBe(false);
  });

  it('falls for a user now in another office or role', () => {
    expect(sessionStands({ ...sato, officeId: 'aozora' }, ctx)).toBe(false);
    expect(sessionStands({ ...sato, role: 'office_manager' }, ctx)).toBe(false);
  });

  it('falls for a token issued before the user was last changed', () => {
    expect(sessionStands({ ...sato, notBefore: at(1) }, ctx)).toBe(false);
    expect(sessionStands({ ...sato, notBefore: at(0.5) }, ctx)).toBe(false);
    expect(sessionStands({ ...sato, notBefore: at(-1) }, ctx)).toBe(true);
  });

  it('falls for a token without iat when the user has a not-before', () => {
    const { issuedAt: _issuedAt, ...withoutIat } = ctx;
    expect(sessionStands({ ...sato, notBefore: at(-60) }, withoutIat)).toBe(false);
    expect(sessionStands(sato, withoutIat)).toBe(true);
  });
});
