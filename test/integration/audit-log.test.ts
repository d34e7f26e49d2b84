import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type TenantContext } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditItem } from '../../services/src/data/audit.ts';
import { writeItems } from '../../services/local/seed.ts';
import { localClient } from '../../services/local/table.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY row 15: the tenant admin's export covers the whole tenant for a period, page after page
 * of the log, for a privacy review; entries of other tenants and outside the period stay out.
 */
let api: TestApi;
let documents: DynamoDBDocumentClient;

const ADMIN = 'admin@kibou.example';
/** One Query page of the export's reader is 1000 entries: these days hold well over one page. */
const PER_DAY = [1400, 1300];
const DAYS = ['2025-01-10', '2025-01-11'];

const actor = (tenantId: string, userId: string) =>
  ({ tenantId, role: 'specialist', officeId: 'himawari', userId }) as TenantContext;

/** `count` entries spread over a Japan day (15:00Z the day before to 14:59Z the day itself). */
const entriesOfJapanDay = (tenantId: string, day: string, count: number, tag: string) => {
  const start = Date.parse(`${day}T00:00:00+09:00`);
  const step = Math.floor((24 * 60 * 60 * 1000) / count);
  return Array.from({ length: count }, (_, index) =>
    auditItem(
      actor(tenantId, 'demo-kibougaoka-user-sato'),
      `${tag}-${index}`,
      new Date(start + index * step),
      {
        action: 'read',
        recordType: 'case',
        recordId: `case-${tag}-${index}`,
        recordOfficeId: 'himawari',
      },
    ),
  );
};

beforeAll(async () => {
  api = await startTestApi();
  documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  await writeItems(documents, api.tableName, [
    ...DAYS.flatMap((day, index) => entriesOfJapanDay('kibougaoka', day, PER_DAY[index] ?? 0, `d${index}`)),
    // Just outside the period on both sides, in the same UTC partitions as entries inside it.
    auditItem(actor('kibougaoka', 'u-before'), 'before', new Date('2025-01-09T14:59:59.999Z'), {
      action: 'read',
      recordType: 'case',
      recordId: 'case-before',
    }),
    auditItem(actor('kibougaoka', 'u-after'), 'after', new Date('2025-01-11T15:00:00.000Z'), {
      action: 'read',
      recordType: 'case',
      recordId: 'case-after',
    }),
    // Another tenant the same days.
    ...entriesOfJapanDay('hokushin', DAYS[0] ?? '', 300, 'other'),
  ]);
});
afterAll(async () => {
  documents.destroy();
  await api.stop();
});

/** RFC 4180 rows: the export quotes cells that hold commas, quotes or line breaks. */
const csvRows = (text: string): string[][] =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(','));

/** The request id is the last column: the one that ties a row to the service's own logs. */
const requestIdOf = (row: string[]) => row.at(-1) ?? '';

const exportCsv = async (from: string, to: string) => {
  const response = await fetch(`${api.stack.url}/api/audit.csv?from=${from}&to=${to}`, {
    headers: { authorization: `Bearer ${await api.tokenOf(ADMIN)}` },
  });
  return { status: response.status, text: await response.text() };
};

describe('exporting the audit log for a privacy review', () => {
  it('holds every entry of the tenant in the period, over several pages of the log, and nothing else', async () => {
    const { status, text } = await exportCsv(DAYS[0] ?? '', DAYS[1] ?? '');

    expect(status).toBe(200);
    const [header, ...rows] = csvRows(text);
    expect(header?.[0]).toBe('日時（日本時間）');
    expect(rows).toHaveLength((PER_DAY[0] ?? 0) + (PER_DAY[1] ?? 0));
    const requestIds = rows.map(requestIdOf);
    expect(new Set(requestIds).size).toBe(rows.length);
    expect(requestIds.filter((id) => id.startsWith('other'))).toEqual([]);
    expect(requestIds).not.toContain('before');
    expect(requestIds).not.toContain('after');
    // Oldest first, in Japan time within the period.
    const times = rows.map((row) => row[0] ?? '');
    expect(times).toEqual([...times].sort());
    expect(times[0]?.startsWith('2025-01-10 00:00')).toBe(true);
    expect(times.at(-1)?.startsWith('2025-01-11 23:')).toBe(true);
  });

  it('matches what the table holds for the tenant, entry for entry', async () => {
    const stored: string[] = [];
    for (const utcDay of ['2025-01-09', '2025-01-10', '2025-01-11']) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: api.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.auditDay('kibougaoka', utcDay).pk },
            ExclusiveStartKey,
          }),
        );
        stored.push(...(page.Items ?? []).map((item) => String(item.requestId)));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
    const { text } = await exportCsv(DAYS[0] ?? '', DAYS[1] ?? '');
    const exported = csvRows(text).slice(1).map(requestIdOf);

    expect(exported.sort()).toEqual(stored.filter((id) => id !== 'before' && id !== 'after').sort());
  });

  it('of one day holds exactly that day’s entries', async () => {
    const { text } = await exportCsv(DAYS[1] ?? '', DAYS[1] ?? '');

    expect(csvRows(text).slice(1)).toHaveLength(PER_DAY[1] ?? 0);
  });

  it('leaves out the other tenant’s entries of the same days, which the table does hold', async () => {
    const other = [
      ...(await api.queryPartition(keys.auditDay('hokushin', '2025-01-09').pk)),
      ...(await api.queryPartition(keys.auditDay('hokushin', '2025-01-10').pk)),
    ].filter((item) => String(item.requestId).startsWith('other'));
    const { text } = await exportCsv(DAYS[0] ?? '', DAYS[1] ?? '');

    expect(other).toHaveLength(300);
    expect(text).not.toContain('case-other-');
  });

  it('is refused to everyone but the tenant admin', async () => {
    const response = await fetch(`${api.stack.url}/api/audit.csv?from=${DAYS[0]}&to=${DAYS[1]}`, {
      headers: { authorization: `Bearer ${await api.tokenOf('takahashi@kibou.example')}` },
    });

    expect(response.status).toBe(403);
  });
});
