import { join } from 'node:path';
import { SUPPORT_CATEGORY_LABELS, formatJapaneseEraDate, todayInJapan } from '@kikan/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { demoRecords } from '../../services/local/demo-records.ts';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';
import { A4_PORTRAIT, pdfText, readPdf } from '../support/pdf.ts';

/**
 * Issue 16 point 1 (ADR 0042): a specialist records a service staff meeting in the portal with the
 * national 会議録's fields, opens it and prints it on A4 (checked as a PDF: size, page count,
 * labels); then records a consultation with the survey's 支援内容 and sees the office's monthly
 * count move by exactly one. With KIKAN_SCREENSHOTS=<dir>, the print and the count are saved there.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');
const today = todayInJapan();
const SATO = '佐藤 美咲';

/**
 * 佐藤's case in implementation with a final plan and a newer draft (the meeting discusses the
 * draft), without a difficult-case file; no other journey records on it.
 */
const journeyCase = (() => {
  const cases = demoCases('kibougaoka', new Date());
  const plans = demoRecords('kibougaoka', new Date(), cases).plans;
  const found = cases
    .map(({ record }) => record)
    .filter(
      (record) =>
        record.specialistUserId === 'user-sato' &&
        record.phase === 'implementation' &&
        !record.difficulty &&
        plans.some((plan) => plan.caseId === record.caseId && plan.status === 'draft'),
    )
    .at(-1);
  if (!found) throw new Error("no demo case: 佐藤's case in implementation with a draft plan");
  const draft = plans
    .filter((plan) => plan.caseId === found.caseId && plan.status === 'draft')
    .reduce((newest, plan) => (plan.planVersion > newest.planVersion ? plan : newest));
  return { caseId: found.caseId, draftVersion: draft.planVersion };
})();

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const screenshot = async (page: Page, name: string) => {
  const dir = process.env.KIKAN_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
};

const PLACE = 'ひまわり相談室';
const AGENDA = '計画案（第2版）の内容の確認と、各事業所の役割の分担。';
const OPINIONS = '本人：土曜日も通いたい。母：送迎の時間を夕方5時にしてほしい。';
const DECISIONS = '放課後等デイサービスを月15日に増やす計画案で進める。';
const REMAINING = '土曜日に医療的ケアに対応できる事業所がない';
const ATTENDEE = '山本 一郎';
const ATTENDEE_OFFICE = 'こども発達ルームそら';

/** The count of one row of the monthly count page (「3件」 → 3). */
const countOf = async (page: Page, label: string) => {
  const cell = page.locator('main tr', { has: page.getByRole('rowheader', { name: label, exact: true }) });
  const text = await cell.locator('td').innerText();
  return Number(text.replace(/件$/, ''));
};

/** A timeline link of today's record: its date is read to screen readers only (after a space). */
const timelineLink = (text: string) => new RegExp(`^${text}\\s*（${formatJapaneseEraDate(today)}）$`);

const openSurvey = async (page: Page) => {
  await page.locator('header').getByRole('link', { name: '匿名の基本相談' }).click();
  await page.locator('main').getByRole('link', { name: '相談記録の月別集計' }).click();
  await page.waitForURL('**/consultations/survey');
  await page.getByTestId('survey-total').waitFor();
  await settled(page);
};

