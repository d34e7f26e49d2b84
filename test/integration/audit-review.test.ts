import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type TenantContext } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EXAMINED_PER_PAGE } from '../../services/src/admin/audit-list.ts';
import { auditItem, type AuditEvent } from '../../services/src/data/audit.ts';
import { CaseRecord, caseCodeItem, caseItem } from '../../services/src/data/case-store.ts';
import { personCaseItem } from '../../services/src/data/person-store.ts';
import { writeItems } from '../../services/local/seed.ts';
import { localClient } from '../../services/local/table.ts';
import { HIMAWARI_CASE } from '../support/personas.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The tenant admin's privacy review (issue: audit page): the log of a period of up to 31 days,
 * filtered by staff member and/or by the person of a case code — their cases at every office, the
 * person record, consents and the records of their cases — with staff and office names and case
 * codes resolved when read. The log stays content-free and no client's name is ever shown.
 */
let api: TestApi;
let documents: DynamoDBDocumentClient;

const ADMIN = 'admin@kibou.example';
const TENANT = 'kibougaoka';
const D0 = '2025-02-02';
const D1 = '2025-02-03';
const D2 = '2025-02-04';
/** The person's second case, at another office (as after a move between offices). */
const SECOND_CASE = 'audit-review-case-2';
const SECOND_CODE = 'K-RVW234';
const SECOND_RECORD = 'audit-review-consultation';
const OTHER_PERSON_CASE = 'demo-kibougaoka-case-002';
/** Entries of others in between, more than one filtered page looks at. */
const FILLERS = MAX_EXAMINED_PER_PAGE + 600;

let first: CaseRecord;

const actor = (userId: string, officeId: string, role = 'specialist') =>
  ({ tenantId: TENANT, userId, officeId, role }) as TenantContext;
const SATO = actor('user-sato', 'himawari');
const SUZUKI = actor('user-suzuki', 'aozora');
const TANAKA = actor('user-tanaka', 'aozora', 'office_manager');
const TAKAHASHI = actor('user-takahashi', 'kibou-core', 'core_supervisor');
const ADMIN_CTX = actor('user-admin', 'kibou-city', 'tenant_admin');

/** An entry at a Japan time of a Japan day. */
const at = (day: string, time: string) => new Date(`${day}T${time}+09:00`);
const entry = (ctx: TenantContext, requestId: string, when: Date, event: AuditEvent) =>
  auditItem(ctx, requestId, when, event);

const readCase = (caseId: string, officeId: string): AuditEvent => ({
  action: 'read',
  recordType: 'case',
  recordId: caseId,
  recordOfficeId: officeId,
});

beforeAll(async () => {
  api = await startTestApi();
  documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  const stored = await documents.send(
    new GetCommand({ TableName: api.tableName, Key: keys.caseItem(TENANT, HIMAWARI_CASE) }),
  );
  first = CaseRecord.parse(stored.Item);
  const second: CaseRecord = { ...first, caseId: SECOND_CASE, caseCode: SECOND_CODE, officeId: 'aozora' };
  const personId = first.personId;
  await writeItems(documents, api.tableName, [
    caseItem(second),
    caseCodeItem(second),
    personCaseItem(TENANT, personId, { caseId: SECOND_CASE, officeId: 'aozora' }),
    {
      ...keys.caseRecord(TENANT, SECOND_CASE, 'CONSULTATION', SECOND_RECORD),
      entity: 'consultation',
      caseId: SECOND_CASE,
      recordId: SECOND_RECORD,
    },
    entry(SATO, 'before-period', at(D0, '23:59:59'), readCase(HIMAWARI_CASE, 'himawari')),
    entry(SATO, 'own-case', at(D1, '09:00:00'), readCase(HIMAWARI_CASE, 'himawari')),
    entry(SATO, 'other-person', at(D1, '09:30:00'), readCase(OTHER_PERSON_CASE, 'himawari')),
    ...Array.from({ length: FILLERS }, (_, index) =>
      entry(TAKAHASHI, `filler-${index}`, new Date(at(D1, '10:00:00').getTime() + index * 500), {
        action: 'read',
        recordType: 'case',
        recordId: `demo-kibougaoka-case-${String(100 + (index % 50)).padStart(3, '0')}`,
      }),
    ),
    entry(SUZUKI, 'second-case', at(D1, '12:00:00'), readCase(SECOND_CASE, 'aozora')),
    entry(SATO, 'person', at(D1, '23:30:00'), {
      action: 'read',
      recordType: 'person',
      recordId: personId,
      recordOfficeId: 'himawari',
    }),
    // 00:30 in Japan on D2 is still D1 in UTC: the entry lives in D1's partition.
    entry(SATO, 'consent', at(D2, '00:30:00'), {
      action: 'update',
      recordType: 'consent',
      recordId: `${personId}/core_supervision`,
      recordOfficeId: 'himawari',
    }),
    entry(TANAKA, 'second-record', at(D2, '10:00:00'), {
      action: 'read',
      recordType: 'consultation',
      recordId: SECOND_RECORD,
      recordOfficeId: 'aozora',
    }),
    entry(ADMIN_CTX, 'user-change', at(D2, '11:00:00'), {
      action: 'update',
      recordType: 'user',
      recordId: 'user-kobayashi',
      before: { officeId: 'midori', role: 'specialist', status: 'active' },
      after: { officeId: 'aozora', role: 'office_manager', status: 'active' },
    }),
    entry(SATO, 'after-period', at(addDay(D2), '00:00:00'), readCase(HIMAWARI_CASE, 'himawari')),
    // Another tenant, the same day and the same record id: never the kibougaoka admin's.
    entry(
      { ...SATO, tenantId: 'hokushin' } as TenantContext,
      'other-tenant',
      at(D1, '09:00:01'),
      readCase(HIMAWARI_CASE, 'himawari'),
    ),
  ]);
}, 120_000);

