import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeViolations, scan } from '../support/axe.ts';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';

/**
 * The sign-in session (ADR 0037) as a user meets it: a reload and a second tab stay signed in, an
 * expired access token is renewed without a word while a form is open, the idle timeout warns a
 * minute before it signs out, and signing out in one tab signs out every tab.
 */
let browser: Browser;
const portalUrl = inject('portalUrl');
const SATO = '佐藤 美咲';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** A reload lands on the login page: the session is over on the server, not only in the tab. */
const expectNoSessionAfterReload = async (page: Page) => {
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
  await settled(page);
  expect(await page.locator('header').innerText()).not.toContain(SATO);
};

const menuLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name, exact: true });

describe('the sign-in session', () => {
  it('survives a reload and opens a second tab signed in; signing out in one tab signs out both', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    try {
      const page = trackRequests(await context.newPage());
      await logInAs(page, portalUrl, SATO);
      await menuLink(page, '担当ケース').click();
      // The home page has tables too: wait for the list's own address first.
      await page.waitForURL((url) => url.pathname === '/cases' && url.searchParams.get('assigned') === 'me');
      await page.locator('main table tbody th[scope="row"] a').first().waitFor();
      const listUrl = page.url();

      await page.reload();
      await page.locator('main table tbody th[scope="row"] a').first().waitFor();
      expect(page.url()).toBe(listUrl);
      expect(await page.locator('header').innerText()).toContain(SATO);

      const second = trackRequests(await context.newPage());
      await second.goto(listUrl);
      await second.locator('main table tbody th[scope="row"] a').first().waitFor();
      expect(await second.locator('header').innerText()).toContain(SATO);
      expect(new URL(second.url()).pathname).toBe(new URL(listUrl).pathname);

      await second.locator('header').getByRole('button', { name: 'ログアウト' }).click();
      await second.waitForURL((url) => url.pathname === '/login');
      // The first tab closes its pages too, without a reload.
      await page.waitForURL((url) => url.pathname === '/login');
      expect(await page.locator('header').innerText()).not.toContain(SATO);
      // And neither comes back on a reload: the session is over on the server.
      await expectNoSessionAfterReload(page);
    } finally {
      await context.close();
    }
  });

  it('renews an expired access token without a word, and the open form is saved as typed', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    try {
      const page = trackRequests(await context.newPage());
      await logInAs(page, portalUrl, SATO, '/cases/new');
      const form = page.locator('main form');
      await form.locator('input[name="person.name"]').waitFor();
      const name = `更新 試験${Date.now() % 100000}`;
      await form.locator('input[name="person.name"]').fill(name);
      await form.getByLabel('フリガナ').fill('コウシン シケン');
      await form.getByLabel('生年月日').fill('1979-03-14');
      await form.getByLabel('市町村').selectOption({ index: 1 });
      await form.getByLabel('サービス種別').selectOption({ index: 1 });
      await form.getByLabel('モニタリング期間').selectOption({ index: 1 });

      // The access token expires while the form is open: the API answers its next call 401, as it
      // answers an expired token. The portal must renew from the session cookie and send again.
      let refused = 0;
      const refuseOnce = async (route: Route) => {
        if (route.request().method() !== 'POST' || refused > 0) return route.fallback();
        refused += 1;
        return route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({
            error: {
              code: 'unauthorized',
              message: 'ログインが必要です。もう一度ログインしてください',
              requestId: 'e2e',
            },
          }),
        });
      };
      await page.route('**/api/cases', refuseOnce);
      const renewals: number[] = [];
      page.on('response', (response) => {
        if (new URL(response.url()).pathname === '/api/session/refresh') renewals.push(response.status());
      });

      await form.getByRole('button', { name: '登録する', exact: true }).click();
      await page.waitForURL(/\/cases\/(?!new)[^/]+$/);
      await expect.poll(() => page.locator('main h1').innerText()).toContain(name);
      expect(refused).toBe(1);
      expect(renewals).toEqual([200]);
      expect(await page.locator('header').innerText()).toContain(SATO);
    } finally {
      await context.close();
    }
  });

  it('warns a minute before the idle timeout; the warning keeps the session, and silence ends it', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    // The browser's clock is Playwright's: the portal's real timers, fast-forwarded.
    await context.clock.install();
    try {
      const page = trackRequests(await context.newPage());
      await logInAs(page, portalUrl, SATO);
      await settled(page);

      await page.clock.fastForward('13:59');
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      await page.clock.fastForward('00:02');
      const warning = page.getByRole('alertdialog', { name: 'まもなく自動的にログアウトします' });
      await warning.waitFor();
      expect(await warning.innerText()).toMatch(/あと\s*\d+秒/);
      await page.screenshot({ path: '/tmp/kikan-idle-warning.png' });
      // The warning itself passes axe (WCAG 2.2 AA), and the focus is on its one button.
      expect(describeViolations(await scan(page))).toBe('');
      expect(await page.evaluate('document.activeElement?.textContent?.trim()')).toBe('ログインを続ける');
      // The keyboard lands on the one button; pressing it keeps the session.
      await page.keyboard.press('Enter');
      await warning.waitFor({ state: 'detached' });
      expect(await page.locator('header').innerText()).toContain(SATO);

      // Fourteen minutes of silence again: the warning again; then the last minute passes.
      await page.clock.fastForward('14:01');
      await warning.waitFor();
      await page.clock.fastForward('01:00');
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByText('15分間操作がなかったため、安全のためログアウトしました').waitFor();
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      // Ended on the server as well: a reload does not resume it.
      await expectNoSessionAfterReload(page);
    } finally {
      await context.close();
    }
  });
});