describe('a specialist records a service staff meeting and a consultation', () => {
  it('records the 会議録, prints it on one A4 portrait page, and counts a consultation by 支援内容', async () => {
    const page = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      const { caseId, draftVersion } = journeyCase;
      await logInAs(page, portalUrl, SATO, `/cases/${caseId}`);
      const main = page.locator('main');
      await main.getByRole('link', { name: 'サービス担当者会議を記録' }).waitFor();
      await settled(page);
      await main.getByRole('link', { name: 'サービス担当者会議を記録' }).click();
      await page.waitForURL(`**/cases/${caseId}/meetings/new`);
      await settled(page);

      // 和暦 as staff copy it from paper (ADR 0032), times as 14:00.
      await main.getByLabel('開催日').fill(formatJapaneseEraDate(today));
      await main.getByLabel('開催場所').fill(PLACE);
      await main.getByLabel('開始時刻').fill('１４：００');
      await main.getByLabel('終了時刻').fill('15:00');
      await main.getByLabel('検討した計画').selectOption(String(draftVersion));
      await main.getByLabel('出席者2の氏名').fill(ATTENDEE);
      await main.getByLabel('出席者2の所属').fill(ATTENDEE_OFFICE);
      await main.getByLabel('出席者2の役割・職種').fill('児童発達支援管理責任者');
      await main.getByLabel('検討した項目').fill(AGENDA);
      await main.getByLabel('検討内容（出席者の意見）').fill(OPINIONS);
      await main.getByLabel('結論（決定事項）').fill(DECISIONS);
      await main.getByLabel('誰が').fill('児童発達支援管理責任者');
      await main.getByLabel('何を').fill('個別支援計画を見直して送付する');
      await main.getByLabel('いつまでに').fill(today);
      await main.getByLabel('残された課題').fill(REMAINING);
      await main.getByRole('button', { name: '記録する' }).click();

      await page.waitForURL(`${portalUrl}/cases/${caseId}`);
      await main.getByText('サービス担当者会議を記録しました。').waitFor();
      await settled(page);

      // Open it from the case's timeline: the newest meeting is today's.
      await main
        .getByRole('link', { name: timelineLink('会議録を開く') })
        .first()
        .click();
      await page.waitForURL(`**/cases/${caseId}/meetings/*`);
      await main.getByRole('heading', { name: 'サービス担当者会議録', level: 2 }).waitFor();
      await settled(page);
      expect(await main.locator('.meeting-record').innerText()).toContain(PLACE);

      await main.getByRole('link', { name: '印刷用の表示（A4縦）' }).click();
      await page.waitForURL(`**/cases/${caseId}/meetings/*/print`);
      await main.getByRole('heading', { name: 'サービス担当者会議録の印刷' }).waitFor();
      await settled(page);
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, 'kikan-meeting-record');
      await page.emulateMedia({ media: null });

      const pages = await readPdf(
        await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }),
      );
      expect(pages).toHaveLength(1);
      const [sheet] = pages;
      expect(sheet?.widthPt).toBeCloseTo(A4_PORTRAIT.widthPt, 0);
      expect(sheet?.heightPt).toBeCloseTo(A4_PORTRAIT.heightPt, 0);
      const labels = [
        'サービス担当者会議録',
        '利用者氏名',
        '開催日',
        formatJapaneseEraDate(today),
        '開催場所',
        PLACE,
        '開催時間',
        '14:00〜15:00',
        '検討した計画',
        `障害児支援利用計画 第${draftVersion}版`,
        '出席者',
        ATTENDEE,
        ATTENDEE_OFFICE,
        '検討した項目',
        AGENDA,
        '検討内容',
        OPINIONS,
        '結論',
        DECISIONS,
        '役割分担',
        '残された課題',
        REMAINING,
      ];
      for (const label of labels) expect(sheet?.text, label).toContain(pdfText(label));
      // Only the sheet prints: not the page's own heading nor the portal's header.
      expect(sheet?.text).not.toContain(pdfText('サービス担当者会議録の印刷'));
      expect(sheet?.text).not.toContain(pdfText('ログアウト'));

      // The office's monthly count before the consultation.
      await openSurvey(page);
      const advocacy = SUPPORT_CATEGORY_LABELS.advocacy;
      const finance = SUPPORT_CATEGORY_LABELS.household_finance;
      const before = {
        advocacy: await countOf(page, advocacy),
        finance: await countOf(page, finance),
        accompany: await countOf(page, '同行'),
        employment: await countOf(page, SUPPORT_CATEGORY_LABELS.employment),
      };

      // A consultation with two of the survey's 支援内容, accompanied (同行), from the case page (in-page
      // navigation: the tokens live in memory only, a reload would sign in again).
      await page.evaluate(
        `(() => { const link = document.createElement('a'); link.href = ${JSON.stringify(`/cases/${caseId}`)}; document.body.append(link); link.click(); link.remove(); })()`,
      );
      await page.waitForURL(`${portalUrl}/cases/${caseId}`);
      await main.getByRole('link', { name: '相談記録を追加' }).click();
      await page.waitForURL(`**/cases/${caseId}/consultations/new`);
      await settled(page);
      await main.getByLabel('同行').check();
      await main.getByLabel('本人', { exact: true }).check();
      await main.getByLabel(advocacy).check();
      await main.getByLabel(finance).check();
      await main.getByLabel('相談の内容').fill('年金の手続きに同行した。金銭管理の方法を一緒に考えた。');
      await main.getByLabel('所要時間（分）').fill('９０');
      await main.getByRole('button', { name: '記録する' }).click();
      await page.waitForURL(`${portalUrl}/cases/${caseId}`);
      await main.getByText('相談記録を追加しました。').waitFor();
      await settled(page);

      // The record reads back with its categories.
      await main
        .getByRole('link', { name: timelineLink('相談記録を開く') })
        .first()
        .click();
      await page.waitForURL(`**/cases/${caseId}/consultations/*`);
      await main.getByRole('heading', { name: /相談記録/, level: 1 }).waitFor();
      await settled(page);
      const record = await main.locator('dl.record').innerText();
      expect(record).toContain(advocacy);
      expect(record).toContain(finance);
      expect(record).toContain('同行');

      await openSurvey(page);
      expect(await countOf(page, advocacy)).toBe(before.advocacy + 1);
      expect(await countOf(page, finance)).toBe(before.finance + 1);
      expect(await countOf(page, '同行')).toBe(before.accompany + 1);
      expect(await countOf(page, SUPPORT_CATEGORY_LABELS.employment)).toBe(before.employment);
      // Counts only: nothing of the person or the record on the page.
      expect(await main.innerText()).not.toContain('年金の手続き');
      await screenshot(page, 'kikan-meeting-survey');
    } finally {
      await page.close();
    }
  });
});
