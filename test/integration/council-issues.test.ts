import { randomUUID } from 'node:crypto';
import { addDays, fiscalYearOf, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRegionalIssues } from '../../services/local/demo-council.ts';
import { demoCases } from '../../services/local/demo-data.ts';
import { demoSupervisions, withDemoDifficulty } from '../../services/local/demo-difficult.ts';
import { demoLedgerEvents } from '../../services/local/demo-ledger.ts';
import { demoRecords } from '../../services/local/demo-records.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const TAKAHASHI = 'takahashi@kibou.example';
const SATO = 'sato@kibou.example';
const TANAKA = 'tanaka@kibou.example';
const ITO = 'ito@kibou.example';
const ADMIN = 'admin@kibou.example';
const NOW = new Date();
const TODAY = todayInJapan(NOW);

const CASES = withDemoDifficulty(demoCases('kibougaoka', NOW));
const RECORDS = demoRecords('kibougaoka', NOW, CASES);
const MEETINGS = RECORDS.meetings;
/** A case counts in the council's material only with its person's council consent (ADR 0022). */
const COUNCIL_CONSENTS = new Set(
  RECORDS.consents
    .filter(({ consent }) => consent.purpose === 'council_anonymised' && consent.status === 'granted')
    .map(({ personId }) => personId),
);
const personOfCase = new Map(CASES.map(({ record }) => [record.caseId, record.personId]));
const mayCount = (caseId: string) => COUNCIL_CONSENTS.has(personOfCase.get(caseId) ?? '');
const himawariMeeting = MEETINGS.find(
  (entry) => entry.officeId === 'himawari' && mayCount(entry.meeting.caseId),
)?.meeting;
const aozoraMeeting = MEETINGS.find((entry) => entry.officeId === 'aozora')?.meeting;
const himawariDifficult = CASES.find(
  ({ record }) => record.officeId === 'himawari' && record.difficulty && mayCount(record.caseId),
)?.record;
const supervision = demoSupervisions('kibougaoka', NOW, CASES).find(
  (entry) => entry.cases.length > 0 && entry.cases.every((linked) => mayCount(linked.caseId)),
);
const SESSIONS = demoLedgerEvents('kibougaoka', NOW).filter(
  (event) => event.kind === 'council_session' || event.kind === 'subcommittee_session',
);
const TRAINING = demoLedgerEvents('kibougaoka', NOW).find((event) => event.kind === 'training');
const HOKUSHIN_SESSION = demoLedgerEvents('hokushin', NOW).find((event) => event.kind === 'council_session');

/** The latest session of the demo ledger (on or before today); issues here are raised just before it. */
const recentSession = [...SESSIONS].sort((a, b) => a.heldOn.localeCompare(b.heldOn)).at(-1);
const SESSION_DAY = recentSession?.heldOn ?? TODAY;
const RAISED_ON = addDays(SESSION_DAY, -5);

const coreIssueBody = (overrides: Record<string, unknown> = {}) => ({
  title: '家族の急病時に使える短期入所が足りない',
  category: 'short_stay',
  description: '緊急時に受け入れられる短期入所が市内に少ない',
  raisedOn: RAISED_ON,
  sources: [
    {
      kind: 'service_meeting',
      caseId: himawariMeeting?.caseId,
      recordId: himawariMeeting?.recordId,
      note: '未解決事項：短期入所の空きがない',
    },
    { kind: 'difficult_case', caseId: himawariDifficult?.caseId },
    { kind: 'supervision', caseId: supervision?.cases[0]?.caseId, recordId: supervision?.supervisionId },
  ],
  ...overrides,
});

const raise = async (as: string, body: unknown, key = randomUUID()) =>
  api.call('POST', '/api/regional-issues', { as, body, headers: { 'idempotency-key': key } });

const write = (method: string, path: string, body: unknown, version: number | null, as = TAKAHASHI) =>
  api.call(method, path, {
    as,
    body,
    headers: {
      ...(version === null ? {} : { 'if-match': `"${version}"` }),
      ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
    },
  });

