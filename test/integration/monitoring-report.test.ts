import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, addMonths, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The monitoring report (モニタリング報告書, issue 16 point 1, ADR 0041): recorded with the national
 * form's columns, read back one by one (GET, audited, as a plan is), old monitorings still read.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const SUZUKI = 'suzuki@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const YAMAMOTO = 'yamamoto@hokushin.example';
const ITO = 'ito@kibou.example';
const today = () => todayInJapan();
const monthOf = (day: string) => day.slice(0, 7);

const openCase = async () => {
  const created = await api.call('POST', '/api/cases', {
    as: SATO,
    body: newCaseBody({ openedOn: addMonths(today(), -8) }),
  });
  expect(created.status).toBe(201);
  return created.json.caseId as string;
};

/** Every 3 months from the first of the month two months ago: the next due month is next month. */
const decide = async (caseId: string) => {
  const validFrom = addMonths(`${monthOf(today())}-01`, -2);
  const response = await api.call('POST', `/api/cases/${caseId}/service-decisions`, {
    as: SATO,
    body: {
      decidedOn: addDays(validFrom, -10),
      validFrom,
      validTo: addDays(addMonths(validFrom, 12), -1),
      monitoringPeriodMonths: 3,
      intensiveStart: false,
    },
  });
  expect(response.status).toBe(201);
  return validFrom;
};

const goal = (overrides: Record<string, unknown> = {}) => ({
  priority: 1,
  goal: '日中活動の場に週4日通う',
  period: '6か月',
  progress: '週3日は通えている（事業所から聞き取り）',
  satisfaction: '作業が楽しいと話す',
  achieved: 'partly',
  achievementNote: '通所の日数は目標の手前',
  issues: '送迎の時間を調整する',
  changeServiceKind: false,
  changeServiceAmount: false,
  changeWeeklySchedule: false,
  remarks: '',
  ...overrides,
});

const report = (overrides: Record<string, unknown> = {}) => ({
  conductedOn: today(),
  kind: 'regular',
  method: 'home_visit',
  overallSituation: '生活のリズムが整い、体調も安定している。',
  progress: [goal(), goal({ priority: 2, goal: '一人で買い物に行く', achieved: 'not_yet' })],
  ...overrides,
});

const record = (caseId: string, body: unknown, as = SATO) =>
  api.call('POST', `/api/cases/${caseId}/monitorings`, { as, body });
const read = (caseId: string, recordId: string, as = SATO) =>
  api.call('GET', `/api/cases/${caseId}/monitorings/${recordId}`, { as });
const auditsOf = async (recordId: string) =>
  (await api.allItems()).filter((item) => item.entity === 'audit' && item.recordId === recordId);

describe('recording a monitoring report', () => {
  it('stores every column, derives planChangeNeeded from the goals and computes the next month', async () => {
    const caseId = await openCase();
    const validFrom = await decide(caseId);
    const body = report({
      progress: [goal(), goal({ priority: 2, goal: '一人で買い物に行く', changeWeeklySchedule: true })],
    });

    const response = await record(caseId, body);

    expect(response.status).toBe(201);
    expect(response.json.planReviewNeeded).toBe(true);
    expect(response.json.monitoring).toMatchObject({
      overallSituation: body.overallSituation,
      progress: body.progress,
      planChangeNeeded: true,
      // Every 3 months from validFrom: the month after this one.
      nextMonitoringMonth: monthOf(addMonths(validFrom, 3)),
    });
    expect(response.json.monitoring.nextMonitoringMonth).toBe(
      monthOf(response.json.case.nextMonitoringDueOn),
    );

    const got = await read(caseId, response.json.monitoring.recordId);
    expect(got.status).toBe(200);
    expect(got.json).toEqual(response.json.monitoring);
  });

  it("keeps the specialist's own next month, and is no plan change when every answer is no", async () => {
    const caseId = await openCase();
    await decide(caseId);
    const nextMonitoringMonth = monthOf(addMonths(today(), 5));

    const response = await record(caseId, report({ nextMonitoringMonth }));

    expect(response.status).toBe(201);
    expect(response.json.monitoring).toMatchObject({ nextMonitoringMonth, planChangeNeeded: false });
    expect(response.json.planReviewNeeded).toBe(false);
  });

  it('has no next month without a service decision, and takes the former planChangeNeeded: true', async () => {
    const caseId = await openCase();
    const response = await record(caseId, report({ progress: [], planChangeNeeded: true }));

    expect(response.status).toBe(201);
    expect(response.json.monitoring.planChangeNeeded).toBe(true);
    expect(response.json.monitoring).not.toHaveProperty('nextMonitoringMonth');
  });

  it.each([
    [
      'a goal without its three answers',
      report({ progress: [goal(), { goal: '外出', progress: '月1回', achieved: 'partly' }] }),
      [
        ['body.progress.1.changeServiceKind', 'サービス種類の変更の有無を選んでください'],
        ['body.progress.1.changeServiceAmount', 'サービス量の変更の有無を選んでください'],
        ['body.progress.1.changeWeeklySchedule', '週間計画の変更の有無を選んでください'],
      ],
    ],
    [
      'a satisfaction over 1000 characters',
      report({ progress: [goal(), goal({ satisfaction: 'あ'.repeat(1001) })] }),
      [['body.progress.1.satisfaction', '1000文字以内で入力してください']],
    ],
    [
      'a next month before the month of the monitoring',
      report({ nextMonitoringMonth: monthOf(addMonths(today(), -1)) }),
      [['body.nextMonitoringMonth', '次回モニタリング予定月は実施日の月以降にしてください']],
    ],
    [
      'a next month that is not YYYY-MM',
      report({ nextMonitoringMonth: '来月' }),
      [['body.nextMonitoringMonth', '年月は「2026-05」の形で入力してください']],
    ],
    [
      'no plan change against a goal that says yes',
      report({ planChangeNeeded: false, progress: [goal({ changeServiceKind: true })] }),
      [
        [
          'body.planChangeNeeded',
          '目標ごとの計画変更の必要性に「有」があるため、「変更の必要なし」にはできません',
        ],
      ],
    ],
  ])('refuses %s with a 400 naming the field, writing nothing', async (_label, body, fields) => {
    const caseId = await openCase();
    const count = (await api.allItems()).length;

    const response = await record(caseId, body);

    expect(response.status).toBe(400);
    expect(
      response.json.error.fields.map((field: { field: string; message: string }) => [
        field.field,
        field.message,
      ]),
    ).toEqual(fields);
    expect((await api.allItems()).length).toBe(count);
  });
});

