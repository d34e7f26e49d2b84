import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';
import { expectOnlyDenials } from '../support/refusal.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const TODAY = todayInJapan();
/** ひまわり's cases in planning (demo-data.ts), with no meeting seeded. */
const CASE = 'demo-kibougaoka-case-003';
const meetings = (caseId: string) => `/api/cases/${caseId}/meetings`;

const meetingBody = (overrides: Record<string, unknown> = {}) => ({
  heldOn: addDays(TODAY, -3),
  attendees: [
    { name: '本人', role: '本人' },
    { name: '放課後等デイサービス 管理者', organisation: 'こども発達ルームそら' },
  ],
  opinions: '母は送迎の負担を心配している',
  decisions: '月13日の利用で計画案を確定する',
  assignments: [
    { who: '事業所の児童発達支援管理責任者', what: '個別支援計画を送付する', dueOn: addDays(TODAY, -1) },
    { who: '相談支援専門員', organisation: 'ひまわり', what: '学校と面談する', dueOn: addDays(TODAY, 20) },
  ],
  unsolvedItems: ['医療的ケアに対応できる短期入所がない'],
  ...overrides,
});

const openAssignments = async (email: string, scope: 'mine' | 'office') => {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?scope=${scope}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await api.call('GET', `/api/assignments/open${query}`, { as: email })).json;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
};

