import {
  addDays,
  addMonths,
  formatJapaneseEraDate,
  nextDueWithinDecision,
  todayInJapan,
  type ServiceDecisionTerms,
} from '@kikan/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { demoRecords } from '../../services/local/demo-records.ts';
import { launchBrowser, logInAs, navigate, settled, trackRequests } from '../support/browser.ts';
import { A4_LANDSCAPE, A4_PORTRAIT, pdfText, printPdf, type PdfPage } from '../support/pdf.ts';

/**
 * Issue 16's "done when" as one journey on one case: a specialist writes an assessment, a plan
 * draft from it with the 様式1 rows and a 週間計画表, prints all three; submits the draft; the
 * caseworker of the person's municipality (加藤 真理, 希望ヶ丘市) finds it in the month's inbox and
 * returns it with a comment; the specialist reads the comment, corrects and resubmits; the
 * caseworker accepts and records the 支給決定; the office's case shows the decision and the next
 * monitoring it set; the specialist finalises the plan, records a モニタリング報告書 and prints it.
 * Every step's wall time and the API calls the browser made are printed as one block (and
 * annotated). Screenshots: /tmp/kikan-loop-*.png.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');
const today = todayInJapan();
const SUZUKI = '鈴木 健一';
const KATO = '加藤 真理';

/**
 * 鈴木's open adult case of a person of 希望ヶ丘市 (990001) at intake: no demo assessment, no demo
 * plan, no decision, no difficult-case file. Not the case the plan-forms journey takes (the last
 * such one, which may also be without assessment) nor any other journey's: the first.
 */
const journeyCase = (() => {
  const cases = demoCases('kibougaoka', new Date());
  const records = demoRecords('kibougaoka', new Date(), cases);
  const planned = new Set(records.plans.map((plan) => plan.caseId));
  const assessed = new Set(records.assessments.map((assessment) => assessment.caseId));
  const planFormsCase = cases
    .map(({ record }) => record)
    .filter(
      (record) =>
        record.specialistUserId === 'user-suzuki' &&
        record.serviceKind === 'plan_consultation' &&
        ['intake', 'assessment', 'planning'].includes(record.phase) &&
        !record.difficulty &&
        !planned.has(record.caseId),
    )
    .at(-1)?.caseId;
  const found = cases.find(
    ({ record, person }) =>
      record.specialistUserId === 'user-suzuki' &&
      record.serviceKind === 'plan_consultation' &&
      record.phase === 'intake' &&
      person.municipalityCode === '990001' &&
      record.decision === undefined &&
      !record.difficulty &&
      !planned.has(record.caseId) &&
      !assessed.has(record.caseId) &&
      record.caseId !== planFormsCase,
  );
  if (!found) throw new Error("no demo case: 鈴木's intake case of 希望ヶ丘市 without records");
  return { caseId: found.record.caseId, personName: found.person.name };
})();

/** The decision the caseworker records, and the next monitoring the schedule gives it. */
const decision: ServiceDecisionTerms = {
  validFrom: today,
  validTo: addDays(addMonths(today, 12), -1),
  periodMonths: 3,
  intensiveStart: true,
};
const expectedNextDue = nextDueWithinDecision(decision, [], today);
/** After the monitoring recorded today: the month the report names next. */
const expectedAfterMonitoring = nextDueWithinDecision(decision, [today], today);

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Wall time and the browser's API calls, per step. */
interface StepNumbers {
  name: string;
  ms: number;
  apiCalls: number;
}

const journeyMeter = () => {
  const steps: StepNumbers[] = [];
  let current: StepNumbers | null = null;
  let started = 0;
  return {
    steps,
    /** Counts the page's requests to /api/ into the step under way. */
    watch(page: Page) {
      page.on('request', (request) => {
        if (current && new URL(request.url()).pathname.startsWith('/api/')) current.apiCalls += 1;
      });
    },
    async step<T>(name: string, run: () => Promise<T>): Promise<T> {
      current = { name, ms: 0, apiCalls: 0 };
      started = performance.now();
      try {
        return await run();
      } finally {
        current.ms = performance.now() - started;
        steps.push(current);
        current = null;
      }
    },
    report(): string {
      const total = steps.reduce(
        (sum, step) => ({ ms: sum.ms + step.ms, apiCalls: sum.apiCalls + step.apiCalls }),
        {
          ms: 0,
          apiCalls: 0,
        },
      );
      // Numbers first: the step names are Japanese in part, whose width padding cannot line up.
      const line = (name: string, ms: number, calls: number) =>
        `${(ms / 1000).toFixed(1).padStart(6)} s ${String(calls).padStart(5)} API calls  ${name}`;
      return [
        'paper loop journey (issue 16), one case, wall time and browser API calls per step:',
        ...steps.map((step) => line(step.name, step.ms, step.apiCalls)),
        line('total', total.ms, total.apiCalls),
      ].join('\n');
    },
  };
};

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `/tmp/kikan-loop-${name}.png`, fullPage: true });