describe('a monitoring recorded before the report', () => {
  it('reads as it was stored: no overall situation, no next month, rows without the new columns', async () => {
    const caseId = await openCase();
    const conductedOn = addMonths(today(), -3);
    const recordId = `old-mon-${randomUUID().slice(0, 8)}`;
    const stored = {
      recordId,
      caseId,
      createdAt: new Date().toISOString(),
      createdBy: 'user-sato',
      conductedOn,
      kind: 'regular',
      method: 'office',
      progress: [{ goal: '通所を続ける', progress: '週3回', achieved: 'achieved' }],
      personSatisfaction: '満足している',
      planChangeNeeded: true,
      notes: '特になし',
    };
    const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
    await documents.send(
      new PutCommand({
        TableName: api.tableName,
        Item: {
          ...keys.caseRecord('kibougaoka', caseId, 'MONITORING', `${conductedOn}#${recordId}`),
          entity: 'monitoring',
          tenantId: 'kibougaoka',
          officeId: 'himawari',
          ...stored,
        },
      }),
    );

    const got = await read(caseId, recordId);

    expect(got.status).toBe(200);
    expect(got.json).toEqual(stored);
    const timeline = await api.call('GET', `/api/cases/${caseId}/timeline`, { as: SATO });
    expect(
      timeline.json.entries.find((entry: { recordId: string }) => entry.recordId === recordId),
    ).toMatchObject({ kind: 'monitoring', record: stored });
  });
});

describe('reading one monitoring report', () => {
  it('is audited once per read, as the reader', async () => {
    const caseId = await openCase();
    const recordId = (await record(caseId, report())).json.monitoring.recordId as string;

    expect((await read(caseId, recordId)).status).toBe(200);
    expect((await read(caseId, recordId)).status).toBe(200);

    const reads = (await auditsOf(recordId)).filter((entry) => entry.action === 'read');
    expect(reads).toHaveLength(2);
    expect(
      reads.every((entry) => entry.actorUserId === 'user-sato' && entry.recordType === 'monitoring'),
    ).toBe(true);
  });

  it('is a 404 for another office, the core center without sharing, another tenant, and an unknown id', async () => {
    const caseId = await openCase();
    const recordId = (await record(caseId, report())).json.monitoring.recordId as string;
    for (const email of [SUZUKI, TAKAHASHI, YAMAMOTO]) {
      expect((await read(caseId, recordId, email)).status, email).toBe(404);
    }
    expect((await read(caseId, 'no-such-monitoring')).status).toBe(404);
    expect((await auditsOf(recordId)).filter((entry) => entry.action === 'read')).toHaveLength(0);
  });

  it('refuses the municipal officer (403), whatever the case', async () => {
    const caseId = await openCase();
    const recordId = (await record(caseId, report())).json.monitoring.recordId as string;
    expect((await read(caseId, recordId, ITO)).status).toBe(403);
  });

  it('is open to the core center once the case is shared with it, audited as its read', async () => {
    // demo-records.ts: case 013 (index 12) consented to core-center sharing.
    const caseId = 'demo-kibougaoka-case-013';
    const recorded = await record(caseId, report({ progress: [goal()] }));
    expect(recorded.status).toBe(201);
    const recordId = recorded.json.monitoring.recordId as string;
    expect((await read(caseId, recordId, TAKAHASHI)).status).toBe(404);

    const caseItem = (await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).find(
      (item) => item.sk === 'CASE',
    );
    const shared = await api.call('POST', `/api/cases/${caseId}/supervision-request`, {
      as: SATO,
      body: { topic: 'モニタリングの進め方について助言がほしい' },
      headers: { 'if-match': `"${String(caseItem?.version)}"`, 'idempotency-key': `share-${randomUUID()}` },
    });
    expect(shared.status).toBe(200);

    const got = await read(caseId, recordId, TAKAHASHI);
    expect(got.status).toBe(200);
    expect(got.json.progress[0].goal).toBe('日中活動の場に週4日通う');
    const reads = (await auditsOf(recordId)).filter((entry) => entry.action === 'read');
    expect(reads.map((entry) => entry.actorUserId)).toEqual(['user-takahashi']);
  });
});
