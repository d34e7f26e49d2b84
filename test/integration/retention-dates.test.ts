import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, deletableFrom, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableHandle } from '../../services/src/data/client.ts';
import { sweepTenant } from '../../services/src/retention/sweep.ts';
import { localClient } from '../../services/local/table.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md row 26 (finding 4): a date that starts a retention clock — a closing day, the day of
 * a transfer at 18 — is never earlier than the latest dated record of the case, and the sweep
 * counts the period from the later of the closing day and that record, so a backdated closure can
 * never get a file deleted years early (ADR 0018).
 */
let api: TestApi;
let documents: DynamoDBDocumentClient;
let table: TableHandle;

const SATO = 'sato@kibou.example';
const ADMIN = 'admin@kibou.example';
const TENANT = 'kibougaoka';
const TODAY = todayInJapan();
const yearsAgo = (years: number, days = 0) =>
  addDays(`${Number(TODAY.slice(0, 4)) - years}${TODAY.slice(4)}`, days);

beforeAll(async () => {
  api = await startTestApi();
  documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  table = { client: documents, name: api.tableName };
});
afterAll(async () => {
  documents.destroy();
  await api.stop();
});

let recipientSeq = 0;
const openCase = async (openedOn: string) => {
  recipientSeq += 1;
  const body = newCaseBody({
    openedOn,
    person: {
      ...newCaseBody().person,
      birthDate: '1980-05-10',
      recipientNumber: `66${String(recipientSeq).padStart(8, '0')}`,
    },
  });
  const created = await api.call('POST', '/api/cases', { as: SATO, body });
  expect(created.status).toBe(201);
  return created.json as { caseId: string; personId: string };
};

const caseItemOf = async (caseId: string) =>
  (await documents.send(new GetCommand({ TableName: api.tableName, Key: keys.caseItem(TENANT, caseId) })))
    .Item;
const personItemOf = async (personId: string) =>
  (await documents.send(new GetCommand({ TableName: api.tableName, Key: keys.person(TENANT, personId) })))
    .Item;
const ifMatch = async (caseId: string) => ({
  'if-match': `"${String((await caseItemOf(caseId))?.version)}"`,
});

const consult = async (caseId: string, consultedOn: string) => {
  const response = await api.call('POST', `/api/cases/${caseId}/consultations`, {
    as: SATO,
    body: {
      consultedOn,
      channel: 'phone',
      counterpart: 'person',
      supportCategories: ['welfare_services'],
      summary: '電話で近況を聞いた',
      minutes: 10,
    },
  });
  expect(response.status).toBe(201);
};

const close = async (caseId: string, closedOn: string) =>
  api.call('POST', `/api/cases/${caseId}/phase`, {
    as: SATO,
    body: { to: 'closed', closedOn, reason: 'moved_away', postEvaluation: '転居により終結' },
    headers: await ifMatch(caseId),
  });

/** As a case item written before the case kept its last record day: the attribute is not there. */
const forgetLastRecordDay = (caseId: string) =>
  documents.send(
    new UpdateCommand({
      TableName: api.tableName,
      Key: keys.caseItem(TENANT, caseId),
      UpdateExpression: 'REMOVE lastRecordOn',
    }),
  );

describe('a closing day is not earlier than the last record of the case', () => {
  it('refuses a closure backdated to 2015 on a case with a consultation recorded today: 400 naming body.closedOn, nothing written', async () => {
    const opened = await openCase('2015-04-01');
    await consult(opened.caseId, TODAY);
    const before = await api.allItems();

    const response = await close(opened.caseId, '2015-04-02');

    expect(response.status).toBe(400);
    expect(response.json.error.fields).toEqual([
      { field: 'body.closedOn', message: `終結日は最後の記録日（${TODAY}）以降にしてください` },
    ]);
    expect(await api.allItems()).toEqual(before);
    expect((await close(opened.caseId, TODAY)).status).toBe(200);
  });

  it('checks a case item written before the rule (no last record day stored) against its records too', async () => {
    const opened = await openCase('2015-04-01');
    await consult(opened.caseId, TODAY);
    await forgetLastRecordDay(opened.caseId);
    const before = await api.allItems();

    const response = await close(opened.caseId, '2015-04-02');

    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe('body.closedOn');
    expect(await api.allItems()).toEqual(before);
    expect((await close(opened.caseId, TODAY)).status).toBe(200);
    expect(await caseItemOf(opened.caseId)).toMatchObject({ closedOn: TODAY, lastRecordOn: TODAY });
  });

  it('moves the case version with every record, so a closure computed before a record was added is stale (412)', async () => {
    const opened = await openCase('2015-04-01');
    const seen = await ifMatch(opened.caseId);
    await consult(opened.caseId, TODAY);

    const response = await api.call('POST', `/api/cases/${opened.caseId}/phase`, {
      as: SATO,
      body: { to: 'closed', closedOn: TODAY, reason: 'moved_away', postEvaluation: '転居により終結' },
      headers: seen,
    });

    expect(response.status).toBe(412);
    expect(await caseItemOf(opened.caseId)).toMatchObject({ phase: 'intake', lastRecordOn: TODAY });
  });

  it('refuses a transfer at 18 dated before the last record: 400 naming body.transferOn, nothing written', async () => {
    // ひまわり's case 020 is a 17-year-old past 17½ (demo-data.ts).
    const child = 'demo-kibougaoka-case-020';
    await consult(child, TODAY);
    const yesterday = addDays(TODAY, -1);
    expect((await caseItemOf(child))?.openedOn < yesterday).toBe(true);
    const before = await api.allItems();

    const refused = await api.call('POST', `/api/cases/${child}/transfer-to-adult`, {
      as: SATO,
      body: { transferOn: yesterday, targetOfficeId: 'aozora' },
      headers: await ifMatch(child),
    });

    expect(refused.status).toBe(400);
    expect(refused.json.error.fields).toEqual([
      { field: 'body.transferOn', message: `移行日は最後の記録日（${TODAY}）以降にしてください` },
    ]);
    expect(await api.allItems()).toEqual(before);
    const transferred = await api.call('POST', `/api/cases/${child}/transfer-to-adult`, {
      as: SATO,
      body: { transferOn: TODAY, targetOfficeId: 'aozora' },
      headers: await ifMatch(child),
    });
    expect(transferred.status).toBe(201);
  });
});

