import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS, demoCases } from '../../services/local/demo-data.ts';
import { withDemoDifficulty } from '../../services/local/demo-difficult.ts';
import { demoRecords } from '../../services/local/demo-records.ts';
import { REPO_ROOT } from '../../services/local/stack.ts';
import { addDays, todayInJapan } from '@kikan/shared';
import { describeViolations, scan } from '../support/axe.ts';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';

/**
 * SECURITY.md row 19: axe-core on every route of the portal, in the states a user meets (forms
 * open, a form sent empty with its Japanese errors, details expanded), as a persona allowed to see
 * the route → 0 violations of WCAG 2.0/2.1/2.2 A and AA. The list of routes is read from
 * web/src/routes, so a page added without a scenario here fails the coverage test.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/**
 * One signed-in page per persona, reused from scenario to scenario: the portal keeps its tokens in
 * memory only (SECURITY.md row 18), so a fresh page means a fresh sign-in, which took half of each
 * scenario. A later scenario reaches its path the way a user does, by a link the portal's router
 * follows in the page (no reload, so the session and the injected axe stay). A scenario that fails
 * leaves no page behind for the next one.
 */
const sessions = new Map<string, Page>();

const openAs = async (as: string, path: string): Promise<Page> => {
  const signedIn = sessions.get(as);
  if (signedIn) {
    await signedIn.evaluate(
      `(() => { const link = document.createElement('a'); link.href = ${JSON.stringify(path)}; document.body.append(link); link.click(); link.remove(); })()`,
    );
    return signedIn;
  }
  const page = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
  // A form left with changes asks before the router leaves it; the next scenario leaves it.
  page.on('dialog', (dialog) => void dialog.accept());
  await logInAs(page, portalUrl, as, path);
  sessions.set(as, page);
  return page;
};

const forget = async (as: string | null, page: Page) => {
  if (as && sessions.get(as) === page) sessions.delete(as);
  await page.close();
};

// ---- Who sees what -----------------------------------------------------------------------------

const nameOf = (userId: string) => DEMO_USERS.find((user) => user.userId === userId)?.displayName ?? userId;
const SATO = nameOf('user-sato'); // specialist, ひまわり
const TANAKA = nameOf('user-tanaka'); // office manager, あおぞら
const TAKAHASHI = nameOf('user-takahashi'); // core supervisor
const ITO = nameOf('user-ito'); // municipal officer
const ADMIN = nameOf('user-admin'); // tenant admin
const KATO = nameOf('user-kato'); // municipal caseworker, 希望ヶ丘市

const kibou = withDemoDifficulty(demoCases('kibougaoka', new Date())).map(({ record }) => record);
const caseOf = (predicate: (record: (typeof kibou)[number]) => boolean, what: string) => {
  const found = kibou.find(predicate);
  if (!found) throw new Error(`no demo case: ${what}`);
  return found;
};
/**
 * 佐藤's case in monitoring, with plans and decisions on its timeline and no difficult-case file
 * (the last such one: the monitoring journey records on the first overdue ones). ひまわり serves
 * children, so the transfer to an adult plan is offered for it too.
 */
const satoCase = [...kibou]
  .reverse()
  .find(
    (record) =>
      record.specialistUserId === 'user-sato' && record.phase === 'monitoring' && !record.difficulty,
  );
if (!satoCase) throw new Error("no demo case: 佐藤's monitoring case");
/** 佐藤's case in planning: its plan 1 is a draft, so the plan page shows the editor. */
const planningCase = caseOf(
  (record) => record.specialistUserId === 'user-sato' && record.phase === 'planning' && !record.difficulty,
  "佐藤's planning case",
);
const difficultOf = (status: string) =>
  caseOf((record) => record.difficulty?.status === status, `a difficult case ${status}`);
const flagged = difficultOf('flagged');
const accepted = difficultOf('accepted');
/** A himawari case the core center has not been given: it sees it pseudonymised. */
const unsharedCase = caseOf(
  (record) => record.officeId === 'himawari' && !record.sharedWithCore && record.phase !== 'closed',
  'an unshared himawari case',
);
const ISSUE_ID = 'demo-kibougaoka-issue-01';
/** An open あおぞら case 田中 manages and that no suite puts on hold: its hold panel offers the form. */
const aozoraCase = [...kibou]
  .reverse()
  .find((record) => record.officeId === 'aozora' && record.phase !== 'closed' && !record.difficulty);
