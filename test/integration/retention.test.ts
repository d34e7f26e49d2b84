import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onTable, type TableHandle } from '../../services/src/data/client.ts';
import { deleteKeys, retentionSettingsItem } from '../../services/src/data/retention-store.ts';
import { handler } from '../../services/src/retention/function.ts';
import { planCaseDeletion } from '../../services/src/retention/sweep.ts';
import { localClient } from '../../services/local/table.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Issue 7, retention: the sweep (the Lambda's own handler, against this file's table) deletes
 * every item of a case closed longer ago than its tenant's period, leaves one `expired` audit entry
 * per case, keeps recent closures, cases on legal hold and other tenants' data, changes no counter,
 * and resumes a deletion that stopped half-way.
 */
let api: TestApi;
let documents: DynamoDBDocumentClient;
let table: TableHandle;

const SATO = 'sato@kibou.example';
const ADMIN = 'admin@kibou.example';
const YAMAMOTO = 'yamamoto@hokushin.example';
const TODAY = todayInJapan();
const yearsAgo = (years: number, days = 0) =>
  addDays(`${Number(TODAY.slice(0, 4)) - years}${TODAY.slice(4)}`, days);

interface TestCase {
  caseId: string;
  caseCode: string;
  personId: string;
  recipientNumber: string;
  officeId: string;
  tenantId: string;
}

let recipientSeq = 0;

/**
 * A case as the API makes it (person, links, lookup, counters), with a consultation and a meeting
 * with an open assignment, closed through the phase route, all dated as if it had been closed
 * `closedYearsAgo` years ago: the sweep counts from the later of the closing day and the last
 * record (retention-dates.test.ts), so the records are as old as the closure.
 */
const closedCase = async (as: string, tenantId: string, closedYearsAgo: number): Promise<TestCase> => {
  recipientSeq += 1;
  const recipientNumber = `77${String(recipientSeq).padStart(8, '0')}`;
  const body = newCaseBody({
    openedOn: yearsAgo(closedYearsAgo, -30),
    person: {
      ...newCaseBody().person,
      recipientNumber,
      municipalityCode: tenantId === 'hokushin' ? '990011' : '990001',
    },
  });
  const created = await api.call('POST', '/api/cases', { as, body });
  expect(created.status).toBe(201);
  const { caseId, caseCode, personId, officeId } = created.json;
  const consultation = await api.call('POST', `/api/cases/${caseId}/consultations`, {
    as,
    body: {
      consultedOn: yearsAgo(closedYearsAgo, -20),
      channel: 'phone',
      counterpart: 'person',
      supportCategories: ['welfare_services'],
      summary: '電話で近況を聞いた',
      minutes: 10,
    },
  });
  expect(consultation.status).toBe(201);
  const meeting = await api.call('POST', `/api/cases/${caseId}/meetings`, {
    as,
    body: {
      heldOn: yearsAgo(closedYearsAgo, -10),
      attendees: [{ name: '本人', role: '本人' }],
      opinions: '意見',
      decisions: '決定',
      assignments: [{ who: '相談支援専門員', what: '書類を届ける', dueOn: yearsAgo(closedYearsAgo, 30) }],
      unsolvedItems: [],
    },
  });
  expect(meeting.status).toBe(201);
  const stored = await caseItemOf(tenantId, caseId);
  const closed = await api.call('POST', `/api/cases/${caseId}/phase`, {
    as,
    body: {
      to: 'closed',
      closedOn: yearsAgo(closedYearsAgo),
      reason: 'moved_away',
      postEvaluation: '転居により終結',
    },
    headers: { 'if-match': `"${String(stored?.version)}"` },
  });
  expect(closed.status).toBe(200);
  return { caseId, caseCode, personId, recipientNumber, officeId, tenantId };
};

const caseItemOf = async (tenantId: string, caseId: string) =>
  (await documents.send(new GetCommand({ TableName: api.tableName, Key: keys.caseItem(tenantId, caseId) })))
    .Item;

/** Every item anywhere in the table that names the case or its person. */
const itemsOf = async (testCase: TestCase) =>
  (await api.allItems()).filter((item) => {
    const values = JSON.stringify(item);
    const isAudit = String(item.pk).includes('#AUDIT#');
    return !isAudit && (values.includes(testCase.caseId) || values.includes(testCase.personId));
  });

const expiredEntries = async (tenantId: string) =>
  (await api.allItems()).filter(
    (item) =>
      item.pk === keys.auditDay(tenantId, new Date().toISOString().slice(0, 10)).pk &&
      item.action === 'expired',
  );

