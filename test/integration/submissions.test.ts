import { randomUUID } from 'node:crypto';
import { NotificationList, keys, todayInJapan, type Notification } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localClient } from '../../services/local/table.ts';
import { instrumentClients, onTable } from '../../services/src/data/client.ts';
import {
  getCaseForWrite,
  getPlan,
  updatePlan as storePlanUpdate,
} from '../../services/src/data/record-store.ts';
import { ConflictError } from '../../services/src/kernel/errors.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Submissions to the municipality (ADR 0043): the office submits a 計画案, the caseworker of the
 * person's municipality returns it with a comment, the office edits and submits again, the
 * caseworker accepts and records the 支給決定, which reaches the case and its monitoring schedule.
 */

let api: TestApi;
const requests: string[] = [];
beforeAll(async () => {
  api = await startTestApi();
  instrumentClients({
    middleware: (next, context) => async (args) => {
      requests.push(String(context.commandName));
      return next(args);
    },
    options: { step: 'initialize', name: 'submissionsTestRequestCount' },
  });
});
afterAll(async () => {
  await api.stop();
});

const SUZUKI = 'suzuki@kibou.example';
const TANAKA = 'tanaka@kibou.example';
const SATO = 'sato@kibou.example';
const KATO = 'kato@kibou.example';
const ITO = 'ito@kibou.example';
const YAMAMOTO = 'yamamoto@hokushin.example';
const HAYASHI = 'hayashi@kawabe.example';
const TODAY = todayInJapan();
const MONTH = TODAY.slice(0, 7);
/** あおぞら's case in intake (demo-data.ts): no plan yet; its person lives in 希望ヶ丘市 (990001). */
const CASE = 'demo-kibougaoka-case-036';

const planBody = (personWishes: string) => ({
  personWishes,
  overallPolicy: '本人の思いを軸に支援する',
  needs: [
    {
      priority: 1,
      need: '日中の居場所がほしい',
      goal: '週3日通所する',
      services: [{ serviceType: 'daily_life_care', provider: '事業所さくら', amount: '月12日' }],
    },
  ],
});

const idem = () => ({ 'idempotency-key': randomUUID() });

const notificationsOf = async (as: string) => {
  requests.length = 0;
  const response = await api.call('GET', '/api/notifications', { as });
  expect(response.status).toBe(200);
  return { list: NotificationList.parse(response.json), made: requests.length };
};
const countOf = (list: NotificationList, kind: Notification['kind']) =>
  list.items.find((item) => item.kind === kind)?.count ?? 0;

const auditEntries = async (tenantId: string) =>
  (await api.queryPartition(keys.auditDay(tenantId, new Date().toISOString().slice(0, 10)).pk)).filter(
    (item) => typeof item.sk === 'string',
  );