if (!aozoraCase) throw new Error('no demo case: an open aozora case');

/** 佐藤's demo assessments (demo-records.ts): a finalised one to read and print, a draft to edit. */
const satoAssessmentCase = (status: 'draft' | 'final') => {
  const found = demoRecords('kibougaoka', new Date()).assessments.find(
    (assessment) =>
      assessment.status === status &&
      kibou.some(
        (record) =>
          record.caseId === assessment.caseId &&
          record.specialistUserId === 'user-sato' &&
          record.phase !== 'closed' &&
          !record.difficulty,
      ),
  );
  if (!found) throw new Error(`no demo case: 佐藤's ${status} assessment`);
  return `/cases/${found.caseId}/assessments/${found.assessmentVersion}`;
};
const FINAL_ASSESSMENT = satoAssessmentCase('final');
const DRAFT_ASSESSMENT = satoAssessmentCase('draft');
/** 佐藤's demo monitoring report (demo-records.ts: `<caseId>-mon-1`), to read and print. */
const SATO_MONITORING = (() => {
  const found = demoCases('kibougaoka', new Date()).find(
    ({ record, monitorings }) =>
      record.specialistUserId === 'user-sato' && record.phase !== 'closed' && monitorings.length > 0,
  );
  if (!found) throw new Error("no demo case: 佐藤's monitored case");
  return `/cases/${found.record.caseId}/monitorings/${found.record.caseId}-mon-1`;
})();

/** A ひまわり person of 希望ヶ丘市 with a number and an open case: what the caseworker's request names. */
const requestedCase = caseOf(
  (record) =>
    record.officeId === 'himawari' && record.phase !== 'closed' && record.municipalityCode === '990001',
  'an open himawari case of 希望ヶ丘市',
);
const requestedNumber = demoCases('kibougaoka', new Date()).find(
  ({ record }) => record.caseId === requestedCase.caseId,
)?.person.recipientNumber;

/** The review screenshots (KIKAN_SCREENSHOTS=/tmp): the pages as a user meets them. */
const screenshotTo =
  (name: string): Act =>
  async (page) => {
    const dir = process.env.KIKAN_SCREENSHOTS;
    if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  };

// ---- States a scenario visits --------------------------------------------------------------------

type Act = (page: Page) => Promise<void>;

interface State {
  name: string;
  act: Act;
}

interface Scenario {
  /** The SvelteKit route id this covers (`/cases/[caseId]/edit`). */
  route: string;
  /** Who looks (display name of a demo user), or null for the public pages. */
  as: string | null;
  path: string;
  /** Where the page ends up when that is not `path` (a signed-out visit goes to the login page). */
  ready?: string;
  /** Further states, each reached from the previous one and checked too. */
  states?: State[];
}

const withinMain = (page: Page) => page.locator('main');

/** Clicks a button (the first one named so) and waits for what it opens. */
const press =
  (name: string | RegExp): Act =>
  async (page) => {
    await withinMain(page).getByRole('button', { name }).first().click();
    await settled(page);
  };

/**
 * Sends a form empty: clears what it was filled with (text, numbers, dates, textareas), presses its
 * submit button and waits for the error summary in Japanese. A form that would save instead fails
 * the test here rather than writing quietly.
 */
const submitEmpty =
  (name: string | RegExp): Act =>
  async (page) => {
    const button = withinMain(page).getByRole('button', { name, exact: true }).first();
    const form = button.locator('xpath=ancestor::form[1]');
    const fields = form.locator(
      'textarea, input:not([type]), input[type="text"], input[type="number"], input[type="date"], input[type="month"], input[type="email"], input[type="tel"]',
    );
    for (const field of await fields.all()) {
      if ((await field.isEditable()) && (await field.isVisible())) await field.fill('');
    }
    await button.click();
    const summary = withinMain(page).locator('.error-summary').first();
    await summary.waitFor({ timeout: 5_000 });
    expect(await summary.innerText()).toMatch(/入力内容を確認してください|更新できませんでした/);
    await settled(page);
  };

