import { formatJapaneseEraDate, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const TODAY = todayInJapan();
/** 「令和８年１２月７日」: today as written on paper, in full-width digits. */
const TODAY_WRITTEN = formatJapaneseEraDate(TODAY).replace(/[0-9]/g, (digit) =>
  String.fromCharCode(digit.charCodeAt(0) + 0xfee0),
);

describe('the API reads what staff type as the portal does (ADR 0032)', () => {
  let caseId = '';
  let personId = '';

  it('creates a case from full-width digits, hiragana kana and 和暦 dates, and answers them in their stored form', async () => {
    const body = newCaseBody({
      person: {
        ...newCaseBody().person,
        name: '正規 かな子',
        kana: 'せいき\u3000かなこ',
        birthDate: '平成２年５月１０日',
        municipalityCode: '９９０００１',
        recipientNumber: '８８０１２３４５６７',
      },
      openedOn: TODAY_WRITTEN,
    });

    const created = await api.call('POST', '/api/cases', { as: SATO, body });

    expect(created.status, created.text).toBe(201);
    ({ caseId, personId } = created.json);
    expect(created.json).toMatchObject({
      personName: '正規 かな子',
      personKana: 'セイキ カナコ',
      birthDate: '1990-05-10',
      openedOn: TODAY,
    });
    const person = await api.call('GET', `/api/persons/${personId}`, { as: SATO });
    expect(person.json).toMatchObject({
      name: '正規 かな子',
      kana: 'セイキ カナコ',
      birthDate: '1990-05-10',
      municipalityCode: '990001',
      recipientNumber: '8801234567',
    });
  });

  it('stores the normalised values, so the recipient number typed in ASCII finds the person', async () => {
    const stored = (await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).find(
      (item) => item.sk === 'CASE',
    );
    expect(stored).toMatchObject({ personKana: 'セイキ カナコ', birthDate: '1990-05-10', openedOn: TODAY });

    const found = await api.call('GET', '/api/cases/search?q=8801234567', { as: SATO });
    expect(found.json.items.map((item: { caseId: string }) => item.caseId)).toEqual([caseId]);
  });

  it('changes a person from a half-width katakana reading and an H-dated birth date', async () => {
    const changed = await api.call('PATCH', `/api/persons/${personId}`, {
      as: SATO,
      body: { kana: 'ｾｲｷ ｶﾅｺ', birthDate: 'H2.5.11' },
      headers: { 'if-match': '"1"' },
    });

    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({ kana: 'セイキ カナコ', birthDate: '1990-05-11' });
  });

  it('dates a record written in 和暦 as the ISO day', async () => {
    const consultation = await api.call('POST', `/api/cases/${caseId}/consultations`, {
      as: SATO,
      body: {
        consultedOn: TODAY_WRITTEN,
        channel: 'phone',
        counterpart: 'person',
        supportCategories: ['welfare_services'],
        summary: '電話で近況を確認した',
        minutes: 15,
      },
    });

    expect(consultation.status, consultation.text).toBe(201);
    expect(consultation.json.consultedOn).toBe(TODAY);
  });

  it.each([
    [
      'a 令和 date before 令和 began',
      { birthDate: '令和1年4月30日' },
      'body.person.birthDate',
      '令和は2019年5月1日からです。それより前の日付は平成で入力してください',
    ],
    [
      'a day the month does not have',
      { birthDate: 'R6.2.30' },
      'body.person.birthDate',
      '令和6年2月は1日から29日までです',
    ],
    [
      'a date in no accepted format',
      { birthDate: '1990年5月' },
      'body.person.birthDate',
      '日付は「2026-04-01」「令和8年4月1日」「R8.4.1」のように入力してください',
    ],
    [
      'kana in kanji',
      { kana: '正規 花子' },
      'body.person.kana',
      'フリガナはカタカナかひらがなで入力してください（漢字・英字・記号は使えません）',
    ],
    [
      'nine full-width digits for a recipient number',
      { recipientNumber: '８８０１２３４５６' },
      'body.person.recipientNumber',
      '受給者証番号は10桁の数字で入力してください',
    ],
  ])(
    'refuses %s with a 400 saying what is allowed, writing nothing',
    async (_rule, change, field, message) => {
      const before = (await api.allItems()).length;
      const body = newCaseBody({ person: { ...newCaseBody().person, ...change } });

      const refused = await api.call('POST', '/api/cases', { as: SATO, body });

      expect(refused.status).toBe(400);
      expect(refused.json.error.fields).toEqual([{ field, message }]);
      expect((await api.allItems()).length).toBe(before);
    },
  );
});