afterAll(async () => {
  documents.destroy();
  await api.stop();
});

function addDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

interface Page {
  items: Record<string, unknown>[];
  nextCursor: string | null;
  caseCodes?: string[];
}

/** Every page of a query, following the cursor, with the sizes of the pages. */
const allPages = async (query: Record<string, string>) => {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const search = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) });
    const response = await api.call('GET', `/api/audit?${search.toString()}`, { as: ADMIN });
    expect(response.status, response.text.slice(0, 300)).toBe(200);
    pages.push(response.json as Page);
    cursor = (response.json as Page).nextCursor;
  } while (cursor);
  const items = pages.flatMap((page) => page.items);
  return { pages, items, requestIds: items.map((item) => String(item.requestId)) };
};

const PERIOD = { from: D1, to: D2 };

describe('the audit log filtered by person', () => {
  it('holds the case code’s person: both their cases (at two offices), the person, consents and records', async () => {
    const { requestIds, pages } = await allPages({ ...PERIOD, caseCode: first.caseCode, limit: '100' });

    expect(requestIds).toEqual(['own-case', 'second-case', 'person', 'consent', 'second-record']);
    expect(pages[0]?.caseCodes).toEqual([first.caseCode, SECOND_CODE].sort());
  });

  it('shows each case record by its case code and staff and offices by name, never the person’s name', async () => {
    const { items, pages } = await allPages({ ...PERIOD, caseCode: SECOND_CODE, limit: '100' });
    const byRequest = new Map(items.map((item) => [item.requestId, item]));

    expect(byRequest.get('own-case')).toMatchObject({
      caseCode: first.caseCode,
      actorName: '佐藤 美咲',
      actorOfficeName: '障害児相談支援事業所ひまわり',
      recordOfficeName: '障害児相談支援事業所ひまわり',
    });
    expect(byRequest.get('second-record')).toMatchObject({
      caseCode: SECOND_CODE,
      actorName: '田中 陽子',
      recordOfficeName: '相談支援事業所あおぞら',
    });
    const text = JSON.stringify(pages);
    expect(text).not.toContain(first.personName);
    expect(text).not.toContain(first.personKana);
  });

  it('refuses a case code the tenant has no case for, and a malformed one, naming query.caseCode', async () => {
    for (const caseCode of ['K-NONE23', 'kd001k', '山田']) {
      const response = await api.call(
        'GET',
        `/api/audit?from=${D1}&to=${D2}&caseCode=${encodeURIComponent(caseCode)}`,
        {
          as: ADMIN,
        },
      );
      expect(response.status).toBe(400);
      expect(response.json.error.fields.map((field: { field: string }) => field.field)).toEqual([
        'query.caseCode',
      ]);
    }
  });
});

describe('the audit log filtered by staff member', () => {
  it('holds what that member did in the period, across the Japan/UTC day boundary, and nothing else', async () => {
    const { requestIds } = await allPages({ ...PERIOD, actorUserId: 'user-sato', limit: '100' });

    expect(requestIds).toEqual(['own-case', 'other-person', 'person', 'consent']);
  });

  it('with a person as well, holds what that member did on that person’s file', async () => {
    const { requestIds } = await allPages({ ...PERIOD, actorUserId: 'user-sato', caseCode: first.caseCode });

    expect(requestIds).toEqual(['own-case', 'person', 'consent']);
  });

  it('names the staff member an admin changed, with office names before and after', async () => {
    const { items } = await allPages({ ...PERIOD, actorUserId: 'user-admin', limit: '100' });
    const change = items.find((item) => item.requestId === 'user-change');

    expect(change).toMatchObject({
      recordType: 'user',
      targetUserName: '小林 大輔',
      before: { officeName: '地域移行支援センターみどり', role: 'specialist', status: 'active' },
      after: { officeName: '相談支援事業所あおぞら', role: 'office_manager', status: 'active' },
    });
  });
});