const itemsOf = async (issueId: string) =>
  (await api.queryPartition(keys.regionalIssue('kibougaoka').pk)).filter((item) => item.issueId === issueId);

describe('following a regional issue from the cases to the council', () => {
  it('raises, discusses, proposes and acts on an issue, every step dated, and shows the council counts only', async () => {
    const created = await raise(TAKAHASHI, coreIssueBody());
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.json).toMatchObject({
      view: 'full',
      status: 'raised',
      caseCount: 3,
      meetingCount: 2,
      sourceCounts: { service_meeting: 1, difficult_case: 1, supervision: 1 },
      raisedByOfficeId: 'kibou-core',
    });
    expect(created.json.sources[0]).toMatchObject({ caseId: himawariMeeting?.caseId, officeId: 'himawari' });
    const path = `/api/regional-issues/${created.json.issueId}`;

    const discussed = await write('POST', `${path}/moves`, { to: 'under_discussion', on: SESSION_DAY }, 1);
    expect(discussed.status).toBe(200);
    expect(discussed.headers.get('etag')).toBe('"2"');
    const linked = await write('POST', `${path}/sessions`, { eventId: recentSession?.eventId }, 2);
    expect(linked.status).toBe(200);
    const proposed = await write(
      'POST',
      `${path}/moves`,
      { to: 'proposal', on: TODAY, note: '全体会に提言' },
      3,
    );
    expect(proposed.status).toBe(200);
    const outcome = await write(
      'PUT',
      `${path}/outcome`,
      {
        actionKind: 'extended_hours',
        note: '緊急時の空床を確保',
        planRevisionNote: '第8期計画で短期入所の見込量を上方修正',
        recordedOn: TODAY,
      },
      4,
    );
    expect(outcome.status).toBe(200);
    const acted = await write('POST', `${path}/moves`, { to: 'action', on: TODAY }, 5);
    expect(acted.status).toBe(200);

    const council = await api.call('GET', path, { as: ITO });
    expect(council.status).toBe(200);
    expect(council.json).toMatchObject({
      view: 'council',
      status: 'action',
      caseCount: 3,
      meetingCount: 2,
      planRevisionNote: '第8期計画で短期入所の見込量を上方修正',
      outcome: { actionKind: 'extended_hours', recordedOn: TODAY },
      version: 6,
    });
    expect(council.json.history).toEqual([
      { status: 'raised', on: RAISED_ON, note: '' },
      { status: 'under_discussion', on: SESSION_DAY, note: '' },
      { status: 'proposal', on: TODAY, note: '全体会に提言' },
      { status: 'action', on: TODAY, note: '' },
    ]);
    expect(council.json.sessions).toEqual([
      {
        eventId: recentSession?.eventId,
        kind: recentSession?.kind,
        heldOn: recentSession?.heldOn,
        title: recentSession?.title,
      },
    ]);
    expect(council.json).not.toHaveProperty('sources');
  });

  it('audits every write to an issue', async () => {
    const created = await raise(TAKAHASHI, coreIssueBody({ title: '監査の確認' }));
    const path = `/api/regional-issues/${created.json.issueId}`;
    await write('POST', `${path}/moves`, { to: 'under_discussion', on: TODAY }, 1);
    const audits = (await api.allItems()).filter(
      (item) =>
        item.entity === 'audit' &&
        item.recordType === 'regional_issue' &&
        item.recordId === created.json.issueId,
    );
    expect(audits.map((item) => item.action).sort()).toEqual(['create', 'update']);
  });
});