/** A4 of the given orientation, `count` pages, every label on them. */
const expectSheet = (
  pages: PdfPage[],
  size: { widthPt: number; heightPt: number },
  count: number,
  labels: string[],
) => {
  expect(pages).toHaveLength(count);
  for (const page of pages) {
    expect(page.widthPt).toBeCloseTo(size.widthPt, 0);
    expect(page.heightPt).toBeCloseTo(size.heightPt, 0);
    expect(page.text).not.toContain(pdfText('ログアウト'));
  }
  const text = pages.map((page) => page.text).join('\n');
  for (const label of labels) expect(text, label).toContain(pdfText(label));
};

/** An input by its request path (several inputs share a label, e.g. 「内容」). */
const field = (page: Page, name: string) => page.locator(`main [id="${name}"]`);

const WISHES = '家から作業所に通い、休みの日は図書館に行きたい。';
const SUMMARY = '日中の居場所と、家事の手伝いが必要。';
const NEED = '日中に通える場所がほしい';
const SERVICE_LABEL = 'ワークショップひかり';
const OWN_ACTIVITY = '図書館';
const COMMENT = '週間計画表の土曜の予定と、評価時期の記載を確認してください。';
const CORRECTED = '家から作業所に週4日通い、土曜は図書館に行きたい。';
const OVERALL = '作業所に週4日通えている。土曜の図書館も続いている。';
const ISSUES = '通所の疲れが出る週末の過ごし方を本人と考える。';

