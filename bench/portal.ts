import type { Browser, Page } from 'playwright-core';
import { demoCases } from '../services/local/demo-data.ts';
import { freePort, startLocalStack, type LocalStack } from '../services/local/stack.ts';
import { launchBrowser } from '../test/support/browser.ts';
import { GZIP_LEVEL_NOTE, buildPortal, measureWeights } from './portal-weight.ts';
import { measurement, type Measurement } from './results.ts';

/**
 * Item 6 of `npm run bench`: the JavaScript each main route ships (gzip) and the time to the first
 * meaningful paint of the core-center dashboard in Chromium, against the static portal in front
 * of the local API and an in-memory DynamoDB Local with the demo data.
 */

const DASHBOARD_BUDGET_BYTES = 150 * 1024;
const RUNS = 5;
const LOGIN_LOADS = 3;
/** The dashboard's office table with its rows: the figures the core supervisor opens the page for. */
const OFFICE_ROWS = 'main table.figures tbody tr';
const CORE_SUPERVISOR = '高橋 誠';

export interface PortalOptions {
  /** Build web/ first (default). false measures the build already in web/build. */
  build?: boolean;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

const menu = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' });

/**
 * In the page, before the click: the time of the click (capture phase, so before the router sees
 * it) and of the first animation frame in which the office rows are in the document.
 */
const ARM_TIMER = `(() => {
  const bench = (window.__bench = {});
  document.addEventListener('click', () => { bench.clickAt = performance.now(); }, { capture: true, once: true });
  const poll = () => {
    if (bench.clickAt !== undefined && document.querySelector(${JSON.stringify(OFFICE_ROWS)})) bench.rowsAt = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})()`;

/** Click ダッシュボード in the menu and return ms from the click until the office rows are rendered. */
const timeDashboard = async (page: Page): Promise<number> => {
  await page.evaluate(ARM_TIMER);
  await menu(page).getByRole('link', { name: 'ダッシュボード' }).click();
  await page.locator(OFFICE_ROWS).first().waitFor();
  const timing = await page.waitForFunction(
    'window.__bench.rowsAt !== undefined && window.__bench.rowsAt - window.__bench.clickAt',
  );
  return (await timing.jsonValue()) as number;
};

/** Away from the dashboard through the menu (tokens live in memory, so no page.goto after login). */
const leaveDashboard = async (page: Page, portalUrl: string): Promise<void> => {
  await menu(page).getByRole('link', { name: 'ホーム' }).click();
  await page.waitForURL(`${portalUrl}/`);
  await page.locator(OFFICE_ROWS).first().waitFor({ state: 'detached' });
};

interface PaintTimes {
  loginFcps: number[];
  dashboardRuns: number[];
  officeRows: number;
}

const measurePaint = async (browser: Browser, portalUrl: string): Promise<PaintTimes> => {
  // Cold loads of /login, each in a fresh context (nothing cached), after one load that only
  // warms the browser's processes: the browser's own first-contentful-paint, median of three.
  const loginFcps: number[] = [];
  for (let load = 0; load <= LOGIN_LOADS; load += 1) {
    const cold = await browser.newContext({ locale: 'ja-JP' });
    try {
      const coldPage = await cold.newPage();
      await coldPage.goto(`${portalUrl}/login`);
      await coldPage.getByRole('button', { name: new RegExp(CORE_SUPERVISOR) }).waitFor();
      const fcp = (await coldPage.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1",
      )) as number;
      if (fcp < 0) throw new Error('Chromium reported no first-contentful-paint for /login');
      if (load > 0) loginFcps.push(fcp);
    } finally {
      await cold.close();
    }
  }

  const context = await browser.newContext({ locale: 'ja-JP' });
  try {
    const page = await context.newPage();
    await page.goto(`${portalUrl}/login`);
    await page.getByRole('button', { name: new RegExp(CORE_SUPERVISOR) }).click();
    await page.locator('header').getByText(CORE_SUPERVISOR).waitFor();
    await page.waitForURL(`${portalUrl}/`);

    const dashboardRuns: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      if (run > 0) await leaveDashboard(page, portalUrl);
      dashboardRuns.push(await timeDashboard(page));
    }
    const officeRows = await page.locator(OFFICE_ROWS).count();
    return { loginFcps, dashboardRuns, officeRows };
  } finally {
    await context.close();
  }
};

/** startLocalStack configures the handlers through process.env; put it back for the other parts. */
const STACK_ENV = [
  'AUTH_MODE',
  'TABLE_NAME',
  'LOCAL_ISSUER',
  'LOCAL_CLIENT_ID',
  'DYNAMODB_ENDPOINT',
  'CURSOR_SECRET',
] as const;

export async function measurePortal(options: PortalOptions = {}): Promise<Measurement[]> {
  if (options.build ?? true) buildPortal();

  const weights = measureWeights();
  const weightScale = `production build of web/, JS per first load, ${GZIP_LEVEL_NOTE}`;
  const results: Measurement[] = [
    measurement({
      name: 'portal.shell.js_gzip_bytes',
      unit: 'bytes',
      value: weights.shell.gzipBytes,
      scale: `${weightScale}; index.html's entries and the root layout`,
    }),
    ...weights.routes.map((route) =>
      measurement({
        name: `portal.route ${route.route}.js_gzip_bytes`,
        unit: 'bytes',
        value: route.gzipBytes,
        floor: weights.shell.gzipBytes,
        scale: `${weightScale}; ${route.files.length} files, ${route.rawBytes} bytes minified`,
        ...(route.route === '/core'
          ? {
              budget: {
                rule: 'dashboard route ≤ 150 KB JS gzip (153,600 bytes)',
                met: route.gzipBytes <= DASHBOARD_BUDGET_BYTES,
              },
            }
          : {}),
      }),
    ),
  ];

  const savedEnv = Object.fromEntries(STACK_ENV.map((key) => [key, process.env[key]]));
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;
  try {
    stack = await startLocalStack({
      port: 0,
      dynamoDb: { port: await freePort() },
      tableName: 'kikan-bench-portal',
      portal: 'static',
      seed: true,
    });
    browser = await launchBrowser();
    const paint = await measurePaint(browser, stack.url);

    const cases = demoCases('kibougaoka', new Date()).length;
    const paintScale = `demo tenant kibougaoka, ${cases} cases, ${paint.officeRows} office rows, headless Chromium, static portal`;
    const loginFcp = round(median(paint.loginFcps));
    const [first = 0] = paint.dashboardRuns;
    results.push(
      measurement({
        name: 'portal.login.cold_fcp',
        unit: 'ms',
        value: loginFcp,
        scale: `${paintScale}; cold-cache load of /login in a fresh context, Chromium's first-contentful-paint, median of ${LOGIN_LOADS} (${paint.loginFcps.map(round).join(', ')})`,
      }),
      measurement({
        name: 'portal.dashboard.paint.p50',
        unit: 'ms',
        value: round(median(paint.dashboardRuns)),
        floor: loginFcp,
        scale: `${paintScale}; click on ダッシュボード to the first frame with the office rows, median of ${RUNS} (${paint.dashboardRuns.map(round).join(', ')})`,
      }),
      measurement({
        name: 'portal.dashboard.paint.first',
        unit: 'ms',
        value: round(first),
        floor: loginFcp,
        scale: `${paintScale}; the first of the ${RUNS} runs, the route's code not yet loaded`,
      }),
    );
    return results;
  } finally {
    await browser?.close().catch(() => undefined);
    await stack?.stop();
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
