import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The whole 様式1 and the 週間計画表 (様式2-2) in a plan (issue 16 point 1, ADR 0040): typed service
 * lines, 評価時期, その他留意事項, 利用者負担上限額 and a week of entries, refused field by field in
 * Japanese, and plans stored before it still read.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const today = () => todayInJapan();
const plans = (caseId: string) => `/api/cases/${caseId}/plans`;

const openCase = async () => {
  const response = await api.call('POST', '/api/cases', {
    as: SATO,
    body: newCaseBody({ openedOn: addDays(today(), -30) }),
  });
  expect(response.status).toBe(201);
  return response.json.caseId as string;
};

const createPlan = (caseId: string, body: unknown) =>
  api.call('POST', plans(caseId), {
    as: SATO,
    body,
    headers: { 'idempotency-key': `plan-forms-${randomUUID()}` },
  });

const weeklyEntry = (overrides: Record<string, unknown> = {}) => ({
  day: 'mon',
  start: '09:30',
  end: '15:30',
  label: 'ワークショップみらい',
  kind: 'service',
  ...overrides,
});

const fullPlan = {
  personWishes: '働いてお金をためたい',
  userChargeCap: 9300,
  needs: [
    {
      priority: 1,
      need: '働いて収入を得たい',
      goal: '週4日通う',
      period: '1年',
      services: [
        {
          serviceType: 'employment_b',
          content: '軽作業',
          amount: '月18日',
          provider: 'ワークショップみらい',
        },
        { serviceType: 'other', content: '兄の見守り' },
      ],
      personRole: '自分で通所する',
      evaluationTiming: '令和9年3月',
      supporters: '職業指導員',
      notes: '通院日は休む',
    },
  ],
  weeklySchedule: {
    entries: [
      weeklyEntry(),
      weeklyEntry({ day: 'mon', start: '10:00', end: '11:00', label: '散歩', kind: 'own_activity' }),
      weeklyEntry({ day: 'sun', start: '１０：００', end: '24:00', label: '図書館', kind: 'own_activity' }),
    ],
    dailyActivities: '7時起床、22時就寝',
    nonWeeklyServices: '通院（月1回）',
    lifeOverview: '働きながら一人暮らしを続ける',
  },
};

describe('a plan with the whole 様式1 and a 週間計画表', () => {
  it('is stored and read back with typed services, the new columns, the cap and the week', async () => {
    const caseId = await openCase();
    const created = await createPlan(caseId, fullPlan);
    expect(created.status).toBe(201);
    expect(created.json.content.userChargeCap).toBe(9300);
    expect(created.json.content.needs[0]).toMatchObject({
      evaluationTiming: '令和9年3月',
      notes: '通院日は休む',
      services: [
        {
          serviceType: 'employment_b',
          content: '軽作業',
          amount: '月18日',
          provider: 'ワークショップみらい',
        },
        { serviceType: 'other', content: '兄の見守り', amount: '', provider: '' },
      ],
    });
    // Overlaps on one day are kept; times as typed are stored as HH:MM.
    expect(created.json.content.weeklySchedule.entries).toEqual([
      weeklyEntry(),
      weeklyEntry({ start: '10:00', end: '11:00', label: '散歩', kind: 'own_activity' }),
      weeklyEntry({ day: 'sun', start: '10:00', end: '24:00', label: '図書館', kind: 'own_activity' }),
    ]);

    const read = await api.call('GET', `${plans(caseId)}/1`, { as: SATO });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(created.json);

    // A cap of 0 (生活保護・低所得) is a value, not "not recorded".
    const rewritten = await api.call('PUT', `${plans(caseId)}/1`, {
      as: SATO,
      body: { ...fullPlan, userChargeCap: 0, weeklySchedule: undefined },
      headers: { 'if-match': '"1"' },
    });
    expect(rewritten.status).toBe(200);
    expect(rewritten.json.content.userChargeCap).toBe(0);
    expect(rewritten.json.content.weeklySchedule).toEqual({
      entries: [],
      dailyActivities: '',
      nonWeeklyServices: '',
      lifeOverview: '',
    });
  });

  it('without the new fields defaults them: no cap, empty columns, an empty week', async () => {
    const caseId = await openCase();
    const created = await createPlan(caseId, {
      needs: [{ priority: 1, need: 'n', goal: 'g', services: [{ serviceType: 'daily_life_care' }] }],
    });
    expect(created.status).toBe(201);
    expect(created.json.content).not.toHaveProperty('userChargeCap');
    expect(created.json.content.needs[0]).toMatchObject({ evaluationTiming: '', notes: '' });
    expect(created.json.content.weeklySchedule.entries).toEqual([]);
  });
});

