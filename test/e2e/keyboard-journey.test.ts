import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { withDemoDifficulty } from '../../services/local/demo-difficult.ts';
import { launchBrowser, settled, trackRequests } from '../support/browser.ts';

/**
 * SECURITY.md row 19, the keyboard-only journey: a specialist logs in, finds a case, records a
 * consultation (first sending it empty and following the error summary to the field), opens and
 * cancels the closing form, and logs out, with Tab, Shift+Tab, Enter, Space and the arrow keys
 * only. Every stop of the focus must be visible, and the focus must land where the user expects:
 * the skip link first, the main area after it, the error summary after a failed submit, the
 * record's message after a save, the opened form's heading and back on its button after cancelling.
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
 * 佐藤's case the journey records on: in monitoring, no difficult-case file, and neither the
 * first of them (the monitoring journey records there) nor the last (the accessibility scan reads it).
 */
const journeyCase = (() => {
  const candidates = withDemoDifficulty(demoCases('kibougaoka', new Date()))
    .filter(
      ({ record }) =>
        record.specialistUserId === 'user-sato' && record.phase === 'monitoring' && !record.difficulty,
    )
    .slice(1, -1);
  const chosen = candidates[candidates.length - 1];
  if (!chosen?.person.recipientNumber)
    throw new Error("no demo case for the keyboard journey among 佐藤's cases");
  return chosen;
})();

