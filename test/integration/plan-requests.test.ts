import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addDays, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { localClient } from '../../services/local/table.ts';
import { onTable, type TableHandle } from '../../services/src/data/client.ts';
import { fulfilRequestsFor } from '../../services/src/data/plan-request-store.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * 計画案提出依頼 (ADR 0044): the municipality's caseworker asks an office for the plan draft of a
 * person of their municipality, named by 受給者証番号, by a due date; the office sees it as a task
 * (its list, its case page, its notifications) until the plan draft is submitted or the request
 * withdrawn.
 */

let api: TestApi;
let documents: DynamoDBDocumentClient;
let table: TableHandle;
beforeAll(async () => {
  api = await startTestApi();
  documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  table = { client: documents, name: api.tableName };
});
afterAll(async () => {
  documents.destroy();
  await api.stop();
});

const KATO = 'kato@kibou.example';
const HAYASHI = 'hayashi@kawabe.example';
const SATO = 'sato@kibou.example';
const SUZUKI = 'suzuki@kibou.example';
const TANAKA = 'tanaka@kibou.example';
const TODAY = todayInJapan();

/** An open case of ひまわり (佐藤's) of a person of 希望ヶ丘市 with a number. */
const HIMAWARI = demoCases('kibougaoka', new Date()).find(
  ({ record, person }) =>
    record.officeId === 'himawari' &&
    record.phase !== 'closed' &&
    person.municipalityCode === '990001' &&
    person.recipientNumber,
);
if (!HIMAWARI?.person.recipientNumber) throw new Error('no open numbered ひまわり case in the demo');
const NUMBER = HIMAWARI.person.recipientNumber;
const CASE_ID = HIMAWARI.record.caseId;

let keyCount = 0;
const request = (as: string, body: Record<string, unknown>) =>
  api.call('POST', '/api/plan-requests', {
    as,
    body,
    headers: { 'idempotency-key': `plan-request-${String(keyCount++)}` },
  });
const validBody = (overrides: Record<string, unknown> = {}) => ({
  officeId: 'himawari',
  recipientNumber: NUMBER,
  dueOn: addDays(TODAY, 14),
  note: '更新の計画案をお願いします',
  ...overrides,
});
const fieldsOf = (json: { error?: { fields?: { field: string }[] } }) =>
  (json.error?.fields ?? []).map((entry) => entry.field);
const auditsOf = async (recordId: string) =>
  (await api.allItems()).filter((item) => item.entity === 'audit' && item.recordId === recordId);

