import { formatJapaneseEraDate, monitoringStatus, todayInJapan } from '@kikan/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { launchBrowser, logInAs as logInAsShared } from '../support/browser.ts';

/**
 * A specialist records a monitoring in the portal for an overdue case, sees the next due date on
 * the case page, and the case leaves the overdue list on the home page (issue 3's e2e).
 */

let browser: Browser;
const portalUrl = inject('portalUrl');
const today = todayInJapan();

/**
 * 佐藤 美咲's overdue cases in the demo data whose service decision still has a monitoring month
 * after this one: recording a monitoring today must move the due date to that month's last day.
 */
const overdueWithNextMonth = demoCases('kibougaoka', new Date()).flatMap(({ record }) => {
  const { decision, nextMonitoringDueOn } = record;
  if (record.specialistUserId !== 'user-sato' || !decision || !nextMonitoringDueOn) return [];
  if (nextMonitoringDueOn >= today) return [];
  const next = monitoringStatus(decision, [today], today).nextDueDate;
  return next ? [{ caseId: record.caseId, expectedNextDue: next }] : [];
});

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const logInAs = (page: Page, displayName: string) => logInAsShared(page, portalUrl, displayName);

const caseIdsIn = async (page: Page, testId: string): Promise<string[]> => {
  const hrefs = await page
    .getByTestId(testId)
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => href.split('/').pop() ?? '');
};

describe('a specialist records a monitoring', () => {
  it('for an overdue case: the case page shows the next due date and the home page no longer lists it as overdue', async () => {
    const target = overdueWithNextMonth[0];
    expect(target).toBeDefined();
    const { caseId, expectedNextDue } = target ?? { caseId: '', expectedNextDue: '' };
    const page = await browser.newPage({ locale: 'ja-JP' });
    await logInAs(page, '佐藤 美咲');

    // The home page lists the case among the specialist's overdue monitorings.
    const overdue = page.getByTestId('overdue-mine');
    await overdue.getByRole('link').first().waitFor();
    const overdueBefore = await caseIdsIn(page, 'overdue-mine');
    expect(overdueBefore).toContain(caseId);

    // The case page says the monitoring is overdue.
    await overdue.locator(`a[href="/cases/${caseId}"]`).click();
    await page.getByRole('heading', { name: '支援の経過' }).waitFor();
    const due = page.getByTestId('next-monitoring-due');
    await expect.poll(() => due.innerText()).toContain('期限超過');
    const dueBefore = await due.locator('time').getAttribute('datetime');
    expect(dueBefore !== null && dueBefore < today).toBe(true);

    // Record it: a home visit today, every goal of the plan assessed, no change of service or schedule.
    await page.getByRole('link', { name: 'モニタリングを記録' }).click();
    await page.getByRole('heading', { level: 1, name: /モニタリングの記録/ }).waitFor();
    await page
      .getByText(
        /支援目標・優先順位・達成時期を入れてあります|まだ計画がありません|計画を読み込めませんでした/,
      )
      .waitFor();
    expect(await page.getByLabel('実施日').inputValue()).toBe(today);
    await page.getByLabel('居宅訪問').check();
    const goals = await page.locator('textarea[id^="progress."][id$=".goal"]').count();
    for (let index = 0; index < goals; index += 1) {
      const goal = page.locator(`[id="progress.${index}.goal"]`);
      if ((await goal.inputValue()) === '') await goal.fill('日中活動の場に通い続ける');
      await page.locator(`[id="progress.${index}.progress"]`).fill('週3回通えている。');
      await page.locator(`fieldset[id="progress.${index}.achieved"]`).getByLabel('一部達成').check();
      for (const kind of ['changeServiceKind', 'changeServiceAmount', 'changeWeeklySchedule']) {
        await page.locator(`fieldset[id="progress.${index}.${kind}"]`).getByLabel('無').check();
      }
    }
    await page.getByRole('button', { name: '記録する' }).click();

    // Back on the case page: what was recorded is announced, and the next due date moved on.
    await page.getByRole('heading', { name: '支援の経過' }).waitFor();
    expect(page.url()).toBe(`${portalUrl}/cases/${caseId}`);
    const flash = page.locator('main p.message[role="status"]');
    await expect.poll(() => flash.innerText()).toContain('モニタリングを記録しました');
    await expect.poll(() => due.innerText()).not.toContain('期限超過');
    expect(await due.locator('time').getAttribute('datetime')).toBe(expectedNextDue);
    expect(await flash.innerText()).toContain(`次回の期限は${formatJapaneseEraDate(expectedNextDue)}です`);
    await expect.poll(() => page.locator('ol.timeline').innerText()).toContain('居宅訪問');

    // Home: the case has left the overdue list (and the list is one shorter).
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: 'ホーム' })
      .click();
    await overdue.waitFor();
    await expect.poll(() => caseIdsIn(page, 'overdue-mine')).not.toContain(caseId);
    expect(await caseIdsIn(page, 'overdue-mine')).toHaveLength(overdueBefore.length - 1);
    await page.close();
  });
});
