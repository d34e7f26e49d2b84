import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { launchBrowser } from '../support/browser.ts';

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

const logInAs = async (page: Page, displayName: string, next?: string) => {
  await page.goto(`${portalUrl}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByRole('button', { name: new RegExp(displayName) }).click();
};

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
});
