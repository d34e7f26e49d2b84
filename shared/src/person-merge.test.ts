import { describe, expect, it } from 'vitest';
import { planPersonMerge, type MergeablePerson } from './person-merge.ts';
import type { ConsentView } from './records-api.ts';

const person = (overrides: Partial<MergeablePerson> = {}): MergeablePerson => ({
  name: '山田 太郎',
  kana: 'ヤマダ タロウ',
  birthDate: '1990-04-01',
  municipalityCode: '131016',
  disabilityCategories: [],
  supportLevel: 'not_assessed',
  familySituation: '',
  ...overrides,
});

const consent = (purpose: ConsentView['purpose'], status: ConsentView['status']): ConsentView => ({
  purpose,
  status,
  grantedOn: '2026-04-01',
  ...(status === 'revoked' ? { revokedOn: '2026-05-01' } : {}),
  history: [],
  version: 1,
  updatedAt: '2026-04-01T00:00:00.000Z',
});

const side = (fields: Partial<MergeablePerson> = {}, consents: ConsentView[] = []) => ({
  person: person(fields),
  consents,
});

describe('merging two records of one person (ADR 0025)', () => {
  it('the kept record wins for the name, reading, support level and family situation it has', () => {
    const outcome = planPersonMerge(
      side({ name: '山田 太郎', supportLevel: '3', familySituation: '母と同居' }),
      side({ name: '山田 たろう', kana: 'ヤマダタロウ', supportLevel: '4', familySituation: '単身' }),
    );
    expect(outcome.ok && outcome.plan.person).toMatchObject({
      name: '山田 太郎',
      kana: 'ヤマダ タロウ',
      supportLevel: '3',
      familySituation: '母と同居',
    });
    expect(outcome.ok && outcome.plan.filled).toEqual([]);
  });

  it('what the kept record lacks comes from the other one, and the audit names those fields', () => {
    const outcome = planPersonMerge(
      side({ disabilityCategories: ['intellectual'] }),
      side(
        {
          recipientNumber: '1234567890',
          familySituation: '単身',
          disabilityCategories: ['mental', 'intellectual'],
        },
        [consent('core_supervision', 'granted')],
      ),
    );
    if (!outcome.ok) throw new Error('expected a plan');
    expect(outcome.plan.person.recipientNumber).toBe('1234567890');
    expect(outcome.plan.person.familySituation).toBe('単身');
    expect(outcome.plan.person.disabilityCategories).toEqual(['intellectual', 'mental']);
    expect(outcome.plan.consents.map((c) => c.purpose)).toEqual(['core_supervision']);
    expect(outcome.plan.filled).toEqual([
      'recipientNumber',
      'familySituation',
      'disabilityCategories',
      'consents.core_supervision',
    ]);
  });

  it('the same recipient number on both records is no conflict', () => {
    const outcome = planPersonMerge(
      side({ recipientNumber: '1234567890' }),
      side({ recipientNumber: '1234567890' }),
    );
    expect(outcome.ok).toBe(true);
  });

  it('another birth date, municipality or recipient number refuses, naming each in Japanese', () => {
    const outcome = planPersonMerge(
      side({ recipientNumber: '1234567890' }),
      side({ birthDate: '1990-04-02', municipalityCode: '131024', recipientNumber: '0987654321' }),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.conflicts.map((conflict) => conflict.field)).toEqual([
      'birthDate',
      'municipalityCode',
      'recipientNumber',
    ]);
    expect(outcome.conflicts[0]?.message).toContain('生年月日が異なります');
    expect(outcome.conflicts[2]?.message).toContain('受給者証番号が異なります');
  });

  it('a consent granted on one record and revoked on the other refuses; the same status keeps the kept one', () => {
    const refused = planPersonMerge(
      side({}, [consent('council_anonymised', 'revoked')]),
      side({}, [consent('council_anonymised', 'granted')]),
    );
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.conflicts[0]?.message).toContain('協議会での匿名化した事例利用');

    const kept = { ...consent('core_supervision', 'granted'), grantedOn: '2026-06-01' };
    const agreed = planPersonMerge(side({}, [kept]), side({}, [consent('core_supervision', 'granted')]));
    expect(agreed.ok && agreed.plan.consents).toEqual([kept]);
    expect(agreed.ok && agreed.plan.filled).toEqual([]);
  });
});
