import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';

/**
 * Being told (ADR 0038) as a user meets it: the header counts the notifications, the page lists
 * them with links that open the very lists they count, and the daily e-mail is switched on there.
 */
let browser: Browser;
const portalUrl = inject('portalUrl');
const TANAKA = '田中 陽子';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('notifications', () => {
  it('the header names the count, the page lists the items, a link opens its list with that total, and the digest switches on', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    try {
      const page = trackRequests(await context.newPage());
      await logInAs(page, portalUrl, TANAKA);
      const headerLink = page.locator('header').getByRole('link', { name: /^お知らせ \d+件$/ });
      await headerLink.waitFor();
      await settled(page);
      const count = Number(/(\d+)件/.exec((await headerLink.textContent()) ?? '')?.[1]);
      expect(count).toBeGreaterThan(0);

      await headerLink.click();
      await page.getByRole('heading', { level: 1, name: 'お知らせ' }).waitFor();
      const items = page.getByTestId('notifications').locator('li');
      await items.first().waitFor();
      expect(await items.count()).toBe(count);
      const overdue = page
        .getByTestId('notifications')
        .getByRole('link', { name: '期限を過ぎたモニタリング' });
      const shown = Number(
        /(\d+)件/.exec((await overdue.locator('xpath=..').locator('.count').textContent()) ?? '')?.[1],
      );

      await overdue.click();
      await page.waitForURL((url) => url.pathname === '/cases' && url.searchParams.get('due') === 'overdue');
      await page.getByText(`該当 ${shown} 件`).waitFor();

      await page
        .locator('header')
        .getByRole('link', { name: /^お知らせ/ })
        .click();
      const box = page.getByRole('checkbox', { name: /メールで受け取る/ });
      await box.waitFor();
      expect(await box.isChecked()).toBe(false);
      await box.check();
      await page.getByRole('button', { name: '保存する' }).click();
      await page
        .getByTestId('digest-status')
        .getByText('毎朝、お知らせの件数をメールでお送りします。')
        .waitFor();
      await page.reload();
      await page.getByRole('checkbox', { name: /メールで受け取る/ }).waitFor();
      await settled(page);
      expect(await page.getByRole('checkbox', { name: /メールで受け取る/ }).isChecked()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
