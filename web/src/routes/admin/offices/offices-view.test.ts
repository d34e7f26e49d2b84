import { describe, expect, it } from 'vitest';
import { checkNewMember } from '../members/members-view.ts';
import { checkNewOffice, checkOfficeChange, emptyOfficeForm, sortedOffices } from './offices-view.ts';

const filled = {
  type: 'plan_consultation',
  name: ' 相談支援事業所こだま ',
  operator: '社会福祉法人こだま会',
  officeNumber: '1290000029',
  municipalityCode: '990001',
};

describe('the office form', () => {
  it('reads full-width digits of the 事業所番号 as digits and trims the names', () => {
    expect(checkNewOffice({ ...filled, officeNumber: '１２９０ ００００４５' })).toEqual({
      ok: true,
      input: { ...filled, name: '相談支援事業所こだま', officeNumber: '1290000045' },
    });
  });

  it('a designated office without its number is an error on 事業所番号, in Japanese', () => {
    const check = checkNewOffice({ ...filled, officeNumber: '' });
    expect(check.ok).toBe(false);
    expect(check.ok ? {} : check.errors).toEqual({ officeNumber: expect.stringContaining('事業所番号') });
  });

  it('an empty form names every required input', () => {
    const check = checkNewOffice(emptyOfficeForm([]));
    expect(Object.keys(check.ok ? {} : check.errors).sort()).toEqual([
      'municipalityCode',
      'name',
      'operator',
      'type',
    ]);
  });

  it("a one-municipality tenant's member is chosen already", () => {
    expect(emptyOfficeForm([{ code: '990001', name: '希望が丘市' }]).municipalityCode).toBe('990001');
    expect(emptyOfficeForm([]).municipalityCode).toBe('');
  });

  it('an edit needs a name and an operator', () => {
    expect(checkOfficeChange({ name: '', operator: '法人' }).ok).toBe(false);
    expect(checkOfficeChange({ name: '名前', operator: '法人' }).ok).toBe(true);
  });

  it('lists offices by type, then name', () => {
    const office = (officeId: string, type: 'core_center' | 'plan_consultation', name: string) => ({
      officeId,
      type,
      name,
      operator: '法人',
      municipalityCode: '990001',
      version: 0,
    });
    const sorted = sortedOffices([
      office('c', 'core_center', 'センター'),
      office('b', 'plan_consultation', 'さくら'),
      office('a', 'plan_consultation', 'あおぞら'),
    ]);
    expect(sorted.map((item) => item.officeId)).toEqual(['a', 'b', 'c']);
  });
});

describe('the member form', () => {
  it('accepts 131016 typed in full-width digits and refuses a wrong check digit on the code', () => {
    expect(checkNewMember({ code: '１３１０１６', name: '千代田区' })).toEqual({
      ok: true,
      input: { code: '131016', name: '千代田区' },
    });
    const wrong = checkNewMember({ code: '131017', name: '千代田区' });
    expect(wrong.ok ? {} : wrong.errors).toEqual({ code: expect.stringContaining('検査数字') });
  });
});