describe('refused steps', () => {
  const raised = async () => {
    const created = await raise(TAKAHASHI, coreIssueBody({ title: `確認 ${randomUUID().slice(0, 6)}` }));
    expect(created.status).toBe(201);
    return `/api/regional-issues/${created.json.issueId}`;
  };

  it('refuses a move the council year does not allow with a 400 on `to`, and writes nothing', async () => {
    const path = await raised();
    const response = await write('POST', `${path}/moves`, { to: 'action', on: TODAY }, 1);
    expect(response.status).toBe(400);
    expect(response.json.error.fields).toEqual([
      { field: 'body.to', message: '「提起」から「施策化」には進められません' },
    ]);
    expect((await api.call('GET', path, { as: TAKAHASHI })).json.version).toBe(1);
  });

  it('refuses a step dated before the previous one with a 400 on `on`', async () => {
    const path = await raised();
    const response = await write(
      'POST',
      `${path}/moves`,
      { to: 'under_discussion', on: addDays(RAISED_ON, -1) },
      1,
    );
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe('body.on');
  });

  it('refuses a stale If-Match with a 412 carrying the current version, and a missing one with a 428', async () => {
    const path = await raised();
    expect((await write('POST', `${path}/moves`, { to: 'under_discussion', on: TODAY }, 1)).status).toBe(200);
    const stale = await write('POST', `${path}/moves`, { to: 'proposal', on: TODAY }, 1);
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(
      (await write('PUT', `${path}/outcome`, { actionKind: 'none', recordedOn: TODAY }, null)).status,
    ).toBe(428);
  });

  it('links only council and sub-committee sessions of the tenant, each once', async () => {
    const path = await raised();
    const training = await write('POST', `${path}/sessions`, { eventId: TRAINING?.eventId }, 1);
    expect(training.status).toBe(400);
    expect(training.json.error.fields[0]).toEqual({
      field: 'body.eventId',
      message: '協議会または部会の記録を選んでください',
    });
    const otherTenant = await write('POST', `${path}/sessions`, { eventId: HOKUSHIN_SESSION?.eventId }, 1);
    expect(otherTenant.status).toBe(400);
    expect(otherTenant.json.error.fields[0].message).toBe('協議会・部会の記録が見つかりません');
    expect((await write('POST', `${path}/sessions`, { eventId: recentSession?.eventId }, 1)).status).toBe(
      200,
    );
    const twice = await write('POST', `${path}/sessions`, { eventId: recentSession?.eventId }, 2);
    expect(twice.json.error.fields[0].message).toBe('この会議はすでに紐づいています');
  });

  it('refuses a source that does not exist, naming the source field', async () => {
    const response = await raise(
      TAKAHASHI,
      coreIssueBody({
        sources: [{ kind: 'service_meeting', caseId: himawariMeeting?.caseId, recordId: 'no-such-meeting' }],
      }),
    );
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe('body.sources.0.recordId');
  });
});

describe('raising an issue twice with one Idempotency-Key', () => {
  it('stores one issue and answers the retry with the first response', async () => {
    const key = randomUUID();
    const body = coreIssueBody({ title: '冪等性の確認' });
    const first = await raise(TAKAHASHI, body, key);
    const retry = await raise(TAKAHASHI, body, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json.issueId).toBe(first.json.issueId);
    const stored = (await api.queryPartition(keys.regionalIssue('kibougaoka').pk)).filter(
      (item) => item.title === '冪等性の確認',
    );
    expect(stored).toHaveLength(1);
  });
});

