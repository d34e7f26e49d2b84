import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const TODAY = todayInJapan();
const MONTH = TODAY.slice(0, 7);
const CASE = 'demo-kibougaoka-case-004';
const consultations = `/api/cases/${CASE}/consultations`;
const consultation = (overrides: Record<string, unknown> = {}) => ({
  consultedOn: TODAY,
  channel: 'home_visit',
  counterpart: 'family',
  supportCategories: ['welfare_services'],
  summary: '母と面談。送迎の時間帯について相談を受けた。',
  minutes: 40,
  ...overrides,
});
const anonymous = (overrides: Record<string, unknown> = {}) => ({
  consultedOn: TODAY,
  channel: 'phone',
  counterpart: 'person',
  topic: 'housing',
  minutes: 25,
  ...overrides,
});
const counts = async (email: string) =>
  (await api.call('GET', `/api/consultations/anonymous?month=${MONTH}`, { as: email })).json;

describe('consultation records', () => {
  it('are recorded on a case and read back whole', async () => {
    const created = await api.call('POST', consultations, { as: SATO, body: consultation() });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      caseId: CASE,
      channel: 'home_visit',
      minutes: 40,
      createdBy: 'user-sato',
    });
    const read = await api.call('GET', `${consultations}/${created.json.recordId}`, { as: SATO });
    expect(read.json).toEqual(created.json);
  });

  it('refuse bad fields with their names (400)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [consultation({ channel: 'letter' }), 'body.channel'],
      [consultation({ minutes: 0 }), 'body.minutes'],
      [consultation({ summary: '' }), 'body.summary'],
      [consultation({ consultedOn: addDays(TODAY, 2) }), 'body.consultedOn'],
      [consultation({ createdBy: 'user-suzuki' }), 'body.createdBy'],
      [consultation({ supportCategories: [] }), 'body.supportCategories'],
      [consultation({ supportCategories: undefined }), 'body.supportCategories'],
      [consultation({ supportCategories: ['gossip'] }), 'body.supportCategories.0'],
    ];
    for (const [body, field] of cases) {
      const response = await api.call('POST', consultations, { as: SATO, body });
      expect(response.status, field).toBe(400);
      expect(response.json.error.fields[0].field).toBe(field);
    }
  });

  it('store one record for a retried Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'consultation-retry-1' };
    const first = await api.call('POST', consultations, { as: SATO, body: consultation(), headers });
    const second = await api.call('POST', consultations, { as: SATO, body: consultation(), headers });
    expect(second.json).toEqual(first.json);
    const stored = await api.allItems();
    expect(
      stored.filter((item) => item.entity === 'consultation' && item.recordId === first.json.recordId),
    ).toHaveLength(1);
  });

  it('are a 404 for another office (the core center too) and another tenant', async () => {
    const created = await api.call('POST', consultations, { as: SATO, body: consultation() });
    for (const email of ['suzuki@kibou.example', 'takahashi@kibou.example', 'yamamoto@hokushin.example']) {
      expect((await api.call('POST', consultations, { as: email, body: consultation() })).status).toBe(404);
      const read = await api.call('GET', `${consultations}/${created.json.recordId}`, { as: email });
      expect(read.status, email).toBe(404);
    }
  });
});

describe('anonymous basic consultations', () => {
  it("are counted for the caller's office by channel, counterpart and topic", async () => {
    const before = await counts(SATO);
    const created = await api.call('POST', '/api/consultations/anonymous', { as: SATO, body: anonymous() });
    expect(created.status).toBe(201);
    expect(created.json.officeId).toBe('himawari');
    const after = await counts(SATO);
    expect(after.total).toBe(before.total + 1);
    expect(after.totalMinutes).toBe(before.totalMinutes + 25);
    expect(after.byChannel.phone).toBe(before.byChannel.phone + 1);
    expect(after.byTopic.housing).toBe(before.byTopic.housing + 1);
    expect(after.byCounterpart.person).toBe(before.byCounterpart.person + 1);
  });

  it("never count another office's, and hold no personal data", async () => {
    const aozoraBefore = await counts('suzuki@kibou.example');
    await api.call('POST', '/api/consultations/anonymous', { as: SATO, body: anonymous() });
    expect((await counts('suzuki@kibou.example')).total).toBe(aozoraBefore.total);
    const named = await api.call('POST', '/api/consultations/anonymous', {
      as: SATO,
      body: anonymous({ name: '匿名 太郎' }),
    });
    expect(named.status).toBe(400);
    expect(named.json.error.fields[0].field).toBe('body.name');
  });

  it('count only the month asked for, and want the month as YYYY-MM', async () => {
    const lastMonth = addDays(`${MONTH}-01`, -1);
    await api.call('POST', '/api/consultations/anonymous', {
      as: SATO,
      body: anonymous({ consultedOn: lastMonth }),
    });
    const before = await counts(SATO);
    await api.call('POST', '/api/consultations/anonymous', {
      as: SATO,
      body: anonymous({ consultedOn: lastMonth }),
    });
    expect((await counts(SATO)).total).toBe(before.total);
    const bad = await api.call('GET', '/api/consultations/anonymous?month=2026-13', { as: SATO });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].field).toBe('query.month');
  });

  it('are for case workers only (403 for municipal officers and tenant admins)', async () => {
    for (const email of ['ito@kibou.example', 'admin@kibou.example']) {
      expect(
        (await api.call('POST', '/api/consultations/anonymous', { as: email, body: anonymous() })).status,
      ).toBe(403);
    }
  });
});

