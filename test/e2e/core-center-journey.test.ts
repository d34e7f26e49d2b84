import { DIFFICULT_STATUS_LABELS, DIFFICULT_STATUSES, isOpenDifficulty, todayInJapan } from '@kikan/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_OFFICES, demoCases } from '../../services/local/demo-data.ts';
import { withDemoDifficulty } from '../../services/local/demo-difficult.ts';
import { launchBrowser, logInAs as logInAsShared } from '../support/browser.ts';

/**
 * The core supervisor opens the cross-office dashboard, drills into one office's overdue
 * monitorings and sees only pseudonymised rows (no person of the demo data named anywhere on the
 * page), then opens the difficult-case board (issue 4's e2e).
 */

let browser: Browser;
const portalUrl = inject('portalUrl');
const today = todayInJapan();
const cases = withDemoDifficulty(demoCases('kibougaoka', new Date()));
const everyName = [...new Set(cases.map(({ person }) => person.name))];
const nameOfOffice = (officeId: string) =>
  DEMO_OFFICES.kibougaoka?.find((office) => office.officeId === officeId)?.name ?? officeId;

/** An office with overdue monitorings, none of them shared with the core center. */
const unsharedOverdueOffice = (() => {
  const overdue = cases
    .map(({ record }) => record)
    .filter(
      (record) =>
        record.phase !== 'closed' && record.nextMonitoringDueOn && record.nextMonitoringDueOn < today,
    );
  const offices = [...new Set(overdue.map((record) => record.officeId))];
  return offices.find((officeId) =>
    overdue.every((record) => record.officeId !== officeId || !record.sharedWithCore),
  );
})();

/** Open difficult cases of a status, as the demo data seeds them. */
const openDifficultOf = (status: (typeof DIFFICULT_STATUSES)[number]) =>
  cases.filter(({ record }) => record.difficulty?.status === status).length;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const logInAs = (page: Page, displayName: string) => logInAsShared(page, portalUrl, displayName);

const menu = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' });

describe('the core supervisor', () => {
  it('drills from the dashboard into an office’s overdue list of pseudonymised cases, then opens the difficult-case board', async () => {
    expect(unsharedOverdueOffice).toBeDefined();
    const officeName = nameOfOffice(unsharedOverdueOffice ?? '');
    const page = await browser.newPage({ locale: 'ja-JP' });
    await logInAs(page, '高橋 誠');

    // The dashboard: one row per office, each figure a link to the cases behind it.
    await menu(page).getByRole('link', { name: 'ダッシュボード' }).click();
    await page.getByRole('heading', { level: 1, name: '全事業所のダッシュボード' }).waitFor();
    const overdueLink = page.getByRole('link', {
      name: new RegExp(`^${officeName}のモニタリング期限超過 \\d+件の一覧$`),
    });
    await overdueLink.waitFor();
    const linkName = (await overdueLink.getAttribute('aria-label')) ?? '';
    const overdueCount = Number(/(\d+)件の一覧$/.exec(linkName)?.[1]);
    expect(overdueCount).toBeGreaterThan(0);
    expect(await overdueLink.innerText()).toBe(String(overdueCount));

    // The drill-down: as many rows as the figure said, each a pseudonym, and no person named.
    await overdueLink.click();
    await page.getByRole('heading', { level: 1, name: `${officeName}：モニタリング期限超過` }).waitFor();
    const rows = page.locator('main table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(overdueCount);
    const rowHeaders = await page.locator('main table tbody th[scope="row"]').allInnerTexts();
    for (const header of rowHeaders) expect(header).toContain('仮名化表示');
    expect(await page.getByTestId('pseudonymised-count').innerText()).toContain(
      `${overdueCount}件のうち、仮名化表示は${overdueCount}件`,
    );
    const drillDownText = await page.locator('body').innerText();
    for (const name of everyName) expect(drillDownText).not.toContain(name);

    // The difficult-case board: a column per open status, counted as the demo data seeds them.
    await menu(page).getByRole('link', { name: '困難事例' }).click();
    await page.getByRole('heading', { level: 1, name: '困難事例' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '状況別' }).waitFor();
    for (const status of DIFFICULT_STATUSES.filter(isOpenDifficulty)) {
      const heading = page.getByRole('heading', {
        level: 3,
        name: new RegExp(`^${DIFFICULT_STATUS_LABELS[status]}`),
      });
      await expect.poll(() => heading.innerText()).toMatch(new RegExp(`${openDifficultOf(status)}件$`));
    }
    // A case flagged but not escalated is not shared: the board shows it without a name.
    const boardText = await page.locator('main').innerText();
    const unsharedFlagged = cases.filter(
      ({ record }) =>
        record.difficulty && isOpenDifficulty(record.difficulty.status) && !record.sharedWithCore,
    );
    expect(unsharedFlagged.length).toBeGreaterThan(0);
    for (const { person, record } of unsharedFlagged) {
      expect(boardText).toContain(record.caseCode);
      expect(boardText).not.toContain(person.name);
    }
    await page.close();
  });
});