describe('計画案提出依頼', () => {
  it('is created for the open case of the number at the office, and named by office and number only', async () => {
    const response = await request(KATO, validBody());
    expect(response.status, response.text).toBe(201);
    expect(response.json).toMatchObject({
      officeId: 'himawari',
      officeName: expect.stringContaining('ひまわり'),
      recipientNumber: NUMBER,
      status: 'open',
      requestedOn: TODAY,
    });
    expect(response.text).not.toContain(HIMAWARI.person.name);
    expect(await auditsOf(response.json.requestId)).toHaveLength(1);

    const list = await api.call('GET', '/api/plan-requests', { as: KATO });
    expect(list.status).toBe(200);
    expect(list.json.items.map((item: { requestId: string }) => item.requestId)).toContain(
      response.json.requestId,
    );
    expect(list.text).not.toContain(HIMAWARI.person.name);
  });

  it('refuses a due date before today, an office that writes no plans and a number not held there (400 naming the field)', async () => {
    const past = await request(KATO, validBody({ dueOn: addDays(TODAY, -1) }));
    expect(past.status).toBe(400);
    expect(fieldsOf(past.json)).toEqual(['body.dueOn']);

    const core = await request(KATO, validBody({ officeId: 'kibou-core' }));
    expect(core.status).toBe(400);
    expect(fieldsOf(core.json)).toEqual(['body.officeId']);

    // ひまわり's person at あおぞら: not held there.
    const elsewhere = await request(KATO, validBody({ officeId: 'aozora' }));
    expect(elsewhere.status).toBe(400);
    expect(fieldsOf(elsewhere.json)).toEqual(['body.recipientNumber']);

    const note = await request(KATO, validBody({ note: 'あ'.repeat(501) }));
    expect(note.status).toBe(400);
    expect(fieldsOf(note.json)).toEqual(['body.note']);
  });

  it("refuses a person of another municipality of the tenant (400 naming body.recipientNumber) and another tenant's office", async () => {
    // 川辺町's caseworker asks さくら for a person of 北信市.
    const hokushin = demoCases('hokushin', new Date()).find(
      ({ record, person }) =>
        record.officeId === 'hokushin-sakura' &&
        record.phase !== 'closed' &&
        person.municipalityCode === '990011' &&
        person.recipientNumber,
    );
    if (!hokushin?.person.recipientNumber) throw new Error('no 北信市 case');
    const other = await request(HAYASHI, {
      officeId: 'hokushin-sakura',
      recipientNumber: hokushin.person.recipientNumber,
      dueOn: addDays(TODAY, 7),
    });
    expect(other.status).toBe(400);
    expect(fieldsOf(other.json)).toEqual(['body.recipientNumber']);

    const foreign = await request(KATO, validBody({ officeId: 'hokushin-sakura' }));
    expect(foreign.status).toBe(400);
    expect(fieldsOf(foreign.json)).toEqual(['body.officeId']);
  });

  it('cannot be created by office staff or the municipal officer (403), and nothing is written', async () => {
    const before = (await api.allItems()).filter((item) => item.entity === 'plan_request').length;
    for (const as of [SATO, TANAKA, 'ito@kibou.example', 'takahashi@kibou.example']) {
      expect((await request(as, validBody())).status).toBe(403);
    }
    expect((await api.allItems()).filter((item) => item.entity === 'plan_request')).toHaveLength(before);
  });

  it("shows the case holder and the office its open requests as tasks, another office's staff nothing", async () => {
    const created = await request(KATO, validBody({ dueOn: TODAY }));
    expect(created.status).toBe(201);
    const mine = await api.call('GET', `/api/plan-requests?caseId=${CASE_ID}`, { as: SATO });
    expect(mine.status).toBe(200);
    expect(mine.json.items).toEqual([]);
    expect(mine.json.officeItems).toContainEqual(
      expect.objectContaining({
        requestId: created.json.requestId,
        caseId: CASE_ID,
        dueOn: TODAY,
        overdue: false,
      }),
    );
    const other = await api.call('GET', '/api/plan-requests', { as: SUZUKI });
    expect(other.json.officeItems.map((item: { caseId: string }) => item.caseId)).not.toContain(CASE_ID);
    const manager = await api.call('GET', '/api/plan-requests', { as: TANAKA });
    expect(manager.json.officeItems.map((item: { caseId: string }) => item.caseId)).not.toContain(CASE_ID);
  });

  it('counts in the case holder’s notifications, counts and a link only, overdue ones as high severity', async () => {
    // An overdue request cannot be made through the API (due today or later): write its day back.
    const created = await request(KATO, validBody({ dueOn: TODAY }));
    const notifications = await api.call('GET', '/api/notifications', { as: SATO });
    expect(notifications.status).toBe(200);
    const open = notifications.json.items.find((item: { kind: string }) => item.kind === 'plan_request_open');
    const tasks = await api.call('GET', '/api/plan-requests', { as: SATO });
    expect(open).toMatchObject({ title: '計画案の提出依頼', path: '/requests', severity: 'normal' });
    expect(open.count).toBe(tasks.json.officeItems.length);
    expect(notifications.text).not.toContain(NUMBER);
    expect(notifications.text).not.toContain(created.json.requestId);

    const task = (await api.queryPartition(keys.openPlanRequest('kibougaoka', 'himawari').pk)).find(
      (item) => item.requestId === created.json.requestId,
    );
    if (!task) throw new Error('no task item');
    const { PutCommand, DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    const yesterday = addDays(TODAY, -1);
    await documents.send(new DeleteCommand({ TableName: api.tableName, Key: { pk: task.pk, sk: task.sk } }));
    await documents.send(
      new PutCommand({
        TableName: api.tableName,
        Item: {
          ...task,
          ...keys.openPlanRequest('kibougaoka', 'himawari', yesterday, String(task.requestId)),
          dueOn: yesterday,
        },
      }),
    );
    const later = await api.call('GET', '/api/notifications', { as: SATO });
    const overdue = later.json.items.find((item: { kind: string }) => item.kind === 'plan_request_overdue');
    expect(overdue).toMatchObject({ count: 1, severity: 'high', title: '期限を過ぎた計画案の提出依頼' });
    // Back as the request itself says it is (due today), for the tests that follow.
    await documents.send(
      new DeleteCommand({
        TableName: api.tableName,
        Key: keys.openPlanRequest('kibougaoka', 'himawari', yesterday, String(task.requestId)),
      }),
    );
    await documents.send(new PutCommand({ TableName: api.tableName, Item: task }));
  });

  it('is withdrawn by the caseworker at the version read (428 without If-Match, 412 stale), and leaves the office’s tasks', async () => {
    const created = await request(KATO, validBody());
    const path = `/api/plan-requests/${String(created.json.requestId)}/withdrawal`;
    expect((await api.call('POST', path, { as: KATO })).status).toBe(428);
    expect((await api.call('POST', path, { as: KATO, headers: { 'if-match': '"7"' } })).status).toBe(412);
    expect((await api.call('POST', path, { as: SATO, headers: { 'if-match': '"1"' } })).status).toBe(403);
    // Another municipality's caseworker: the request is not theirs to find.
    expect((await api.call('POST', path, { as: HAYASHI, headers: { 'if-match': '"1"' } })).status).toBe(404);
    const withdrawn = await api.call('POST', path, { as: KATO, headers: { 'if-match': '"1"' } });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.json).toMatchObject({ status: 'withdrawn', closedOn: TODAY, version: 2 });
    const tasks = await api.call('GET', '/api/plan-requests', { as: SATO });
    expect(tasks.json.officeItems.map((item: { requestId: string }) => item.requestId)).not.toContain(
      created.json.requestId,
    );
    expect((await api.call('POST', path, { as: KATO, headers: { 'if-match': '"2"' } })).status).toBe(409);
  });

  it('is fulfilled, every open request of the case, by the submission of its 計画案 in the same transaction', async () => {
    const first = await request(KATO, validBody());
    const second = await request(KATO, validBody({ dueOn: addDays(TODAY, 30) }));
    const openBefore = (await api.call('GET', `/api/plan-requests?caseId=${CASE_ID}`, { as: SATO })).json
      .officeItems.length;
    expect(openBefore).toBeGreaterThanOrEqual(2);

    const created = await api.call('POST', `/api/cases/${CASE_ID}/plans`, {
      as: SATO,
      body: { personWishes: '家で暮らしたい', needs: [] },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(created.status).toBe(201);
    const submitted = await api.call('POST', `/api/cases/${CASE_ID}/submissions`, {
      as: SATO,
      body: { document: 'plan', planVersion: created.json.planVersion },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(submitted.status).toBe(201);

    const after = await api.call('GET', `/api/plan-requests?caseId=${CASE_ID}`, { as: SATO });
    expect(after.json.officeItems).toEqual([]);
    const list = (await api.call('GET', '/api/plan-requests', { as: KATO })).json.items as {
      requestId: string;
      status: string;
      closedOn?: string;
    }[];
    for (const id of [first.json.requestId, second.json.requestId]) {
      expect(list.find((item) => item.requestId === id)).toMatchObject({
        status: 'fulfilled',
        closedOn: TODAY,
      });
    }
    // Nothing left open: fulfilling again closes nothing.
    const ctx = {
      tenantId: 'kibougaoka',
      userId: 'user-sato',
      officeId: 'himawari',
      role: 'specialist',
    } as const;
    expect(
      await onTable(table, () =>
        fulfilRequestsFor(
          { ctx, requestId: 'submit-test-2', now: new Date() },
          { caseId: CASE_ID, officeId: 'himawari' },
        ),
      ),
    ).toBe(0);
  });
});
