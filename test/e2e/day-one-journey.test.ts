import { addDays, addMonths, todayInJapan } from '@kikan/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../services/local/demo-data.ts';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';
import { caseloadRow, csvOf } from '../support/import-files.ts';

/**
 * Day one for a new office (issue 15, Done when): the tenant admin adds an office and a
 * specialist; the specialist imports their caseload from a file with one error, is told the row
 * and column, fixes it, imports, and sees the cases with their next monitoring due dates.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');
const ADMIN = DEMO_USERS.find((user) => user.userId === 'user-admin');
if (!ADMIN) throw new Error('no demo admin');
const SUFFIX = String(Date.now()).slice(-6);
const OFFICE = `相談支援事業所はじまり${SUFFIX}`;
const NAME = `初日 相談員${SUFFIX}`;
const EMAIL = `day-one-${SUFFIX}@kibou.example`;

/** A decision in force (from two months ago for a year): each case has a due date ahead. */
const today = todayInJapan();
const validFrom = `${addMonths(today, -2).slice(0, 7)}-01`;
const rows = [1, 2, 3].map((n) => ({
  ...caseloadRow(n, { email: EMAIL, municipalityCode: '990001', numberBase: Number(`72${SUFFIX}00`) }),
  氏名: `初日 利用者${n}`,
  開始日: addMonths(validFrom, -1),
  支給決定日: addDays(validFrom, -10),
  '支給決定期間 開始': validFrom,
  '支給決定期間 終了': addDays(addMonths(validFrom, 12), -1),
  '新規・大きな変更（毎月モニタリング）': 'いいえ',
  'モニタリング期間（月）': '3',
  計画作成日: addDays(validFrom, -20),
  計画同意日: addDays(validFrom, -15),
  最終モニタリング日: '',
  フェーズ: 'モニタリング',
}));
const withError = rows.map((row, index) => (index === 1 ? { ...row, 受給者証番号: '123' } : row));

const upload = async (page: Page, name: string, text: string) => {
  await page.locator('#import-file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
  await page.getByRole('button', { name: '確認する（登録はしません）' }).click();
};

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('day one: an office, its specialist and their caseload', () => {
  it('the admin adds the office and the specialist; the specialist imports a file, fixing its one error first', async () => {
    const admin = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    await logInAs(admin, portalUrl, ADMIN.displayName, '/admin/offices');
    const adminMain = admin.locator('main');
    await adminMain.getByRole('heading', { name: '事業所の管理', level: 1 }).waitFor();
    await settled(admin);
    await adminMain.getByLabel('事業所の種別').selectOption('plan_consultation');
    await adminMain.getByLabel('事業所名').fill(OFFICE);
    await adminMain.getByLabel('事業所番号').fill(`12${SUFFIX}77`);
    await adminMain.getByLabel('運営法人').fill('一般社団法人はじまり');
    await adminMain.getByRole('button', { name: '事業所を追加' }).click();
    await adminMain
      .locator('p.message[role="status"]')
      .filter({ hasText: `「${OFFICE}」を追加しました。` })
      .waitFor();

    await admin
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '職員の管理' })
      .click();
    await adminMain.getByRole('heading', { name: '職員の管理', level: 1 }).waitFor();
    await settled(admin);
    const form = adminMain.locator('form', { has: admin.getByRole('heading', { name: '職員を追加' }) });
    await form.getByLabel('氏名').fill(NAME);
    await form.getByLabel('メールアドレス').fill(EMAIL);
    await form.getByLabel('所属事業所').selectOption({ label: OFFICE });
    await form.getByLabel('役割').selectOption('specialist');
    await form.getByRole('button', { name: '職員を追加' }).click();
    await adminMain
      .locator('p.message[role="status"]')
      .filter({ hasText: `${NAME}さん` })
      .waitFor();
    await admin.close();

    const page = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    await logInAs(page, portalUrl, NAME, '/cases/import');
    const main = page.locator('main');
    await main.getByRole('heading', { name: 'ケースの一括取り込み', level: 1 }).waitFor();
    expect(await page.locator('header').innerText()).toContain(OFFICE);

    await upload(page, 'caseload.csv', csvOf(withError));
    const problems = main.getByRole('table', { name: '問題の一覧' });
    await problems.waitFor();
    const problemText = await problems.innerText();
    expect(problemText).toContain('受給者証番号');
    expect(problemText).toContain('10桁');
    expect(await main.getByRole('alert').innerText()).toContain('何も登録されていません');
    expect(await main.getByRole('button', { name: /件を取り込む/ }).count()).toBe(0);

    await upload(page, 'caseload-fixed.csv', csvOf(rows));
    await main.getByRole('heading', { name: '3. 結果：確認済み' }).waitFor();
    await main.getByRole('button', { name: '3 件を取り込む' }).click();
    await main.getByRole('heading', { name: '3. 結果：取り込み完了' }).waitFor();
    expect(await main.locator('label[for="import-progress"]').innerText()).toContain('3 / 3');

    await main.getByRole('link', { name: 'ケース一覧を見る' }).click();
    await settled(page);
    for (const n of [1, 2, 3]) {
      const row = main.getByRole('row').filter({ hasText: `初日 利用者${n}` });
      await row.waitFor();
      // The next monitoring is due within the decision (its first scheduled month), shown in 和暦.
      expect(await row.innerText()).toMatch(/令和\d+年\d+月\d+日/);
    }
    await page.screenshot({ path: '/tmp/kikan-day-one-cases.png', fullPage: true });
    await page.close();
  });
});