/** Aggregates must not move: the dashboard counters and the plan-indicator counters. */
const aggregates = async (tenantId: string) =>
  (await api.allItems())
    .filter((item) => {
      const pk = String(item.pk);
      return pk === keys.officeStats(tenantId).pk || pk.startsWith(`T#${tenantId}#STATISTICS`);
    })
    .map((item) => JSON.stringify(item))
    .sort();

const tenantItems = async (tenantId: string) =>
  (await api.allItems())
    .filter((item) => String(item.pk).startsWith(`T#${tenantId}#`))
    .map((item) => JSON.stringify(item))
    .sort();

let old: TestCase;
let recent: TestCase;
let held: TestCase;
let hokushinOld: TestCase;

beforeAll(async () => {
  api = await startTestApi();
  documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  table = { client: documents, name: api.tableName };
  old = await closedCase(SATO, 'kibougaoka', 6);
  recent = await closedCase(SATO, 'kibougaoka', 4);
  held = await closedCase(SATO, 'kibougaoka', 6);
  hokushinOld = await closedCase(YAMAMOTO, 'hokushin', 6);
  // ほくしん keeps closed cases for 10 years (it has no tenant admin among the demo users).
  await documents.send(
    new PutCommand({
      TableName: api.tableName,
      Item: retentionSettingsItem('hokushin', {
        years: 10,
        version: 1,
        updatedAt: new Date().toISOString(),
        updatedBy: 'user-admin',
      }),
    }),
  );
});
afterAll(async () => {
  documents.destroy();
  await api.stop();
});

describe('retention settings and legal hold (tenant admin)', () => {
  it('shows the default of 5 years until one is set, and refuses a period outside 5–30', async () => {
    const current = await api.call('GET', '/api/retention', { as: ADMIN });
    expect(current.json).toMatchObject({ years: 5, configured: false, version: 0 });

    for (const years of [4, 31, 5.5]) {
      const refused = await api.call('PUT', '/api/retention', {
        as: ADMIN,
        body: { years },
        headers: { 'if-match': '"0"' },
      });
      expect(refused.status).toBe(400);
      expect(refused.json.error.fields.map((field: { field: string }) => field.field)).toEqual([
        'body.years',
      ]);
    }
    const noVersion = await api.call('PUT', '/api/retention', { as: ADMIN, body: { years: 5 } });
    expect(noVersion.status).toBe(428);

    const saved = await api.call('PUT', '/api/retention', {
      as: ADMIN,
      body: { years: 5 },
      headers: { 'if-match': '"0"' },
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ years: 5, configured: true, version: 1 });
    expect(
      (
        await api.call('PUT', '/api/retention', {
          as: ADMIN,
          body: { years: 6 },
          headers: { 'if-match': '"0"' },
        })
      ).status,
    ).toBe(412);
  });

  it('places a hold on a case and shows it, without naming the person', async () => {
    const placed = await api.call('PUT', `/api/retention/cases/${held.caseId}/hold`, {
      as: ADMIN,
      body: { reason: 'litigation' },
    });

    expect(placed.status).toBe(200);
    expect(placed.json).toMatchObject({
      caseId: held.caseId,
      phase: 'closed',
      closedOn: yearsAgo(6),
      hold: { caseId: held.caseId, reason: 'litigation', since: TODAY, setBy: 'user-admin' },
    });
    expect(placed.text).not.toContain('試験');
    const holds = await api.call('GET', '/api/retention/holds', { as: ADMIN });
    expect(holds.json.items.map((hold: { caseId: string }) => hold.caseId)).toEqual([held.caseId]);
  });

  it('answers 404 for a case of another tenant, and writes nothing', async () => {
    const before = (await api.allItems()).length;
    const response = await api.call('PUT', `/api/retention/cases/${hokushinOld.caseId}/hold`, {
      as: ADMIN,
      body: { reason: 'litigation' },
    });

    expect(response.status).toBe(404);
    expect((await api.allItems()).length).toBe(before);
  });
});

