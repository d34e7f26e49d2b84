import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { lastDayOfMonth, todayInJapan, type OfficeDashboard } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { run } from '../../services/ops/recompute-due-counters.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Counters written before the office counters kept due days (ADR 0026) have none: the ops script
 * sets them from the due index. Proven on the demo tenant with its due days stripped (as a table
 * written before the change) and one stale day added, against a recount from the case items.
 */

let api: TestApi;
let documents: DynamoDBDocumentClient;
beforeAll(async () => {
  api = await startTestApi();
  documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
});
afterAll(async () => {
  documents.destroy();
  await api.stop();
});

const TAKAHASHI = 'takahashi@kibou.example';
const SATO = 'sato@kibou.example';

/** Overdue and due-this-month per office, counted from the raw case items. */
const recount = async (today: string) => {
  const monthEnd = lastDayOfMonth(today.slice(0, 7));
  const byOffice: Record<string, { overdue: number; dueThisMonth: number }> = {};
  for (const item of await api.allItems()) {
    if (item.entity !== 'case' || item.tenantId !== 'kibougaoka' || item.phase === 'closed') continue;
    const due = item.nextMonitoringDueOn as string | null;
    const row = (byOffice[String(item.officeId)] ??= { overdue: 0, dueThisMonth: 0 });
    if (due && due < today) row.overdue += 1;
    else if (due && due <= monthEnd) row.dueThisMonth += 1;
  }
  return byOffice;
};

const shown = async () => {
  const response = await api.call('GET', '/api/dashboard', { as: TAKAHASHI });
  expect(response.status).toBe(200);
  const byOffice: Record<string, { overdue: number; dueThisMonth: number }> = {};
  for (const row of response.json.offices as OfficeDashboard[]) {
    if (row.activeCases === 0) continue;
    byOffice[row.officeId] = { overdue: row.monitoringOverdue, dueThisMonth: row.monitoringDueThisMonth };
  }
  return { byOffice, today: String(response.json.today) };
};

const expectShownToEqualRecount = async () => {
  const { byOffice, today } = await shown();
  expect(byOffice).toEqual(await recount(today));
  return byOffice;
};

const statsItems = async () =>
  (await api.queryPartition('T#kibougaoka#OFFICE_STATS')).filter((item) => item.entity === 'office_stats');

/** What a table written before the change holds: the counters without any due day, one stale day. */
const stripDueDays = async () => {
  for (const item of await statsItems()) {
    const stale = item.officeId === 'himawari';
    const dueNames = Object.keys(item).filter((name) => name.startsWith('monitoringDue#'));
    if (!stale && !dueNames.length) continue;
    const names = Object.fromEntries(dueNames.map((name, index) => [`#d${index}`, name]));
    const remove = dueNames.length ? ` REMOVE ${Object.keys(names).join(', ')}` : '';
    await documents.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: stale ? `SET #stale = :three${remove}` : remove.trim(),
        ExpressionAttributeNames: { ...names, ...(stale ? { '#stale': 'monitoringDue#2020-01-31' } : {}) },
        ...(stale ? { ExpressionAttributeValues: { ':three': 3 } } : {}),
      }),
    );
  }
};

const runScript = async (...argv: string[]) => {
  const lines: string[] = [];
  const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
  const code = await run(
    ['kibougaoka', '--endpoint', api.stack.dynamoDbEndpoint, ...argv],
    { TABLE_NAME: api.tableName },
    io,
  );
  return { code, lines };
};

describe('recomputing the due-day counters of a tenant written before they were kept', () => {
  it('sets them to what the cases say, so the dashboard equals the recount again', async () => {
    const seeded = await expectShownToEqualRecount();
    expect(Object.values(seeded).some(({ overdue }) => overdue > 0)).toBe(true);

    await stripDueDays();
    const stripped = (await shown()).byOffice;
    expect(stripped).not.toEqual(seeded);
    expect(stripped.himawari?.overdue).toBe(3);

    const dryRun = await runScript('--dry-run');
    expect(dryRun.code).toBe(0);
    expect(dryRun.lines.join('\n')).toContain('would_write');
    expect((await shown()).byOffice).toEqual(stripped);

    const written = await runScript();
    expect(written.code).toBe(0);
    expect(written.lines.find((line) => line.includes('himawari'))).toContain('2020-01-31 3→0');
    expect(await expectShownToEqualRecount()).toEqual(seeded);
    expect((await statsItems()).find((item) => item.officeId === 'himawari')).not.toHaveProperty(
      'monitoringDue#2020-01-31',
    );

    const again = await runScript();
    expect(again.code).toBe(0);
    expect(again.lines.filter((line) => line.trim().startsWith('written'))).toEqual([]);
  });

  it('leaves counters the writes keep exact after it: a late monitoring moves its case', async () => {
    const today = todayInJapan();
    const late = (await api.allItems()).find(
      (item) =>
        item.entity === 'case' &&
        item.tenantId === 'kibougaoka' &&
        item.officeId === 'himawari' &&
        item.phase !== 'closed' &&
        item.decision !== undefined &&
        typeof item.nextMonitoringDueOn === 'string' &&
        item.nextMonitoringDueOn < today,
    );
    expect(late).toBeDefined();
    const recorded = await api.call('POST', `/api/cases/${String(late?.caseId)}/monitorings`, {
      as: SATO,
      body: {
        conductedOn: today,
        kind: 'regular',
        method: 'home_visit',
        progress: [],
        personSatisfaction: '',
        planChangeNeeded: false,
        notes: '',
      },
    });
    expect(recorded.status).toBe(201);
    await expectShownToEqualRecount();
    expect((await runScript()).lines.filter((line) => line.trim().startsWith('written'))).toEqual([]);
  });

  it('refuses a call without a tenant or a table (exit 2), writing nothing', async () => {
    const io = { out: () => undefined, err: () => undefined };
    expect(await run([], { TABLE_NAME: api.tableName }, io)).toBe(2);
    expect(await run(['kibougaoka', '--endpoint', api.stack.dynamoDbEndpoint], {}, io)).toBe(2);
    expect(await run(['Bad#Tenant'], { TABLE_NAME: api.tableName }, io)).toBe(2);
  });
});