const open = (name: string, act: Act): State => ({ name, act });

/**
 * An assessment sent with a day that is not one: every other field may be empty, so an empty
 * form would be saved; the refused 実施日 shows the error summary instead.
 */
const submitBadDay =
  (button: string): Act =>
  async (page) => {
    await withinMain(page).getByLabel('実施日').first().fill('あした');
    await withinMain(page).getByRole('button', { name: button, exact: true }).first().click();
    const summary = withinMain(page).locator('.error-summary').first();
    await summary.waitFor({ timeout: 5_000 });
    expect(await summary.innerText()).toContain('実施日');
    await settled(page);
  };

/** The caseworker asks ひまわり for a plan draft through the form; the list then shows it. */
const requestPlan: Act = async (page) => {
  const main = withinMain(page);
  await main.getByLabel('依頼先の事業所').selectOption('himawari');
  await main.getByLabel('受給者証番号').fill(requestedNumber ?? '');
  await main.getByLabel('提出期限').fill(addDays(todayInJapan(), 14));
  await main.getByLabel(/依頼内容/).fill('更新の計画案をお願いします');
  await main.getByRole('button', { name: '依頼する', exact: true }).click();
  await main
    .getByRole('cell', { name: requestedNumber ?? '' })
    .first()
    .waitFor();
  await settled(page);
};

/** The caseworker registers a self-plan through the form and opens it from the list. */
const registerSelfPlan: Act = async (page) => {
  const main = withinMain(page);
  await main.getByLabel(/^氏名(必須)?$/).fill('市役 花子');
  await main.getByLabel(/^フリガナ(必須)?$/).fill('シヤク ハナコ');
  await main.getByLabel(/^生年月日(必須)?$/).fill('平成2年5月1日');
  await main.getByLabel(/^受給者証番号(必須)?$/).fill('5550000123');
  await main.getByLabel('セルフプランの理由').selectOption('no_office_available');
  await main.getByLabel(/^提出日(必須)?$/).fill(addDays(todayInJapan(), -40));
  await main.getByLabel('支給決定期間の始まり').fill(addDays(todayInJapan(), -30));
  await main.getByLabel('支給決定期間の終わり').fill(addDays(todayInJapan(), 334));
  await main.getByRole('button', { name: '登録する', exact: true }).click();
  await main.getByRole('link', { name: '市役 花子' }).first().waitFor();
  await settled(page);
};
const openFirstSelfPlan: Act = async (page) => {
  await withinMain(page).getByRole('link', { name: '市役 花子' }).first().click();
  await withinMain(page).getByRole('button', { name: '訂正する' }).waitFor();
  await settled(page);
};

// ---- Every route, as someone allowed to see it ------------------------------------------------------

const caseBase = `/cases/${satoCase.caseId}`;

