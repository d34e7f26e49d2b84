import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS, demoCases } from '../../services/local/demo-data.ts';
import { launchBrowser, settled, trackRequests, logInAs as logInAsShared } from '../support/browser.ts';

/**
 * SECURITY.md row 18, in Chromium: nothing personal stays in the browser. Several personas walk the
 * portal; every API answer says `Cache-Control: no-store`, the portal document carries a strict
 * Content-Security-Policy and nothing breaks it, no storage the browser keeps (local and session
 * storage, IndexedDB, Cache Storage, cookies) holds a name, a kana reading, a recipient number or the
 * token, and after logout none of them holds app data. An idle session ends after 15 minutes.
 */

let browser: Browser;
const portalUrl = inject('portalUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const nameOf = (userId: string) => DEMO_USERS.find((user) => user.userId === userId)?.displayName ?? userId;

/** Every seeded person's name, kana and recipient number (with and without the space). */
const PERSONS = ['kibougaoka', 'hokushin']
  .flatMap((tenantId) =>
    demoCases(tenantId, new Date()).flatMap(({ person }) => [
      person.name,
      person.kana,
      person.recipientNumber,
      person.name.replace(' ', ''),
      person.kana.replace(' ', ''),
    ]),
  )
  .filter((value): value is string => typeof value === 'string' && value !== '');
/** What must never be kept in the browser: the persons, and the staff who signed in too. */
const PERSONAL = [...PERSONS, ...DEMO_USERS.map((user) => user.displayName)];

/** SvelteKit's router keeps scroll positions and snapshots per history entry here (ADR 0004). */
const isRouterKey = (key: string) => key.startsWith('sveltekit:');

interface Observed {
  apiResponses: { url: string; status: number; cacheControl: string | undefined }[];
  documents: { url: string; headers: Record<string, string> }[];
  cspReports: string[];
  token: string | null;
}

/** Listens to everything the row asks about from the first request on. */
const observe = async (context: BrowserContext, page: Page): Promise<Observed> => {
  const observed: Observed = { apiResponses: [], documents: [], cspReports: [], token: null };
  // Runs before the page's own scripts (added through the DevTools protocol, not subject to the CSP).
  await context.addInitScript(
    `document.addEventListener('securitypolicyviolation', (event) => {
       (window.__cspViolations ??= []).push(
         event.violatedDirective + ' ' + event.blockedURI + ' at ' + event.sourceFile + ':' + event.lineNumber + ':' + event.columnNumber,
       );
     });`,
  );
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) observed.cspReports.push(message.text());
  });
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/')) {
      observed.apiResponses.push({
        url: url.pathname,
        status: response.status(),
        cacheControl: response.headers()['cache-control'],
      });
    }
    if (response.request().resourceType() === 'document') {
      observed.documents.push({ url: url.pathname, headers: response.headers() });
    }
    // The access token comes from the session route (ADR 0037); the refresh token never reaches the page.
    if (url.pathname === '/api/session' && response.request().method() === 'POST' && response.ok()) {
      void response.json().then((body: { accessToken?: string }) => {
        observed.token = body.accessToken ?? null;
      });
    }
  });
  return observed;
};

interface Stored {
  local: [string, string][];
  session: [string, string][];
  indexedDb: string[];
  caches: string[];
  cookies: string[];
  /** Name and the flags that keep a cookie from scripts, plain HTTP and other sites. */
  cookieFlags: { name: string; httpOnly: boolean; secure: boolean; sameSite: string; path: string }[];
}

/** Everything the browser keeps for the portal's origin, read from inside the page. */
const storedFor = async (context: BrowserContext, page: Page): Promise<Stored> => {
  const inPage = (await page.evaluate(`(async () => ({
    local: Object.entries(localStorage),
    session: Object.entries(sessionStorage),
    indexedDb: (await indexedDB.databases()).map((database) => database.name ?? ''),
    caches: await caches.keys(),
  }))()`)) as Omit<Stored, 'cookies' | 'cookieFlags'>;
  const jar = await context.cookies();
  const cookies = jar.map((cookie) => `${cookie.name}=${cookie.value}`);
  const cookieFlags = jar.map(({ name, httpOnly, secure, sameSite, path }) => ({
    name,
    httpOnly,
    secure,
    sameSite,
    path,
  }));
  return { ...inPage, cookies, cookieFlags };
};

