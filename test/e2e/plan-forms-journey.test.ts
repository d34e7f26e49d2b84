import { join } from 'node:path';
import { formatJapaneseEraDate, todayInJapan } from '@kikan/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { demoRecords } from '../../services/local/demo-records.ts';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';
import { A4_LANDSCAPE, pdfText, printPdf } from '../support/pdf.ts';

/**
 * Issue 16 point 1 (ADR 0040): a specialist writes a plan with the whole 様式1 (typed services,
 * 評価時期, その他留意事項, 利用者負担上限額) and a 週間計画表 (様式2-2) in the portal, is told in
 * Japanese about an end time before its start, and prints both sheets on A4 landscape (checked as
 * PDFs: size, page count, labels). The prints are saved as /tmp/kikan-plan-sheet.png and
 * /tmp/kikan-weekly-sheet.png (or in KIKAN_SCREENSHOTS) to be looked at.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');
const today = todayInJapan();
const SUZUKI = '鈴木 健一';

/**
 * 鈴木's open adult case (サービス等利用計画) before any plan: intake, assessment or planning, no demo
 * plan, no difficult-case file; no other suite writes a plan there, so the one written here is version 1.
 */
const journeyCase = (() => {
  const cases = demoCases('kibougaoka', new Date());
  const planned = new Set(demoRecords('kibougaoka', new Date(), cases).plans.map((plan) => plan.caseId));
  const found = cases
    .map(({ record }) => record)
    .filter(
      (record) =>
        record.specialistUserId === 'user-suzuki' &&
        record.serviceKind === 'plan_consultation' &&
        ['intake', 'assessment', 'planning'].includes(record.phase) &&
        !record.difficulty &&
        !planned.has(record.caseId),
    )
    .at(-1);
  if (!found) throw new Error("no demo case: 鈴木's open case without a plan");
  return found;
})();

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The print as it looks on paper: print media in a window of A4 landscape at 96 dpi. */
const screenshot = async (page: Page, name: string) => {
  const dir = process.env.KIKAN_SCREENSHOTS;
  const path = dir ? join(dir, `${name}.png`) : `/tmp/kikan-${name}.png`;
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1123, height: 794 });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path, fullPage: true });
  // Back to the page's own media: page.pdf prints with print CSS unless screen is forced.
  await page.emulateMedia({ media: null });
  if (viewport) await page.setViewportSize(viewport);
};

/** An input by its request path (several inputs share a label, e.g. 「内容」). */
const field = (page: Page, name: string) => page.locator(`main [id="${name}"]`);

const NEED = '働いて収入を得たい';
const WISHES = '今のアパートで暮らしながら、週4日は働きたい。';
const DAILY = '7時起床、朝食は自分で作る。夜はテレビを見て22時に就寝。';
const NON_WEEKLY = '精神科の通院（月1回）、兄の訪問（月1回）';
const OVERVIEW = '作業所で働き、ヘルパーと家事をしながら一人暮らしを続ける。';

/** 曜日, 開始, 終了, 内容, 区分 — a 水曜 service and an own activity overlap on purpose. */
const ENTRIES: [string, string, string, string, string][] = [
  ['月', '9:30', '15:30', 'ワークショップみらい', 'サービス'],
  ['火', '9:30', '15:30', 'ワークショップみらい', 'サービス'],
  ['水', '16:00', '18:00', '居宅介護（家事援助）', 'サービス'],
  ['水', '17:00', '18:30', '夕食づくり', '本人の活動'],
  ['土', '10:00', '12:00', '図書館', '本人の活動'],
];