describe('service staff meetings', () => {
  it('record attendees, decisions, unsolved items and role assignments, each with its own id', async () => {
    const created = await api.call('POST', meetings(CASE), { as: SATO, body: meetingBody() });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.json).toMatchObject({
      caseId: CASE,
      heldOn: addDays(TODAY, -3),
      unsolvedItems: ['医療的ケアに対応できる短期入所がない'],
      attendees: [
        { name: '本人', organisation: '', role: '本人' },
        { name: '放課後等デイサービス 管理者', organisation: 'こども発達ルームそら', role: '' },
      ],
    });
    const ids = created.json.assignments.map((a: { assignmentId: string }) => a.assignmentId);
    expect(new Set(ids).size).toBe(2);
    const read = await api.call('GET', `${meetings(CASE)}/${created.json.recordId}`, { as: SATO });
    expect(read.json).toEqual(created.json);
  });

  it("list every open assignment of the office, overdue first, with the case's person", async () => {
    const created = await api.call('POST', meetings(CASE), { as: SATO, body: meetingBody() });
    const items = await openAssignments(SATO, 'office');
    const dueDates = items.map((item) => String(item.dueOn));
    expect(dueDates).toEqual([...dueDates].sort());
    const firstOpen = items.findIndex((item) => !item.overdue);
    expect(items.slice(firstOpen).every((item) => !item.overdue)).toBe(true);
    const mine = items.filter((item) => item.meetingId === created.json.recordId);
    expect(mine).toEqual([
      expect.objectContaining({
        caseId: CASE,
        overdue: true,
        dueOn: addDays(TODAY, -1),
        personName: expect.any(String),
      }),
      expect.objectContaining({ caseId: CASE, overdue: false, dueOn: addDays(TODAY, 20) }),
    ]);
    expect(items.every((item) => String(item.caseId).startsWith('demo-kibougaoka-case-0'))).toBe(true);
  });

  it("show 'mine' only the caller's own cases, and another office none of ours", async () => {
    const mine = await openAssignments('tanaka@kibou.example', 'mine');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((item) => item.specialistUserId === 'user-tanaka')).toBe(true);
    const office = await openAssignments('tanaka@kibou.example', 'office');
    expect(office.length).toBeGreaterThan(mine.length);
    expect(office.some((item) => item.caseId === CASE)).toBe(false);
  });

  it('mark an assignment done (If-Match on the meeting) and take it off the open list in the same write', async () => {
    const created = await api.call('POST', meetings(CASE), { as: SATO, body: meetingBody() });
    const [overdue] = created.json.assignments;
    const donePath = `${meetings(CASE)}/${created.json.recordId}/assignments/${overdue.assignmentId}/done`;
    expect((await api.call('POST', donePath, { as: SATO, body: { doneOn: TODAY } })).status).toBe(428);
    const stale = await api.call('POST', donePath, {
      as: SATO,
      body: { doneOn: TODAY },
      headers: { 'if-match': '"5"' },
    });
    expect(stale.status).toBe(412);
    const done = await api.call('POST', donePath, {
      as: SATO,
      body: { doneOn: TODAY },
      headers: { 'if-match': '"1"' },
    });
    expect(done.status).toBe(200);
    expect(done.json.version).toBe(2);
    expect(done.json.assignments[0]).toMatchObject({ assignmentId: overdue.assignmentId, doneOn: TODAY });
    expect(done.json.assignments[1]).not.toHaveProperty('doneOn');
    const open = await openAssignments(SATO, 'office');
    expect(open.some((item) => item.assignmentId === overdue.assignmentId)).toBe(false);
    const stored = await api.queryPartition(keys.openAssignment('kibougaoka', 'himawari').pk);
    expect(stored.some((item) => item.assignmentId === overdue.assignmentId)).toBe(false);

    const twice = await api.call('POST', donePath, {
      as: SATO,
      body: { doneOn: TODAY },
      headers: { 'if-match': '"2"' },
    });
    expect(twice.status).toBe(409);
  });

  it('refuse a due date before the meeting and a done date before it (400, field named)', async () => {
    const early = await api.call('POST', meetings(CASE), {
      as: SATO,
      body: meetingBody({ assignments: [{ who: '母', what: '書類を出す', dueOn: addDays(TODAY, -10) }] }),
    });
    expect(early.status).toBe(400);
    expect(early.json.error.fields[0].field).toBe('body.assignments.0.dueOn');
    const noAttendee = await api.call('POST', meetings(CASE), {
      as: SATO,
      body: meetingBody({ attendees: [] }),
    });
    expect(noAttendee.json.error.fields[0].field).toBe('body.attendees');
    const created = await api.call('POST', meetings(CASE), { as: SATO, body: meetingBody() });
    const [first] = created.json.assignments;
    const beforeMeeting = await api.call(
      'POST',
      `${meetings(CASE)}/${created.json.recordId}/assignments/${first.assignmentId}/done`,
      { as: SATO, body: { doneOn: addDays(TODAY, -30) }, headers: { 'if-match': '"1"' } },
    );
    expect(beforeMeeting.status).toBe(400);
    expect(beforeMeeting.json.error.fields[0].field).toBe('body.doneOn');
  });

  it('store one meeting and one set of open assignments for a retried Idempotency-Key', async () => {
    const caseId = 'demo-kibougaoka-case-010';
    const headers = { 'idempotency-key': 'meeting-retry-0001' };
    const first = await api.call('POST', meetings(caseId), { as: SATO, body: meetingBody(), headers });
    const second = await api.call('POST', meetings(caseId), { as: SATO, body: meetingBody(), headers });
    expect(second.json).toEqual(first.json);
    const stored = await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk);
    expect(stored.filter((item) => String(item.sk).startsWith('MEETING#'))).toHaveLength(1);
    const open = await api.queryPartition(keys.openAssignment('kibougaoka', 'himawari').pk);
    expect(open.filter((item) => item.meetingId === first.json.recordId)).toHaveLength(2);
  });

  it('are a 404 for another office (the core center too) and another tenant, with nothing written', async () => {
    const seeded = 'demo-kibougaoka-case-005';
    const before = await api.allItems();
    for (const email of ['suzuki@kibou.example', 'takahashi@kibou.example', 'yamamoto@hokushin.example']) {
      expect((await api.call('POST', meetings(CASE), { as: email, body: meetingBody() })).status, email).toBe(
        404,
      );
      const done = await api.call(
        'POST',
        `${meetings(seeded)}/${seeded}-mtg-1/assignments/${seeded}-mtg-1-b/done`,
        { as: email, body: { doneOn: TODAY }, headers: { 'if-match': '"1"' } },
      );
      expect(done.status, email).toBe(404);
    }
    await expectOnlyDenials(api, before, 4);
  });
});

