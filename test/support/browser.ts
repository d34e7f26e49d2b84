import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; the flags keep it off the network this machine does not have. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * Logs in through the local login page as the demo user shown as `displayName`, then opens `next`.
 * Another person at the same browser: the session cookie of whoever used it before is dropped
 * first (ADR 0037), or the login page would resume their session.
 */
export const logInAs = async (page: Page, portalUrl: string, displayName: string, next?: string) => {
  await page.context().clearCookies();
  await page.goto(`${portalUrl}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByRole('button', { name: new RegExp(displayName) }).click();
  await page.locator('header').getByText(displayName).waitFor();
};

/** Follows a link inside the page (the portal keeps its tokens in memory: a reload signs out). */
export const navigate = async (page: Page, path: string) => {
  await page.evaluate(
    `(() => { const link = document.createElement('a'); link.href = ${JSON.stringify(path)}; document.body.append(link); link.click(); link.remove(); })()`,
  );
};

const inFlight = new WeakMap<Page, Set<unknown>>();

/** Counts a page's requests from now on, so `settled` can wait for the API calls a page makes. */
export const trackRequests = (page: Page): Page => {
  const pending = new Set<unknown>();
  inFlight.set(page, pending);
  page.on('request', (request) => pending.add(request));
  page.on('requestfinished', (request) => pending.delete(request));
  page.on('requestfailed', (request) => pending.delete(request));
  return page;
};

/**
 * Waits until the page is at rest: no request in flight (of those `trackRequests` sees) and no
 * loading message (`role="status"` ending in …) in the main area, twice in a row.
 */
export const settled = async (page: Page, timeoutMs = 15_000) => {
  const pending = inFlight.get(page);
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 2) {
    if (Date.now() > deadline) throw new Error(`page did not settle: ${page.url()}`);
    await page.waitForTimeout(150);
    const loading = await page
      .locator('main [role="status"]')
      .evaluateAll((nodes) => nodes.some((node) => (node.textContent ?? '').trim().endsWith('…')));
    quiet = (pending?.size ?? 0) === 0 && !loading ? quiet + 1 : 0;
  }
};