describe('the sweep counts the period from the later of the closing day and the last record', () => {
  let backdated: { caseId: string; personId: string };
  let followedUp: { caseId: string; personId: string };
  let expired: { caseId: string; personId: string };

  beforeAll(async () => {
    // Closed 6 years ago on paper, with a consultation recorded today: what a backdated closure
    // accepted before this rule left in the table (and a case item without its last record day).
    backdated = await openCase(yearsAgo(7));
    await consult(backdated.caseId, TODAY);
    expect((await close(backdated.caseId, TODAY)).status).toBe(200);
    await documents.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.caseItem(TENANT, backdated.caseId),
        UpdateExpression: 'SET closedOn = :closedOn REMOVE lastRecordOn',
        ExpressionAttributeValues: { ':closedOn': yearsAgo(6) },
      }),
    );

    // Closed 6 years ago, and a role assignment of its last meeting done today.
    followedUp = await openCase(yearsAgo(7));
    const meeting = await api.call('POST', `/api/cases/${followedUp.caseId}/meetings`, {
      as: SATO,
      body: {
        heldOn: yearsAgo(6, -10),
        attendees: [{ name: '本人', role: '本人' }],
        assignments: [{ who: '相談支援専門員', what: '書類を届ける', dueOn: yearsAgo(6, 30) }],
      },
    });
    expect(meeting.status).toBe(201);
    expect((await close(followedUp.caseId, yearsAgo(6))).status).toBe(200);
    const [assignment] = meeting.json.assignments;
    const done = await api.call(
      'POST',
      `/api/cases/${followedUp.caseId}/meetings/${meeting.json.recordId}/assignments/${assignment.assignmentId}/done`,
      { as: SATO, body: { doneOn: TODAY }, headers: { 'if-match': `"${meeting.json.version}"` } },
    );
    expect(done.status).toBe(200);

    // The control: every record and the closure 6 years old.
    expired = await openCase(yearsAgo(7));
    await consult(expired.caseId, yearsAgo(6, -20));
    expect((await close(expired.caseId, yearsAgo(6))).status).toBe(200);

    await sweepTenant(table, TENANT, new Date());
  });

  it('keeps a case closed 6 years ago whose consultation is from today, with its person', async () => {
    expect(await caseItemOf(backdated.caseId)).toMatchObject({ phase: 'closed', closedOn: yearsAgo(6) });
    expect(await caseItemOf(backdated.caseId)).not.toHaveProperty('expiringSince');
    expect(await personItemOf(backdated.personId)).toBeDefined();
    const partition = await api.queryPartition(keys.caseItem(TENANT, backdated.caseId).pk);
    expect(partition.some((item) => String(item.sk).startsWith('CONSULTATION#'))).toBe(true);
  });

  it('keeps a case closed 6 years ago whose role assignment was completed today', async () => {
    expect(await caseItemOf(followedUp.caseId)).toMatchObject({ phase: 'closed' });
    expect(await personItemOf(followedUp.personId)).toBeDefined();
  });

  it('still deletes a case whose closing day and every record are past the period', async () => {
    expect(await caseItemOf(expired.caseId)).toBeUndefined();
    expect(await personItemOf(expired.personId)).toBeUndefined();
  });

  it('tells the tenant admin the deletion date counted from the last record', async () => {
    const retention = await api.call('GET', `/api/retention/cases/${backdated.caseId}`, { as: ADMIN });

    expect(retention.status).toBe(200);
    expect(retention.json).toMatchObject({ closedOn: yearsAgo(6), deletableFrom: deletableFrom(TODAY, 5) });
  });
});