describe('the sweep', () => {
  let aggregatesBefore: string[];
  let hokushinBefore: string[];

  beforeAll(async () => {
    aggregatesBefore = await aggregates('kibougaoka');
    hokushinBefore = await tenantItems('hokushin');
    expect(await itemsOf(old)).not.toEqual([]);
    expect(await api.queryPartition(keys.caseCode('kibougaoka', old.caseCode).pk)).toHaveLength(1);
    await handler({});
  });

  it('deletes every item of a case closed 6 years ago: records, person, lookups, open assignments', async () => {
    expect(await caseItemOf('kibougaoka', old.caseId)).toBeUndefined();
    expect(await itemsOf(old)).toEqual([]);
    expect(await api.queryPartition(keys.recipientNumber('kibougaoka', old.recipientNumber).pk)).toEqual([]);
    expect(await api.queryPartition(keys.caseCode('kibougaoka', old.caseCode).pk)).toEqual([]);
    expect(await api.queryPartition(keys.person('kibougaoka', old.personId).pk)).toEqual([]);
  });

  it('leaves one `expired` audit entry for it, with the record id and no content', async () => {
    const entries = (await expiredEntries('kibougaoka')).filter((entry) => entry.recordId === old.caseId);

    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'expired', recordType: 'case', recordOfficeId: old.officeId });
    expect(JSON.stringify(entries[0])).not.toContain('試験');
    expect(JSON.stringify(entries[0])).not.toContain(old.personId);
  });

  it('keeps a case closed 4 years ago, and one on legal hold', async () => {
    expect(await caseItemOf('kibougaoka', recent.caseId)).toMatchObject({ phase: 'closed' });
    expect((await itemsOf(recent)).length).toBeGreaterThan(5);
    expect(await caseItemOf('kibougaoka', held.caseId)).toMatchObject({ phase: 'closed' });
    expect((await itemsOf(held)).length).toBeGreaterThan(5);
    expect((await expiredEntries('kibougaoka')).map((entry) => entry.recordId)).toEqual([old.caseId]);
  });

  it('keeps a 6-year-old closure of a tenant with a 10-year period: that tenant is untouched', async () => {
    expect(await caseItemOf('hokushin', hokushinOld.caseId)).toMatchObject({ phase: 'closed' });
    expect(await tenantItems('hokushin')).toEqual(hokushinBefore);
  });

  it('changes no counter or approved figure', async () => {
    expect(await aggregates('kibougaoka')).toEqual(aggregatesBefore);
  });

  it('is a no-op when run again', async () => {
    const before = (await api.allItems()).map((item) => JSON.stringify(item)).sort();

    await handler({});

    expect((await api.allItems()).map((item) => JSON.stringify(item)).sort()).toEqual(before);
  });

  it('deletes the held case once the hold is lifted', async () => {
    const lifted = await api.call('DELETE', `/api/retention/cases/${held.caseId}/hold`, { as: ADMIN });
    expect(lifted.status).toBe(200);
    expect(lifted.json.hold).toBeNull();

    await handler({});

    expect(await itemsOf(held)).toEqual([]);
    expect((await expiredEntries('kibougaoka')).map((entry) => entry.recordId).sort()).toEqual(
      [old.caseId, held.caseId].sort(),
    );
  });
});

describe('a sweep that stopped half-way', () => {
  it('is finished by the next run, with one audit entry in all', async () => {
    // A run marked the case and wrote its entry, then stopped after deleting part of it.
    const second = await closedCase(SATO, 'kibougaoka', 7);
    const { markCaseExpiring } = await import('../../services/src/data/retention-store.ts');
    const { auditItem } = await import('../../services/src/data/audit.ts');
    const now = new Date();
    const ctx = {
      tenantId: 'kibougaoka',
      userId: 'system-retention',
      officeId: 'system',
      role: 'tenant_admin',
    } as const;
    const version = Number((await caseItemOf('kibougaoka', second.caseId))?.version);
    expect(
      await onTable(table, () =>
        markCaseExpiring(
          'kibougaoka',
          { caseId: second.caseId, closedOn: yearsAgo(7), version, at: now.toISOString() },
          auditItem(ctx, `retention-${second.caseId}`, now, {
            action: 'expired',
            recordType: 'case',
            recordId: second.caseId,
          }),
        ),
      ),
    ).toBe('marked');
    const casePartition = await api.queryPartition(keys.caseItem('kibougaoka', second.caseId).pk);
    const personPartition = await api.queryPartition(keys.person('kibougaoka', second.personId).pk);
    const plan = planCaseDeletion('kibougaoka', second.caseId, casePartition, personPartition);
    await onTable(table, () =>
      deleteKeys([...plan.outside, ...plan.person.slice(0, 1), ...plan.records.slice(0, 1)]),
    );
    expect(await caseItemOf('kibougaoka', second.caseId)).toMatchObject({ expiringSince: now.toISOString() });

    await handler({});

    expect(await itemsOf(second)).toEqual([]);
    expect(
      (await expiredEntries('kibougaoka')).filter((entry) => entry.recordId === second.caseId),
    ).toHaveLength(1);
  });
});
