import { join } from 'node:path';
import { formatJapaneseEraDate, nextDueWithinDecision, todayInJapan } from '@kikan/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { demoRecords } from '../../services/local/demo-records.ts';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';
import { A4_LANDSCAPE, pdfText, printPdf } from '../support/pdf.ts';

/**
 * Issue 16 point 1: a specialist records a monitoring as the national モニタリング報告書 in the
 * portal, opens the report, and prints it on A4 landscape (checked as a PDF: size, page count,
 * labels). With KIKAN_SCREENSHOTS=<dir>, the print is saved there as kikan-monitoring-report.png.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');
const today = todayInJapan();
const SATO = '佐藤 美咲';

/**
 * 佐藤's case under a decision, not overdue (the monitoring journey takes an overdue one), with a
 * final plan whose goals the form starts from.
 */
const journey = (() => {
  const cases = demoCases('kibougaoka', new Date());
  const records = demoRecords('kibougaoka', new Date(), cases);
  const found = cases
    .map(({ record }) => record)
    .filter(
      (record) =>
        record.specialistUserId === 'user-sato' &&
        (record.phase === 'implementation' || record.phase === 'monitoring') &&
        record.decision !== undefined &&
        record.nextMonitoringDueOn !== null &&
        record.nextMonitoringDueOn >= today &&
        !record.difficulty,
    )
    .map((record) => ({
      record,
      // The plan the form starts from: the newest final one (web/src/lib/plans.ts currentPlan).
      plan: records.plans.filter((plan) => plan.caseId === record.caseId && plan.status === 'final').at(-1),
    }))
    .filter(({ plan }) => plan?.status === 'final' && plan.content.needs.length > 0)
    .at(-1);
  if (!found?.record.decision || !found.plan)
    throw new Error("no demo case: 佐藤's monitored case with a plan");
  const nextDue = nextDueWithinDecision(found.record.decision, [today], today);
  if (!nextDue) throw new Error('the journey case has no monitoring month left');
  return {
    caseId: found.record.caseId,
    goals: found.plan.content.needs.length,
    nextMonth: nextDue.slice(0, 7),
  };
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

const OVERALL = '生活のリズムが整い、週3回の通所が続いている。母の負担はやや軽くなった。';
const ISSUES = '送迎の時間を本人の体調に合わせて調整する。';

describe('a specialist records a monitoring report', () => {
  it('records it with the national columns, opens the report and prints it on one A4 landscape page', async () => {
    const page = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    try {
      const { caseId } = journey;
      await logInAs(page, portalUrl, SATO, `/cases/${caseId}`);
      await page.getByRole('heading', { name: '支援の経過' }).waitFor();
      await settled(page);
      await page.getByRole('link', { name: 'モニタリングを記録' }).click();
      await page.waitForURL(`**/cases/${caseId}/monitorings/new`);
      await page.getByText('支援目標・優先順位・達成時期を入れてあります').waitFor();
      await settled(page);

      const main = page.locator('main');
      // One row per goal of the final plan, its 優先順位 in the legend.
      expect(await main.locator('textarea[id^="progress."][id$=".goal"]').count()).toBe(journey.goals);
      await expect
        .poll(() => main.locator('fieldset.progress-row > legend').first().innerText())
        .toContain('優先順位1');
      await main.getByLabel('居宅訪問').check();
      await main.getByLabel('全体の状況', { exact: true }).fill(OVERALL);
      for (let index = 0; index < journey.goals; index += 1) {
        const field = (name: string) => main.locator(`[id="progress.${index}.${name}"]`);
        await field('progress').fill('週3回通えている（事業所から聞き取り）。');
        await field('satisfaction').fill('作業が楽しいと話す。');
        await main.locator(`fieldset[id="progress.${index}.achieved"]`).getByLabel('一部達成').check();
        await field('achievementNote').fill('通所は安定、目標の日数まであと1日。');
        await field('issues').fill(ISSUES);
        await main.locator(`fieldset[id="progress.${index}.changeServiceKind"]`).getByLabel('無').check();
        // The first goal needs more of the service: 計画変更の必要性 follows from it.
        await main
          .locator(`fieldset[id="progress.${index}.changeServiceAmount"]`)
          .getByLabel(index === 0 ? '有' : '無')
          .check();
        await main.locator(`fieldset[id="progress.${index}.changeWeeklySchedule"]`).getByLabel('無').check();
      }
      await screenshot(page, 'kikan-monitoring-report-form');
      await main.getByRole('button', { name: '記録する' }).click();

      // Back on the case page: the plan change is announced, the report is in the timeline.
      await page.waitForURL(`${portalUrl}/cases/${caseId}`);
      const flash = page.locator('main p.message[role="status"]');
      await expect.poll(() => flash.innerText()).toContain('計画の変更が必要と記録しました');
      await settled(page);
      await main
        .getByRole('link', { name: /^モニタリング報告書を見る/ })
        .first()
        .click();
      await page.waitForURL(`**/cases/${caseId}/monitorings/*`);
      await main.getByRole('heading', { name: /モニタリング報告書/, level: 2 }).waitFor();
      await settled(page);
      const sheet = main.locator('article.monitoring-sheet');
      expect(await sheet.innerText()).toContain(OVERALL);
      // Left blank: the month the schedule asks for next.
      expect(await page.getByTestId('next-monitoring-month').innerText()).toBe(
        formatJapaneseEraDate(`${journey.nextMonth}-01`).replace(/1日$/, ''),
      );

      await main.getByRole('link', { name: '印刷用の表示（A4横）' }).click();
      await page.waitForURL(`**/cases/${caseId}/monitorings/*/print`);
      await main.getByRole('heading', { name: /モニタリング報告書/, level: 2 }).waitFor();
      await settled(page);
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, 'kikan-monitoring-report');
      await page.emulateMedia({ media: null });

      const pages = await printPdf(page);
      expect(pages).toHaveLength(1);
      const [printed] = pages;
      expect(printed?.widthPt).toBeCloseTo(A4_LANDSCAPE.widthPt, 0);
      expect(printed?.heightPt).toBeCloseTo(A4_LANDSCAPE.heightPt, 0);
      const labels = [
        'モニタリング報告書',
        '利用者氏名',
        '障害支援区分',
        '受給者証番号',
        '計画作成担当者',
        '計画作成日',
        'モニタリング実施日',
        formatJapaneseEraDate(today),
        '全体の状況',
        OVERALL,
        '優先',
        '支援目標',
        'サービス提供状況',
        '本人の感想・',
        '支援目標の達成度',
        '今後の課題・',
        '解決方法',
        ISSUES,
        '計画変更の必要性',
        'サービス種類の変更',
        'サービス量の変更',
        '週間計画の変更',
        'その他留意事項',
        '次回モニタリング予定月',
        '利用者同意署名欄',
      ];
      for (const label of labels) expect(printed?.text, label).toContain(pdfText(label));
      // Only the sheet prints: not the page's own heading nor the portal's header.
      expect(printed?.text).not.toContain(pdfText('モニタリング報告書の印刷'));
      expect(printed?.text).not.toContain(pdfText('ログアウト'));
    } finally {
      await page.close();
    }
  });
});