interface Focused {
  tag: string;
  id: string;
  text: string;
  href: string | null;
  type: string | null;
  name: string | null;
  value: string | null;
  checked: boolean;
  expanded: string | null;
  className: string;
  /** A visible indicator: an outline of at least 2px, or a box shadow. */
  indicated: boolean;
  /** On screen, with a size. */
  onScreen: boolean;
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
    href: element.getAttribute('href'),
    type: element.getAttribute('type'),
    name: element.getAttribute('name'),
    value: typeof element.value === 'string' ? element.value : null,
    checked: element.checked === true,
    expanded: element.getAttribute('aria-expanded'),
    className: typeof element.className === 'string' ? element.className : '',
    indicated:
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
    onScreen:
      rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < window.innerHeight,
  };
})()`;

const focused = async (page: Page) => (await page.evaluate(FOCUSED)) as Focused;

const describeFocus = (focus: Focused) =>
  `<${focus.tag}${focus.id ? ` id="${focus.id}"` : ''}${focus.href ? ` href="${focus.href}"` : ''}> ${focus.text.slice(0, 40)}`;

/** Every element the Tab key stops on shows that it has the focus, where the user can see it. */
const expectVisibleFocus = (focus: Focused) => {
  expect(focus.tag, 'the focus left the page').not.toBe('body');
  expect(focus.indicated, `no visible focus indicator on ${describeFocus(focus)}`).toBe(true);
  expect(focus.onScreen, `focused but off screen: ${describeFocus(focus)}`).toBe(true);
};

/** Presses Tab (or Shift+Tab) until the focus is on what `matches` describes. */
const tabTo = async (
  page: Page,
  matches: (focus: Focused) => boolean,
  what: string,
  { backwards = false, max = 80 } = {},
): Promise<Focused> => {
  const seen: string[] = [];
  for (let step = 0; step < max; step += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focus = await focused(page);
    expectVisibleFocus(focus);
    seen.push(describeFocus(focus));
    if (matches(focus)) return focus;
  }
  throw new Error(`the keyboard never reached ${what}; focus went through:\n${seen.join('\n')}`);
};

const press = async (page: Page, key: string) => {
  await page.keyboard.press(key);
  await settled(page);
};

/** After a page change: the first Tab reaches the skip link, and Enter on it moves into <main>. */
const skipToMain = async (page: Page) => {
  const skip = await tabTo(page, () => true, 'the first stop');
  expect(skip.text).toBe('本文へスキップ');
  expect(skip.href).toBe('#main');
  await page.keyboard.press('Enter');
  const main = await focused(page);
  expect(main.tag).toBe('main');
};

describe('keyboard only', () => {
  it('a specialist logs in, records a consultation on a case, opens and cancels a form, and logs out', async () => {
    const page = trackRequests(await browser.newPage({ locale: 'ja-JP' }));
    try {
      const { record, person } = journeyCase;
      await page.goto(`${portalUrl}/login`);
      await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
      await settled(page);

      // Log in: skip link, main, the demo user's button.
      await skipToMain(page);
      const user = await tabTo(page, (focus) => focus.text.includes('佐藤 美咲'), 'the button of 佐藤 美咲');
      expect(user.tag).toBe('button');
      await press(page, 'Enter');
      await page.locator('header').getByText('佐藤 美咲').waitFor();
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
      await settled(page);

      // The menu: 事業所のケース, then search by the recipient number and open the case.
      await skipToMain(page);
      await tabTo(page, (focus) => focus.text === '事業所のケース', 'the menu link 事業所のケース', {
        backwards: true,
      });
      await press(page, 'Enter');
      await page.getByRole('heading', { level: 1 }).filter({ hasText: 'ケース' }).waitFor();
      await tabTo(page, (focus) => focus.id === 'case-search', 'the search box');
      await page.keyboard.type(person.recipientNumber ?? '');
      await press(page, 'Enter');
      const caseLink = await tabTo(
        page,
        (focus) => focus.href === `/cases/${record.caseId}`,
        `the link to ${record.caseId}`,
      );
      expect(caseLink.text).toContain(person.name);
      await press(page, 'Enter');
      await page.getByRole('heading', { level: 1 }).filter({ hasText: person.name }).waitFor();
      await settled(page);

      // The case page: skip link again, then 相談記録を追加.
      await skipToMain(page);
      await tabTo(page, (focus) => focus.text === '相談記録を追加', 'the link 相談記録を追加');
      await press(page, 'Enter');
      await page.getByRole('heading', { level: 1, name: /相談記録/ }).waitFor();
      await settled(page);

      // Send it empty: the error summary takes the focus, its first link leads to the field.
      await skipToMain(page);
      await tabTo(page, (focus) => focus.tag === 'button' && focus.text === '記録する', 'the submit button');
      await press(page, 'Enter');
      const summary = await focused(page);
      expect(summary.className).toContain('error-summary');
      expect(summary.text).toContain('入力内容を確認してください');
      const errorLink = await tabTo(page, (focus) => focus.tag === 'a', 'the first error link');
      expect(errorLink.text).toContain('支援方法');
      await page.keyboard.press('Enter');
      const group = await focused(page);
      expect(group.id).toBe('channel');

      // Fill it in: radio groups with Space and the arrow keys, text by typing.
      const firstChannel = await tabTo(page, (focus) => focus.name === 'channel', 'the first 支援方法');
      expect(firstChannel.type).toBe('radio');
      await page.keyboard.press('Space');
      expect((await focused(page)).checked).toBe(true);
      await page.keyboard.press('ArrowDown');
      const secondChannel = await focused(page);
      expect(secondChannel.name).toBe('channel');
      expect(secondChannel.checked).toBe(true);
      expect(secondChannel.value).not.toBe(firstChannel.value);
      await tabTo(page, (focus) => focus.name === 'counterpart', 'the first 相談の相手');
      await page.keyboard.press('Space');
      expect((await focused(page)).checked).toBe(true);
      // 支援内容: check boxes, ticked with Space.
      await tabTo(page, (focus) => focus.name === 'supportCategories', 'the first 支援内容');
      expect((await focused(page)).type).toBe('checkbox');
      await page.keyboard.press('Space');
      expect((await focused(page)).checked).toBe(true);
      await tabTo(page, (focus) => focus.id === 'summary', 'the text area 相談の内容');
      const summaryText = 'キーボードだけで記録した相談。日中活動の様子を確認した。';
      await page.keyboard.type(summaryText);
      await tabTo(page, (focus) => focus.id === 'minutes', 'the field 所要時間');
      await page.keyboard.type('30');
      await tabTo(page, (focus) => focus.tag === 'button' && focus.text === '記録する', 'the submit button');
      await press(page, 'Enter');

      // Saved: back on the case page, the message of what was recorded has the focus.
      await page.waitForURL(`${portalUrl}/cases/${record.caseId}`);
      await settled(page);
      const flash = await focused(page);
      expect(flash.text).toContain('相談記録を追加しました');
      await expect.poll(() => page.locator('ol.timeline').innerText()).toContain('相談');

      // A form opened in the page: the focus goes to its heading, and back to its button on やめる.
      const toggle = await tabTo(page, (focus) => focus.text === 'ケースを終結する', 'ケースを終結する');
      expect(toggle.expanded).toBe('false');
      await press(page, 'Enter');
      const heading = await focused(page);
      expect(heading.tag).toBe('h3');
      expect(heading.text).toBe('ケースの終結');
      await tabTo(page, (focus) => focus.text === 'やめる', 'やめる');
      await press(page, 'Enter');
      const back = await focused(page);
      expect(back.text).toBe('ケースを終結する');
      expect(back.expanded).toBe('false');

      // Log out, backwards to the header's button.
      await tabTo(page, (focus) => focus.text === 'ログアウト', 'ログアウト', { backwards: true, max: 120 });
      await press(page, 'Enter');
      await page.waitForURL(`${portalUrl}/login`);
      await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
      expect(await page.locator('header').innerText()).not.toContain('佐藤 美咲');
    } finally {
      await page.close();
    }
  });
});