describe('bad input is a 400 naming the field, in Japanese, and writes nothing', () => {
  const refused = async (body: unknown) => {
    const caseId = await openCase();
    const response = await createPlan(caseId, body);
    expect(response.status).toBe(400);
    const stored = (await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).filter((item) =>
      String(item.sk).startsWith('PLAN#'),
    );
    expect(stored).toEqual([]);
    return (response.json.error.fields as { field: string; message: string }[]).map(({ field, message }) => [
      field,
      message,
    ]);
  };

  it('an end time before its start, a time not on the clock, a day and a kind not in the lists', async () => {
    const entries = [
      weeklyEntry(),
      weeklyEntry(),
      weeklyEntry({ start: '22:00', end: '06:00' }),
      weeklyEntry({ start: '25:00' }),
      weeklyEntry({ day: 'holiday', kind: 'hobby', label: '' }),
    ];
    expect(await refused({ weeklySchedule: { entries } })).toEqual([
      [
        'body.weeklySchedule.entries.2.end',
        '終了時刻は開始時刻より後にしてください（日をまたぐときは0:00で分けて2行にしてください）',
      ],
      ['body.weeklySchedule.entries.3.start', '時刻は「9:00」「17:30」のように24時間制で入力してください'],
      ['body.weeklySchedule.entries.4.day', '曜日を選んでください'],
      ['body.weeklySchedule.entries.4.label', '入力してください'],
      ['body.weeklySchedule.entries.4.kind', '「サービス」か「本人の活動」を選んでください'],
    ]);
  });

  it('a service type not in the national list, and a cap out of range', async () => {
    expect(
      await refused({
        userChargeCap: 37_201,
        needs: [{ priority: 1, need: 'n', goal: 'g', services: [{ serviceType: '生活介護' }] }],
      }),
    ).toEqual([
      ['body.needs.0.services.0.serviceType', 'サービスの種類を一覧から選んでください'],
      ['body.userChargeCap', '利用者負担上限額は0円から37,200円までの整数（円）で入力してください'],
    ]);
  });

  it('a line in the old shape (種類・内容 as one free text) is refused on write', async () => {
    const [first] = await refused({
      needs: [{ priority: 1, need: 'n', goal: 'g', services: [{ kind: '生活介護' }] }],
    });
    expect(first?.[0]).toMatch(/^body\.needs\.0\.services\.0/);
  });
});

describe('plans stored before ADR 0040', () => {
  it('still read: free-text kinds become typed lines, new fields take their defaults; a rewrite stores the new shape', async () => {
    const caseId = await openCase();
    const created = await createPlan(caseId, { personWishes: '前の形' });
    expect(created.status).toBe(201);
    const key = keys.caseRecord('kibougaoka', caseId, 'PLAN', '000001');
    const [stored] = (await api.queryPartition(key.pk)).filter((item) => item.sk === key.sk);
    if (!stored) throw new Error('the plan was stored');
    // The item as the code before ADR 0040 wrote it.
    const legacyContent = {
      personWishes: '前の形',
      familyWishes: '',
      overallPolicy: '',
      longTermGoal: '',
      shortTermGoal: '',
      needs: [
        {
          priority: 1,
          need: '日中の居場所',
          goal: '週3日通う',
          period: '',
          services: [
            { kind: '生活介護', provider: 'ひだまり', amount: '月12日' },
            { kind: '就労継続支援B型（体験）', provider: '', amount: '' },
            { kind: 'ボランティアの見守り', provider: '', amount: '' },
          ],
          personRole: '',
          supporters: '',
        },
      ],
    };
    const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
    await documents.send(
      new PutCommand({ TableName: api.tableName, Item: { ...stored, content: legacyContent } }),
    );

    const read = await api.call('GET', `${plans(caseId)}/1`, { as: SATO });
    expect(read.status).toBe(200);
    expect(read.json.content.needs[0].services).toEqual([
      { serviceType: 'daily_life_care', content: '', amount: '月12日', provider: 'ひだまり' },
      { serviceType: 'employment_b', content: '就労継続支援B型（体験）', amount: '', provider: '' },
      { serviceType: 'other', content: 'ボランティアの見守り', amount: '', provider: '' },
    ]);
    expect(read.json.content.needs[0]).toMatchObject({ evaluationTiming: '', notes: '' });
    expect(read.json.content.weeklySchedule.entries).toEqual([]);
    expect(read.json.content).not.toHaveProperty('userChargeCap');
    const list = await api.call('GET', plans(caseId), { as: SATO });
    expect(list.status).toBe(200);

    const rewritten = await api.call('PUT', `${plans(caseId)}/1`, {
      as: SATO,
      body: read.json.content,
      headers: { 'if-match': `"${read.json.version}"` },
    });
    expect(rewritten.status).toBe(200);
    const [after] = (await api.queryPartition(key.pk)).filter((item) => item.sk === key.sk);
    const content = after?.content as { needs: { services: Record<string, unknown>[] }[] };
    expect(content.needs[0]?.services[0]).toEqual({
      serviceType: 'daily_life_care',
      content: '',
      amount: '月12日',
      provider: 'ひだまり',
    });

    const final = await api.call('POST', `${plans(caseId)}/1/finalize`, {
      as: SATO,
      body: { consentOn: today() },
      headers: { 'if-match': `"${rewritten.json.version}"` },
    });
    expect(final.status).toBe(200);
  });
});