describe('a 計画案 submitted, returned, submitted again, accepted and decided', () => {
  let submissionId = '';
  let personName = '';

  it('goes to the person’s municipality as a snapshot, and locks the draft while it waits', async () => {
    const created = await api.call('POST', `/api/cases/${CASE}/plans`, {
      as: SUZUKI,
      body: planBody('一人暮らしを続けたい'),
      headers: idem(),
    });
    expect(created.status).toBe(201);
    const person = await api.call('GET', `/api/cases/${CASE}`, { as: SUZUKI });
    personName = person.json.personName;

    const key = idem();
    const submitted = await api.call('POST', `/api/cases/${CASE}/submissions`, {
      as: SUZUKI,
      body: { document: 'plan', planVersion: 1 },
      headers: key,
    });
    expect(submitted.status).toBe(201);
    expect(submitted.json).toMatchObject({
      kind: 'plan_draft',
      status: 'submitted',
      municipalityCode: '990001',
    });
    submissionId = submitted.json.submissionId;
    const replay = await api.call('POST', `/api/cases/${CASE}/submissions`, {
      as: SUZUKI,
      body: { document: 'plan', planVersion: 1 },
      headers: key,
    });
    expect(replay.json).toEqual(submitted.json);

    const twice = await api.call('POST', `/api/cases/${CASE}/submissions`, {
      as: SUZUKI,
      body: { document: 'plan', planVersion: 1 },
      headers: idem(),
    });
    expect(twice.status).toBe(409);

    const edit = await api.call('PUT', `/api/cases/${CASE}/plans/1`, {
      as: SUZUKI,
      body: planBody('書き換え'),
      headers: { 'if-match': '"1"' },
    });
    expect(edit.status).toBe(409);
    expect(edit.json.error.message).toContain('市町村へ提出中');

    const finalise = await api.call('POST', `/api/cases/${CASE}/plans/1/finalize`, {
      as: SUZUKI,
      body: { consentOn: TODAY },
      headers: { 'if-match': '"1"' },
    });
    expect(finalise.status).toBe(409);
    expect(finalise.json.error.message).toContain('市町村へ提出中');
  });

  it('an edit that passed the check before the submission landed is refused by the write itself', async () => {
    // The operation's early check is only the message: the lock is a condition of the plan's own
    // transaction, so an edit racing the submission cannot land after the snapshot was taken.
    const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
    const table = { client: documents, name: api.tableName };
    try {
      await onTable(table, async () => {
        const plan = await getPlan('kibougaoka', CASE, 1);
        const record = await getCaseForWrite('kibougaoka', CASE);
        if (!plan || !record) throw new Error('the submitted plan and its case are in the table');
        const ctx = {
          tenantId: 'kibougaoka',
          userId: 'user-suzuki',
          officeId: 'aozora',
          role: 'specialist',
        } as const;
        const write = { ctx, requestId: randomUUID(), now: new Date() };
        const next = { ...plan, version: plan.version + 1 };
        await expect(storePlanUpdate(write, record, next, plan.version)).rejects.toThrow(ConflictError);
        await expect(storePlanUpdate(write, record, next, plan.version)).rejects.toThrow('市町村へ提出中');
      });
    } finally {
      documents.destroy();
    }
    const unchanged = await api.call('GET', `/api/cases/${CASE}/plans/1`, { as: SUZUKI });
    expect(unchanged.json.version).toBe(1);
  });

  it('shows in the caseworker’s inbox of the month; the detail is the snapshot, each read audited', async () => {
    const listReads = async () =>
      (await auditEntries('kibougaoka')).filter(
        (item) =>
          item.action === 'read' && item.recordType === 'submission' && item.actorUserId === 'user-kato',
      );
    const listedBefore = (await listReads()).length;
    const inbox = await api.call('GET', `/api/submissions?month=${MONTH}&status=submitted`, { as: KATO });
    expect(inbox.status).toBe(200);
    expect(inbox.json.items.map((row: { submissionId: string }) => row.submissionId)).toContain(submissionId);
    // The rows name persons: each row shown is audited as a read of its submission.
    const listed = await listReads();
    expect(listed.length - listedBefore).toBe(inbox.json.items.length);
    expect(listed.map((item) => item.recordId)).toContain(submissionId);
    const otherMonth = await api.call('GET', '/api/submissions?month=2020-01', { as: KATO });
    expect(otherMonth.json.items).toEqual([]);

    const before = (await auditEntries('kibougaoka')).filter(
      (item) => item.action === 'read' && item.recordType === 'person' && item.actorUserId === 'user-kato',
    ).length;
    const detail = await api.call('GET', `/api/submissions/${submissionId}`, { as: KATO });
    expect(detail.status).toBe(200);
    expect(detail.json.snapshot.person.name).toBe(personName);
    expect(detail.json.snapshot.content.plan.content.personWishes).toBe('一人暮らしを続けたい');
    // 計画作成担当者 as the form names them: the case's specialist, kept in the snapshot.
    expect(detail.json.snapshot.authorName).toBe('鈴木 健一');
    await api.call('GET', `/api/submissions/${submissionId}`, { as: KATO });
    const reads = (await auditEntries('kibougaoka')).filter(
      (item) => item.action === 'read' && item.recordType === 'person' && item.actorUserId === 'user-kato',
    );
    expect(reads.length - before).toBe(2);
    expect(reads.at(-1)?.recordOfficeId).toBe('aozora');

    const { list, made } = await notificationsOf(KATO);
    console.log(`DynamoDB requests per GET /api/notifications (municipal caseworker): ${made}`);
    expect(countOf(list, 'submission_pending')).toBeGreaterThanOrEqual(1);
    expect(list.items.find((item) => item.kind === 'submission_pending')?.path).toBe(
      '/inbox?status=submitted',
    );
  });

  it('is refused to another municipality, another tenant, office staff and the municipal officer', async () => {
    expect((await api.call('GET', `/api/submissions/${submissionId}`, { as: HAYASHI })).status).toBe(404);
    expect((await api.call('GET', `/api/submissions/${submissionId}`, { as: SUZUKI })).status).toBe(403);
    expect((await api.call('GET', `/api/submissions/${submissionId}`, { as: ITO })).status).toBe(403);
    const accept = await api.call('POST', `/api/submissions/${submissionId}/accept`, {
      as: TANAKA,
      body: {},
      headers: { 'if-match': '"1"' },
    });
    expect(accept.status).toBe(403);
    expect((await api.call('GET', `/api/cases/${CASE}`, { as: KATO })).status).toBe(403);
    expect((await api.call('GET', `/api/cases/${CASE}/plans/1`, { as: KATO })).status).toBe(403);
    expect((await api.call('GET', `/api/cases/${CASE}/submissions`, { as: KATO })).status).toBe(403);
    expect((await api.call('GET', `/api/cases/${CASE}/submissions`, { as: SATO })).status).toBe(404);
  });

  it('is returned with a comment under If-Match; the office sees the comment and may edit again', async () => {
    const noComment = await api.call('POST', `/api/submissions/${submissionId}/return`, {
      as: KATO,
      body: { comment: '' },
      headers: { 'if-match': '"1"' },
    });
    expect(noComment.status).toBe(400);
    const noIfMatch = await api.call('POST', `/api/submissions/${submissionId}/return`, {
      as: KATO,
      body: { comment: '週間計画の記載がありません' },
    });
    expect(noIfMatch.status).toBe(428);
    const stale = await api.call('POST', `/api/submissions/${submissionId}/return`, {
      as: KATO,
      body: { comment: '週間計画の記載がありません' },
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(412);
    const returned = await api.call('POST', `/api/submissions/${submissionId}/return`, {
      as: KATO,
      body: { comment: '週間計画の記載がありません' },
      headers: { 'if-match': '"1"' },
    });
    expect(returned.status).toBe(200);
    expect(returned.json).toMatchObject({
      status: 'returned',
      comment: '週間計画の記載がありません',
      version: 2,
    });

    const seen = await api.call('GET', `/api/cases/${CASE}/submissions`, { as: SUZUKI });
    expect(seen.json.items[0]).toMatchObject({
      submissionId,
      status: 'returned',
      comment: '週間計画の記載がありません',
    });
    const specialist = await notificationsOf(SUZUKI);
    console.log(`DynamoDB requests per GET /api/notifications (specialist): ${specialist.made}`);
    expect(countOf(specialist.list, 'submission_returned')).toBe(1);
    expect(specialist.list.items.find((item) => item.kind === 'submission_returned')?.path).toBe(
      `/cases/${CASE}#submissions`,
    );
    expect(countOf((await notificationsOf(TANAKA)).list, 'submission_returned')).toBe(1);
    expect(countOf((await notificationsOf(SATO)).list, 'submission_returned')).toBe(0);

    const edit = await api.call('PUT', `/api/cases/${CASE}/plans/1`, {
      as: SUZUKI,
      body: planBody('週3日は通所したい'),
      headers: { 'if-match': '"1"' },
    });
    expect(edit.status).toBe(200);
    const snapshot = await api.call('GET', `/api/submissions/${submissionId}`, { as: KATO });
    expect(snapshot.json.snapshot.content.plan.content.personWishes).toBe('一人暮らしを続けたい');
  });

  it('is submitted again, accepted, and its 支給決定 reaches the case and its schedule', async () => {
    const again = await api.call('POST', `/api/cases/${CASE}/submissions`, {
      as: SUZUKI,
      body: { document: 'plan', planVersion: 1 },
      headers: idem(),
    });
    expect(again.status).toBe(201);
    const secondId: string = again.json.submissionId;
    expect(countOf((await notificationsOf(SUZUKI)).list, 'submission_returned')).toBe(0);
    const detail = await api.call('GET', `/api/submissions/${secondId}`, { as: KATO });
    expect(detail.json.snapshot.content.plan.content.personWishes).toBe('週3日は通所したい');

    const early = await api.call('POST', `/api/submissions/${secondId}/decision`, {
      as: KATO,
      body: {
        decidedOn: TODAY,
        validFrom: TODAY,
        validTo: '2099-03-31',
        monitoringPeriodMonths: 3,
        intensiveStart: false,
      },
      headers: idem(),
    });
    expect(early.status).toBe(409);

    const accepted = await api.call('POST', `/api/submissions/${secondId}/accept`, {
      as: KATO,
      body: {},
      headers: { 'if-match': '"1"' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json.status).toBe('accepted');

    const validTo = `${Number(TODAY.slice(0, 4)) + 1}-${TODAY.slice(5, 7)}-01`;
    const decisionBody = {
      decidedOn: TODAY,
      validFrom: TODAY,
      validTo,
      monitoringPeriodMonths: 3,
      intensiveStart: true,
      services: ['生活介護 22日/月'],
    };
    const key = idem();
    const decided = await api.call('POST', `/api/submissions/${secondId}/decision`, {
      as: KATO,
      body: decisionBody,
      headers: key,
    });
    expect(decided.status).toBe(201);
    expect(decided.json.decision).toMatchObject({ validFrom: TODAY, validTo, createdBy: 'user-kato' });
    const replay = await api.call('POST', `/api/submissions/${secondId}/decision`, {
      as: KATO,
      body: decisionBody,
      headers: key,
    });
    expect(replay.json).toEqual(decided.json);
    const twice = await api.call('POST', `/api/submissions/${secondId}/decision`, {
      as: KATO,
      body: decisionBody,
      headers: idem(),
    });
    expect(twice.status).toBe(409);

    const caseView = await api.call('GET', `/api/cases/${CASE}`, { as: SUZUKI });
    expect(caseView.json.decisionValidTo).toBe(validTo);
    // intensiveStart: monthly for the first three months, so the next monitoring is within a month.
    expect(caseView.json.nextMonitoringDueOn > TODAY).toBe(true);
    expect(caseView.json.nextMonitoringDueOn <= `${validTo}`).toBe(true);
    const decisions = (await api.queryPartition(keys.caseItem('kibougaoka', CASE).pk)).filter((item) =>
      String(item.sk).startsWith('DECISION#'),
    );
    expect(decisions).toHaveLength(1);

    const seen = await api.call('GET', `/api/cases/${CASE}/submissions`, { as: SUZUKI });
    expect(seen.json.items[0]).toMatchObject({ submissionId: secondId, status: 'accepted' });
    expect(seen.json.items[0].decision.validTo).toBe(validTo);
    const manager = await notificationsOf(TANAKA);
    console.log(`DynamoDB requests per GET /api/notifications (office manager): ${manager.made}`);
    expect(countOf(manager.list, 'decision_received')).toBe(1);
    expect(countOf((await notificationsOf(KATO)).list, 'submission_pending')).toBe(0);
  });
});

describe('another tenant and another municipality', () => {
  it('a 北信市 submission is not seen by 川辺町’s caseworker nor by another tenant’s', async () => {
    const target = 'demo-hokushin-case-001';
    const created = await api.call('POST', `/api/cases/${target}/plans`, {
      as: YAMAMOTO,
      body: planBody('地域で暮らしたい'),
      headers: idem(),
    });
    expect(created.status).toBe(201);
    const submitted = await api.call('POST', `/api/cases/${target}/submissions`, {
      as: YAMAMOTO,
      body: { document: 'plan', planVersion: created.json.planVersion },
      headers: idem(),
    });
    expect(submitted.status).toBe(201);
    expect(submitted.json.municipalityCode).toBe('990011');
    const id: string = submitted.json.submissionId;
    const before = await api.allItems();
    expect((await api.call('GET', `/api/submissions/${id}`, { as: HAYASHI })).status).toBe(404);
    expect((await api.call('GET', `/api/submissions/${id}`, { as: KATO })).status).toBe(404);
    const refused = await api.call('POST', `/api/submissions/${id}/accept`, {
      as: HAYASHI,
      body: {},
      headers: { 'if-match': '"1"' },
    });
    expect(refused.status).toBe(404);
    const stored = (await api.allItems()).find((item) => item.pk === keys.submission('hokushin', id).pk);
    expect(stored?.status).toBe('submitted');
    expect(before.length).toBeGreaterThan(0);
    const inbox = await api.call('GET', '/api/submissions', { as: HAYASHI });
    expect(inbox.json.items.map((row: { submissionId: string }) => row.submissionId)).not.toContain(id);
  });
});

describe('cursors and logs', () => {
  it('an inbox cursor is sealed: no name, kana, date or id readable in it', async () => {
    for (let n = 0; n < 2; n += 1) {
      const created = await api.call('POST', `/api/cases/demo-kibougaoka-case-029/plans`, {
        as: SUZUKI,
        body: planBody(`案${n}`),
        headers: idem(),
      });
      expect(created.status).toBe(201);
      const submitted = await api.call('POST', `/api/cases/demo-kibougaoka-case-029/submissions`, {
        as: SUZUKI,
        body: { document: 'plan', planVersion: created.json.planVersion },
        headers: idem(),
      });
      expect(submitted.status).toBe(201);
    }
    const first = await api.call('GET', '/api/submissions?limit=1', { as: KATO });
    expect(first.status).toBe(200);
    const cursor: string = first.json.nextCursor;
    expect(cursor).toBeTruthy();
    const decoded = Buffer.from(cursor, 'base64url').toString('latin1');
    expect(decoded).not.toContain(MONTH);
    expect(decoded).not.toContain('SUBMISSION');
    expect(decoded).not.toContain(first.json.items[0].submissionId);
    const next = await api.call('GET', `/api/submissions?limit=1&cursor=${cursor}`, { as: KATO });
    expect(next.status).toBe(200);
    expect(next.json.items[0].submissionId).not.toBe(first.json.items[0].submissionId);
    const foreign = await api.call('GET', `/api/submissions?limit=1&cursor=${cursor}`, { as: HAYASHI });
    expect(foreign.status).toBe(400);
  });
});
