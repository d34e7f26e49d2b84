import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { demoRecords } from '../../services/local/demo-records.ts';
import { todayInJapan } from '@kikan/shared';
import { describeViolations, scan } from '../support/axe.ts';
import { launchBrowser, logInAs as logInAsShared, navigate } from '../support/browser.ts';

/**
 * Issue 16's loop (ADR 0043): a specialist submits a 計画案; the caseworker of the person's
 * municipality returns it with a comment; the specialist reads the comment, edits and submits again;
 * the caseworker accepts and records the 支給決定; the case page shows the decision and the next
 * monitoring it set.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');
const today = todayInJapan();

/** 鈴木 健一's open cases whose newest demo plan is a draft. */
const now = new Date();
const cases = demoCases('kibougaoka', now);
const records = demoRecords('kibougaoka', now, cases);
const target = cases
  .map(({ record }) => record)
  .filter((record) => record.specialistUserId === 'user-suzuki' && record.phase !== 'closed')
  .flatMap((record) => {
    const newest = records.plans.filter((plan) => plan.caseId === record.caseId).at(-1);
    return newest?.status === 'draft' ? [{ caseId: record.caseId, planVersion: newest.planVersion }] : [];
  })
  .at(-1);

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const logInAs = (page: Page, displayName: string) => logInAsShared(page, portalUrl, displayName);
const COMMENT = '週間計画表が添付されていません。追記のうえ再提出してください。';

const openNewestSubmitted = async (page: Page) => {
  await navigate(page, '/inbox?status=submitted');
  const row = page.getByRole('table').getByRole('link').first();
  await row.waitFor();
  await row.click();
  await page.getByRole('heading', { name: '提出された書類（提出時の内容）' }).waitFor();
};

describe('a 計画案 goes to the municipality and its decision comes back', () => {
  it('submitted, returned with a comment, corrected, resubmitted, accepted and decided', async () => {
    expect(target).toBeDefined();
    const { caseId, planVersion } = target ?? { caseId: '', planVersion: 1 };
    const office = await browser.newPage({ locale: 'ja-JP' });
    await logInAs(office, '鈴木 健一');
    const planPath = `/cases/${caseId}/plans/${planVersion}`;

    // The specialist submits the draft: it waits for the municipality and cannot be edited.
    await navigate(office, planPath);
    await office.getByRole('button', { name: '市町村へ提出' }).click();
    await office.getByRole('button', { name: '提出する' }).click();
    await expect.poll(() => office.locator('main').innerText()).toContain('市町村へ提出済み（受付待ち）');
    await expect.poll(() => office.getByRole('form', { name: '計画案の編集' }).count()).toBe(0);

    // The caseworker of 希望ヶ丘市 finds it in the inbox and returns it with a comment.
    const city = await browser.newPage({ locale: 'ja-JP' });
    await logInAs(city, '加藤 真理');
    await city.getByRole('link', { name: '提出書類の一覧（月・状況で絞り込み）' }).waitFor();
    await navigate(city, '/inbox');
    await city.getByRole('table').waitFor();
    await city.screenshot({ path: '/tmp/kikan-inbox.png', fullPage: true });
    expect(describeViolations(await scan(city))).toBe('');
    await openNewestSubmitted(city);
    await city.screenshot({ path: '/tmp/kikan-submission.png', fullPage: true });
    expect(describeViolations(await scan(city))).toBe('');
    await city.getByLabel('差戻しの理由（必須・1000文字以内）').fill(COMMENT);
    await city.getByRole('button', { name: '差戻し', exact: true }).click();
    await expect.poll(() => city.locator('main').innerText()).toContain('差し戻しました');

    // The specialist sees the comment, edits the draft and submits it again.
    await navigate(office, `/cases/${caseId}`);
    await office.getByRole('heading', { name: '市町村への提出' }).waitFor();
    await expect.poll(() => office.locator('#submissions-section').innerText()).toContain(COMMENT);
    await navigate(office, planPath);
    await expect.poll(() => office.locator('main').innerText()).toContain(`差戻しの理由：${COMMENT}`);
    await office.locator('[name="personWishes"]').fill('週間計画表を添えて、日中は作業所に通いたい');
    await office.getByRole('button', { name: '計画案を保存' }).click();
    await expect.poll(() => office.locator('main').innerText()).toContain('保存しました');
    await office.getByRole('button', { name: '市町村へ提出' }).click();
    await office.getByRole('button', { name: '提出する' }).click();
    await expect.poll(() => office.locator('main').innerText()).toContain('市町村へ提出しました');

    // The caseworker accepts the new submission and records the decision.
    await openNewestSubmitted(city);
    await expect.poll(() => city.locator('main').innerText()).toContain('週間計画表を添えて');
    await city.getByRole('button', { name: '受理', exact: true }).click();
    await expect.poll(() => city.locator('main').innerText()).toContain('受理しました');
    const validTo = `${Number(today.slice(0, 4)) + 1}-${today.slice(5, 7)}-01`;
    await city.getByLabel('支給決定期間（終了）').fill(validTo);
    await city.getByLabel('モニタリング期間').selectOption('3');
    await city.getByLabel('支給決定したサービス（1行に1つ）').fill('生活介護 22日/月');
    await city.getByRole('button', { name: '支給決定を記録' }).click();
    await expect.poll(() => city.locator('main').innerText()).toContain('支給決定を記録しました');

    // The office's case shows the decision and the next monitoring it set (opened afresh, from the
    // notifications: 「支給決定が届いた」 links to the case).
    await navigate(office, '/notifications');
    const told = office.getByRole('link', { name: /支給決定が届いた/ });
    await told.waitFor();
    await told.click();
    await office.getByRole('heading', { name: '市町村への提出' }).waitFor();
    const submissions = office.locator('#submissions-section');
    await expect.poll(() => submissions.innerText()).toContain('支給決定');
    await expect.poll(() => submissions.innerText()).toContain('受理');
    const due = office.getByTestId('next-monitoring-due');
    const nextDue = await due.locator('time').getAttribute('datetime');
    expect(nextDue !== null && nextDue >= today && nextDue <= validTo).toBe(true);
    await office.close();
    await city.close();
  });
});