describe('the paper loop, made electronic, on one case', () => {
  it('assessment, plan and week printed, submitted, returned, resubmitted, decided, monitored and printed', async ({
    annotate,
  }) => {
    const meter = journeyMeter();
    const { caseId, personName } = journeyCase;
    const office = trackRequests(
      await browser.newPage({ locale: 'ja-JP', viewport: { width: 1400, height: 900 } }),
    );
    const city = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    office.on('dialog', (dialog) => void dialog.accept());
    city.on('dialog', (dialog) => void dialog.accept());
    meter.watch(office);
    meter.watch(city);
    const officeMain = office.locator('main');
    const cityMain = city.locator('main');
    let planVersion = 0;

    try {
      await meter.step('1. assessment written, finalised, printed', async () => {
        await logInAs(office, portalUrl, SUZUKI, `/cases/${caseId}`);
        await office.getByRole('heading', { name: 'アセスメント', exact: true }).waitFor();
        await settled(office);
        await office.getByRole('link', { name: '新しいアセスメントを記録する' }).click();
        await office.waitForURL(`**/cases/${caseId}/assessments/new`);
        await settled(office);
        await officeMain.getByLabel('実施日').fill(formatJapaneseEraDate(today));
        await officeMain.getByLabel('本人の希望（どのような生活をしたいか）').fill(WISHES);
        await officeMain.getByLabel('家族の状況・家族の希望').fill('グループホームで生活。週末は実家。');
        await officeMain.getByLabel('生活歴').fill('特別支援学校を卒業後、家で過ごすことが多い。');
        await officeMain.getByLabel('医療（病歴・服薬・通院）').fill('服薬なし。年1回の健診。');
        await officeMain.getByLabel('本人の強み（ストレングス）').fill('手先が器用。挨拶ができる。');
        await officeMain.getByLabel('支援の必要性・課題のまとめ').fill(SUMMARY);
        await officeMain.getByRole('button', { name: 'アセスメントを保存' }).click();
        await office.waitForURL(`**/cases/${caseId}/assessments/1`);
        await settled(office);
        await officeMain.getByRole('button', { name: '確定する', exact: true }).click();
        await officeMain.getByText('アセスメントを確定しました。').waitFor();
        await settled(office);
        await officeMain.getByRole('link', { name: '印刷用の表示（A4縦）' }).click();
        await office.waitForURL(`**/cases/${caseId}/assessments/1/print`);
        await officeMain.getByRole('heading', { name: 'アセスメント票', exact: true }).waitFor();
        await settled(office);
        await shot(office, '1-assessment-print');
        expectSheet(await printPdf(office), A4_PORTRAIT, 1, [
          'アセスメント票',
          '確定・第1版',
          '利用者氏名',
          '実施日',
          formatJapaneseEraDate(today),
          '本人の希望',
          '生活歴',
          '日常生活の状況',
          WISHES,
          SUMMARY,
        ]);
      });

      await meter.step('2. plan draft + weekly schedule written, printed', async () => {
        await officeMain.getByRole('link', { name: 'アセスメント（第1版）に戻る' }).click();
        await officeMain.getByRole('link', { name: 'このアセスメントから計画案を作成' }).click();
        await office.waitForURL(`**/cases/${caseId}/plans/new`);
        await office.getByTestId('assessment-summary').waitFor();
        await settled(office);
        await officeMain.getByRole('button', { name: '本人の希望を計画に写す' }).click();
        expect(await officeMain.getByLabel('利用者の意向（本人の言葉で）').inputValue()).toBe(WISHES);
        await field(office, 'userChargeCap').fill('9300');
        await officeMain
          .getByLabel('総合的な援助の方針')
          .fill('日中の通所を軸に、本人のペースで生活を整える。');
        await field(office, 'needs.0.need').fill(NEED);
        await field(office, 'needs.0.goal').fill('週4日、作業所に通う');
        await field(office, 'needs.0.period').fill('1年');
        await field(office, 'needs.0.services.0.serviceType').selectOption({ label: '就労継続支援Ｂ型' });
        await field(office, 'needs.0.services.0.content').fill('軽作業（袋詰め）');
        await field(office, 'needs.0.services.0.amount').fill('月17日');
        await field(office, 'needs.0.services.0.provider').fill(SERVICE_LABEL);
        await field(office, 'needs.0.personRole').fill('朝8時半に家を出る');
        await field(office, 'needs.0.evaluationTiming').fill('3か月後');
        // The week: a service and an own activity.
        const entries: [string, string, string, string, string][] = [
          ['月', '09:30', '15:30', SERVICE_LABEL, 'サービス'],
          ['土', '10:00', '12:00', OWN_ACTIVITY, '本人の活動'],
        ];
        for (const [index, [day, start, end, label, kind]] of entries.entries()) {
          await officeMain.getByRole('button', { name: '予定を追加' }).click();
          const prefix = `weeklySchedule.entries.${index}`;
          await field(office, `${prefix}.day`).waitFor();
          await field(office, `${prefix}.day`).selectOption({ label: day });
          await field(office, `${prefix}.start`).fill(start);
          await field(office, `${prefix}.end`).fill(end);
          await field(office, `${prefix}.label`).fill(label);
          await field(office, `${prefix}.kind`).selectOption({ label: kind });
        }
        await officeMain.getByLabel('主な日常生活上の活動').fill('7時起床。夕方はテレビを見て過ごす。');
        await officeMain.getByLabel('週単位以外のサービス').fill('通院（年1回）');
        await officeMain.getByRole('button', { name: '計画案を保存' }).click();
        await office.waitForURL(new RegExp(`/cases/${caseId}/plans/\\d+$`));
        planVersion = Number(new URL(office.url()).pathname.split('/').at(-1));
        await settled(office);
        await expect
          .poll(() => officeMain.getByRole('status').first().innerText())
          .toContain(`第${planVersion}版`);
        await shot(office, '2-plan-draft');
        expectSheet(await printPdf(office), A4_LANDSCAPE, 1, [
          'サービス等利用計画',
          '利用者負担上限額',
          '9,300円',
          '評価時期',
          '3か月後',
          '種類・内容・量（頻度・時間）',
          '就労継続支援Ｂ型',
          '軽作業（袋詰め）',
          NEED,
        ]);
        await officeMain.getByRole('link', { name: '週間計画表の印刷用表示（A4横）' }).click();
        await office.waitForURL(`**/cases/${caseId}/plans/${planVersion}/weekly/print`);
        await officeMain.getByRole('heading', { name: '週間計画表', exact: true }).waitFor();
        await settled(office);
        await shot(office, '2-weekly-print');
        expectSheet(await printPdf(office), A4_LANDSCAPE, 1, [
          '週間計画表',
          '主な日常生活上の活動',
          '週単位以外のサービス',
          SERVICE_LABEL,
          OWN_ACTIVITY,
        ]);
      });

      const month = today.slice(0, 7);
      await meter.step('3. submitted; caseworker finds it, returns it', async () => {
        await navigate(office, `/cases/${caseId}/plans/${planVersion}`);
        await officeMain.getByRole('button', { name: '市町村へ提出' }).click();
        await officeMain.getByRole('button', { name: '提出する' }).click();
        await expect.poll(() => officeMain.innerText()).toContain('市町村へ提出済み（受付待ち）');

        await logInAs(city, portalUrl, KATO);
        await navigate(city, `/inbox?month=${month}`);
        await cityMain.getByRole('heading', { name: `${month.replace('-', '年')}月の提出書類` }).waitFor();
        const rows = city.getByRole('row').filter({ hasText: personName });
        await expect.poll(() => rows.count()).toBe(1);
        expect(await rows.innerText()).toContain('提出済');
        await shot(city, '3-inbox');
        await rows.getByRole('link', { name: personName }).click();
        await cityMain.getByRole('heading', { name: '提出された書類（提出時の内容）' }).waitFor();
        await settled(city);
        // The snapshot shows the plan as submitted.
        await expect.poll(() => cityMain.innerText()).toContain(NEED);
        expect(await cityMain.innerText()).toContain(WISHES);
        // …with its 週間計画表 (the own activity on Saturday) and its 計画作成担当者, as on paper.
        await cityMain.getByRole('heading', { name: '週間計画表', exact: true }).waitFor();
        expect(await cityMain.locator('.weekly-sheet').innerText()).toContain(OWN_ACTIVITY);
        expect(await cityMain.innerText()).toContain('鈴木 健一');
        await shot(city, '3-submission');
        await cityMain.getByLabel('差戻しの理由（必須・1000文字以内）').fill(COMMENT);
        await cityMain.getByRole('button', { name: '差戻し', exact: true }).click();
        await expect.poll(() => cityMain.innerText()).toContain('差し戻しました');
      });

      await meter.step('4. specialist reads the comment, corrects, resubmits', async () => {
        await navigate(office, '/notifications');
        await officeMain.getByRole('link', { name: /差し戻された書類/ }).waitFor();
        await navigate(office, `/cases/${caseId}`);
        await office.getByRole('heading', { name: '市町村への提出' }).waitFor();
        await expect.poll(() => office.locator('#submissions-section').innerText()).toContain(COMMENT);
        await shot(office, '4-case-returned');
        await navigate(office, `/cases/${caseId}/plans/${planVersion}`);
        await expect.poll(() => officeMain.innerText()).toContain(`差戻しの理由：${COMMENT}`);
        await officeMain.getByLabel('利用者の意向（本人の言葉で）').fill(CORRECTED);
        await officeMain.getByRole('button', { name: '計画案を保存' }).click();
        await expect.poll(() => officeMain.innerText()).toContain('保存しました');
        await settled(office);
        planVersion = Number(new URL(office.url()).pathname.split('/').at(-1));
        await officeMain.getByRole('button', { name: '市町村へ提出' }).click();
        await officeMain.getByRole('button', { name: '提出する' }).click();
        await expect.poll(() => officeMain.innerText()).toContain('市町村へ提出しました');
      });

      await meter.step('5. caseworker accepts, records the 支給決定', async () => {
        await navigate(city, `/inbox?month=${month}&status=submitted`);
        await cityMain.getByRole('heading', { name: `${month.replace('-', '年')}月の提出書類` }).waitFor();
        const row = city.getByRole('row').filter({ hasText: personName });
        await expect.poll(() => row.count()).toBe(1);
        await row.getByRole('link', { name: personName }).click();
        await cityMain.getByRole('heading', { name: '提出された書類（提出時の内容）' }).waitFor();
        await expect.poll(() => cityMain.innerText()).toContain(CORRECTED);
        await cityMain.getByRole('button', { name: '受理', exact: true }).click();
        await expect.poll(() => cityMain.innerText()).toContain('受理しました');
        await cityMain.getByLabel('決定日').fill(today);
        await cityMain.getByLabel('支給決定期間（開始）').fill(decision.validFrom);
        await cityMain.getByLabel('支給決定期間（終了）').fill(decision.validTo);
        await cityMain.getByLabel('モニタリング期間').selectOption(String(decision.periodMonths));
        await cityMain.getByLabel('新規・大きな変更（最初の3か月は毎月モニタリング）').check();
        await cityMain.getByLabel('支給決定したサービス（1行に1つ）').fill('就労継続支援Ｂ型 17日/月');
        await shot(city, '5-decision-form');
        await cityMain.getByRole('button', { name: '支給決定を記録' }).click();
        await expect.poll(() => cityMain.innerText()).toContain('支給決定を記録しました');
      });

      await meter.step('6. case page shows the decision and 次回モニタリング', async () => {
        await navigate(office, '/notifications');
        await officeMain.getByRole('link', { name: /支給決定が届いた/ }).waitFor();
        await navigate(office, `/cases/${caseId}`);
        await office.getByRole('heading', { name: '市町村への提出' }).waitFor();
        await settled(office);
        const submissions = office.locator('#submissions-section');
        await expect.poll(() => submissions.innerText()).toContain('支給決定');
        expect(await officeMain.innerText()).toContain(formatJapaneseEraDate(decision.validTo));
        expect(expectedNextDue).not.toBeNull();
        const due = office.getByTestId('next-monitoring-due').locator('time');
        await expect.poll(() => due.getAttribute('datetime')).toBe(expectedNextDue);
        await shot(office, '6-case-decided');
      });

      await meter.step('7. plan finalised; monitoring report recorded, printed', async () => {
        await navigate(office, `/cases/${caseId}/plans/${planVersion}`);
        await officeMain.getByRole('button', { name: '本計画にする' }).click();
        await officeMain.getByText('本計画にしました').waitFor();
        await settled(office);

        await navigate(office, `/cases/${caseId}`);
        await office.getByRole('heading', { name: '支援の経過' }).waitFor();
        await settled(office);
        await office.getByRole('link', { name: 'モニタリングを記録' }).click();
        await office.waitForURL(`**/cases/${caseId}/monitorings/new`);
        await office.getByText('支援目標・優先順位・達成時期を入れてあります').waitFor();
        await settled(office);
        await officeMain.getByLabel('居宅訪問').check();
        await officeMain.getByLabel('全体の状況', { exact: true }).fill(OVERALL);
        const progress = (name: string) => officeMain.locator(`[id="progress.0.${name}"]`);
        await progress('progress').fill('週4日通えている。');
        await progress('satisfaction').fill('作業が楽しいと話す。');
        await officeMain.locator('fieldset[id="progress.0.achieved"]').getByLabel('一部達成').check();
        await progress('issues').fill(ISSUES);
        for (const change of ['changeServiceKind', 'changeServiceAmount', 'changeWeeklySchedule'])
          await officeMain.locator(`fieldset[id="progress.0.${change}"]`).getByLabel('無').check();
        await officeMain.getByRole('button', { name: '記録する' }).click();
        await office.waitForURL(`${portalUrl}/cases/${caseId}`);
        await settled(office);
        await officeMain
          .getByRole('link', { name: /^モニタリング報告書を見る/ })
          .first()
          .click();
        await office.waitForURL(`**/cases/${caseId}/monitorings/*`);
        await officeMain.getByRole('heading', { name: /モニタリング報告書/, level: 2 }).waitFor();
        await settled(office);
        expect(expectedAfterMonitoring).not.toBeNull();
        expect(await office.getByTestId('next-monitoring-month').innerText()).toBe(
          formatJapaneseEraDate(`${(expectedAfterMonitoring ?? '').slice(0, 7)}-01`).replace(/1日$/, ''),
        );
        await officeMain.getByRole('link', { name: '印刷用の表示（A4横）' }).click();
        await office.waitForURL(`**/cases/${caseId}/monitorings/*/print`);
        await officeMain.getByRole('heading', { name: /モニタリング報告書/, level: 2 }).waitFor();
        await settled(office);
        await shot(office, '7-monitoring-print');
        expectSheet(await printPdf(office), A4_LANDSCAPE, 1, [
          'モニタリング報告書',
          '利用者氏名',
          'モニタリング実施日',
          formatJapaneseEraDate(today),
          '全体の状況',
          OVERALL,
          '今後の課題・',
          ISSUES,
          '計画変更の必要性',
          '次回モニタリング予定月',
        ]);
      });
    } finally {
      const report = meter.report();
      console.log(report);
      await annotate(report);
      await office.close();
      await city.close();
    }
    // Every step went through the API: the counts are of real calls.
    for (const step of meter.steps) expect(step.apiCalls, step.name).toBeGreaterThan(0);
  });
});