describe('offices and the municipality', () => {
  it("lets an office raise from its own meeting's unsolved item and answers with the council view", async () => {
    const response = await raise(SATO, {
      title: '休日の移動支援が足りない',
      category: 'transport',
      raisedOn: TODAY,
      sources: [
        { kind: 'service_meeting', caseId: himawariMeeting?.caseId, recordId: himawariMeeting?.recordId },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ view: 'council', caseCount: 1, meetingCount: 1 });
    expect(response.text).not.toContain(himawariMeeting?.caseId ?? '-');
    const issue = await api.call('GET', `/api/regional-issues/${response.json.issueId}`, { as: SATO });
    expect(issue.json.view).toBe('council');
    expect((await itemsOf(response.json.issueId))[0]?.raisedByOfficeId).toBe('himawari');
  });

  it("answers an office raising from another office's case with a 404 and writes nothing", async () => {
    const before = (await api.allItems()).length;
    const response = await raise(SATO, {
      title: '他事業所の事例から',
      category: 'other',
      raisedOn: TODAY,
      sources: [
        { kind: 'service_meeting', caseId: aozoraMeeting?.caseId, recordId: aozoraMeeting?.recordId },
      ],
    });
    expect(response.status).toBe(404);
    expect((await api.allItems()).length).toBe(before);
  });

  it('lists for an office only the issues it raised, and hides the others behind a 404', async () => {
    const list = await api.call('GET', '/api/regional-issues', { as: TANAKA });
    expect(list.status).toBe(200);
    const aozora = demoRegionalIssues('kibougaoka', NOW).filter(
      (issue) => issue.raisedByOfficeId === 'aozora',
    );
    expect(list.json.items.map((item: { issueId: string }) => item.issueId)).toEqual(
      aozora.map((issue) => issue.issueId),
    );
    const himawari = demoRegionalIssues('kibougaoka', NOW).find(
      (issue) => issue.raisedByOfficeId === 'himawari',
    );
    expect((await api.call('GET', `/api/regional-issues/${himawari?.issueId}`, { as: TANAKA })).status).toBe(
      404,
    );
  });

  it('refuses every write of the municipality (403) and everything of the tenant admin', async () => {
    const issue = demoRegionalIssues('kibougaoka', NOW)[0];
    const path = `/api/regional-issues/${issue?.issueId}`;
    expect((await raise(ITO, coreIssueBody())).status).toBe(403);
    expect((await write('POST', `${path}/moves`, { to: 'closed', on: TODAY }, 1, ITO)).status).toBe(403);
    expect(
      (await write('PUT', `${path}/outcome`, { actionKind: 'none', recordedOn: TODAY }, 1, ITO)).status,
    ).toBe(403);
    expect((await api.call('GET', '/api/regional-issues', { as: ADMIN })).status).toBe(403);
  });

  it('filters the list by status, category and fiscal year', async () => {
    const demo = demoRegionalIssues('kibougaoka', NOW);
    const previous = fiscalYearOf(TODAY) - 1;
    const byStatus = await api.call('GET', '/api/regional-issues?status=action', { as: ITO });
    expect(byStatus.json.items.length).toBeGreaterThan(0);
    expect(byStatus.json.items.every((item: { status: string }) => item.status === 'action')).toBe(true);
    const byCategory = await api.call('GET', '/api/regional-issues?category=group_home', { as: ITO });
    expect(byCategory.json.items.map((item: { issueId: string }) => item.issueId)).toEqual(
      demo.filter((issue) => issue.category === 'group_home').map((issue) => issue.issueId),
    );
    const lastYear = await api.call('GET', `/api/regional-issues?fiscalYear=${previous}`, { as: ITO });
    expect(
      lastYear.json.items.every((item: { raisedOn: string }) => fiscalYearOf(item.raisedOn) <= previous),
    ).toBe(true);
    const bad = await api.call('GET', '/api/regional-issues?status=unknown', { as: ITO });
    expect(bad.status).toBe(400);
  });
});

describe('what the council view never shows', () => {
  /** Every case id and every seeded person's name and kana of the tenant. */
  const SECRETS = CASES.flatMap(({ person, record }) => [record.caseId, person.name, person.kana]).concat(
    MEETINGS.map(({ meeting }) => meeting.recordId),
  );

  it('has no case id, meeting id, person name or source note in the list or any issue read by the municipality', async () => {
    const list = await api.call('GET', '/api/regional-issues', { as: ITO });
    expect(list.json.items.length).toBeGreaterThanOrEqual(5);
    const bodies = [list.text];
    for (const item of list.json.items) {
      bodies.push((await api.call('GET', `/api/regional-issues/${item.issueId}`, { as: ITO })).text);
    }
    for (const body of bodies) {
      for (const secret of SECRETS) expect(body).not.toContain(secret);
      expect(body).not.toContain('未解決事項');
      expect(body).not.toContain('"sources"');
    }
  });

  it('does show the core center where each source came from', async () => {
    const issue = demoRegionalIssues('kibougaoka', NOW)[0];
    const full = await api.call('GET', `/api/regional-issues/${issue?.issueId}`, { as: TAKAHASHI });
    expect(full.json.view).toBe('full');
    expect(full.json.sources.map((source: { caseId: string }) => source.caseId)).toEqual(
      issue?.sources.map((source) => source.caseId),
    );
  });
});
