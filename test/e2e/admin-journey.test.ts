import { deletableFrom, formatJapaneseEraDate, todayInJapan } from '@kikan/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS, demoCases } from '../../services/local/demo-data.ts';
import { launchBrowser, logInAs, settled, trackRequests } from '../support/browser.ts';

/**
 * The tenant admin's two pages (issue 7's portal): 職員の管理 moves a specialist to another
 * office, and the specialist's session, open in another browser, is refused on its next call and
 * sent to the login page; 記録の保存期間 sets the period (through a 412 from a concurrent change)
 * and places and lifts a legal hold. What the page shows is checked against what the API returns.
 *
 * 小林 (midori) is the specialist: no other e2e suite logs in as him or works on midori's cases,
 * and he is moved back when the suite ends, whatever happened, so later suites find him as seeded.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');

const userOf = (userId: string) => {
  const found = DEMO_USERS.find((user) => user.userId === userId);
  if (!found) throw new Error(`no demo user ${userId}`);
  return found;
};
const ADMIN = userOf('user-admin');
const KOBAYASHI = userOf('user-kobayashi');
const MIDORI = '地域移行支援センターみどり';
const AOZORA = '相談支援事業所あおぞら';

/** A closed case of midori's: nothing else in e2e looks at its retention. */
const closedCase = demoCases('kibougaoka', new Date())
  .map(({ record }) => record)
  .find((record) => record.officeId === 'midori' && record.phase === 'closed');
if (!closedCase) throw new Error('no closed midori case in the demo data');
const CLOSED_CASE_ID = closedCase.caseId;

const TANAKA = userOf('user-tanaka');
/** A closed case of aozora's, 田中's office: nothing else in e2e looks at its retention. */
const aozoraClosed = demoCases('kibougaoka', new Date())
  .map(({ record }) => record)
  .find((record) => record.officeId === 'aozora' && record.phase === 'closed');
if (!aozoraClosed) throw new Error('no closed aozora case in the demo data');

// ---- The API, as the admin (tokens from the local issuer the portal uses) -------------------------

const tokenOf = async (email: string): Promise<string> => {
  const response = await fetch(`${portalUrl}/local-auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
};

interface Answer {
  status: number;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary bodies
}

const callApi = async (
  token: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> => {
  const response = await fetch(`${portalUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
};

const staffIdsOf = async (token: string, officeId: string): Promise<string[]> => {
  const answer = await callApi(token, 'GET', `/api/users?officeId=${officeId}`);
  expect(answer.status).toBe(200);
  return (answer.json.items as { userId: string }[]).map((member) => member.userId);
};

// ---- Browser helpers ------------------------------------------------------------------------------

const main = (page: Page) => page.locator('main');
const menu = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' });
const flash = (page: Page) => main(page).locator('p.message[role="status"]');
const officeSection = (page: Page, officeName: string) =>
  main(page).getByRole('region', { name: new RegExp(`^${officeName}`) });
const rowOf = (page: Page, userId: string) => main(page).locator(`tr[data-user-id="${userId}"]`);

// ---- Keyboard ------------------------------------------------------------------------------------

interface Focused {
  tag: string;
  id: string;
  text: string;
  className: string;
  expanded: string | null;
  value: string | null;
  /** A visible indicator: an outline of at least 2px, or a box shadow, on screen. */
  visible: boolean;
}

// A string, evaluated in the page: the test project's types have no DOM.
const FOCUSED = `(() => {
  const element = document.activeElement ?? document.body;
  const style = getComputedStyle(element);
  const rect = element.getBoundingClientRect();
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    text: (element.innerText ?? element.textContent ?? '').trim().replace(/\\s+/g, ' '),
    className: typeof element.className === 'string' ? element.className : '',
    expanded: element.getAttribute('aria-expanded'),
    value: typeof element.value === 'string' ? element.value : null,
    visible:
      ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none') &&
      rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < window.innerHeight,
  };
})()`;

const focused = async (page: Page) => (await page.evaluate(FOCUSED)) as Focused;

/** Presses Tab until the focus is on what `matches` describes; every stop on the way must show it. */
const tabTo = async (page: Page, matches: (focus: Focused) => boolean, what: string): Promise<Focused> => {
  const seen: string[] = [];
  for (let step = 0; step < 120; step += 1) {
    await page.keyboard.press('Tab');
    const focus = await focused(page);
    seen.push(`<${focus.tag} id="${focus.id}"> ${focus.text.slice(0, 30)}`);
    expect(focus.tag, 'the focus left the page').not.toBe('body');
    expect(focus.visible, `no visible focus on ${seen.at(-1)}`).toBe(true);
    if (matches(focus)) return focus;
  }
  throw new Error(`the keyboard never reached ${what}; focus went through:\n${seen.join('\n')}`);
};

let movedKobayashi = false;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  try {
    if (movedKobayashi) {
      const admin = await tokenOf(ADMIN.email);
      const back = await callApi(admin, 'PUT', `/api/users/${KOBAYASHI.userId}/membership`, {
        // Back as the demo has him, his office's 数値確認者 included (the move ended it).
        body: {
          officeId: KOBAYASHI.officeId,
          role: KOBAYASHI.role,
          confirmsFigures: KOBAYASHI.confirmsFigures === true,
        },
      });
      expect(back.status).toBe(200);
      expect(await staffIdsOf(admin, KOBAYASHI.officeId)).toContain(KOBAYASHI.userId);
    }
  } finally {
    await browser.close();
  }
});