const textOf = (stored: Stored) =>
  [
    ...stored.local.flat(),
    ...stored.session.flat(),
    ...stored.indexedDb,
    ...stored.caches,
    ...stored.cookies,
  ].join('\n');

const cspViolations = async (page: Page) => (await page.evaluate('window.__cspViolations ?? []')) as string[];

const directivesOf = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name ?? '', values]),
  );

const menu = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' });

const logIn = (page: Page, displayName: string) => logInAsShared(page, portalUrl, displayName);

/** Every page of the persona's menu, then (for case workers) a case with its person's details. */
const walk = async (page: Page, opensCases: boolean): Promise<string[]> => {
  const visited: string[] = [];
  const labels = await menu(page).getByRole('link').allInnerTexts();
  for (const label of labels) {
    await menu(page).getByRole('link', { name: label, exact: true }).click();
    await page.locator('main h1').first().waitFor();
    await settled(page);
    visited.push(new URL(page.url()).pathname);
  }
  if (opensCases) {
    await menu(page)
      .getByRole('link')
      .filter({ hasText: /ケース/ })
      .first()
      .click();
    const firstCase = page.locator('main table tbody th[scope="row"] a').first();
    await firstCase.waitFor();
    await firstCase.click();
    await page.getByRole('heading', { name: '支援の経過' }).waitFor();
    await settled(page);
    visited.push(new URL(page.url()).pathname);
  }
  return visited;
};

/** `seesPersons`: the walk shows this persona people's names (the core center sees pseudonyms). */
const PERSONAS = [
  { who: '相談支援専門員（事業所）', name: nameOf('user-sato'), opensCases: true, seesPersons: true },
  { who: '事業所の管理者', name: nameOf('user-tanaka'), opensCases: true, seesPersons: true },
  { who: '基幹相談支援センター', name: nameOf('user-takahashi'), opensCases: true, seesPersons: false },
  { who: '市町村の担当者', name: nameOf('user-ito'), opensCases: false, seesPersons: false },
  { who: 'テナント管理者', name: nameOf('user-admin'), opensCases: false, seesPersons: false },
];

