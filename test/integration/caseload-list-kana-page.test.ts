import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { caseKanaSortKey, keys, type TenantContext } from '@kikan/shared';
import { listCases } from '@kikan/services/caseload/list-cases';
import { instrumentClients } from '@kikan/services/data/client';
import { runInRequestScope } from '@kikan/services/data/request-scope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The caseload list as every open of it starts (ADR 0036): an office's own cases in kana order,
 * unfiltered, served as one page of the office's kana index with the total counted by DynamoDB, not
 * by reading the office whole. Same answers as the office read whole: every case once, kana order,
 * the exact total on every page, a cursor holding nothing of the kana.
 */

let api: TestApi;
/** The DynamoDB reads of the kana index the handlers send (in-process). */
const indexReads: { limit: unknown; select: unknown; startKey: unknown }[] = [];

beforeAll(async () => {
  api = await startTestApi();
  instrumentClients({
    middleware: (next, context) => async (args) => {
      const input = args.input as {
        IndexName?: string;
        Limit?: unknown;
        Select?: unknown;
        ExclusiveStartKey?: unknown;
      };
      if (context.commandName === 'QueryCommand' && input.IndexName === 'casesByOffice') {
        indexReads.push({ limit: input.Limit, select: input.Select, startKey: input.ExclusiveStartKey });
      }
      return next(args);
    },
    options: { step: 'initialize', name: 'kanaPageIndexReads' },
  });
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const SATO_CONTEXT: TenantContext = {
  tenantId: 'kibougaoka',
  officeId: 'himawari',
  role: 'specialist',
  userId: 'user-sato',
};

interface Row {
  caseId: string;
  personKana: string;
}

const storedCases = async (officeId: string) =>
  (await api.allItems()).filter((item) => item.entity === 'case' && item.officeId === officeId);

const inKanaIndexOrder = (items: readonly Record<string, unknown>[]): string[] =>
  items
    .map((item) => ({
      caseId: String(item.caseId),
      key: caseKanaSortKey(String(item.personKana), String(item.caseId)),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((item) => item.caseId);

const pageOf = async (limit: number, cursor: string | null) => {
  const response = await api.call('GET', `/api/cases?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, {
    as: SATO,
  });
  expect(response.status).toBe(200);
  return response.json as { items: Row[]; nextCursor: string | null; total: number; truncated: boolean };
};

const newCase = async (name: string, kana: string, recipientNumber: string) => {
  const created = await api.call('POST', '/api/cases', {
    as: SATO,
    body: {
      person: { name, kana, birthDate: '1985-03-04', municipalityCode: '990001', recipientNumber },
      serviceKind: 'plan_consultation',
      planAuthor: 'specialist',
      monitoringPeriodMonths: 6,
      openedOn: '2026-04-01',
    },
  });
  expect(created.status).toBe(201);
  return String(created.json.caseId);
};

describe('the default caseload list, from the kana index', () => {
  it('pages every case of the office once, in kana index order, with the exact total on every page and no empty last page', async () => {
    const stored = await storedCases('himawari');
    expect(stored.length).toBeGreaterThan(6);
    indexReads.length = 0;

    const rows: Row[] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await pageOf(3, cursor);
      pages += 1;
      rows.push(...page.items);
      totals.push(page.total);
      expect(page.truncated).toBe(false);
      cursor = page.nextCursor;
    } while (cursor);

    expect(rows.map((row) => row.caseId)).toEqual(inKanaIndexOrder(stored));
    expect(new Set(totals)).toEqual(new Set([stored.length]));
    expect(pages).toBe(Math.ceil(stored.length / 3));
    // Each page is one Query of a page (and one more item, to know whether more follow) beside one
    // COUNT: no page reads the office's cases whole.
    const itemReads = indexReads.filter((read) => read.select !== 'COUNT');
    expect(itemReads.map((read) => read.limit)).toEqual(Array.from({ length: pages }, () => 4));
    expect(indexReads.filter((read) => read.select === 'COUNT').length).toBe(pages);
  });

  it('shows a case added between pages on a later page when it sorts after the page, and counts one that sorts before', async () => {
    const before = await storedCases('himawari');
    const first = await pageOf(3, null);
    expect(first.nextCursor).not.toBeNull();

    const early = await newCase('先頭 追加', 'アアアア ツイカ', '5550002221');
    const late = await newCase('末尾 追加', 'ンンンン ツイカ', '5550002222');

    const rest: Row[] = [];
    const totals: number[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await pageOf(3, cursor);
      rest.push(...page.items);
      totals.push(page.total);
      cursor = page.nextCursor;
    }

    const restIds = rest.map((row) => row.caseId);
    expect(restIds).toContain(late);
    expect(restIds).not.toContain(early);
    expect(new Set(totals)).toEqual(new Set([before.length + 2]));
    const shown = [...first.items.map((row) => row.caseId), ...restIds];
    expect(shown).toEqual(inKanaIndexOrder(before).concat(late));
    expect(new Set(shown).size).toBe(shown.length);

    const fresh = await pageOf(100, null);
    expect(fresh.items[0]?.caseId).toBe(early);
    expect(fresh.total).toBe(before.length + 2);
  });

  it('continues at the same position when the case that ended the page is gone meanwhile, as the office read whole does', async () => {
    const first = await pageOf(3, null);
    const anchor = first.items.at(-1);
    if (!anchor || !first.nextCursor) throw new Error('the office has no second page');
    // What the retention sweep's deletion leaves: the case item gone, and with it its index entry.
    const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
    await documents.send(
      new DeleteCommand({ TableName: api.tableName, Key: keys.caseItem('kibougaoka', anchor.caseId) }),
    );

    const second = await pageOf(3, first.nextCursor);
    const remaining = inKanaIndexOrder(await storedCases('himawari'));
    expect(second.items.map((row) => row.caseId)).toEqual(remaining.slice(3, 6));
    expect(second.total).toBe(remaining.length);
  });

  it('gives a cursor that names the last case shown and how many came before, and nothing of its kana', async () => {
    const page = await runInRequestScope({ requestId: 'kana-page-cursor', ctx: SATO_CONTEXT }, () =>
      listCases({
        ctx: SATO_CONTEXT,
        params: {},
        query: { limit: 2 },
        body: undefined,
        requestId: 'kana-page-cursor',
        now: new Date(),
        idempotency: null,
      }),
    );
    const last = page.items.at(-1);
    if (!page.nextCursor || !last || last.visibility !== 'full') throw new Error('no second page');
    const raw = Buffer.from(page.nextCursor, 'base64url').toString('utf8');
    expect(JSON.parse(raw)).toEqual({ after: last.caseId, offset: 2 });
    expect(raw).not.toContain(last.personKana);
  });
});
