import { formatJapaneseEraDate } from '@kikan/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { launchBrowser, logInAs as logInAsShared } from '../support/browser.ts';

/** A specialist logs in, sees their caseload, opens a case, and cannot open another office's case. */

let browser: Browser;
const portalUrl = inject('portalUrl');
const kibouCases = demoCases('kibougaoka', new Date());
const namesAt = (officeId: string) =>
  new Set(kibouCases.filter(({ record }) => record.officeId === officeId).map(({ person }) => person.name));
const himawariNames = namesAt('himawari');
const aozoraOnlyNames = [...namesAt('aozora')].filter((name) => !himawariNames.has(name));

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const logInAs = (page: Page, displayName: string, next?: string) =>
  logInAsShared(page, portalUrl, displayName, next);

describe('a specialist in the portal', () => {
  it("logs in, sees only their office's caseload, and opens a case", async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    await logInAs(page, '佐藤 美咲');
    await expect.poll(() => page.locator('header').innerText()).toContain('佐藤 美咲');

    await page.getByRole('navigation').getByRole('link', { name: '事業所のケース', exact: true }).click();
    // The home page has tables too: wait until the caseload page itself has rendered its rows.
    await page.waitForURL(/\/cases$/);
    const personLinks = page.locator('table tbody th[scope="row"] a');
    await expect.poll(() => personLinks.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const listed = await personLinks.allInnerTexts();
    expect(listed.length).toBeGreaterThan(0);
    for (const name of listed) expect(himawariNames.has(name.trim())).toBe(true);
    const text = await page.locator('main').innerText();
    for (const name of aozoraOnlyNames) expect(text).not.toContain(name);

    const first = listed[0]?.trim() ?? '';
    await page.getByRole('link', { name: first }).first().click();
    await expect.poll(() => page.locator('h1').innerText()).toContain(first);
    await page.close();
  });

  it('cannot open a case of another office, even by its address', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    const aozoraCase = kibouCases.find(({ record }) => record.officeId === 'aozora');
    expect(aozoraCase).toBeDefined();
    await logInAs(page, '佐藤 美咲', `/cases/${aozoraCase?.record.caseId}`);
    await expect.poll(() => page.locator('main').innerText()).toContain('見つかりません');
    expect(await page.locator('main').innerText()).not.toContain(aozoraCase?.person.name);
    await page.close();
  });

  it('is shown the case of the same reading and birth date before registering the person again (ADR 0025)', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    const existing = kibouCases.find(({ record }) => record.officeId === 'himawari');
    if (!existing) throw new Error('the demo data has no himawari case');
    const { person, record } = existing;
    await logInAs(page, '佐藤 美咲', '/cases/new');
    const form = page.locator('main form');
    await form.locator('input[name="person.name"]').waitFor();

    // The reading typed in hiragana without its space, and the birth date in 和暦, are still the same
    // reading and day (ADR 0032).
    const hiragana = person.kana
      .replace(/[\s\u3000]/g, '')
      .replace(/[\u30A1-\u30F6]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60));
    await form.locator('input[name="person.name"]').fill(person.name);
    await form.getByLabel('フリガナ').fill(hiragana);
    await form.getByLabel('生年月日').fill(formatJapaneseEraDate(person.birthDate));
    await form.getByLabel('市町村').selectOption(person.municipalityCode);
    await form.getByLabel('サービス種別').selectOption({ index: 1 });
    await form.getByLabel('モニタリング期間').selectOption({ index: 1 });
    await form.getByRole('button', { name: '登録する', exact: true }).click();

    const panel = page.getByRole('region', { name: '同じ人の記録がすでにあるかもしれません' });
    await panel.waitFor();
    await page
      .locator('.error-summary')
      .getByText(/同一人物でないことを確かめてから登録してください/)
      .waitFor();
    expect(page.url()).toMatch(/\/cases\/new$/);
    // Once left, the inputs show what is stored: katakana and the ISO day.
    expect(await form.getByLabel('フリガナ').inputValue()).toBe(person.kana.replace(/[\s\u3000]/g, ''));
    expect(await form.getByLabel('生年月日').inputValue()).toBe(person.birthDate);
    const confirmation = panel.getByLabel('上の利用者とは別の人であることを確かめました');
    expect(await confirmation.isChecked()).toBe(false);
    // The panel names the case by its code only, never by anything more of the person.
    expect(await panel.innerText()).not.toContain(person.name);

    // Another birth date is another question: the list and the confirmation go away.
    await form.getByLabel('生年月日').fill('1950-01-01');
    await expect.poll(() => panel.count()).toBe(0);
    await form.getByLabel('生年月日').fill(person.birthDate);
    await panel.waitFor();

    await panel.getByRole('link', { name: `ケース番号 ${record.caseCode} を開く` }).click();
    await expect.poll(() => page.locator('h1').innerText()).toContain(person.name);
    await page.close();
  });

  it('merges two records of one person after comparing them side by side, and shows the kept record (ADR 0025)', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    // A reading and a number of this run only: nothing another file does or did meets them.
    const letters = 'アイウエオカキクケコサシスセソタチツテト';
    const suffix = Array.from({ length: 6 }, () => letters[Math.floor(Math.random() * letters.length)]).join(
      '',
    );
    const kana = `トウゴウ ${suffix}`;
    const recipientNumber = `8${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    await logInAs(page, '佐藤 美咲', '/cases/new');

    // Tokens live in memory only: a reload would sign out, so the portal's router is followed instead.
    const navigate = (path: string) =>
      page.evaluate(
        `(() => { const link = document.createElement('a'); link.href = ${JSON.stringify(path)}; document.body.append(link); link.click(); link.remove(); })()`,
      );
    const register = async (withNumber: boolean) => {
      await navigate('/cases/new');
      const form = page.locator('main form');
      await form.locator('input[name="person.name"]').waitFor();
      await form.locator('input[name="person.name"]').fill('統合 試験');
      await form.getByLabel('フリガナ').fill(kana);
      await form.getByLabel('生年月日').fill('1985-07-07');
      await form.getByLabel('市町村').selectOption({ index: 1 });
      if (withNumber) await form.getByLabel('受給者証番号').fill(recipientNumber);
      await form.getByLabel('サービス種別').selectOption({ index: 1 });
      await form.getByLabel('モニタリング期間').selectOption({ index: 1 });
      await form.getByRole('button', { name: '登録する', exact: true }).click();
      if (withNumber) {
        // The first record has the same reading and birth date: it is asked about first.
        const panel = page.getByRole('region', { name: '同じ人の記録がすでにあるかもしれません' });
        await panel.getByLabel('上の利用者とは別の人であることを確かめました').check();
        await form.getByRole('button', { name: '登録する', exact: true }).click();
      }
      await page.waitForURL(/\/cases\/(?!new)[^/]+$/);
      return page.url();
    };
    const keptUrl = await register(false);
    await register(true);

    await navigate(new URL(keptUrl).pathname);
    await page.getByRole('link', { name: '同一人物として統合' }).click();
    const likely = page.getByRole('region', { name: '同じフリガナと生年月日の利用者（この事業所）' });
    await likely.getByRole('button', { name: 'この記録と比べる' }).click();
    const comparison = page.getByRole('region', { name: '2つの記録の比較' });
    await expect.poll(() => comparison.innerText()).toContain('受給者証番号（違いあり）');
    const confirm = page.getByRole('button', { name: '同一人物として統合する' });
    expect(await confirm.isDisabled()).toBe(true);
    await comparison.getByLabel('この2つの記録が同一人物のものであることを確かめました').check();
    await confirm.click();

    await page.waitForURL(keptUrl);
    await expect.poll(() => page.locator('main').innerText()).toContain('2つの記録を統合しました');
    await expect.poll(() => page.locator('main').innerText()).toContain(recipientNumber);
    await page.close();
  });
});
