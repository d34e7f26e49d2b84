import { describe, expect, it } from 'vitest';
import { mayConfirmOfficeFigures, seesOwnOfficeFiguresOnly } from './access-policy.ts';

describe("who confirms an office's yearly figures (sign-off: office → core center → municipality)", () => {
  it('is the office manager, named or not', () => {
    expect(mayConfirmOfficeFigures({ role: 'office_manager', officeId: 'aozora' }, null)).toBe(true);
  });

  it('is a specialist only when the tenant admin named them (an office without a manager)', () => {
    expect(
      mayConfirmOfficeFigures({ role: 'specialist', officeId: 'aozora' }, { confirmsFigures: true }),
    ).toBe(true);
    expect(
      mayConfirmOfficeFigures({ role: 'specialist', officeId: 'aozora' }, { confirmsFigures: false }),
    ).toBe(false);
    expect(mayConfirmOfficeFigures({ role: 'specialist', officeId: 'aozora' }, {})).toBe(false);
    expect(mayConfirmOfficeFigures({ role: 'specialist', officeId: 'aozora' }, null)).toBe(false);
  });

  it("is not a specialist acting for their second office: the designation is the first office's (ADR 0033)", () => {
    const named = { confirmsFigures: true, officeId: 'aozora' };
    expect(mayConfirmOfficeFigures({ role: 'specialist', officeId: 'aozora' }, named)).toBe(true);
    expect(mayConfirmOfficeFigures({ role: 'specialist', officeId: 'himawari' }, named)).toBe(false);
  });

  it('is never the core center, the municipality or the tenant admin, even if flagged', () => {
    for (const role of ['core_supervisor', 'municipal_officer', 'tenant_admin'] as const) {
      expect(mayConfirmOfficeFigures({ role, officeId: 'aozora' }, { confirmsFigures: true })).toBe(false);
    }
  });

  it("limits an office's staff to their own office's figures", () => {
    expect(seesOwnOfficeFiguresOnly({ role: 'specialist' })).toBe(true);
    expect(seesOwnOfficeFiguresOnly({ role: 'office_manager' })).toBe(true);
    expect(seesOwnOfficeFiguresOnly({ role: 'core_supervisor' })).toBe(false);
    expect(seesOwnOfficeFiguresOnly({ role: 'municipal_officer' })).toBe(false);
  });
});