const SCENARIOS: Scenario[] = [
  { route: '/login', as: null, path: '/login' },
  { route: '/auth/callback', as: null, path: '/auth/callback' },
  { route: '/', as: SATO, path: '/' },
  { route: '/', as: TANAKA, path: '/' },
  { route: '/', as: TAKAHASHI, path: '/' },
  { route: '/', as: ITO, path: '/' },
  { route: '/', as: ADMIN, path: '/' },
  { route: '/', as: KATO, path: '/' },
  { route: '/inbox', as: KATO, path: '/inbox' },
  // A submission with its snapshot and forms is scanned by the submission journey, which makes one.
  { route: '/inbox/[submissionId]', as: KATO, path: '/inbox/00000000-0000-4000-8000-000000000000' },
  { route: '/[...path]', as: SATO, path: '/no-such-page' },
  { route: '/notifications', as: SATO, path: '/notifications' },
  { route: '/notifications', as: TAKAHASHI, path: '/notifications' },
  { route: '/notifications', as: ADMIN, path: '/notifications' },
  {
    route: '/cases',
    as: SATO,
    path: '/cases?assigned=me',
  },
  {
    route: '/cases',
    as: SATO,
    path: '/cases',
    states: [
      open('検索の結果', async (page) => {
        await withinMain(page)
          .getByLabel(/フリガナ|氏名/)
          .first()
          .fill('ア');
        await withinMain(page).getByRole('button', { name: '検索', exact: true }).click();
        await settled(page);
      }),
    ],
  },
  { route: '/cases', as: TAKAHASHI, path: '/cases' },
  { route: '/cases/new', as: SATO, path: '/cases/new', states: [open('空で送信', submitEmpty('登録する'))] },
  { route: '/cases/import', as: SATO, path: '/cases/import' },
  { route: '/decisions/import', as: ITO, path: '/decisions/import' },
  {
    route: '/consultations/anonymous',
    as: SATO,
    path: '/consultations/anonymous',
    states: [open('空で送信', submitEmpty('記録する'))],
  },
  {
    route: '/cases/[caseId]',
    as: SATO,
    path: caseBase,
    states: [
      open('記録の内容を表示', press('内容を表示')),
      open('同意の記録フォーム', press(/^同意を記録|^撤回を記録/)),
      open('終結フォーム', press('ケースを終結する')),
      open('終結フォームを空で送信', submitEmpty('終結する')),
    ],
  },
  {
    route: '/cases/[caseId]',
    as: TANAKA,
    path: `/cases/${aozoraCase.caseId}`,
    states: [
      open('削除の保留フォーム', press('削除を保留にする')),
      open('保留を理由なしで送信', submitEmpty('保留にする')),
    ],
  },
  { route: '/cases/[caseId]', as: TAKAHASHI, path: `/cases/${unsharedCase.caseId}` },
  { route: '/cases/[caseId]', as: SATO, path: '/cases/demo-kibougaoka-case-999' },
  {
    route: '/cases/[caseId]/monitorings/new',
    as: SATO,
    path: `${caseBase}/monitorings/new`,
    states: [open('空で送信', submitEmpty('記録する'))],
  },
  {
    route: '/cases/[caseId]/consultations/new',
    as: SATO,
    path: `${caseBase}/consultations/new`,
    states: [open('空で送信', submitEmpty('記録する'))],
  },
  {
    route: '/cases/[caseId]/meetings/new',
    as: SATO,
    path: `${caseBase}/meetings/new`,
    states: [open('空で送信', submitEmpty('記録する'))],
  },
  {
    route: '/cases/[caseId]/meetings/[meetingId]',
    as: SATO,
    path: `${caseBase}/meetings/${satoCase.caseId}-mtg-1`,
  },
  {
    route: '/cases/[caseId]/meetings/[meetingId]/print',
    as: SATO,
    path: `${caseBase}/meetings/${satoCase.caseId}-mtg-1/print`,
  },
  {
    route: '/cases/[caseId]/consultations/[recordId]',
    as: SATO,
    path: `${caseBase}/consultations/${satoCase.caseId}-con-1`,
  },
  { route: '/consultations/survey', as: SATO, path: '/consultations/survey' },
  {
    route: '/cases/[caseId]/decisions/new',
    as: SATO,
    path: `${caseBase}/decisions/new`,
    states: [open('空で送信', submitEmpty('登録する'))],
  },
  {
    route: '/cases/[caseId]/plans/new',
    as: SATO,
    path: `${caseBase}/plans/new`,
    states: [open('空で送信', submitEmpty('計画案を保存'))],
  },
  {
    route: '/cases/[caseId]/plans/[planVersion]',
    as: SATO,
    path: `${caseBase}/plans/1`,
  },
  {
    route: '/cases/[caseId]/plans/[planVersion]',
    as: SATO,
    path: `/cases/${planningCase.caseId}/plans/1`,
    states: [open('下書きを空で保存', submitEmpty('計画案を保存'))],
  },
  {
    route: '/cases/[caseId]/plans/[planVersion]/weekly/print',
    as: SATO,
    path: `${caseBase}/plans/1/weekly/print`,
  },
  {
    route: '/cases/[caseId]/assessments/new',
    as: SATO,
    path: `${caseBase}/assessments/new`,
    states: [open('実施日を誤って送信', submitBadDay('アセスメントを保存'))],
  },
  {
    route: '/cases/[caseId]/assessments/[assessmentVersion]',
    as: SATO,
    path: FINAL_ASSESSMENT,
  },
  {
    route: '/cases/[caseId]/assessments/[assessmentVersion]',
    as: SATO,
    path: DRAFT_ASSESSMENT,
    states: [open('実施日を誤って保存', submitBadDay('アセスメントを保存'))],
  },
  {
    route: '/cases/[caseId]/assessments/[assessmentVersion]/print',
    as: SATO,
    path: `${FINAL_ASSESSMENT}/print`,
  },
  {
    route: '/cases/[caseId]/monitorings/[recordId]',
    as: SATO,
    path: SATO_MONITORING,
  },
  {
    route: '/cases/[caseId]/monitorings/[recordId]/print',
    as: SATO,
    path: `${SATO_MONITORING}/print`,
  },
  {
    route: '/cases/[caseId]/edit',
    as: SATO,
    path: `${caseBase}/edit`,
  },
  {
    route: '/cases/[caseId]/person',
    as: SATO,
    path: `${caseBase}/person`,
    states: [open('空で送信', submitEmpty('変更を保存'))],
  },
  {
    route: '/cases/[caseId]/person/merge',
    as: SATO,
    path: `${caseBase}/person/merge`,
    states: [
      open('記録を検索して比べる', async (page) => {
        await withinMain(page).getByLabel('フリガナ・氏名・受給者証番号').fill('ア');
        await withinMain(page).getByRole('button', { name: '検索', exact: true }).click();
        await settled(page);
        await press('この記録と比べる')(page);
        await withinMain(page).getByRole('region', { name: '2つの記録の比較' }).waitFor();
      }),
    ],
  },
  {
    route: '/cases/[caseId]/transfer',
    as: SATO,
    path: `${caseBase}/transfer`,
    states: [open('空で送信', submitEmpty('移行する'))],
  },
  {
    route: '/cases/[caseId]/supervision-request',
    as: SATO,
    path: `${caseBase}/supervision-request`,
  },
  {
    route: '/cases/[caseId]/difficulty/flag',
    as: SATO,
    path: `${caseBase}/difficulty/flag`,
    states: [open('空で送信', submitEmpty('登録する'))],
  },
  {
    route: '/cases/[caseId]/difficulty/escalate',
    as: nameOf(flagged.specialistUserId),
    path: `/cases/${flagged.caseId}/difficulty/escalate`,
  },
  {
    route: '/cases/[caseId]/difficulty/support-meetings/new',
    as: TAKAHASHI,
    path: `/cases/${accepted.caseId}/difficulty/support-meetings/new`,
    states: [open('空で送信', submitEmpty('記録する'))],
  },
  {
    route: '/cases/[caseId]/difficulty/close',
    as: TAKAHASHI,
    path: `/cases/${accepted.caseId}/difficulty/close`,
    states: [open('空で送信', submitEmpty('終結を提案する'))],
  },
  { route: '/participation', as: SATO, path: '/participation' },
  { route: '/core', as: TAKAHASHI, path: '/core' },
  { route: '/core/offices/[officeId]/[figure]', as: TAKAHASHI, path: '/core/offices/himawari/overdue' },
  { route: '/difficult-cases', as: TAKAHASHI, path: '/difficult-cases' },
  { route: '/supervisions', as: TAKAHASHI, path: '/supervisions' },
  {
    route: '/supervisions/new',
    as: TAKAHASHI,
    path: '/supervisions/new',
    states: [open('空で送信', submitEmpty('記録する'))],
  },
  {
    route: '/supervisions/[supervisionId]',
    as: TAKAHASHI,
    path: '/supervisions/demo-kibougaoka-supervision-1',
    states: [open('空で送信', submitEmpty('修正を保存する'))],
  },
  { route: '/ledger', as: TAKAHASHI, path: '/ledger' },
  {
    route: '/ledger/events/new',
    as: TAKAHASHI,
    path: '/ledger/events/new',
    states: [open('空で送信', submitEmpty('記録する'))],
  },
  { route: '/ledger/participation', as: TAKAHASHI, path: '/ledger/participation' },
  {
    route: '/ledger/seniors',
    as: TAKAHASHI,
    path: '/ledger/seniors',
    states: [
      open('追加を空で送信', submitEmpty('追加する')),
      open('終了日のフォーム', press(/^終了日を記録/)),
      open('終了日を空で送信', submitEmpty('記録する')),
    ],
  },
  {
    route: '/audit',
    as: ADMIN,
    path: `/audit?from=${addDays(todayInJapan(), -30)}&to=${todayInJapan()}&actorUserId=user-sato&caseCode=${satoCase.caseCode}`,
    states: [open('条件を空で送信', submitEmpty('この条件で表示する'))],
  },
  { route: '/audit', as: ADMIN, path: '/audit?caseCode=K-ZZZZ99' },
  {
    route: '/admin/users',
    as: ADMIN,
    path: '/admin/users',
    states: [
      open('所属・役割の変更フォーム', press(/^所属・役割を変更/)),
      // Sent as it opened (the user's office and role): refused before anything is sent.
      open('変更フォームを空で送信', submitEmpty('変更内容を確認')),
      open('変更内容の確認', async (page) => {
        const office = withinMain(page).getByLabel('所属事業所');
        await office.selectOption((await office.inputValue()) === 'midori' ? 'aozora' : 'midori');
        await withinMain(page).getByRole('button', { name: '変更内容を確認', exact: true }).click();
        await withinMain(page).getByRole('heading', { name: '変更内容の確認' }).waitFor();
      }),
      open('利用停止の確認', press(/^利用停止/)),
    ],
  },
  {
    route: '/admin/retention',
    as: ADMIN,
    path: '/admin/retention',
    states: [
      open('保存期間を空で送信', submitEmpty('保存期間を変更')),
      open('保留を空で送信', submitEmpty('保留にする')),
    ],
  },
  {
    route: '/admin/offices',
    as: ADMIN,
    path: '/admin/offices',
    states: [
      open('追加を空で送信', submitEmpty('事業所を追加')),
      open('変更フォーム', press(/^変更/)),
      open('変更を空で送信', submitEmpty('変更を保存')),
    ],
  },
  {
    route: '/admin/members',
    as: ADMIN,
    path: '/admin/members',
    states: [open('追加を空で送信', submitEmpty('構成市町村を追加'))],
  },
  { route: '/council', as: ITO, path: '/council' },
  {
    route: '/requests',
    as: KATO,
    path: '/requests',
    states: [
      open('空で送信', submitEmpty('依頼する')),
      open('依頼した後', requestPlan),
      open('画面写し', screenshotTo('kikan-requests')),
    ],
  },
  { route: '/requests', as: SATO, path: '/requests' },
  { route: '/self-plans', as: KATO, path: '/self-plans' },
  {
    route: '/self-plans/new',
    as: KATO,
    path: '/self-plans/new',
    states: [open('空で送信', submitEmpty('登録する'))],
  },
  {
    route: '/self-plans/[selfPlanId]',
    as: KATO,
    path: '/self-plans/new',
    states: [
      open('登録した一覧', registerSelfPlan),
      open('画面写し（一覧）', screenshotTo('kikan-self-plans')),
      open('詳細', openFirstSelfPlan),
      open('訂正', press('訂正する')),
    ],
  },
  { route: '/council', as: TAKAHASHI, path: '/council' },
  {
    route: '/council/[issueId]',
    as: TAKAHASHI,
    path: `/council/${ISSUE_ID}`,
    states: [
      open('段階の変更を空で送信', submitEmpty('進める')),
      open('協議会の記録を空で送信', submitEmpty('記録する')),
    ],
  },
  { route: '/council/[issueId]', as: ITO, path: `/council/${ISSUE_ID}` },
  {
    route: '/council/new',
    as: TAKAHASHI,
    path: '/council/new',
    states: [open('空で送信', submitEmpty('登録する'))],
  },
  { route: '/statistics', as: ITO, path: '/statistics' },
  { route: '/statistics', as: TANAKA, path: '/statistics' },
  // 令和6年度 has no demo sign-off: every office is still to confirm, whatever the journeys did.
  {
    route: '/statistics',
    as: TAKAHASHI,
    path: '/statistics?fy=2024',
    states: [
      open('事業所の確認の記録フォーム', press(/^書面・活動なしを記録/)),
      open('記録フォームを空で送信', submitEmpty('記録する')),
    ],
  },
  { route: '/statistics/targets', as: ITO, path: '/statistics/targets' },
  { route: '/statistics/definitions', as: ITO, path: '/statistics/definitions' },
  {
    route: '/statistics/evaluation',
    as: ITO,
    path: '/statistics/evaluation?fy=2024',
    states: [
      open('評価・課題の入力エラー', async (page) => {
        await withinMain(page).getByRole('textbox', { name: '評価・課題' }).first().fill('あ'.repeat(1001));
        await press('保存する')(page);
      }),
    ],
  },
];