describe('the service staff meeting record (サービス担当者会議録, ADR 0042)', () => {
  const caseId = 'demo-kibougaoka-case-003';
  const auditsOf = async (recordId: string) =>
    (await api.allItems()).filter((item) => item.entity === 'audit' && item.recordId === recordId);

  it('keeps 開催場所, 開催時間, 検討した項目 and the plan version discussed, and audits each read', async () => {
    const plan = await api.call('POST', `/api/cases/${caseId}/plans`, {
      as: SATO,
      body: { personWishes: '放課後は友だちと過ごしたい' },
    });
    expect(plan.status).toBe(201);
    const created = await api.call('POST', meetings(caseId), {
      as: SATO,
      body: meetingBody({
        place: 'ひまわり相談室',
        startTime: '１４：００',
        endTime: '15:30',
        agenda: '計画案の内容と各事業所の役割の確認',
        planVersion: plan.json.planVersion,
      }),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      place: 'ひまわり相談室',
      startTime: '14:00',
      endTime: '15:30',
      agenda: '計画案の内容と各事業所の役割の確認',
      planVersion: plan.json.planVersion,
    });
    const path = `${meetings(caseId)}/${created.json.recordId}`;
    expect((await api.call('GET', path, { as: SATO })).json).toEqual(created.json);
    expect((await api.call('GET', path, { as: SATO })).status).toBe(200);
    const entries = await auditsOf(created.json.recordId);
    expect(entries.filter((entry) => entry.action === 'read')).toHaveLength(2);
    expect(entries.filter((entry) => entry.action === 'create')).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain('ひまわり相談室');
  });

  it('refuse a plan version the case does not have, and times out of order (400, field named)', async () => {
    const before = (await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).length;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ planVersion: 999 }, 'body.planVersion', 'このケースに計画の第999版はありません'],
      [{ startTime: '15:00', endTime: '14:00' }, 'body.endTime', '終了時刻は開始時刻より後にしてください'],
      [{ endTime: '14:00' }, 'body.startTime', '終了時刻を入れるときは開始時刻も入力してください'],
      [
        { startTime: '午後2時' },
        'body.startTime',
        '時刻は「14:00」のように0:00から23:59までで入力してください',
      ],
      [{ place: 'x'.repeat(101) }, 'body.place', '100文字以内で入力してください'],
      [{ agenda: 'x'.repeat(2001) }, 'body.agenda', '2000文字以内で入力してください'],
    ];
    for (const [overrides, field, message] of cases) {
      const response = await api.call('POST', meetings(caseId), { as: SATO, body: meetingBody(overrides) });
      expect(response.status, field).toBe(400);
      expect(response.json.error.fields[0]).toMatchObject({ field, message });
    }
    expect((await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).length).toBe(before);
  });

  it("refuse a plan version of another of the office's cases", async () => {
    const opened = await api.call('POST', '/api/cases', {
      as: SATO,
      body: newCaseBody({ openedOn: addDays(TODAY, -30) }),
    });
    expect(opened.status).toBe(201);
    const plan = await api.call('POST', `/api/cases/${caseId}/plans`, { as: SATO, body: {} });
    expect(plan.status).toBe(201);
    const response = await api.call('POST', meetings(opened.json.caseId), {
      as: SATO,
      body: meetingBody({ heldOn: TODAY, assignments: [], planVersion: plan.json.planVersion }),
    });
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe('body.planVersion');
  });

  it('read a meeting stored before the 会議録 fields existed as it was', async () => {
    const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
    const old = {
      recordId: 'meeting-before-0042',
      caseId,
      heldOn: addDays(TODAY, -40),
      attendees: [{ name: '本人', organisation: '', role: '本人' }],
      opinions: '以前の形式の記録',
      decisions: '',
      assignments: [],
      unsolvedItems: [],
      version: 1,
      createdAt: new Date().toISOString(),
      createdBy: 'user-sato',
      updatedAt: new Date().toISOString(),
    };
    await documents.send(
      new PutCommand({
        TableName: api.tableName,
        Item: {
          ...keys.caseRecord('kibougaoka', caseId, 'MEETING', old.recordId),
          entity: 'meeting',
          kind: 'MEETING',
          ...old,
        },
      }),
    );
    const read = await api.call('GET', `${meetings(caseId)}/${old.recordId}`, { as: SATO });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(old);
  });
});
