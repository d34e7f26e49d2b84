import { PutCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addDays, addMonths, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { AOZORA_CASE, HOKUSHIN_CASE } from '../support/personas.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const today = () => todayInJapan();

const timeline = (caseId: string, as = SATO) => api.call('GET', `/api/cases/${caseId}/timeline`, { as });
const auditsOf = async (recordId: string) => {
  const day = new Date().toISOString().slice(0, 10);
  return (await api.queryPartition(keys.auditDay('kibougaoka', day).pk)).filter(
    (entry) => entry.recordId === recordId,
  );
};

/**
 * A case with a decision, two monitorings (entered newest first) and two phase moves, plus a
 * meeting written the way the records routes store theirs: every kind the timeline reads.
 */
const caseWithHistory = async (as = SATO) => {
  const opened = (
    await api.call('POST', '/api/cases', { as, body: newCaseBody({ openedOn: addMonths(today(), -6) }) })
  ).json;
  const post = (path: string, body: unknown, version?: number) =>
    api.call('POST', `/api/cases/${opened.caseId}${path}`, {
      as,
      body,
      headers: version === undefined ? {} : { 'if-match': `"${version}"` },
    });
  const monitoring = (conductedOn: string) => ({
    conductedOn,
    kind: 'regular',
    method: 'office',
    planChangeNeeded: false,
  });
  expect((await post('/phase', { to: 'assessment' }, 1)).status).toBe(200);
  expect((await post('/phase', { to: 'planning' }, 2)).status).toBe(200);
  const validFrom = addMonths(`${today().slice(0, 7)}-01`, -5);
  const decision = {
    decidedOn: addDays(validFrom, -3),
    validFrom,
    validTo: addDays(addMonths(validFrom, 12), -1),
    monitoringPeriodMonths: 3,
    intensiveStart: true,
  };
  expect((await post('/service-decisions', decision)).status).toBe(201);
  expect((await post('/monitorings', monitoring(addDays(today(), -10)))).status).toBe(201);
  expect((await post('/monitorings', monitoring(addMonths(today(), -2)))).status).toBe(201);
  return { caseId: opened.caseId, decision };
};

describe('the case timeline', () => {
  it('lists every record of the case, oldest first, each as its own kind', async () => {
    const { caseId, decision } = await caseWithHistory();
    const meetingOn = addMonths(today(), -1);
    const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
    await documents.send(
      new PutCommand({
        TableName: api.tableName,
        Item: {
          ...keys.caseRecord('kibougaoka', caseId, 'MEETING', `${meetingOn}#meeting-0001`),
          entity: 'meeting',
          recordId: 'meeting-0001',
          caseId,
          heldOn: meetingOn,
          opinions: '本人は通所日を増やしたい',
          createdAt: new Date().toISOString(),
        },
      }),
    );

    const response = await timeline(caseId);
    expect(response.status).toBe(200);
    expect(response.json.caseId).toBe(caseId);
    const entries: { kind: string; date: string; record?: Record<string, unknown> }[] = response.json.entries;
    expect(entries.map((entry) => [entry.kind, entry.date])).toEqual([
      ['decision', decision.decidedOn],
      ['monitoring', addMonths(today(), -2)],
      ['meeting', meetingOn],
      ['monitoring', addDays(today(), -10)],
      ['phase', today()],
      ['phase', today()],
    ]);
    expect(entries[0]?.record).toMatchObject({ validFrom: decision.validFrom, intensiveStart: true });
    expect(entries.filter((entry) => entry.kind === 'phase').map((entry) => entry.record?.to)).toEqual([
      'assessment',
      'planning',
    ]);
    // A referenced record comes without its content: its own route serves that.
    expect(response.text).not.toContain('本人は通所日を増やしたい');
  });

  it('audits one read per timeline', async () => {
    const { caseId } = await caseWithHistory();
    const before = (await auditsOf(caseId)).filter((entry) => entry.action === 'read').length;
    expect((await timeline(caseId)).status).toBe(200);
    const reads = (await auditsOf(caseId)).filter((entry) => entry.action === 'read');
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({ actorUserId: 'user-sato', recordType: 'case' });
  });

  it('is empty for a new case', async () => {
    const created = await api.call('POST', '/api/cases', { as: SATO, body: newCaseBody() });
    const response = await timeline(created.json.caseId);
    expect(response.json).toEqual({ caseId: created.json.caseId, entries: [] });
  });

  it('shows the core center the timeline of a case of its own office', async () => {
    const { caseId } = await caseWithHistory('takahashi@kibou.example');
    const response = await timeline(caseId, 'takahashi@kibou.example');
    expect(response.status).toBe(200);
    expect(response.json.entries.length).toBeGreaterThan(0);
  });

  it.each([
    ['another office', AOZORA_CASE, SATO],
    ['another tenant', HOKUSHIN_CASE, SATO],
    [
      'an office the core center sees pseudonymised only',
      'demo-kibougaoka-case-001',
      'takahashi@kibou.example',
    ],
    ['a case that does not exist', 'no-such-case-001', SATO],
  ])('answers 404 for %s', async (_label, caseId, as) => {
    const response = await timeline(caseId, as);
    expect(response.status).toBe(404);
    expect(response.json).not.toHaveProperty('entries');
  });

  it("audits the core center's refused read of a pseudonymised case as denied", async () => {
    const caseId = 'demo-kibougaoka-case-002';
    await timeline(caseId, 'takahashi@kibou.example');
    expect((await auditsOf(caseId)).map((entry) => [entry.action, entry.actorUserId])).toEqual([
      ['denied', 'user-takahashi'],
    ]);
  });

  it('refuses municipal officers and tenant admins (403)', async () => {
    for (const as of ['ito@kibou.example', 'admin@kibou.example']) {
      expect((await timeline('demo-kibougaoka-case-001', as)).status).toBe(403);
    }
  });
});
