import { fiscalYearOf, todayInJapan } from '@kikan/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The municipality's 評価・課題 per indicator (issue 14 point 11): written on the statistics page for
 * the version of the year's figures being signed off, frozen with its approval, carried into a
 * correction, and printed in the XLSX of the version it belongs to. The demo has FY2025 approved
 * (version 1) and this fiscal year open.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const ITO = 'ito@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const THIS_YEAR = fiscalYearOf(todayInJapan());
const APPROVED_YEAR = 2025;
const pathOf = (year: number, query = '') => `/api/statistics/evaluations/${year}${query}`;
const USERS_TEXT = '相談支援専門員の不足により見込量に届かなかった。新規事業所の参入を協議会で検討する。';

const put = (year: number, texts: Record<string, string | null>, ifMatch: string) =>
  api.call('PUT', pathOf(year), { as: ITO, body: { texts }, headers: { 'if-match': ifMatch } });

/** The 評価・課題 cell of an indicator on the XLSX's 相談支援の利用 sheet (after the three years). */
const evaluationInWorkbook = async (query: string, label: string): Promise<string> => {
  const response = await fetch(`${api.stack.url}/api/statistics/export.xlsx?${query}`, {
    headers: { authorization: `Bearer ${await api.tokenOf(ITO)}` },
  });
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.getWorksheet('相談支援の利用');
  if (!sheet) throw new Error('no 相談支援の利用 sheet');
  const header = sheet.getRow(3);
  const column = Array.from({ length: header.cellCount }, (_, index) => index + 1).find((at) =>
    header.getCell(at).text.startsWith('評価・課題'),
  );
  expect(column).toBe(7);
  for (let index = 1; index <= sheet.rowCount; index += 1) {
    const row = sheet.getRow(index);
    if (row.getCell(1).text === label) return row.getCell(column ?? 0).text;
  }
  throw new Error(`no row for ${label}`);
};

describe('評価・課題 of a fiscal year', () => {
  it('starts empty at version 0 for the version being signed off, which the municipality may edit', async () => {
    const response = await api.call('GET', pathOf(THIS_YEAR), { as: ITO });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ fiscalYear: THIS_YEAR, texts: {}, editable: true, version: 0 });
    expect(response.headers.get('etag')).toBe('"0"');
  });

  it('saves the texts the municipality writes, read back by the core center, and audits the write', async () => {
    const saved = await put(THIS_YEAR, { plan_consultation_users: USERS_TEXT }, '"0"');

    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');
    const read = await api.call('GET', pathOf(THIS_YEAR), { as: TAKAHASHI });
    expect(read.json).toMatchObject({
      texts: { plan_consultation_users: USERS_TEXT },
      version: 1,
      updatedByName: '伊藤 直子',
    });
    const audits = (await api.allItems()).filter(
      (item) => item.entity === 'audit' && item.recordType === 'statistics_evaluation',
    );
    expect(audits).toHaveLength(1);
  });

  it('refuses a stale If-Match with 412, so two officers cannot overwrite each other unseen', async () => {
    const response = await put(THIS_YEAR, { plan_consultation_users: '上書き' }, '"0"');

    expect(response.status).toBe(412);
    expect((await api.call('GET', pathOf(THIS_YEAR), { as: ITO })).json.texts.plan_consultation_users).toBe(
      USERS_TEXT,
    );
  });

  it('names the field of an indicator the plan period lacks, and of a text that is too long', async () => {
    const unknown = await put(THIS_YEAR, { invented_indicator: 'x' }, '"1"');
    const long = await put(THIS_YEAR, { self_plan_rate: 'あ'.repeat(1001) }, '"1"');

    expect(unknown.status).toBe(400);
    expect(unknown.json.error.fields).toEqual([
      expect.objectContaining({ field: 'body.texts.invented_indicator' }),
    ]);
    expect(long.status).toBe(400);
    expect(long.json.error.fields).toEqual([
      expect.objectContaining({
        field: 'body.texts.self_plan_rate',
        message: '評価・課題は1000文字以内で入力してください',
      }),
    ]);
  });

  it("prints the text in the XLSX's 評価・課題 column beside the indicator", async () => {
    expect(await evaluationInWorkbook(`fiscalYear=${THIS_YEAR}`, '計画相談支援の利用者数')).toBe(USERS_TEXT);
    expect(await evaluationInWorkbook(`fiscalYear=${THIS_YEAR}`, 'セルフプラン率')).toBe('');
  });

  it('refuses a change to an approved version with 409: its evaluation is part of what was approved', async () => {
    const read = await api.call('GET', pathOf(APPROVED_YEAR), { as: ITO });
    expect(read.json).toMatchObject({ signOffVersion: 1, editable: false });

    const response = await put(APPROVED_YEAR, { self_plan_rate: '後から書き足す' }, '"0"');

    expect(response.status).toBe(409);
    expect(response.json.error.message).toBe(
      '第1版は承認済みのため、評価・課題は変更できません。訂正版を作成してから入力してください',
    );
  });

  it('keeps each version its own: a correction is written as version 2, version 1 and its XLSX stay as approved', async () => {
    const correction = await api.call('POST', `/api/statistics/signoff/${APPROVED_YEAR}/corrections`, {
      as: ITO,
      body: { reason: '評価・課題の追記' },
    });
    expect(correction.status).toBe(200);
    const opened = await api.call('GET', pathOf(APPROVED_YEAR), { as: ITO });
    expect(opened.json).toMatchObject({ signOffVersion: 2, editable: true, version: 0 });

    expect(
      (await put(APPROVED_YEAR, { self_plan_rate: 'セルフプラン率は見込量を超過した' }, '"0"')).status,
    ).toBe(200);

    const version1 = await api.call('GET', pathOf(APPROVED_YEAR, '?version=1'), { as: ITO });
    expect(version1.json).toMatchObject({ signOffVersion: 1, texts: {}, editable: false });
    const version2 = await api.call('GET', pathOf(APPROVED_YEAR, '?version=2'), { as: ITO });
    expect(version2.json.texts).toEqual({ self_plan_rate: 'セルフプラン率は見込量を超過した' });
    expect(await evaluationInWorkbook(`fiscalYear=${APPROVED_YEAR}&version=1`, 'セルフプラン率')).toBe('');
    expect(await evaluationInWorkbook(`fiscalYear=${APPROVED_YEAR}`, 'セルフプラン率')).toBe(
      'セルフプラン率は見込量を超過した',
    );
    expect((await api.call('GET', pathOf(APPROVED_YEAR, '?version=3'), { as: ITO })).status).toBe(404);
  });
});
