import type { Person } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { checkPersonForm, personFormOf, toPersonPatch } from './person-form.ts';

const person: Omit<Person, 'personId' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: '山田 太郎',
  kana: 'ヤマダ タロウ',
  birthDate: '1990-05-10',
  municipalityCode: '990001',
  recipientNumber: '1234567890',
  disabilityCategories: ['intellectual', 'developmental'],
  supportLevel: '3',
  familySituation: '母と同居',
};

describe('person form', () => {
  it('sends only the changed fields', () => {
    const values = personFormOf(person);
    values.supportLevel = '4';
    values.familySituation = '母と同居。兄が近くに住む。';

    expect(toPersonPatch(values, person)).toEqual({
      supportLevel: '4',
      familySituation: '母と同居。兄が近くに住む。',
    });
  });

  it('treats the same categories in another order as unchanged', () => {
    const values = personFormOf(person);
    values.disabilityCategories = ['developmental', 'intellectual'];

    expect(toPersonPatch(values, person)).toEqual({});
  });

  it('checks kana with the shared Japanese message', () => {
    const values = personFormOf(person);
    values.kana = 'Yamada';

    const check = checkPersonForm(values, person);

    expect(check.ok === false && check.errors.kana).toBe(
      'フリガナはカタカナかひらがなで入力してください（漢字・英字・記号は使えません）',
    );
  });

  it('sends a reading typed in hiragana and a 和暦 birth date in their stored forms', () => {
    const values = personFormOf(person);
    values.kana = 'やまだ じろう';
    values.birthDate = '平成2年5月11日';

    const check = checkPersonForm(values, person);

    expect(check).toEqual({ ok: true, input: { kana: 'ヤマダ ジロウ', birthDate: '1990-05-11' } });
  });

  it('does not send an emptied recipient number (it cannot be removed)', () => {
    const values = personFormOf(person);
    values.recipientNumber = '';
    values.name = '山田 太朗';

    expect(toPersonPatch(values, person)).toEqual({ name: '山田 太朗' });
  });
});

describe('person form: contact fields (issue 15 point 5)', () => {
  it('sends a new emergency contact whole, with a full-width phone left for the schema to normalise', () => {
    const values = personFormOf(person);
    values.emergencyName = '山田 花子';
    values.emergencyRelation = '母';
    values.emergencyPhone = '０９０−１１１１−２２２２';

    const check = checkPersonForm(values, person);

    expect(check).toEqual({
      ok: true,
      input: { emergencyContact: { name: '山田 花子', relation: '母', phone: '090-1111-2222' } },
    });
  });

  it('clears an emptied contact field with null and leaves unchanged ones out', () => {
    const recorded = {
      ...person,
      address: '北信市中央1-2-3',
      representative: { name: '山田 花子', relation: 'parent' as const },
    };
    const values = personFormOf(recorded);
    values.address = '';

    expect(toPersonPatch(values, recorded)).toEqual({ address: null });
  });

  it('names the missing part of a half-filled representative', () => {
    const values = personFormOf(person);
    values.representativeName = '山田 花子';

    const check = checkPersonForm(values, person);

    expect(check.ok === false && check.errors['representative.relation']).toBe('続柄・関係を選んでください');
  });
});