// ---- axe ------------------------------------------------------------------------------------------

/** Opens every <details> in the main area (their content is what a user reads once they open it). */
const openDetails = (page: Page) =>
  page.locator('main details:not([open])').evaluateAll((nodes) => {
    for (const node of nodes) node.setAttribute('open', '');
  });

// ---- Coverage -------------------------------------------------------------------------------------

const ROUTES_DIR = join(REPO_ROOT, 'web', 'src', 'routes');

/** Route ids of every +page.svelte under web/src/routes (route groups `(x)` do not add a segment). */
const routesOnDisk = (): string[] =>
  readdirSync(ROUTES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.split(sep).pop() === '+page.svelte')
    .map((file) => {
      const segments = relative(ROUTES_DIR, join(ROUTES_DIR, file))
        .split(sep)
        .slice(0, -1)
        .filter((segment) => !/^\(.*\)$/.test(segment));
      return `/${segments.join('/')}`;
    })
    .sort();

describe('accessibility of the portal (axe-core, WCAG 2.2 AA)', () => {
  it('covers every route in web/src/routes', () => {
    const covered = [...new Set(SCENARIOS.map((scenario) => scenario.route))].sort();
    expect(routesOnDisk().length).toBeGreaterThan(30);
    expect(covered).toEqual(routesOnDisk());
  });

  it('finds violations where there are some (the check itself can fail)', async () => {
    const page = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    try {
      await page.goto(`${portalUrl}/login`);
      await page.locator('main h1').waitFor();
      await settled(page);
      await page.locator('main').evaluate((main) => {
        const image = main.ownerDocument.createElement('img');
        image.src = 'data:,';
        const input = main.ownerDocument.createElement('input');
        input.type = 'text';
        const faint = main.ownerDocument.createElement('p');
        faint.textContent = '薄い文字';
        faint.style.color = '#bbbbbb';
        main.append(image, input, faint);
      });
      const found = (await scan(page)).map((violation) => violation.id);
      expect(found).toEqual(expect.arrayContaining(['image-alt', 'label', 'color-contrast']));
    } finally {
      await page.close();
    }
  });

  it.each(
    SCENARIOS.map((scenario) => [`${scenario.path}（${scenario.as ?? '未ログイン'}）`, scenario] as const),
  )('%s has no violations', async (_label, scenario) => {
    const page = scenario.as
      ? await openAs(scenario.as, scenario.path)
      : trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    let passed = false;
    try {
      if (!scenario.as) await page.goto(`${portalUrl}${scenario.path}`);
      await page.waitForURL((url) => `${url.pathname}${url.search}` === (scenario.ready ?? scenario.path));
      await page.locator('main h1').first().waitFor();
      await settled(page);

      const failures: string[] = [];
      const check = async (state: string) => {
        await openDetails(page);
        const violations = await scan(page);
        if (violations.length > 0) failures.push(`[${state}]\n${describeViolations(violations)}`);
      };
      await check('表示直後');
      for (const state of scenario.states ?? []) {
        await state.act(page);
        await check(state.name);
      }
      expect(failures.join('\n\n')).toBe('');
      passed = true;
    } finally {
      if (!passed || !scenario.as) await forget(scenario.as, page);
    }
  });
});
