import { describe, expect, it } from 'vitest';
import { LedgerEventInput, LedgerEventPatchInput, SeniorSpecialistInput, isSeniorOn } from './ledger-api.ts';

describe('isSeniorOn', () => {
  const entry = { certifiedOn: '2025-04-01', endedOn: '2026-03-31' };

  it.each([
    ['2025-03-31', false],
    ['2025-04-01', true],
    ['2026-03-31', true],
    ['2026-04-01', false],
  ])('on %s is %s for a period from 1 April 2025 to 31 March 2026', (day, expected) => {
    expect(isSeniorOn(entry, day)).toBe(expected);
  });

  it('holds for every day from certification on while the period is open', () => {
    expect(isSeniorOn({ certifiedOn: '2025-04-01' }, '2099-03-31')).toBe(true);
  });
});

describe('ledger inputs', () => {
  const valid = { kind: 'training', heldOn: '2026-05-20', title: '現任研修', participantCount: 18 };

  it('defaults the lists, counts and notes of an event', () => {
    expect(LedgerEventInput.parse(valid)).toEqual({
      ...valid,
      officeIds: [],
      organisations: [],
      unnamedOrganisationCount: 0,
      caseIds: [],
      notes: '',
    });
  });

  it('refuses unknown keys, a repeated office and an unknown kind', () => {
    expect(LedgerEventInput.safeParse({ ...valid, tenantId: 'x' }).success).toBe(false);
    expect(LedgerEventInput.safeParse({ ...valid, officeIds: ['aozora', 'aozora'] }).success).toBe(false);
    expect(LedgerEventInput.safeParse({ ...valid, kind: 'party' }).success).toBe(false);
  });

  it('refuses an empty correction', () => {
    expect(LedgerEventPatchInput.safeParse({}).success).toBe(false);
    expect(LedgerEventPatchInput.parse({ title: '訂正' })).toEqual({ title: '訂正' });
  });

  it('wants a senior specialist named by user id or by name, not both and not neither', () => {
    const base = { officeId: 'aozora', certifiedOn: '2025-04-01' };

    expect(SeniorSpecialistInput.safeParse({ ...base, userId: 'user-tanaka' }).success).toBe(true);
    expect(SeniorSpecialistInput.safeParse({ ...base, name: '外部 花子' }).success).toBe(true);
    expect(SeniorSpecialistInput.safeParse({ ...base, userId: 'user-tanaka', name: '田中' }).success).toBe(
      false,
    );
    expect(SeniorSpecialistInput.safeParse(base).success).toBe(false);
  });
});