describe('consultation records for the national survey (ADR 0042)', () => {
  const surveyCounts = async (email: string, month = MONTH) => {
    const response = await api.call('GET', `/api/consultations/counts?month=${month}`, { as: email });
    expect(response.status).toBe(200);
    return response.json;
  };

  it('keep the 支援内容 in the survey order and the new methods, and audit every read', async () => {
    const created = await api.call('POST', consultations, {
      as: SATO,
      body: consultation({
        channel: 'accompany',
        supportCategories: ['employment', 'welfare_services'],
      }),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      channel: 'accompany',
      supportCategories: ['welfare_services', 'employment'],
    });
    const path = `${consultations}/${created.json.recordId}`;
    expect((await api.call('GET', path, { as: SATO })).json).toEqual(created.json);
    await api.call('GET', path, { as: SATO });
    const reads = (await api.allItems()).filter(
      (item) => item.entity === 'audit' && item.recordId === created.json.recordId && item.action === 'read',
    );
    expect(reads).toHaveLength(2);
    for (const channel of ['email', 'agency_liaison']) {
      expect(
        (await api.call('POST', consultations, { as: SATO, body: consultation({ channel }) })).status,
      ).toBe(201);
    }
  });

  it('read a consultation stored before 支援内容 existed as it was', async () => {
    const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
    const old = {
      recordId: 'consultation-before-0042',
      caseId: CASE,
      consultedOn: addDays(TODAY, -60),
      channel: 'outreach',
      counterpart: 'person',
      summary: '以前の形式の相談記録',
      minutes: 30,
      createdAt: new Date().toISOString(),
      createdBy: 'user-sato',
    };
    await documents.send(
      new PutCommand({
        TableName: api.tableName,
        Item: {
          ...keys.caseRecord('kibougaoka', CASE, 'CONSULTATION', old.recordId),
          entity: 'consultation',
          kind: 'CONSULTATION',
          ...old,
        },
      }),
    );
    const read = await api.call('GET', `${consultations}/${old.recordId}`, { as: SATO });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(old);
  });

  it("count the office's records of the month exactly, per 支援内容, method and counterpart", async () => {
    const before = await surveyCounts(SATO);
    const aozoraBefore = await surveyCounts('suzuki@kibou.example');
    const bodies = [
      consultation({ channel: 'phone', supportCategories: ['welfare_services', 'family_relationships'] }),
      consultation({
        channel: 'email',
        counterpart: 'agency',
        supportCategories: ['welfare_services'],
        minutes: 5,
      }),
      consultation({
        channel: 'accompany',
        counterpart: 'person',
        supportCategories: ['advocacy'],
        minutes: 120,
      }),
    ];
    for (const body of bodies)
      expect((await api.call('POST', consultations, { as: SATO, body })).status).toBe(201);
    // Another month is not this month's.
    await api.call('POST', consultations, {
      as: SATO,
      body: consultation({ consultedOn: addDays(`${MONTH}-01`, -1), supportCategories: ['advocacy'] }),
    });
    // A refused record is not counted.
    await api.call('POST', consultations, { as: SATO, body: consultation({ supportCategories: [] }) });

    const after = await surveyCounts(SATO);
    expect(after.total).toBe(before.total + 3);
    expect(after.totalMinutes).toBe(before.totalMinutes + 40 + 5 + 120);
    expect(after.bySupportCategory.welfare_services).toBe(before.bySupportCategory.welfare_services + 2);
    expect(after.bySupportCategory.family_relationships).toBe(
      before.bySupportCategory.family_relationships + 1,
    );
    expect(after.bySupportCategory.advocacy).toBe(before.bySupportCategory.advocacy + 1);
    expect(after.bySupportCategory.employment).toBe(before.bySupportCategory.employment);
    expect(after.byChannel.email).toBe(before.byChannel.email + 1);
    expect(after.byChannel.accompany).toBe(before.byChannel.accompany + 1);
    expect(after.byCounterpart.agency).toBe(before.byCounterpart.agency + 1);
    expect(Object.keys(after.bySupportCategory)).toHaveLength(12);
    // Another office's figures have none of them.
    expect(await surveyCounts('suzuki@kibou.example')).toEqual(aozoraBefore);
  });

  it('answer counts only: no name, case, text or record id', async () => {
    const created = await api.call('POST', consultations, {
      as: SATO,
      body: consultation({ summary: '集計に出てはならない相談内容' }),
    });
    const response = await api.call('GET', `/api/consultations/counts?month=${MONTH}`, { as: SATO });
    const text = response.text;
    expect(text).not.toContain('集計に出てはならない');
    expect(text).not.toContain(CASE);
    expect(text).not.toContain(created.json.recordId);
    expect(Object.keys(response.json).sort()).toEqual(
      [
        'byChannel',
        'byCounterpart',
        'bySupportCategory',
        'month',
        'officeId',
        'total',
        'totalMinutes',
      ].sort(),
    );
    const tallies = await api.queryPartition(keys.consultationTally('kibougaoka', 'himawari').pk);
    const tally = tallies.find((item) => String(item.sk).endsWith(created.json.recordId));
    expect(Object.keys(tally ?? {}).sort()).toEqual(
      ['channel', 'counterpart', 'entity', 'minutes', 'pk', 'sk', 'supportCategories'].sort(),
    );
  });

  it('want the month as YYYY-MM, and are for case workers only', async () => {
    const bad = await api.call('GET', '/api/consultations/counts?month=2026-13', { as: SATO });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0]).toMatchObject({
      field: 'query.month',
      message: '月はYYYY-MMの形式で指定してください',
    });
    for (const email of ['ito@kibou.example', 'admin@kibou.example']) {
      expect((await api.call('GET', `/api/consultations/counts?month=${MONTH}`, { as: email })).status).toBe(
        403,
      );
    }
  });
});
