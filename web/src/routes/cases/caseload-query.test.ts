import { describe, expect, it } from 'vitest';
import { caseloadQueryOf, exportQueryOf, sortsFor } from './caseload-query.ts';

const params = (query: string) => new URLSearchParams(query);

describe('the caseload list query the portal sends', () => {
  it("keeps an office's own filters and order, and drops values the API would refuse", () => {
    expect(
      caseloadQueryOf(params('sort=next_due&phase=monitoring&due=overdue&serviceKind=bogus&assigned=me'), {
        role: 'specialist',
        officeId: 'himawari',
      }),
    ).toEqual({
      assigned: 'me',
      sort: 'next_due',
      specialistUserId: undefined,
      phase: 'monitoring',
      serviceKind: undefined,
      due: 'overdue',
    });
  });

  it("never sends kana order nor a specialist for the core center's pseudonymised view of another office", () => {
    const query = caseloadQueryOf(params('officeId=himawari&sort=kana&specialistUserId=user-sato'), {
      role: 'core_supervisor',
      officeId: 'kibou-core',
    });
    expect(query).not.toHaveProperty('sort');
    expect(query).not.toHaveProperty('specialistUserId');
    expect(sortsFor('core_supervisor', 'himawari', 'kibou-core')).not.toContain('kana');
  });

  it('sends nothing but the office for the list of every office, and offers no order there', () => {
    expect(
      caseloadQueryOf(params('sort=next_due&phase=intake'), {
        role: 'core_supervisor',
        officeId: 'kibou-core',
      }),
    ).toEqual({});
    expect(sortsFor('core_supervisor', undefined, 'kibou-core')).toEqual([]);
  });

  it('exports 「自分の担当のみ」 as the caller being the specialist', () => {
    expect(exportQueryOf({ assigned: 'me', due: 'none' }, 'user-sato')).toMatchObject({
      specialistUserId: 'user-sato',
      due: 'none',
    });
  });
});
