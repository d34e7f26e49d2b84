import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logInAs } from '../support/browser.ts';

/**
 * A joint region (北信圏域: 北信市 and 川辺町) signs its figures off member by member (issue 14 point
 * 9, ADR 0012): the core center confirms for the region, then each member's officer approves its
 * own; the year stays 基幹相談支援センター確認済み until the last member approves.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const openStatistics = async (displayName: string): Promise<Page> => {
  const page = await browser.newPage({ locale: 'ja-JP' });
  await logInAs(page, portalUrl, displayName);
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('link', { name: '計画の実績・目標' })
    .click();
  await page.getByRole('heading', { level: 1, name: '障害福祉計画の実績・目標' }).waitFor();
  await page.getByTestId('signoff-status').waitFor();
  return page;
};

const memberRow = (page: Page, name: string) =>
  page.getByRole('table', { name: /構成市町村の承認/ }).getByRole('row', { name: new RegExp(name) });

describe('a joint region signs off member by member', () => {
  it('the core center confirms, 北信市 approves its part, and the year is approved only when 川辺町 approves too', async () => {
    const core = await openStatistics('中村 由美');
    // さくら has no one who confirms figures: the center records its paper confirmation.
    const sakura = core.getByRole('row', { name: /相談支援センターさくら/ });
    await sakura.getByRole('button', { name: /書面・活動なしを記録/ }).click();
    const record = core.locator('form', { has: core.getByRole('heading', { name: /の確認を記録/ }) });
    await record.getByLabel('書面で確認済み').check();
    await record.getByLabel('理由').fill('管理者の押印のある確認書を受領');
    await record.getByRole('button', { name: '記録する', exact: true }).click();
    await expect.poll(() => sakura.innerText()).toContain('確認済み');
    await core.getByRole('button', { name: 'センターとして確認' }).click();
    await expect
      .poll(() => core.getByTestId('signoff-status').innerText())
      .toBe('基幹相談支援センター確認済み');
    await core.close();

    const city = await openStatistics('小川 恵子');
    await expect.poll(() => memberRow(city, '北信市').innerText()).toContain('未承認');
    expect(await city.getByText('北信市の分として承認します').count()).toBe(1);
    await city.getByRole('button', { name: '承認して確定' }).click();
    await expect.poll(() => memberRow(city, '北信市').innerText()).toContain('承認済み');
    // One member approved: the year is not approved until every member has.
    expect(await city.getByTestId('signoff-status').innerText()).toBe('基幹相談支援センター確認済み');
    expect(await city.getByText('承認がまだの構成市町村があります：川辺町').count()).toBe(1);
    expect(await city.getByRole('button', { name: '承認して確定' }).count()).toBe(0);
    await city.close();

    const town = await openStatistics('森 大輔');
    expect(await town.getByText('川辺町の分として承認します').count()).toBe(1);
    await town.getByRole('button', { name: '承認して確定' }).click();
    await expect.poll(() => town.getByTestId('signoff-status').innerText()).toBe('市町村承認済み');
    await expect.poll(() => memberRow(town, '川辺町').innerText()).toContain('承認済み');
    expect(await memberRow(town, '北信市').innerText()).toContain('小川 恵子');
    await town.close();
  });
});
