import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../services/local/demo-data.ts';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';

/**
 * The tenant admin adds a specialist in the portal (issue 15 point 1, ADR 0033): a taken e-mail is
 * refused on its field in Japanese, the new specialist is added to あおぞら and listed there, and
 * they sign in at once from the local login page, which lists every user of the local directory.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');
const ADMIN = DEMO_USERS.find((user) => user.userId === 'user-admin');
if (!ADMIN) throw new Error('no demo admin');
const SUFFIX = String(Date.now()).slice(-6);
const NEW_NAME = `試験 新人${SUFFIX}`;
const NEW_EMAIL = `e2e-${SUFFIX}@kibou.example`;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('職員の管理: 職員を追加', () => {
  it('refuses a taken e-mail on its field, adds a specialist who then signs in and sees their office', async () => {
    const page: Page = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    const main = () => page.locator('main');
    await logInAs(page, portalUrl, ADMIN.displayName, '/admin/users');
    await main().getByRole('heading', { name: '職員の管理', level: 1 }).waitFor();
    await settled(page);

    const form = main().locator('form', { has: page.getByRole('heading', { name: '職員を追加' }) });
    await form.getByLabel('氏名').fill(NEW_NAME);
    await form.getByLabel('メールアドレス').fill('SATO@kibou.example');
    await form.getByLabel('所属事業所').selectOption({ label: '相談支援事業所あおぞら' });
    await form.getByLabel('役割').selectOption('specialist');
    await form.getByRole('button', { name: '職員を追加' }).click();
    const emailError = main().locator('#email-error');
    await emailError.waitFor();
    expect(await emailError.innerText()).toContain('すでに登録されています');

    await form.getByLabel('メールアドレス').fill(NEW_EMAIL);
    await form.getByRole('button', { name: '職員を追加' }).click();
    await main()
      .locator('p.message[role="status"]')
      .filter({ hasText: `${NEW_NAME}さんを「相談支援事業所あおぞら」の相談支援専門員として追加しました。` })
      .waitFor();
    await settled(page);
    const row = main()
      .getByRole('region', { name: /相談支援事業所あおぞら/ })
      .getByRole('row')
      .filter({ hasText: NEW_NAME });
    expect(await row.count()).toBe(1);

    // A fresh tab (no session): the local login lists the new specialist under their office.
    const specialist = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    await logInAs(specialist, portalUrl, NEW_NAME);
    expect(await specialist.locator('header').innerText()).toContain('相談支援事業所あおぞら');
    expect(await specialist.locator('header').innerText()).toContain('相談支援専門員');
    await specialist.close();
    await page.close();
  });
});
