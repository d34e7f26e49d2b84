import { addDays, addMonths, todayInJapan } from '@kikan/shared';
import { DECISIONS_IMPORT_COLUMNS } from '@kikan/shared/decisions-import';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS, demoCases } from '../../services/local/demo-data.ts';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';
import { csvOf, type ImportCells } from '../support/import-files.ts';

/**
 * The municipality's 支給決定 file (issue 15 point 3, ADR 0034) in the portal: the municipal officer
 * uploads a file with one bad row and is told the row and column, uploads the fixed file, imports
 * it and sees what matched and what did not by row number only; the specialist of the matched
 * office then finds the new decision and its monitoring due date on the case page.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');
const userOf = (userId: string) => {
  const user = DEMO_USERS.find((candidate) => candidate.userId === userId);
  if (!user) throw new Error(`no demo user ${userId}`);
  return user;
};
const ITO = userOf('user-ito');
const SUZUKI = userOf('user-suzuki');

const today = todayInJapan();
const VALID_FROM = `${today.slice(0, 7)}-01`;
const VALID_TO = addDays(addMonths(VALID_FROM, 12), -1);

/**
 * An open case of 鈴木's at あおぞら whose monitoring is not overdue (the core center's journey
 * counts overdue cases) and whose decision ends on another day than the file's: not the first
 * such case nor the last (other journeys open those).
 */
const subject = (() => {
  const all = demoCases('kibougaoka', new Date());
  const openCasesOf = (personId: string) =>
    all.filter(({ record }) => record.personId === personId && record.phase !== 'closed').length;
  const candidates = all.filter(
    ({ person, record }) =>
      record.officeId === 'aozora' &&
      openCasesOf(record.personId) === 1 &&
      record.specialistUserId === SUZUKI.userId &&
      record.phase !== 'closed' &&
      record.nextMonitoringDueOn !== null &&
      record.nextMonitoringDueOn >= today &&
      record.decision?.validTo !== VALID_TO &&
      person.recipientNumber !== undefined &&
      person.municipalityCode === '990001',
  );
  const chosen = candidates[1];
  if (!chosen?.person.recipientNumber) throw new Error('no demo case for the decisions import journey');
  return chosen;
})();

const SUFFIX = String(Date.now()).slice(-6);
const UNMATCHED_NUMBER = `98${SUFFIX}01`;
const HEADERS = DECISIONS_IMPORT_COLUMNS.map((column) => column.header);

const rowOf = (cells: ImportCells): ImportCells => ({
  受給者証番号: subject.person.recipientNumber,
  カナ氏名: subject.person.kana,
  生年月日: subject.person.birthDate,
  '支給決定期間 開始': VALID_FROM,
  '支給決定期間 終了': VALID_TO,
  '計画相談支援給付費の支給期間 開始': VALID_FROM,
  '計画相談支援給付費の支給期間 終了': VALID_TO,
  'モニタリング期間（月）': '3',
  ...cells,
});
/** Two services of the matched person in one period (one decision), and a number nobody holds. */
const fixedRows = [
  rowOf({ サービス種類: '生活介護', 支給量: '22日/月' }),
  rowOf({ サービス種類: '短期入所', 支給量: '7日/月' }),
  rowOf({
    受給者証番号: UNMATCHED_NUMBER,
    カナ氏名: 'ミナイ タロウ',
    生年月日: '1990-01-01',
    サービス種類: '居宅介護',
  }),
];
const withError = fixedRows.map((row, index) => (index === 2 ? { ...row, 受給者証番号: '123' } : row));

const upload = async (page: Page, name: string, rows: ImportCells[]) => {
  await page.locator('#import-file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(csvOf(rows, HEADERS), 'utf8'),
  });
  await page.getByRole('button', { name: '確認する（登録はしません）' }).click();
};

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('the municipality imports its service decisions', () => {
  it('the officer fixes the one bad row, imports, and sees matches by row number; the specialist sees the decision', async () => {
    const page = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    await logInAs(page, portalUrl, ITO.displayName);
    const main = page.locator('main');
    await main.getByRole('link', { name: '支給決定の一括取り込み' }).first().click();
    await main.getByRole('heading', { name: '支給決定の一括取り込み', level: 1 }).waitFor();

    await upload(page, 'decisions.csv', withError);
    const problems = main.getByRole('table', { name: '問題の一覧' });
    await problems.waitFor();
    const problemRows = await problems.locator('tbody tr').allInnerTexts();
    expect(problemRows).toHaveLength(1);
    expect(problemRows[0]).toContain('4行目');
    expect(problemRows[0]).toContain('受給者証番号');
    expect(problemRows[0]).toContain('10桁');
    expect(await main.getByRole('alert').innerText()).toContain('何も登録されていません');
    expect(await main.getByRole('button', { name: /を反映する/ }).count()).toBe(0);

    await upload(page, 'decisions-fixed.csv', fixedRows);
    // The first file's result (also 確認済み) stays on the page until the new job's dry run is done.
    await problems.waitFor({ state: 'detached' });
    const resultSection = main.locator('section[aria-labelledby="result-title"]');
    await expect.poll(() => resultSection.innerText()).toContain('該当するケースがない行（1 行）：4行目');
    const checked = await resultSection.innerText();
    expect(checked).toContain('2. 結果：確認済み');
    expect(checked).toContain('データ 3 行：反映する支給決定 1 件');
    await main.getByRole('button', { name: '支給決定 1 件を反映する' }).click();
    await main.getByRole('heading', { name: '2. 結果：取り込み完了' }).waitFor();
    const result = await resultSection.innerText();
    expect(result).toContain('反映済み 1 / 1 件');
    expect(result).toContain('該当するケースがない行（1 行）：4行目');
    // Row numbers only: nothing of the matched person or case reaches the municipality's page.
    const pageText = await main.innerText();
    for (const secret of [
      subject.person.name,
      subject.person.kana,
      subject.record.caseCode,
      subject.person.recipientNumber ?? '',
      'あおぞら',
    ]) {
      expect(pageText).not.toContain(secret);
    }
    await page.screenshot({ path: '/tmp/kikan-decisions-import-result.png', fullPage: true });
    await page.close();

    const specialist = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    await logInAs(specialist, portalUrl, SUZUKI.displayName, '/cases');
    const cases = specialist.locator('main');
    await settled(specialist);
    await cases.getByLabel('氏名・フリガナ・受給者証番号で検索').fill(subject.person.name);
    await cases.getByRole('button', { name: '検索', exact: true }).click();
    await cases.locator('section.results').getByRole('link', { name: subject.person.name }).first().click();
    await cases.getByRole('heading', { name: 'モニタリング' }).waitFor();
    await settled(specialist);
    expect(await cases.getByTestId('decision-valid-to').locator('time').getAttribute('datetime')).toBe(
      VALID_TO,
    );
    // The next monitoring falls within the imported decision (its schedule of every 3 months).
    const due =
      (await cases.getByTestId('next-monitoring-due').locator('time').getAttribute('datetime')) ?? '';
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(due >= VALID_FROM && due <= VALID_TO).toBe(true);
    const timeline = await cases.innerText();
    expect(timeline).toContain('決定されたサービス：');
    expect(timeline).toContain('生活介護 22日/月');
    expect(timeline).toContain('短期入所 7日/月');
    await specialist.screenshot({ path: '/tmp/kikan-decisions-import-case.png', fullPage: true });
    await specialist.close();
  });
});