describe('a specialist writes a plan with a weekly schedule', () => {
  it('saves 様式1 and 様式2-2, refuses an end before its start, and prints both on A4 landscape', async () => {
    const page = trackRequests(
      await browser.newPage({ locale: 'ja-JP', viewport: { width: 1400, height: 900 } }),
    );
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      const caseId = journeyCase.caseId;
      await logInAs(page, portalUrl, SUZUKI, `/cases/${caseId}/plans/new`);
      await page.getByRole('button', { name: '計画案を保存' }).waitFor();
      await settled(page);
      const main = page.locator('main');

      await field(page, 'userChargeCap').fill('９３００');
      await main.getByLabel('利用者の意向（本人の言葉で）').fill(WISHES);
      await main
        .getByLabel('総合的な援助の方針')
        .fill('本人の働きたい思いを軸に、日中活動と家事支援を組み合わせる。');
      await field(page, 'needs.0.need').fill(NEED);
      await field(page, 'needs.0.goal').fill('週4日、作業所に通い続ける');
      await field(page, 'needs.0.period').fill('1年');
      await field(page, 'needs.0.services.0.serviceType').selectOption({ label: '就労継続支援Ｂ型' });
      await field(page, 'needs.0.services.0.content').fill('軽作業（箱折り）');
      await field(page, 'needs.0.services.0.amount').fill('月18日');
      await field(page, 'needs.0.services.0.provider').fill('ワークショップみらい');
      await field(page, 'needs.0.personRole').fill('朝8時に自分で家を出る');
      await field(page, 'needs.0.evaluationTiming').fill('令和9年3月');
      await field(page, 'needs.0.notes').fill('通院日は休む');

      // The week, typed row by row with the keyboard's add button.
      for (const [index, [day, start, end, label, kind]] of ENTRIES.entries()) {
        await main.getByRole('button', { name: '予定を追加' }).click();
        const prefix = `weeklySchedule.entries.${index}`;
        await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe(`${prefix}.day`);
        await field(page, `${prefix}.day`).selectOption({ label: day });
        await field(page, `${prefix}.start`).fill(start);
        // The first entry ends before it starts: the error names it in Japanese.
        await field(page, `${prefix}.end`).fill(index === 0 ? '8:00' : end);
        await field(page, `${prefix}.label`).fill(label);
        await field(page, `${prefix}.kind`).selectOption({ label: kind });
      }
      await main.getByLabel('主な日常生活上の活動').fill(DAILY);
      await main.getByLabel('週単位以外のサービス').fill(NON_WEEKLY);
      await main.getByLabel('サービス提供によって実現する生活の全体像').fill(OVERVIEW);

      await main.getByRole('button', { name: '計画案を保存' }).click();
      const summary = main.getByRole('alert').first();
      await summary.waitFor();
      expect(await summary.innerText()).toContain('週間計画表1：終了時刻');
      expect(await main.locator('[id="weeklySchedule.entries.0.end-error"]').innerText()).toContain(
        '終了時刻は開始時刻より後にしてください',
      );
      await field(page, 'weeklySchedule.entries.0.end').fill('15:30');
      // The preview shows every entry as it will print, the overlap side by side.
      await expect.poll(() => main.locator('.preview li.entry').count()).toBe(ENTRIES.length);

      const dir = process.env.KIKAN_SCREENSHOTS;
      if (dir) await page.screenshot({ path: join(dir, 'plan-form.png'), fullPage: true });
      await main.getByRole('button', { name: '計画案を保存' }).click();
      await page.waitForURL(`**/cases/${caseId}/plans/1`);
      await settled(page);
      await expect.poll(() => main.getByRole('status').first().innerText()).toContain('第1版');
      expect(await field(page, 'userChargeCap').inputValue()).toBe('9300');
      expect(await field(page, 'weeklySchedule.entries.0.start').inputValue()).toBe('09:30');

      // Consent: the plan becomes final and shows as the sheet on screen.
      await main.getByRole('button', { name: '本計画にする' }).click();
      await main.getByText('本計画にしました').waitFor();
      await settled(page);
      await main.getByRole('heading', { name: 'サービス等利用計画', exact: true }).waitFor();

      await screenshot(page, 'plan-sheet');
      const planPages = await printPdf(page);
      expect(planPages).toHaveLength(1);
      const [plan] = planPages;
      expect(plan?.widthPt).toBeCloseTo(A4_LANDSCAPE.widthPt, 0);
      expect(plan?.heightPt).toBeCloseTo(A4_LANDSCAPE.heightPt, 0);
      for (const label of [
        'サービス等利用計画',
        '本計画・第1版',
        '利用者負担上限額',
        '9,300円',
        '計画作成日',
        formatJapaneseEraDate(today),
        '評価時期',
        'その他',
        '留意事項',
        '種類・内容・量（頻度・時間）',
        '就労継続支援Ｂ型',
        '軽作業（箱折り）',
        '（月18日）',
        '令和9年3月',
        '通院日は休む',
        NEED,
      ])
        expect(plan?.text, label).toContain(pdfText(label));
      // Only 様式1 prints from the plan page: the weekly sheet shown below it has a page of its own.
      expect(plan?.text).not.toContain(pdfText('主な日常生活上の活動'));
      expect(plan?.text).not.toContain(pdfText('ログアウト'));

      await main.getByRole('link', { name: '週間計画表の印刷用表示（A4横）' }).click();
      await page.waitForURL(`**/cases/${caseId}/plans/1/weekly/print`);
      await main.getByRole('heading', { name: '週間計画表', exact: true }).waitFor();
      await settled(page);
      await screenshot(page, 'weekly-sheet');
      const weeklyPages = await printPdf(page);
      expect(weeklyPages).toHaveLength(1);
      const [weekly] = weeklyPages;
      expect(weekly?.widthPt).toBeCloseTo(A4_LANDSCAPE.widthPt, 0);
      expect(weekly?.heightPt).toBeCloseTo(A4_LANDSCAPE.heightPt, 0);
      for (const label of [
        '週間計画表',
        '本計画・第1版',
        '利用者負担上限額',
        '9,300円',
        formatJapaneseEraDate(today),
        '主な日常生活上の活動',
        '週単位以外のサービス',
        'サービス提供によって実現する生活の全体像',
        '実線の枠・■：サービス',
        '破線の枠・○：本人の活動',
        '6:00',
        '24:00',
        '時刻 月 火 水 木 金 土 日',
        DAILY,
        NON_WEEKLY,
        OVERVIEW,
        ...ENTRIES.map(([, , , label]) => label),
      ])
        expect(weekly?.text, label).toContain(pdfText(label));
      expect(weekly?.text).not.toContain(pdfText('週間計画表の印刷'));
      expect(weekly?.text).not.toContain(pdfText('ログアウト'));
    } finally {
      await page.close();
    }
  });
});
