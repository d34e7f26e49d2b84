import { describe, expect, it } from 'vitest';
import { checkEndForm, checkSeniorForm, emptySeniorForm, toSeniorBody } from './senior-form.ts';

describe('senior specialist form', () => {
  it('sends the staff member when one is chosen, and no name', () => {
    const body = toSeniorBody({
      ...emptySeniorForm(),
      officeId: 'aozora',
      userId: 'user-suzuki',
      name: '残った入力',
      certifiedOn: '2025-04-01',
    });

    expect(body).toEqual({
      userId: 'user-suzuki',
      officeId: 'aozora',
      certifiedOn: '2025-04-01',
      endedOn: undefined,
    });
  });

  it('sends a typed name for someone without an account', () => {
    const check = checkSeniorForm({
      ...emptySeniorForm(),
      officeId: 'aozora',
      name: '山田 一郎',
      certifiedOn: '2024-10-01',
    });

    expect(check.ok && check.input).toEqual({
      name: '山田 一郎',
      officeId: 'aozora',
      certifiedOn: '2024-10-01',
    });
  });

  it('asks for a staff member or a name, on the name input', () => {
    const check = checkSeniorForm({ ...emptySeniorForm(), officeId: 'aozora', certifiedOn: '2024-10-01' });

    expect(check.ok === false && check.errors).toEqual({ name: '職員を選ぶか、氏名を入力してください' });
  });

  it('needs the office and the date of certification', () => {
    const check = checkSeniorForm({ ...emptySeniorForm(), name: '山田 一郎' });

    expect(check.ok === false && Object.keys(check.errors).sort()).toEqual(['certifiedOn', 'officeId']);
  });

  it('needs an end date to end an entry', () => {
    expect(checkEndForm('')).toEqual({ ok: false, errors: { endedOn: '終了日を入力してください' } });
    expect(checkEndForm('2026-03-31')).toEqual({ ok: true, input: { endedOn: '2026-03-31' } });
  });
});
