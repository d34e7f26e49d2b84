import { installConfig, serviceEnvironment } from '../../services/src/config.ts';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotificationList, REGISTRY_TENANT } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientRegistry } from '../../services/src/data/client.ts';
import { handler } from '../../services/src/digest/function.ts';
import type { MailMessage } from '../../services/src/digest/mail-sender.ts';
import { runDigest } from '../../services/src/digest/run-digest.ts';
import { scanLog, seededPersonalData } from '../support/log-scan.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The daily e-mail digest (ADR 0038): the scheduled function's own handler against this file's
 * table, with the local mail stand-in (files) chosen by its environment — the code path AWS runs
 * with SES. A mail goes to each opted-in user with something to report, holds the same counts and
 * links as their notification list, and nothing personal.
 */

let api: TestApi;
let mailDir: string;
const PORTAL = 'https://kikan.example.jp';

const SATO = 'sato@kibou.example';
const SUZUKI = 'suzuki@kibou.example';
const TANAKA = 'tanaka@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const ADMIN = 'admin@kibou.example';
const YAMAMOTO = 'yamamoto@hokushin.example';

interface Mail {
  to: string;
  from: string;
  subject: string;
  text: string;
  sentAt: string;
}

const readMails = (): Mail[] =>
  readdirSync(mailDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(mailDir, name), 'utf8')) as Mail);

const setDigest = async (as: string, enabled: boolean) => {
  const response = await api.call('PUT', '/api/me/digest', { as, body: { enabled } });
  expect(response.status, response.text).toBe(200);
  expect(response.json).toEqual({ enabled });
};

beforeAll(async () => {
  api = await startTestApi();
  mailDir = mkdtempSync(join(tmpdir(), 'kikan-digest-test-'));
  // The stack installed TABLE_NAME and DYNAMODB_ENDPOINT (this file's database); the mail stand-in here.
  installConfig({
    ...serviceEnvironment(),
    MAIL_MODE: 'local',
    LOCAL_MAIL_DIR: mailDir,
    PORTAL_URL: PORTAL,
    MAIL_FROM: 'oshirase@kikan.example.jp',
  });
});
afterAll(async () => {
  await api.stop();
  rmSync(mailDir, { recursive: true, force: true });
});

describe('the digest preference', () => {
  it('is off until the user switches it on, and each user switches only their own', async () => {
    expect((await api.call('GET', '/api/me', { as: SATO })).json.digestEnabled).toBe(false);
    await setDigest(SATO, true);
    expect((await api.call('GET', '/api/me', { as: SATO })).json.digestEnabled).toBe(true);
    expect((await api.call('GET', '/api/me', { as: SUZUKI })).json.digestEnabled).toBe(false);
    const sneaky = await api.call('PUT', '/api/me/digest', {
      as: SATO,
      body: { enabled: true, userId: 'user-suzuki' },
    });
    expect(sneaky.status).toBe(400);
    expect((await api.call('GET', '/api/me', { as: SUZUKI })).json.digestEnabled).toBe(false);
  });
});

describe('the daily run', () => {
  let mails: Mail[];
  let result: Awaited<ReturnType<typeof handler>>;

  beforeAll(async () => {
    for (const as of [SATO, TANAKA, TAKAHASHI, ADMIN, YAMAMOTO]) await setDigest(as, true);
    // Switched on, then off again: gets nothing.
    await setDigest(SUZUKI, true);
    await setDigest(SUZUKI, false);
    result = await handler({});
    mails = readMails();
  });

  it('mails each opted-in user with something to report, once; nobody else', () => {
    expect(mails.map((mail) => mail.to).sort()).toEqual([SATO, TAKAHASHI, TANAKA, YAMAMOTO].sort());
    expect(result.sent).toBe(4);
    expect(result.failed).toEqual([]);
    for (const mail of mails) expect(mail.from).toBe('oshirase@kikan.example.jp');
  });

  it("holds the same counts and links as the user's notification list, under the portal's address", async () => {
    for (const mail of mails) {
      const list = NotificationList.parse(
        (await api.call('GET', '/api/notifications', { as: mail.to })).json,
      );
      expect(list.items.length).toBeGreaterThan(0);
      expect(mail.subject).toBe(
        `【基幹 Kikan】お知らせ ${list.items.length}件（${mail.subject.match(/（(.+)）$/)?.[1] ?? ''}）`,
      );
      for (const item of list.items) {
        expect(mail.text).toContain(`${item.title}：${item.count}件\n  ${PORTAL}${item.path}\n`);
      }
      expect(mail.text).toContain(`${PORTAL}/notifications`);
      const itemLines = mail.text.split('\n').filter((line) => line.startsWith('・'));
      expect(itemLines).toHaveLength(list.items.length);
    }
  });

  it('contains none of the demo personal values: no name, kana, recipient number, staff name or e-mail', () => {
    const needles = seededPersonalData();
    expect(needles.filter((needle) => needle.kind === 'recipientNumber').length).toBeGreaterThan(10);
    for (const mail of mails) {
      expect(scanLog(`${mail.subject}\n${mail.text}`, needles)).toEqual([]);
      // No 10-digit number (a 受給者証番号) and no date of a person: the only digits are counts,
      // the day of the digest in 令和 and the fiscal year or filters in links.
      expect(mail.text).not.toMatch(/\d{10}/);
    }
  });
});

describe('the cost of a run', () => {
  it('reads a fixed handful of requests per tenant and per opted-in user', async ({ annotate }) => {
    const requests: string[] = [];
    const registry = createClientRegistry({ endpoint: api.stack.dynamoDbEndpoint });
    registry.instrument({
      middleware: (next, context) => async (args) => {
        requests.push(String(context.commandName));
        return next(args);
      },
      options: { step: 'initialize', name: 'digestTestRequestCount' },
    });
    const tableFor = (tenantId: string) => ({
      client: registry.forScope({
        requestId: 'digest-test',
        ctx: { tenantId, userId: 'system-digest', officeId: 'system', role: 'tenant_admin' },
      }),
      name: api.tableName,
    });
    const sent: MailMessage[] = [];
    const result = await runDigest({
      registry: tableFor(REGISTRY_TENANT),
      tableFor,
      now: new Date(),
      send: async (message) => {
        sent.push(message);
      },
      portalUrl: PORTAL,
    });
    const optedIn = result.reports.reduce((sum, report) => sum + report.optedIn, 0);
    expect(optedIn).toBe(5);
    expect(sent).toHaveLength(4);
    // The registry (1), per tenant its users and offices (2), per opted-in user 2–3 reads of one
    // office (notificationsFor without the session check): no read grows with the cases.
    expect(requests.length).toBeLessThanOrEqual(1 + 2 * result.reports.length + 3 * optedIn);
    const message = `DynamoDB requests per digest run: ${requests.length} (${result.reports.length} tenants, ${optedIn} opted-in users, ${sent.length} mails)`;
    console.log(message);
    await annotate(message);
  });
});