describe('personal data left in the browser (SECURITY.md row 18)', () => {
  it.each(PERSONAS)(
    '$who ($name): no-store on every API answer, a strict CSP nobody breaks, nothing personal stored, nothing left after logout',
    async ({ name, opensCases, seesPersons }) => {
      const context = await browser.newContext({ locale: 'ja-JP' });
      const page = trackRequests(await context.newPage());
      const observed = await observe(context, page);
      try {
        await logIn(page, name);
        const visited = await walk(page, opensCases);
        expect(visited.length).toBeGreaterThan(1);

        // What the session showed was personal (or the checks below would prove nothing).
        if (seesPersons) {
          const shown = await page.locator('main').innerText();
          expect(PERSONAL.some((value) => shown.includes(value))).toBe(true);
        }

        // Every API answer, errors included, tells every cache not to keep it.
        expect(observed.apiResponses.length).toBeGreaterThan(visited.length);
        const cacheable = observed.apiResponses.filter(
          (response) => !(response.cacheControl ?? '').split(/,\s*/).includes('no-store'),
        );
        expect(cacheable).toEqual([]);

        // The portal document: a strict policy, and nothing on the walk was refused by it.
        const portalDocument = observed.documents.find((document) => document.url === '/login');
        expect(portalDocument).toBeDefined();
        const policy = directivesOf(portalDocument?.headers['content-security-policy'] ?? '');
        expect(policy.get('default-src')).toEqual(["'self'"]);
        const scripts = policy.get('script-src') ?? [];
        expect(scripts[0]).toBe("'self'");
        for (const source of scripts.slice(1)) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
        expect(policy.get('object-src')).toEqual(["'none'"]);
        expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
        expect(policy.get('base-uri')).toEqual(["'self'"]);
        const allSources = [...policy.values()].flat();
        expect(allSources).not.toContain("'unsafe-eval'");
        expect(scripts).not.toContain("'unsafe-inline'");
        expect(portalDocument?.headers['x-content-type-options']).toBe('nosniff');
        expect(await cspViolations(page)).toEqual([]);
        expect(observed.cspReports).toEqual([]);

        // During the session: no storage holds anything personal, nor the token.
        expect(observed.token).toMatch(/^eyJ/);
        const during = await storedFor(context, page);
        const duringText = textOf(during);
        expect(PERSONAL.filter((value) => duringText.includes(value))).toEqual([]);
        expect(duringText).not.toContain(observed.token ?? '');
        expect(duringText).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
        expect(during.local).toEqual([]);
        expect(during.indexedDb).toEqual([]);
        expect(during.caches).toEqual([]);
        // One cookie: the sealed session (ADR 0037), out of scripts' reach, sent to /api/session only.
        expect(during.cookieFlags).toEqual([
          { name: 'kikan_session', httpOnly: true, secure: true, sameSite: 'Strict', path: '/api/session' },
        ]);
        expect(await page.evaluate('document.cookie')).toBe('');
        expect(during.session.filter(([key]) => !isRouterKey(key))).toEqual([]);

        // Logout: back on the login page, no app data anywhere, and Back shows no one's record
        // (the local login page itself lists the demo staff by name).
        await page.locator('header').getByRole('button', { name: 'ログアウト' }).click();
        await page.waitForURL(`${portalUrl}/login`);
        await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
        const after = await storedFor(context, page);
        expect(after.local).toEqual([]);
        expect(after.indexedDb).toEqual([]);
        expect(after.caches).toEqual([]);
        expect(after.cookies).toEqual([]);
        // Signed out for good: a reload does not sign the next person at this desk in.
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
        expect(await page.locator('header').innerText()).not.toContain(name);
        expect(after.session.filter(([key]) => !isRouterKey(key))).toEqual([]);
        const afterText = textOf(after);
        expect(PERSONAL.filter((value) => afterText.includes(value))).toEqual([]);
        expect(afterText).not.toContain(observed.token ?? '');
        expect(await page.locator('header').innerText()).not.toContain(name);

        await page.goBack();
        await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
        await settled(page);
        const shownAfterBack = await page.locator('body').innerText();
        expect(PERSONS.filter((value) => shownAfterBack.includes(value))).toEqual([]);
        expect(await page.locator('header').innerText()).not.toContain(name);
        expect(await cspViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('an idle session ends after 15 minutes without activity, and activity keeps it open', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    // The browser's clock is Playwright's: the portal's real 15-minute timer, fast-forwarded.
    await context.clock.install();
    const page = trackRequests(await context.newPage());
    try {
      const name = nameOf('user-sato');
      await logIn(page, name);
      await menu(page).getByRole('link', { name: '担当ケース', exact: true }).click();
      const firstCase = page.locator('main table tbody th[scope="row"] a').first();
      await firstCase.waitFor();
      await firstCase.click();
      await page.getByRole('heading', { name: '支援の経過' }).waitFor();
      await settled(page);
      const casePath = new URL(page.url()).pathname;
      const personName = (await page.locator('main h1').innerText()).split('\n')[0] ?? '';
      expect(PERSONS).toContain(personName.trim());

      // 14 minutes idle, then a key press: the countdown starts again from there.
      await page.clock.fastForward('14:00');
      await page.keyboard.press('Shift');
      await page.clock.fastForward('14:00');
      expect(new URL(page.url()).pathname).toBe(casePath);
      expect(await page.locator('header').innerText()).toContain(name);

      // 15 minutes after that key press: signed out, told why, and the record is gone from the screen.
      await page.clock.fastForward('01:01');
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByText('15分間操作がなかったため、安全のためログアウトしました').waitFor();
      expect(await page.locator('body').innerText()).not.toContain(personName.trim());
      expect(await page.locator('header').innerText()).not.toContain(name);
      // Signing in again returns to the case the idle timeout closed.
      expect(new URL(page.url()).searchParams.get('next')).toBe(casePath);
      const after = await storedFor(context, page);
      expect(after.local).toEqual([]);
      expect(after.session.filter(([key]) => !isRouterKey(key))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
