import { ROLES, type Role, type TenantContext } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { mayActOnDifficulty, maySeeSupervision, type DifficultyAct } from '../policy/access-policy.ts';

const ctx = (role: Role, officeId = 'aozora', userId = 'user_suzuki02'): TenantContext => ({
  tenantId: 'kibougaoka',
  role,
  officeId,
  userId,
});
const OWN = { officeId: 'aozora', sharedWithCore: false };
const OTHER_UNSHARED = { officeId: 'himawari', sharedWithCore: false };
const OTHER_SHARED = { officeId: 'himawari', sharedWithCore: true };
const CORE = ctx('core_supervisor', 'kibou-core', 'user_takahashi');

const ACTS: DifficultyAct[] = [
  'flag',
  'escalate',
  'request_supervision',
  'accept',
  'record_support_meeting',
  'propose_closure',
  'approve_closure',
];
const allowed = (who: TenantContext, target: typeof OWN) =>
  ACTS.filter((act) => mayActOnDifficulty(who, target, act));

describe('who may act on a difficult case', () => {
  it('lets the office holding the case flag, escalate, ask for supervision, record meetings and propose closure', () => {
    for (const role of ['specialist', 'office_manager'] as const) {
      expect(allowed(ctx(role), OWN)).toEqual([
        'flag',
        'escalate',
        'request_supervision',
        'record_support_meeting',
        'propose_closure',
      ]);
    }
  });

  it('never lets an office act on another office’s case, shared or not', () => {
    for (const role of ['specialist', 'office_manager'] as const) {
      expect(allowed(ctx(role), OTHER_UNSHARED)).toEqual([]);
      expect(allowed(ctx(role), OTHER_SHARED)).toEqual([]);
    }
  });

  it('lets the core center accept, meet, propose and approve closure on a case shared with it only', () => {
    expect(allowed(CORE, OTHER_SHARED)).toEqual([
      'accept',
      'record_support_meeting',
      'propose_closure',
      'approve_closure',
    ]);
    expect(allowed(CORE, OTHER_UNSHARED)).toEqual([]);
  });

  it('lets the core center do everything on a case of its own office', () => {
    expect(allowed(CORE, { officeId: 'kibou-core', sharedWithCore: false })).toEqual(ACTS);
  });

  it('gives municipal officers and tenant admins nothing', () => {
    for (const role of ['municipal_officer', 'tenant_admin'] as const) {
      for (const target of [OWN, OTHER_SHARED]) expect(allowed(ctx(role), target)).toEqual([]);
    }
  });
});

describe('who sees a supervision record', () => {
  const about = { specialistUserIds: ['user_suzuki02', 'user_tanaka01'] };

  it('shows it to the core center and to the specialists it is about, no one else', () => {
    const seeing = ROLES.filter((role) => maySeeSupervision(ctx(role), about));
    expect(seeing).toEqual(['specialist', 'office_manager', 'core_supervisor']);
    expect(maySeeSupervision(ctx('specialist', 'aozora', 'user_other'), about)).toBe(false);
    expect(maySeeSupervision(ctx('municipal_officer', 'kibou-city', 'user_suzuki02'), about)).toBe(false);
  });
});