describe('the tenant admin', () => {
  it('moves a specialist to another office: their open session is refused on its next call and they sign in to the new office', async () => {
    // 小林 is at work in another browser before the move.
    const specialistContext = await browser.newContext({ locale: 'ja-JP' });
    const adminContext = await browser.newContext({ locale: 'ja-JP' });
    try {
      const specialist = trackRequests(await specialistContext.newPage());
      let specialistToken: string | null = null;
      specialist.on('response', (response) => {
        if (
          new URL(response.url()).pathname === '/api/session' &&
          response.request().method() === 'POST' &&
          response.ok()
        )
          void response.json().then((body: { accessToken?: string }) => {
            specialistToken ??= body.accessToken ?? null;
          });
      });
      await logInAs(specialist, portalUrl, KOBAYASHI.displayName, '/cases?assigned=me');
      await settled(specialist);
      expect(await specialist.locator('header').innerText()).toContain(MIDORI);
      await expect.poll(() => specialistToken).toMatch(/^eyJ/);
      const oldToken = specialistToken as unknown as string;
      expect((await callApi(oldToken, 'GET', '/api/me')).status).toBe(200);

      const page = trackRequests(await adminContext.newPage());
      await logInAs(page, portalUrl, ADMIN.displayName);
      await menu(page).getByRole('link', { name: '職員の管理', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '職員の管理' }).waitFor();
      await settled(page);

      // The admin's own row cannot be changed, and says why.
      const ownRow = rowOf(page, ADMIN.userId);
      await expect
        .poll(() => ownRow.getByRole('button', { name: /所属・役割を変更/ }).isDisabled())
        .toBe(true);
      expect(await ownRow.getByRole('button', { name: /利用停止/ }).isDisabled()).toBe(true);
      expect(await ownRow.innerText()).toContain('ご自身の所属・役割の変更や利用停止はできません');

      // 小林 is listed under midori with his role in Japanese.
      const midoriSection = officeSection(page, MIDORI);
      const row = rowOf(page, KOBAYASHI.userId);
      expect(await midoriSection.locator(`tr[data-user-id="${KOBAYASHI.userId}"]`).count()).toBe(1);
      expect(await row.innerText()).toContain('相談支援専門員');

      await row.getByRole('button', { name: /所属・役割を変更/ }).click();
      const form = main(page).locator('form', {
        has: page.getByRole('heading', { name: /所属・役割の変更/ }),
      });
      await form.waitFor();
      // The form starts from where he is; sending it unchanged is refused before anything is sent.
      expect(await form.getByLabel('所属事業所').inputValue()).toBe('midori');
      expect(await form.getByLabel('役割').inputValue()).toBe('specialist');
      await form.getByRole('button', { name: '変更内容を確認', exact: true }).click();
      await form
        .locator('.error-summary')
        .getByText('所属事業所・役割・数値確認者のいずれかを変更してください')
        .waitFor();

      await form.getByLabel('所属事業所').selectOption('aozora');
      await form.getByRole('button', { name: '変更内容を確認', exact: true }).click();
      await form.getByRole('heading', { name: '変更内容の確認' }).waitFor();
      const confirmation = await form.innerText();
      expect(confirmation).toContain(`${MIDORI} → ${AOZORA}`);
      expect(confirmation).toContain('相談支援専門員（変更なし）');
      expect(confirmation).toContain(`${KOBAYASHI.displayName}さんの現在のログインは直ちに無効になります。`);
      const membershipAnswer = page.waitForResponse(
        (response) =>
          response.request().method() === 'PUT' &&
          new URL(response.url()).pathname === `/api/users/${KOBAYASHI.userId}/membership`,
      );
      await form.getByRole('button', { name: '変更する', exact: true }).click();
      const moved = await membershipAnswer;
      movedKobayashi = true;
      expect(moved.status()).toBe(200);
      const { notBefore } = (await moved.json()) as { notBefore: string };

      // The page reloads the staff list, then says what happened: wait for that, however long the
      // machine takes (a fixed poll of one second failed on a busy machine).
      const done = `${KOBAYASHI.displayName}さんの所属を「${AOZORA}」に変更しました。${KOBAYASHI.displayName}さんの現在のログインは無効になりました。`;
      await flash(page).filter({ hasText: done }).waitFor();
      expect(await flash(page).textContent()).toBe(done);
      await settled(page);
      // The page lists him under aozora now, and no longer under midori.
      expect(
        await officeSection(page, AOZORA).locator(`tr[data-user-id="${KOBAYASHI.userId}"]`).count(),
      ).toBe(1);
      expect(await midoriSection.locator(`tr[data-user-id="${KOBAYASHI.userId}"]`).count()).toBe(0);

      // What the API now says: his membership moved, and his old token speaks for no one.
      const admin = await tokenOf(ADMIN.email);
      expect(await staffIdsOf(admin, 'aozora')).toContain(KOBAYASHI.userId);
      expect(await staffIdsOf(admin, 'midori')).not.toContain(KOBAYASHI.userId);
      const refused = await callApi(oldToken, 'GET', '/api/me');
      expect(refused.status).toBe(401);
      expect(refused.json.error.code).toBe('session_revoked');

      // His open portal: the next call is refused and the portal sends him to the login page.
      await menu(specialist).getByRole('link', { name: '事業所のケース', exact: true }).click();
      await specialist.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
      expect(new URL(specialist.url()).pathname).toBe('/login');
      expect(await main(specialist).locator('.message[role="status"]').innerText()).toBe(
        '利用者情報が変更されたため、ログインし直してください',
      );
      // Signing in again lands him in his new office. A token's `iat` has whole seconds and one of
      // the very second of the move counts as before it (SECURITY.md row 14): on a fast machine the
      // sign-in can fall in that second, so it waits for the next one to have begun.
      const validFrom = (Math.floor(Date.parse(notBefore) / 1000) + 1) * 1000;
      if (Date.now() < validFrom) await specialist.waitForTimeout(validFrom - Date.now());
      await specialist.getByRole('button', { name: new RegExp(KOBAYASHI.displayName) }).click();
      await specialist.locator('header').getByText(AOZORA).waitFor();
    } finally {
      await specialistContext.close();
      await adminContext.close();
    }
  });

  it('sets the retention period to 7 years through a concurrent change, then places and lifts a legal hold', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    try {
      const page = trackRequests(await context.newPage());
      await logInAs(page, portalUrl, ADMIN.displayName);
      await menu(page).getByRole('link', { name: '記録の保存期間', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '記録の保存期間' }).waitFor();
      await settled(page);
      const admin = await tokenOf(ADMIN.email);
      const current = main(page).getByTestId('retention-current');

      // Nothing set yet: the default, and the API agrees.
      const before = await callApi(admin, 'GET', '/api/retention');
      expect(before.json).toMatchObject({ years: 5, configured: false, version: 0 });
      expect(await current.innerText()).toBe('現在の保存期間：完結の日から5年');
      const years = main(page).getByLabel(/保存年数/);
      expect(await years.inputValue()).toBe('5');

      // Empty is refused in Japanese, next to the input, before anything is sent.
      const periodForm = main(page).locator('form', {
        has: page.getByRole('heading', { name: '保存期間の変更' }),
      });
      await years.fill('');
      await periodForm.getByRole('button', { name: '保存期間を変更' }).click();
      await periodForm.locator('.field-error').getByText('保存年数を入力してください').waitFor();

      // Another admin saves 6 meanwhile: this page's version is stale, the API answers 412.
      const concurrent = await callApi(admin, 'PUT', '/api/retention', {
        body: { years: 6 },
        headers: { 'if-match': '"0"' },
      });
      expect(concurrent.status).toBe(200);
      await years.fill('7');
      await periodForm.getByRole('button', { name: '保存期間を変更' }).click();
      const summary = periodForm.locator('.error-summary');
      await summary.getByRole('heading', { name: '更新できませんでした' }).waitFor();
      expect(await summary.innerText()).toContain('他の管理者が保存期間を変更しました');
      await summary.getByRole('button', { name: '最新の内容を読み込み直す' }).click();
      await expect.poll(() => current.innerText()).toBe('現在の保存期間：完結の日から6年');
      expect(await years.inputValue()).toBe('6');

      await years.fill('7');
      await periodForm.getByRole('button', { name: '保存期間を変更' }).click();
      await expect
        .poll(() => flash(page).textContent())
        .toBe('保存期間を「完結の日から7年」に変更しました。');
      expect(await current.innerText()).toBe('現在の保存期間：完結の日から7年');
      expect(await main(page).getByText('最終変更：').innerText()).toContain(ADMIN.displayName);
      const after = await callApi(admin, 'GET', '/api/retention');
      expect(after.json).toMatchObject({ years: 7, configured: true, version: 2, updatedBy: ADMIN.userId });

      // A hold on a case id that is not the tenant's: the error sits on the case id input.
      const holdForm = main(page).locator('form', {
        has: page.getByRole('heading', { name: '削除を保留にする' }),
      });
      await holdForm.getByLabel('ケースID').fill('demo-kibougaoka-case-999');
      await holdForm.getByLabel('保留の理由').selectOption({ label: '監査・実地指導' });
      await holdForm.getByRole('button', { name: '保留にする' }).click();
      await holdForm
        .locator('.field-error')
        .getByText('このケースIDのケースは見つかりません。ケースIDを確認してください')
        .waitFor();

      // The closed midori case: placed with a reason; the message says when it would have gone.
      const standing = await callApi(admin, 'GET', `/api/retention/cases/${CLOSED_CASE_ID}`);
      expect(standing.status).toBe(200);
      const closedOn = standing.json.closedOn as string;
      expect(standing.json).toMatchObject({
        phase: 'closed',
        hold: null,
        deletableFrom: deletableFrom(closedOn, 7),
      });
      await holdForm.getByLabel('ケースID').fill(` ${CLOSED_CASE_ID} `);
      await holdForm.getByRole('button', { name: '保留にする' }).click();
      await expect
        .poll(() => flash(page).textContent())
        .toBe(
          `ケース ${CLOSED_CASE_ID} の削除を保留にしました。${formatJapaneseEraDate(closedOn)}に終結し、保存期間の満了後は${formatJapaneseEraDate(deletableFrom(closedOn, 7))}から削除の対象になります。`,
        );
      await settled(page);
      const holdRow = main(page).locator(`tr[data-case-id="${CLOSED_CASE_ID}"]`);
      const rowText = await holdRow.innerText();
      expect(rowText).toContain('監査・実地指導');
      expect(rowText).toContain(ADMIN.displayName);
      expect(rowText).toContain(formatJapaneseEraDate(todayInJapan()));
      const held = await callApi(admin, 'GET', '/api/retention/holds');
      expect(held.json.items).toEqual([
        {
          caseId: CLOSED_CASE_ID,
          reason: 'inspection',
          since: todayInJapan(),
          setBy: ADMIN.userId,
          setByRole: 'tenant_admin',
        },
      ]);

      // Lifting asks first; やめる leaves the hold in place and the focus on its button.
      const lift = holdRow.getByRole('button', { name: /保留を解除/ });
      await lift.click();
      const liftForm = main(page).locator('form', { has: page.getByRole('heading', { name: /保留の解除/ }) });
      expect(await liftForm.innerText()).toContain(
        '保存期間を過ぎている場合は、次回の処理（毎日午前3時）で削除され',
      );
      await liftForm.getByRole('button', { name: 'やめる' }).click();
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe(`lift-${CLOSED_CASE_ID}`);
      expect((await callApi(admin, 'GET', '/api/retention/holds')).json.items).toHaveLength(1);

      await lift.click();
      await liftForm.getByRole('button', { name: '解除する', exact: true }).click();
      await expect
        .poll(() => flash(page).textContent())
        .toMatch(new RegExp(`^ケース ${CLOSED_CASE_ID} の削除の保留を解除しました。`));
      await settled(page);
      await main(page).getByText('削除を保留にしているケースはありません。').waitFor();
      expect((await callApi(admin, 'GET', '/api/retention/holds')).json.items).toEqual([]);
      const released = await callApi(admin, 'GET', `/api/retention/cases/${CLOSED_CASE_ID}`);
      expect(released.json.hold).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('works with the keyboard alone: every stop shows its focus, an opened form takes it and gives it back', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    try {
      const page = trackRequests(await context.newPage());
      const writes: string[] = [];
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        // The sign-in session's own calls (ADR 0037) are no change to any record.
        if (request.method() !== 'GET' && path.startsWith('/api/') && !path.startsWith('/api/session'))
          writes.push(`${request.method()} ${path}`);
      });
      await logInAs(page, portalUrl, ADMIN.displayName, '/admin/users');
      await page.getByRole('heading', { level: 1, name: '職員の管理' }).waitFor();
      await settled(page);

      // From the top of the main area to the first user's change button; Enter opens the form.
      await main(page).focus();
      const toggle = await tabTo(
        page,
        (focus) => focus.text.startsWith('所属・役割を変更'),
        'a change button',
      );
      expect(toggle.expanded).toBe('false');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toMatch(/さんの所属・役割の変更$/);
      const office = await tabTo(page, (focus) => focus.id === 'officeId', 'the office select');
      await page.keyboard.press('ArrowDown');
      await expect.poll(async () => (await focused(page)).value).not.toBe(office.value);
      await tabTo(page, (focus) => focus.text === '変更内容を確認', 'the confirm button');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toBe('変更内容の確認');
      await tabTo(page, (focus) => focus.text === 'やめる', 'やめる');
      await page.keyboard.press('Enter');
      // The focus is back on the button that opened the form, which is closed again.
      await expect.poll(async () => (await focused(page)).id).toBe(toggle.id);
      expect((await focused(page)).expanded).toBe('false');

      // The retention period: a value out of range, Enter, the summary takes the focus and leads to the input.
      await menu(page).getByRole('link', { name: '記録の保存期間', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '記録の保存期間' }).waitFor();
      await settled(page);
      await main(page).focus();
      await tabTo(page, (focus) => focus.id === 'years', 'the years input');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('3');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).className).toContain('error-summary');
      const link = await tabTo(page, (focus) => focus.tag === 'a', 'the link of the error summary');
      expect(link.text).toContain('保存年数は5年以上にしてください');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).id).toBe('years');
      expect(writes).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sees who placed a hold from a case page, and is the one who lifts it', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    let placed = false;
    const admin = await tokenOf(ADMIN.email);
    try {
      const page = trackRequests(await context.newPage());
      await logInAs(page, portalUrl, TANAKA.displayName, `/cases/${aozoraClosed.caseId}`);
      const panel = main(page).getByRole('region', { name: '削除の保留（リーガルホールド）' });
      await panel.waitFor();
      await settled(page);
      expect(await panel.getByTestId('legal-hold-state').innerText()).toMatch(
        /^このケースは削除を保留にしていません。.+に終結し、保存期間の満了後は.+から削除の対象になります。$/,
      );

      // By keyboard: the button opens the form on its heading, the reason is chosen with the arrows.
      await main(page).focus();
      const toggle = await tabTo(page, (focus) => focus.id === 'legal-hold-open', 'the hold button');
      expect(toggle.expanded).toBe('false');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page)).text).toBe('削除の保留');
      await tabTo(page, (focus) => focus.text === '保留にする', 'the submit button');
      await page.keyboard.press('Enter');
      // No reason yet: the summary takes the focus and nothing is sent.
      await expect.poll(async () => (await focused(page)).className).toContain('error-summary');
      expect((await callApi(admin, 'GET', '/api/retention/holds')).json.items).toEqual([]);
      await tabTo(page, (focus) => focus.tag === 'input' && focus.value === 'litigation', 'the first reason');
      await page.keyboard.press('ArrowRight');
      await expect.poll(async () => (await focused(page)).value).toBe('disclosure_request');
      await tabTo(page, (focus) => focus.text === '保留にする', 'the submit button');
      await page.keyboard.press('Enter');
      placed = true;
      await expect.poll(async () => (await focused(page)).text).toBe('このケースの削除を保留にしました。');
      const state = await panel.innerText();
      expect(state).toContain('このケースは削除を保留にしています。');
      expect(state).toContain('開示請求への対応');
      expect(state).toContain('田中 陽子（事業所管理者）');
      expect(state).toContain('解除は、システム管理者に依頼してください');
      expect(await panel.getByRole('button', { name: '削除を保留にする' }).count()).toBe(0);

      // The admin's list says who placed it, and the admin lifts it.
      const holds = await callApi(admin, 'GET', '/api/retention/holds');
      expect(holds.json.items).toEqual([
        {
          caseId: aozoraClosed.caseId,
          reason: 'disclosure_request',
          since: todayInJapan(),
          setBy: TANAKA.userId,
          setByRole: 'office_manager',
        },
      ]);
      const adminContext = await browser.newContext({ locale: 'ja-JP' });
      try {
        const adminPage = trackRequests(await adminContext.newPage());
        await logInAs(adminPage, portalUrl, ADMIN.displayName, '/admin/retention');
        await adminPage.getByRole('heading', { level: 1, name: '記録の保存期間' }).waitFor();
        await settled(adminPage);
        const row = main(adminPage).locator(`tr[data-case-id="${aozoraClosed.caseId}"]`);
        expect(await row.innerText()).toContain('田中 陽子（事業所管理者）');
        await row.getByRole('button', { name: /保留を解除/ }).click();
        await main(adminPage).getByRole('button', { name: '解除する', exact: true }).click();
        await main(adminPage).getByText('削除を保留にしているケースはありません。').waitFor();
        placed = false;
      } finally {
        await adminContext.close();
      }
      expect((await callApi(admin, 'GET', '/api/retention/holds')).json.items).toEqual([]);
    } finally {
      if (placed) await callApi(admin, 'DELETE', `/api/retention/cases/${aozoraClosed.caseId}/hold`);
      await context.close();
    }
  });

  it('leaves the admin pages out of everyone else’s menu, and shows the usual refusal at their address', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    try {
      for (const [path, title] of [
        ['/admin/users', '職員の管理'],
        ['/admin/retention', '記録の保存期間'],
      ] as const) {
        const page = trackRequests(await context.newPage());
        const apiCalls: string[] = [];
        page.on('request', (request) => {
          const url = new URL(request.url());
          if (url.pathname.startsWith('/api/users') || url.pathname.startsWith('/api/retention'))
            apiCalls.push(url.pathname);
        });
        await logInAs(page, portalUrl, userOf('user-ito').displayName, path);
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await settled(page);
        expect(await main(page).getByRole('alert').innerText()).toBe('この操作を行う権限がありません');
        expect(await main(page).locator('table, form').count()).toBe(0);
        // The page does not even ask: the refusal is the portal's, the API would refuse too.
        expect(apiCalls).toEqual([]);
        const links = await menu(page).getByRole('link').allInnerTexts();
        expect(links).not.toContain('職員の管理');
        expect(links).not.toContain('記録の保存期間');
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
});