describe('paging a filtered period', () => {
  it('looks at a bounded number of entries per request, and the cursor still reaches every match once, in order', async () => {
    const { pages, items, requestIds } = await allPages({ ...PERIOD, caseCode: first.caseCode, limit: '2' });

    expect(requestIds).toEqual(['own-case', 'second-case', 'person', 'consent', 'second-record']);
    const times = items.map((item) => String(item.at));
    expect(times).toEqual([...times].sort());
    // The fillers between 09:00 and 12:00 outnumber one request's share: some page ends short.
    expect(pages.some((page) => page.items.length < 2 && page.nextCursor !== null)).toBe(true);
  });

  it('pages the whole period unfiltered, every entry of the tenant once', async () => {
    const { requestIds } = await allPages({ ...PERIOD, limit: '100' });

    expect(new Set(requestIds).size).toBe(requestIds.length);
    expect(requestIds.filter((id) => id.startsWith('filler-'))).toHaveLength(FILLERS);
    expect(requestIds).not.toContain('before-period');
    expect(requestIds).not.toContain('after-period');
    expect(requestIds).not.toContain('other-tenant');
  });

  it('refuses a cursor of another period, or one crafted for another tenant, naming query.cursor', async () => {
    const page = await api.call('GET', `/api/audit?from=${D1}&to=${D2}&limit=1`, { as: ADMIN });
    const cursor = String(page.json.nextCursor);
    const forged = Buffer.from(
      JSON.stringify({ pk: keys.auditDay('hokushin', D1).pk, sk: `${D1}T01:00:00.000Z#x#000` }),
    ).toString('base64url');

    for (const [query, bad] of [
      [`from=${D2}&to=${D2}`, cursor],
      [`from=${D1}&to=${D2}`, forged],
    ] as const) {
      const response = await api.call('GET', `/api/audit?${query}&cursor=${bad}`, { as: ADMIN });
      expect(response.status).toBe(400);
      expect(response.json.error.fields[0].field).toBe('query.cursor');
    }
  });
});

describe('the period', () => {
  it('is at most 31 days: a longer one, or one ending before it starts, is a 400 naming query.to', async () => {
    for (const query of ['from=2025-01-01&to=2025-02-01', 'from=2025-02-04&to=2025-02-03']) {
      const response = await api.call('GET', `/api/audit?${query}`, { as: ADMIN });
      expect(response.status).toBe(400);
      expect(response.json.error.fields.map((field: { field: string }) => field.field)).toEqual(['query.to']);
      expect(response.json.error.fields[0].message).toMatch(/[期間終了]/);
    }
    expect((await api.call('GET', '/api/audit?from=2025-01-01&to=2025-01-31', { as: ADMIN })).status).toBe(
      200,
    );
  });
});

describe('the CSV export', () => {
  it('takes the same filters: the rows are the page’s entries, with case codes and without the person’s name', async () => {
    const response = await fetch(
      `${api.stack.url}/api/audit.csv?from=${D1}&to=${D2}&caseCode=${first.caseCode}`,
      { headers: { authorization: `Bearer ${await api.tokenOf(ADMIN)}` } },
    );
    const text = await response.text();
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
      .map((line) => line.split(','));

    expect(response.status).toBe(200);
    const column = (name: string) => header?.indexOf(name) ?? -1;
    expect(rows.map((row) => row[column('リクエストID')])).toEqual([
      'own-case',
      'second-case',
      'person',
      'consent',
      'second-record',
    ]);
    expect(rows.map((row) => row[column('ケース番号')])).toEqual([
      first.caseCode,
      SECOND_CODE,
      '',
      '',
      SECOND_CODE,
    ]);
    expect(text).not.toContain(first.personName);
  });
});

describe('the staff the filter offers', () => {
  it('includes a removed staff member, whose past entries a review may need', async () => {
    expect((await api.call('DELETE', '/api/users/user-kobayashi', { as: ADMIN })).status).toBe(200);

    const response = await api.call('GET', '/api/audit/staff', { as: ADMIN });

    expect(response.status).toBe(200);
    expect(response.json.items).toContainEqual({
      userId: 'user-kobayashi',
      displayName: '小林 大輔',
      officeId: 'midori',
      role: 'specialist',
      status: 'removed',
    });
    expect(response.json.items.map((member: { userId: string }) => member.userId)).not.toContain(
      'user-yamamoto',
    );
  });
});
