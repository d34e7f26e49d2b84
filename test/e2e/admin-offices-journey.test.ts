import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../services/local/demo-data.ts';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';

/**
 * The tenant admin adds an office in the portal (issue 15 point 1, ADR 0031): from the menu to
 * 事業所の管理, a designated office with a number another office holds is refused on that field in
 * Japanese, and a 基幹相談支援センター (no number needed) is added and appears in the list. A core
 * center takes no part in the yearly sign-off, so the other suites' figures and sign-offs are
 * unchanged by it.
 */

let browser: Browser;
let page: Page;
const portalUrl = inject('portalUrl');
const ADMIN = DEMO_USERS.find((user) => user.userId === 'user-admin');
if (!ADMIN) throw new Error('no demo admin');
const NEW_OFFICE = `e2e基幹サテライト${String(Date.now()).slice(-6)}`;

const main = () => page.locator('main');

beforeAll(async () => {
  browser = await launchBrowser();
  page = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
  await logInAs(page, portalUrl, ADMIN.displayName);
});
afterAll(async () => {
  await browser.close();
});

describe('事業所の管理', () => {
  it('refuses a 事業所番号 already held, on its field, then adds a core center that appears in the list', async () => {
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '事業所の管理' })
      .click();
    await main().getByRole('heading', { name: '事業所の管理', level: 1 }).waitFor();
    await settled(page);

    // ひまわり's number, for a new 特定相談支援事業所: the server's 409 lands on the number's input.
    await main().getByLabel('事業所の種別').selectOption('plan_consultation');
    await main().getByLabel('事業所名').fill('相談支援事業所e2e');
    await main().getByLabel('事業所番号').fill('1290000011');
    await main().getByLabel('運営法人').fill('社会福祉法人e2e会');
    await main().getByRole('button', { name: '事業所を追加' }).click();
    const numberError = main().locator('#officeNumber-error');
    await numberError.waitFor();
    expect(await numberError.innerText()).toContain('すでに登録されています');

    await main().getByLabel('事業所の種別').selectOption('core_center');
    await main().getByLabel('事業所名').fill(NEW_OFFICE);
    await main().getByLabel('事業所番号').fill('');
    await main().getByRole('button', { name: '事業所を追加' }).click();
    await main()
      .locator('p.message[role="status"]')
      .filter({ hasText: `「${NEW_OFFICE}」を追加しました。` })
      .waitFor();
    await settled(page);

    const row = main().getByTestId('office-list').getByRole('row').filter({ hasText: NEW_OFFICE });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('基幹相談支援センター');
    expect(await row.innerText()).toContain('社会福祉法人e2e会');
  });
});
