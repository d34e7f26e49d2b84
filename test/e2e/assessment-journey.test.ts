import { join } from 'node:path';
import { DAILY_LIFE_DOMAIN_LABELS, formatJapaneseEraDate, todayInJapan } from '@kikan/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { demoRecords } from '../../services/local/demo-records.ts';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';
import { A4_PORTRAIT, pdfText, printPdf } from '../support/pdf.ts';

/**
 * Issue 16 point 1: a specialist writes an assessment (アセスメント) in the portal, finalises it,
 * prints it on A4 (checked as a PDF: size, page count, labels), and the plan form starts from it.
 * With KIKAN_SCREENSHOTS=<dir>, the form and the print are saved there to be looked at.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');
const today = todayInJapan();
const SATO = '佐藤 美咲';

/**
 * 佐藤's open planning case without a demo assessment and without a difficult-case file: the first
 * assessment written here is version 1, and no other suite writes one there.
 */
const journeyCase = (() => {
  const cases = demoCases('kibougaoka', new Date());
  const assessed = new Set(
    demoRecords('kibougaoka', new Date(), cases).assessments.map((assessment) => assessment.caseId),
  );
  const found = cases
    .map(({ record }) => record)
    .filter(
      (record) =>
        record.specialistUserId === 'user-sato' &&
        record.phase === 'planning' &&
        !record.difficulty &&
        !assessed.has(record.caseId),
    )
    .at(-1);
  if (!found) throw new Error("no demo case: 佐藤's planning case without an assessment");
  return found;
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

const WISHES = '高校を卒業したら、電車に乗って作業所に通いたい。';
const SUMMARY = '通所の練習と、母が働き続けられる放課後の支援が必要。';

describe('a specialist writes an assessment', () => {
  it('saves a draft, finalises it, prints it on one A4 page, and the plan form shows it', async () => {
    const page = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      const caseId = journeyCase.caseId;
      await logInAs(page, portalUrl, SATO, `/cases/${caseId}`);
      await page.getByRole('heading', { name: 'アセスメント', exact: true }).waitFor();
      await settled(page);
      await page.getByRole('link', { name: '新しいアセスメントを記録する' }).click();
      await page.waitForURL(`**/cases/${caseId}/assessments/new`);
      await settled(page);

      const main = page.locator('main');
      // 和暦 as staff copy it from paper (ADR 0032).
      await main.getByLabel('実施日').fill(formatJapaneseEraDate(today));
      await main.getByLabel('本人の希望（どのような生活をしたいか）').fill(WISHES);
      await main.getByLabel('家族の状況・家族の希望').fill('母と二人暮らし。母はフルタイムで働いている。');
      await main.getByLabel('生活歴').fill('特別支援学校高等部3年。小学部から同じ学校に通う。');
      await main.getByLabel('医療（病歴・服薬・通院）').fill('てんかん。抗てんかん薬を朝夕服薬。月1回通院。');
      await main.getByLabel(DAILY_LIFE_DOMAIN_LABELS.money).fill('小遣い帳をつける練習をしている。');
      await main.getByLabel(DAILY_LIFE_DOMAIN_LABELS.housing).fill('アパートの1階。駅まで徒歩15分。');
      await main.getByLabel('本人の強み（ストレングス）').fill('時間を守る。電車の路線に詳しい。');
      await main.getByLabel('支援の必要性・課題のまとめ').fill(SUMMARY);
      await screenshot(page, 'assessment-form');
      await main.getByRole('button', { name: 'アセスメントを保存' }).click();

      await page.waitForURL(`**/cases/${caseId}/assessments/1`);
      await settled(page);
      await expect.poll(() => main.getByRole('status').first().innerText()).toContain('第1版');
      await expect.poll(() => main.getByLabel('実施日').inputValue()).toBe(today);

      await main.getByRole('button', { name: '確定する', exact: true }).click();
      await main.getByText('アセスメントを確定しました。').waitFor();
      await settled(page);
      // Finalised: the inputs are gone, the sheet shows what was saved.
      expect(await main.getByRole('button', { name: 'アセスメントを保存' }).count()).toBe(0);
      await main.getByRole('heading', { name: 'アセスメント票' }).waitFor();

      await main.getByRole('link', { name: '印刷用の表示（A4縦）' }).click();
      await page.waitForURL(`**/cases/${caseId}/assessments/1/print`);
      await main.getByRole('heading', { name: 'アセスメント票', exact: true }).waitFor();
      await settled(page);
      await screenshot(page, 'assessment-print-screen');
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, 'assessment-print');
      // Back to the page's own media: page.pdf prints with print CSS unless screen is forced.
      await page.emulateMedia({ media: null });

      const pages = await printPdf(page);
      expect(pages).toHaveLength(1);
      const [sheet] = pages;
      // Portrait A4, to the point (the sheet names its own page: the plan prints landscape).
      expect(sheet?.widthPt).toBeCloseTo(A4_PORTRAIT.widthPt, 0);
      expect(sheet?.heightPt).toBeCloseTo(A4_PORTRAIT.heightPt, 0);
      const labels = [
        'アセスメント票',
        '確定・第1版',
        '利用者氏名',
        '受給者証番号',
        '実施日',
        formatJapaneseEraDate(today),
        '本人の希望',
        '家族の状況・家族の希望',
        '生活歴',
        '医療（病歴・服薬・通院）',
        '日常生活の状況',
        ...Object.values(DAILY_LIFE_DOMAIN_LABELS),
        '本人の強み',
        '支援の必要性・',
        '課題のまとめ',
        WISHES,
        SUMMARY,
      ];
      for (const label of labels) expect(sheet?.text, label).toContain(pdfText(label));
      // Only the sheet prints: not the page's own heading nor the portal's header.
      expect(sheet?.text).not.toContain(pdfText('アセスメント票の印刷'));
      expect(sheet?.text).not.toContain(pdfText('ログアウト'));

      // The planning starts from it: the plan form shows the wishes and the summary, and copies the wishes.
      await main.getByRole('link', { name: 'アセスメント（第1版）に戻る' }).click();
      await main.getByRole('link', { name: 'このアセスメントから計画案を作成' }).click();
      await page.waitForURL(`**/cases/${caseId}/plans/new`);
      await page.getByTestId('assessment-person-wishes').waitFor();
      await settled(page);
      expect(await page.getByTestId('assessment-person-wishes').innerText()).toBe(WISHES);
      expect(await page.getByTestId('assessment-summary').innerText()).toBe(SUMMARY);
      await main.getByRole('button', { name: '本人の希望を計画に写す' }).click();
      expect(await main.getByLabel('利用者の意向（本人の言葉で）').inputValue()).toBe(WISHES);
    } finally {
      await page.close();
    }
  });
});
