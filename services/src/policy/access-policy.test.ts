import { ROLES, type Role, type TenantContext } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../kernel/errors.ts';
import {
  caseCreationOffice,
  caseListScope,
  caseVisibility,
  mayActOnLegalHold,
  mayFollowCaseLink,
  mayRestateLegalHold,
  seesOwnOfficeFiguresOnly,
  supervisionFor,
  supervisionsListedFor,
  type CaseVisibility,
  type LegalHoldAct,
} from './access-policy.ts';

const OWN_OFFICE = 'office_north1';
const OTHER_OFFICE = 'office_south2';

const contextOf = (role: Role): TenantContext => ({
  tenantId: 'kibougaoka',
  role,
  officeId: OWN_OFFICE,
  userId: `user_${role}`,
});

type Target = 'own office' | 'other office';

/** role × target office × shared with the core center → what the caller sees. */
const VISIBILITY_MATRIX: ReadonlyArray<readonly [Role, Target, boolean, CaseVisibility]> = [
  ['specialist', 'own office', false, 'full'],
  ['specialist', 'own office', true, 'full'],
  ['specialist', 'other office', false, 'none'],
  ['specialist', 'other office', true, 'none'],
  ['office_manager', 'own office', false, 'full'],
  ['office_manager', 'own office', true, 'full'],
  ['office_manager', 'other office', false, 'none'],
  ['office_manager', 'other office', true, 'none'],
  ['core_supervisor', 'own office', false, 'full'],
  ['core_supervisor', 'own office', true, 'full'],
  ['core_supervisor', 'other office', false, 'pseudonymised'],
  ['core_supervisor', 'other office', true, 'full'],
  ['municipal_officer', 'own office', false, 'none'],
  ['municipal_officer', 'own office', true, 'none'],
  ['municipal_officer', 'other office', false, 'none'],
  ['municipal_officer', 'other office', true, 'none'],
  ['municipal_caseworker', 'own office', false, 'none'],
  ['municipal_caseworker', 'own office', true, 'none'],
  ['municipal_caseworker', 'other office', false, 'none'],
  ['municipal_caseworker', 'other office', true, 'none'],
  ['tenant_admin', 'own office', false, 'none'],
  ['tenant_admin', 'own office', true, 'none'],
  ['tenant_admin', 'other office', false, 'none'],
  ['tenant_admin', 'other office', true, 'none'],
];

describe('caseVisibility', () => {
  it('covers every role, both offices and both sharing states', () => {
    const covered = new Set(VISIBILITY_MATRIX.map(([role, target, shared]) => `${role}|${target}|${shared}`));

    expect(covered.size).toBe(ROLES.length * 2 * 2);
    expect(new Set(VISIBILITY_MATRIX.map(([role]) => role))).toEqual(new Set(ROLES));
  });

  it.each(VISIBILITY_MATRIX)(
    'a %s looking at a case of the %s (shared with core: %s) sees %s',
    (role, target, sharedWithCore, expected) => {
      const ctx = contextOf(role);
      const scope = { officeId: target === 'own office' ? OWN_OFFICE : OTHER_OFFICE, sharedWithCore };

      const visibility = caseVisibility(ctx, scope);

      expect(visibility).toBe(expected);
    },
  );
});

describe('caseListScope', () => {
  it.each(['specialist', 'office_manager'] as const)('confines a %s to their own office', (role) => {
    expect(caseListScope(contextOf(role))).toEqual({ kind: 'office', officeId: OWN_OFFICE });
  });

  it.each(['specialist', 'office_manager'] as const)('lets a %s name their own office', (role) => {
    expect(caseListScope(contextOf(role), OWN_OFFICE)).toEqual({ kind: 'office', officeId: OWN_OFFICE });
  });

  it.each(['specialist', 'office_manager'] as const)('forbids a %s to list another office', (role) => {
    expect(() => caseListScope(contextOf(role), OTHER_OFFICE)).toThrow(ForbiddenError);
  });

  it('gives the core center the whole tenant', () => {
    expect(caseListScope(contextOf('core_supervisor'))).toEqual({ kind: 'tenant' });
  });

  it('lets the core center narrow the tenant-wide list to one office', () => {
    expect(caseListScope(contextOf('core_supervisor'), OTHER_OFFICE)).toEqual({
      kind: 'tenant',
      officeId: OTHER_OFFICE,
    });
  });

  it("lists the core center's own office like any office (all in full, kana order allowed)", () => {
    expect(caseListScope(contextOf('core_supervisor'), OWN_OFFICE)).toEqual({
      kind: 'office',
      officeId: OWN_OFFICE,
    });
  });

  it.each(['municipal_officer', 'municipal_caseworker', 'tenant_admin'] as const)(
    'forbids a %s to list cases at all',
    (role) => {
      expect(() => caseListScope(contextOf(role))).toThrow(ForbiddenError);
      expect(() => caseListScope(contextOf(role), OWN_OFFICE)).toThrow(ForbiddenError);
    },
  );
});

describe('caseCreationOffice', () => {
  it.each(['specialist', 'office_manager', 'core_supervisor'] as const)(
    "opens a case created by a %s at the caller's own office",
    (role) => {
      expect(caseCreationOffice(contextOf(role))).toBe(OWN_OFFICE);
    },
  );

  it.each(['municipal_officer', 'municipal_caseworker', 'tenant_admin'] as const)(
    'forbids a %s to create a case',
    (role) => {
      expect(() => caseCreationOffice(contextOf(role))).toThrow(ForbiddenError);
    },
  );
});

describe('mayActOnLegalHold', () => {
  /** role → what it may do on a case of its own office / of another office. */
  const ALLOWED: Record<Role, Record<Target, LegalHoldAct[]>> = {
    tenant_admin: { 'own office': ['view', 'place', 'lift'], 'other office': ['view', 'place', 'lift'] },
    office_manager: { 'own office': ['view', 'place'], 'other office': [] },
    specialist: { 'own office': [], 'other office': [] },
    core_supervisor: { 'own office': [], 'other office': [] },
    municipal_officer: { 'own office': [], 'other office': [] },
    municipal_caseworker: { 'own office': [], 'other office': [] },
  };

  it('has a rule for every role', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...ROLES].sort());
  });

  for (const role of ROLES) {
    for (const target of ['own office', 'other office'] as const) {
      const allowed = ALLOWED[role][target];
      it(`lets a ${role} on a case of the ${target} ${allowed.length ? allowed.join(', ') : 'do nothing'}`, () => {
        const officeId = target === 'own office' ? OWN_OFFICE : OTHER_OFFICE;
        const acts = (['view', 'place', 'lift'] as const).filter((act) =>
          mayActOnLegalHold(contextOf(role), { officeId }, act),
        );
        expect(acts).toEqual(allowed);
      });
    }
  }
});

describe('who re-states a legal hold', () => {
  it.each(ROLES.map((role) => [role, role === 'tenant_admin'] as const))('%s → %s', (role, allowed) => {
    expect(mayRestateLegalHold(contextOf(role))).toBe(allowed);
  });
});

describe('whose supervisions a list reads', () => {
  it('is anyone the core center names, or all', () => {
    const core = contextOf('core_supervisor');
    expect(supervisionsListedFor(core, 'user_other')).toBe('user_other');
    expect(supervisionsListedFor(core, undefined)).toBeUndefined();
  });

  it('is the office staff member themselves; naming another is a 403', () => {
    const specialist = contextOf('specialist');
    expect(supervisionsListedFor(specialist, undefined)).toBe('user_specialist');
    expect(supervisionsListedFor(specialist, 'user_specialist')).toBe('user_specialist');
    expect(() => supervisionsListedFor(specialist, 'user_other')).toThrow(ForbiddenError);
  });

  it('shows office staff only their own office linked cases, the core center all', () => {
    const supervision = {
      cases: [{ officeId: OWN_OFFICE }, { officeId: OTHER_OFFICE }],
    } as unknown as Parameters<typeof supervisionFor>[1];
    expect(supervisionFor(contextOf('specialist'), supervision).cases).toEqual([{ officeId: OWN_OFFICE }]);
    expect(supervisionFor(contextOf('core_supervisor'), supervision).cases).toHaveLength(2);
  });
});

describe('which links of a person lead to a case the caller may see in full', () => {
  it.each([
    ['specialist', true, false],
    ['office_manager', true, false],
    ['core_supervisor', true, true],
    ['municipal_officer', false, false],
    ['municipal_caseworker', false, false],
    ['tenant_admin', false, false],
  ] as const)('%s: own office %s, another office %s', (role, own, other) => {
    expect(mayFollowCaseLink(contextOf(role), OWN_OFFICE)).toBe(own);
    expect(mayFollowCaseLink(contextOf(role), OTHER_OFFICE)).toBe(other);
  });
});

describe("whose figures the caller sees: an office's staff their own office's only", () => {
  it.each(ROLES.map((role) => [role, role === 'office_manager' || role === 'specialist'] as const))(
    '%s → own office only: %s',
    (role, own) => {
      expect(seesOwnOfficeFiguresOnly(contextOf(role))).toBe(own);
    },
  );
});
